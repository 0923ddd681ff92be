package rrm.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import rrm.optim.StopReason;
import rrm.optim.TrainingCallback;
import rrm.optim.TrainingEvent;

/**
 * A {@link TrainingCallback} that shows a training run as a live {@link Progress}: steps done, the mean training loss
 * of the last {@value #WINDOW} steps (a single batch's loss is noisy), the last epoch's selection value and the best
 * one, skipped steps if any, speed and time left. The view starts at the first step (when the total is known) and
 * finishes when training ends, however it ends: a run that did not complete says so in place of its duration
 * ("interrupted at step 120", "diverged at step 20", "stopped early at step 400").
 *
 * <pre>{@code
 * UwmmseTraining.of(config, source).callback(TrainingProgress.start("UWMMSE, low noise")).train();
 * }</pre>
 */
public final class TrainingProgress implements TrainingCallback {
  /** Steps in the running mean of the loss. */
  static final int WINDOW = 100;
  /** The metric name of the running mean loss. */
  static final String LOSS = "loss (last " + WINDOW + " steps)";

  private final String label;
  private final LongFunction<Progress> starter;
  private final double[] recent = new double[WINDOW];
  private int count;
  private Progress progress;
  private final Map<String, Number> metrics = new LinkedHashMap<>();

  TrainingProgress(String label, LongFunction<Progress> starter) {
    if (label == null) throw new IllegalArgumentException("TrainingProgress: label must not be null");
    this.label = label;
    this.starter = starter;
  }

  /** Returns a callback that shows progress under {@code label}: in place in a notebook, else as occasional lines. */
  public static TrainingProgress start(String label) {
    return new TrainingProgress(label, total -> Progress.start(label, total));
  }

  @Override
  public void onStep(TrainingEvent e) {
    if (progress == null) progress = starter.apply(e.totalSteps());
    if (Double.isFinite(e.loss())) recent[count++ % WINDOW] = e.loss();
    int n = Math.min(count, WINDOW);
    double sum = 0;
    for (int k = 0; k < n; k++) sum += recent[k];
    if (n > 0) metrics.put(LOSS, sum / n);
    if (e.skippedSteps() > 0) metrics.put("skipped", e.skippedSteps());
    progress.update(e.step() + 1, metrics);
  }

  @Override
  public void onValidation(TrainingEvent e) {
    String name = e.history().validationName();
    metrics.put(name, e.validation());
    metrics.put("best", e.bestValidation());
    if (progress != null) progress.update(e.step() + 1, metrics);
  }

  @Override
  public void onEnd(TrainingEvent e) {
    if (progress == null) progress = starter.apply(Math.max(1, e.totalSteps()));
    int done = e.step() + 1;
    progress.update(done, metrics);
    StopReason reason = e.history().stopReason();
    progress.finish(reason == null ? null : switch (reason) {
      case COMPLETED -> null;
      case EARLY_STOPPED -> "stopped early at step " + done;
      case INTERRUPTED -> "interrupted at step " + done;
      case NON_FINITE, COLLAPSED -> "diverged at step " + done;
    });
  }

  /** Returns the current line of the view (empty before the first step). */
  public String line() {
    return progress == null ? "" : progress.line();
  }

  @Override
  public String toString() {
    return "TrainingProgress '" + label + "'" + (progress == null ? "" : ": " + progress.line());
  }
}
