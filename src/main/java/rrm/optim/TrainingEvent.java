package rrm.optim;

import java.time.Duration;

/**
 * What a {@link TrainingCallback} is told after a step, a validation, or at the end.
 *
 * @param step the 0-based index of the step just taken (at the end: of the last step taken, -1 if none)
 * @param totalSteps the planned number of steps
 * @param loss the step's training loss (NaN if it was not finite)
 * @param gradNorm the global gradient norm before clipping (NaN if the step was skipped before backward)
 * @param learningRate the learning rate used for the step
 * @param validation the value just validated (NaN on step events)
 * @param bestValidation the best validation value so far (NaN if none)
 * @param skippedSteps how many steps were skipped so far for a non-finite loss or gradient
 * @param stepsPerSecond steps taken per wall-clock second so far (validation time included)
 * @param elapsed wall-clock time since the start
 * @param eta estimated time to finish the planned steps at the current rate
 * @param history the live history (read it, do not keep it across runs)
 */
public record TrainingEvent(int step, int totalSteps, double loss, double gradNorm, double learningRate,
    double validation, double bestValidation, int skippedSteps, double stepsPerSecond, Duration elapsed,
    Duration eta, History history) {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format("step %d/%d loss %.6g lr %.3g", step + 1, totalSteps, loss,
        learningRate));
    if (!Double.isNaN(validation)) sb.append(String.format(" %s %.6g", history.validationName(), validation));
    if (!Double.isNaN(bestValidation)) sb.append(String.format(" (best %.6g)", bestValidation));
    sb.append(String.format(" | %.1f steps/s, elapsed %ds, eta %ds", stepsPerSecond, elapsed.toSeconds(),
        eta.toSeconds()));
    return sb.toString();
  }
}
