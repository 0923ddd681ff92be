package rrm.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * The record of a training run, as columns: one row per step (index, loss, gradient norm before clipping, learning
 * rate, skipped) and one row per validation (step, value, improved). The report package turns these into tables.
 *
 * <p>Everything except {@link #elapsedSeconds()} is a function of the seeds, so the same seeds give equal
 * histories ({@link #sameRecord}). Skipped steps keep their (non-finite) loss and count in
 * {@link #skippedSteps()}.
 */
public final class History {
  private final int plannedSteps;
  private final int stepsPerEpoch;
  private final String validationName;
  private final boolean maximize;
  private final List<Integer> steps = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();
  private final List<Double> gradNorms = new ArrayList<>();
  private final List<Double> learningRates = new ArrayList<>();
  private final List<Boolean> skipped = new ArrayList<>();
  private final List<Integer> validationSteps = new ArrayList<>();
  private final List<Double> validationValues = new ArrayList<>();
  private final List<Boolean> improved = new ArrayList<>();
  private int skippedSteps;
  private int bestStep = -1;
  private double bestValue = Double.NaN;
  private boolean restoredBest;
  private StopReason stopReason;
  private String message = "";
  private double elapsedSeconds;

  History(int plannedSteps, int stepsPerEpoch, String validationName, boolean maximize) {
    this.plannedSteps = plannedSteps;
    this.stepsPerEpoch = stepsPerEpoch;
    this.validationName = validationName;
    this.maximize = maximize;
  }

  void addStep(int step, double loss, double gradNorm, double lr, boolean skip) {
    steps.add(step);
    losses.add(loss);
    gradNorms.add(gradNorm);
    learningRates.add(lr);
    skipped.add(skip);
    if (skip) skippedSteps++;
  }

  void addValidation(int step, double value, boolean better) {
    validationSteps.add(step);
    validationValues.add(value);
    improved.add(better);
    if (better) {
      bestStep = step;
      bestValue = value;
    }
  }

  void finish(StopReason reason, String why, boolean restored, double seconds) {
    this.stopReason = reason;
    this.message = why;
    this.restoredBest = restored;
    this.elapsedSeconds = seconds;
  }

  /** Returns the 0-based index of every step taken or skipped. */
  public int[] steps() {
    return steps.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Returns the epoch of every step ({@code step / stepsPerEpoch}; 0 when the run was not set up in epochs). */
  public int[] epochs() {
    return steps.stream().mapToInt(s -> stepsPerEpoch > 0 ? s / stepsPerEpoch : 0).toArray();
  }

  /** Returns the training loss of every step. */
  public double[] losses() {
    return losses.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Returns the global gradient norm before clipping of every step (NaN where the loss was not finite). */
  public double[] gradNorms() {
    return gradNorms.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Returns the learning rate of every step. */
  public double[] learningRates() {
    return learningRates.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Returns whether each step was skipped for a non-finite loss or gradient. */
  public boolean[] skipped() {
    boolean[] out = new boolean[skipped.size()];
    for (int i = 0; i < out.length; i++) out[i] = skipped.get(i);
    return out;
  }

  /** Returns the step after which each validation ran. */
  public int[] validationSteps() {
    return validationSteps.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Returns each validation value. */
  public double[] validationValues() {
    return validationValues.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Returns whether each validation improved on the best before it. */
  public boolean[] validationImproved() {
    boolean[] out = new boolean[improved.size()];
    for (int i = 0; i < out.length; i++) out[i] = improved.get(i);
    return out;
  }

  /** Returns the number of steps taken or skipped. */
  public int stepCount() {
    return steps.size();
  }

  /** Returns the planned number of steps. */
  public int plannedSteps() {
    return plannedSteps;
  }

  /** Returns the steps per epoch, or 0 when the run was given a plain step count. */
  public int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** Returns the number of skipped steps. */
  public int skippedSteps() {
    return skippedSteps;
  }

  /** Returns the validation's name, or null when there was no validation. */
  public String validationName() {
    return validationName;
  }

  /** Returns whether larger validation values are better. */
  public boolean maximize() {
    return maximize;
  }

  /** Returns the step of the best validation, or -1. */
  public int bestStep() {
    return bestStep;
  }

  /** Returns the best validation value, or NaN. */
  public double bestValue() {
    return bestValue;
  }

  /** Returns whether the model's parameters were reset to the best validation's at the end. */
  public boolean restoredBest() {
    return restoredBest;
  }

  /** Returns why training stopped (null while it runs). */
  public StopReason stopReason() {
    return stopReason;
  }

  /** Returns whether training was interrupted. */
  public boolean interrupted() {
    return stopReason == StopReason.INTERRUPTED;
  }

  /** Returns a sentence on how training ended. */
  public String message() {
    return message;
  }

  /** Returns the wall-clock duration of the run in seconds (not reproducible). */
  public double elapsedSeconds() {
    return elapsedSeconds;
  }

  /** Returns whether two histories record the same run: every column and outcome equal, timing aside. */
  public boolean sameRecord(History o) {
    return steps.equals(o.steps) && losses.equals(o.losses) && gradNorms.equals(o.gradNorms)
        && learningRates.equals(o.learningRates) && skipped.equals(o.skipped)
        && validationSteps.equals(o.validationSteps) && validationValues.equals(o.validationValues)
        && improved.equals(o.improved) && bestStep == o.bestStep && stopReason == o.stopReason;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("History: ").append(steps.size()).append(" of ").append(plannedSteps)
        .append(" steps");
    if (!losses.isEmpty()) sb.append(", last loss ").append(String.format("%.6g", losses.get(losses.size() - 1)));
    if (bestStep >= 0) sb.append(String.format(", best %s %.6g at step %d", validationName, bestValue, bestStep));
    if (skippedSteps > 0) sb.append(", ").append(skippedSteps).append(" skipped");
    if (stopReason != null) sb.append(", ").append(stopReason).append(message.isEmpty() ? "" : ": " + message);
    return sb.toString();
  }
}
