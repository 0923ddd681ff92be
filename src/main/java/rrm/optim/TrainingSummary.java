package rrm.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.nn.CheckpointException;
import rrm.nn.ModelFiles;

/**
 * What a training run produced besides the parameters, small enough to live in a checkpoint's settings so that a
 * model loaded from a file still reports its training time and curve: wall-clock time, steps, the per-epoch
 * selection values (for example the mean training loss of each epoch, as the authors' code of paper 002 selects) with
 * the kept one, and the training loss averaged over windows of {@code window} steps.
 *
 * @param seconds wall-clock training time in seconds
 * @param steps steps taken (including skipped ones)
 * @param skippedSteps steps skipped for a non-finite loss or gradient
 * @param stopReason why training ended ({@code StopReason} name)
 * @param selection the name of the per-epoch selection value ("mean training loss", "validation sum-rate", ...)
 * @param selectionSteps the 0-based step after which each selection value was computed
 * @param selectionValues the selection values
 * @param bestStep the step of the kept parameters (-1 if none were selected)
 * @param bestValue the selection value of the kept parameters (NaN if none)
 * @param window the number of steps per entry of {@code lossCurve}
 * @param lossCurve the mean finite training loss of steps {@code [k·window, (k+1)·window)}
 * @param dataSeconds time spent preparing the training data before the first step (labels, feature scaler), not
 *     included in {@code seconds} (paper 002 quotes the MLP's training time without its WMMSE labelling)
 */
public record TrainingSummary(double seconds, int steps, int skippedSteps, String stopReason, String selection,
    int[] selectionSteps, double[] selectionValues, int bestStep, double bestValue, int window, double[] lossCurve,
    double dataSeconds) {
  static final String PREFIX = "result.";

  public TrainingSummary {
    if (window < 1) throw new IllegalArgumentException("TrainingSummary: window must be >= 1, got " + window);
    if (selectionSteps.length != selectionValues.length) {
      throw new IllegalArgumentException("TrainingSummary: " + selectionSteps.length + " selection steps but "
          + selectionValues.length + " values");
    }
    selectionSteps = selectionSteps.clone();
    selectionValues = selectionValues.clone();
    lossCurve = lossCurve.clone();
  }

  /** Summarises a finished history, averaging the training loss over windows of {@code window} steps. */
  public static TrainingSummary of(History h, int window) {
    if (window < 1) throw new IllegalArgumentException("TrainingSummary.of: window must be >= 1, got " + window);
    double[] loss = h.losses();
    int n = (loss.length + window - 1) / window;
    double[] curve = new double[n];
    for (int k = 0; k < n; k++) {
      double sum = 0;
      int count = 0;
      for (int s = k * window; s < Math.min(loss.length, (k + 1) * window); s++) {
        if (Double.isFinite(loss[s])) {
          sum += loss[s];
          count++;
        }
      }
      curve[k] = count == 0 ? Double.NaN : sum / count;
    }
    return new TrainingSummary(h.elapsedSeconds(), h.stepCount(), h.skippedSteps(),
        h.stopReason() == null ? "RUNNING" : h.stopReason().name(),
        h.validationName() == null ? "none" : h.validationName(), h.validationSteps(), h.validationValues(),
        h.bestStep(), h.bestValue(), window, curve, 0);
  }

  /** Returns a copy that records {@code s} seconds of data preparation. */
  public TrainingSummary withDataSeconds(double s) {
    return new TrainingSummary(seconds, steps, skippedSteps, stopReason, selection, selectionSteps, selectionValues,
        bestStep, bestValue, window, lossCurve, s);
  }

  /** Returns the training time in minutes. */
  public double minutes() {
    return seconds / 60;
  }

  /** Returns the 0-based index of the kept epoch's selection (-1 if none). */
  public int bestIndex() {
    for (int k = 0; k < selectionSteps.length; k++) if (selectionSteps[k] == bestStep) return k;
    return -1;
  }

  /** Returns the summary as checkpoint settings, every key starting with {@code result.}; values round-trip exactly. */
  public Map<String, String> toSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(PREFIX + "seconds", Double.toString(seconds));
    s.put(PREFIX + "steps", Integer.toString(steps));
    s.put(PREFIX + "skipped_steps", Integer.toString(skippedSteps));
    s.put(PREFIX + "stop_reason", stopReason);
    s.put(PREFIX + "selection", selection);
    s.put(PREFIX + "selection_steps", ModelFiles.formatInts(selectionSteps));
    s.put(PREFIX + "selection_values", ModelFiles.formatDoubles(selectionValues));
    s.put(PREFIX + "best_step", Integer.toString(bestStep));
    s.put(PREFIX + "best_value", Double.toString(bestValue));
    s.put(PREFIX + "window", Integer.toString(window));
    s.put(PREFIX + "loss_curve", ModelFiles.formatDoubles(lossCurve));
    s.put(PREFIX + "data_seconds", Double.toString(dataSeconds));
    return s;
  }

  /** Reads a summary written by {@link #toSettings()}; throws a {@link CheckpointException} naming a missing key. */
  public static TrainingSummary fromSettings(Map<String, String> s) {
    String op = "TrainingSummary.fromSettings";
    return new TrainingSummary(ModelFiles.requireDouble(s, PREFIX + "seconds", op),
        ModelFiles.requireInt(s, PREFIX + "steps", op), ModelFiles.requireInt(s, PREFIX + "skipped_steps", op),
        ModelFiles.require(s, PREFIX + "stop_reason", op), ModelFiles.require(s, PREFIX + "selection", op),
        ints(ModelFiles.require(s, PREFIX + "selection_steps", op), op),
        doubles(ModelFiles.require(s, PREFIX + "selection_values", op), op),
        ModelFiles.requireInt(s, PREFIX + "best_step", op), ModelFiles.requireDouble(s, PREFIX + "best_value", op),
        ModelFiles.requireInt(s, PREFIX + "window", op), doubles(ModelFiles.require(s, PREFIX + "loss_curve", op), op),
        ModelFiles.requireDouble(s, PREFIX + "data_seconds", op));
  }

  private static int[] ints(String text, String op) {
    return text.isEmpty() ? new int[0] : ModelFiles.parseInts(text, "list", op);
  }

  private static double[] doubles(String text, String op) {
    return text.isEmpty() ? new double[0] : ModelFiles.parseDoubles(text, "list", op);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingSummary t && Double.compare(seconds, t.seconds) == 0 && steps == t.steps
        && skippedSteps == t.skippedSteps && stopReason.equals(t.stopReason) && selection.equals(t.selection)
        && Arrays.equals(selectionSteps, t.selectionSteps) && Arrays.equals(selectionValues, t.selectionValues)
        && bestStep == t.bestStep && Double.compare(bestValue, t.bestValue) == 0 && window == t.window
        && Arrays.equals(lossCurve, t.lossCurve) && Double.compare(dataSeconds, t.dataSeconds) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lossCurve) * 31 + Integer.hashCode(steps);
  }

  @Override
  public String toString() {
    return String.format("TrainingSummary: %d steps in %.1f s (%s), %s best %.6g at step %d, %d skipped", steps,
        seconds, stopReason, selection, bestValue, bestStep, skippedSteps);
  }
}
