package rrm.optim;

import java.util.function.ToDoubleFunction;
import rrm.nn.Module;

/**
 * What the trainer validates: a named value computed from the model (under no-grad) and whether larger or smaller
 * is better. The best validation decides which parameters are kept and when early stopping triggers.
 *
 * <pre>
 *   Validation.maximize("sum rate", model -> meanSumRate(model, validationSet))   // a utility
 *   Validation.minimize("validation loss", model -> loss(model, validationSet))   // a loss
 *   Validation.meanTrainingLoss()   // the mean training loss since the previous validation (the authors' code of paper
 * 002)
 * </pre>
 *
 * @param name the column name of the values in the {@link History}
 * @param maximize true if larger values are better
 * @param metric the value of the model; null for {@link #meanTrainingLoss()}
 */
public record Validation<M extends Module>(String name, boolean maximize, ToDoubleFunction<M> metric) {
  /** A utility to maximise. */
  public static <M extends Module> Validation<M> maximize(String name, ToDoubleFunction<M> metric) {
    return new Validation<>(name, true, metric);
  }

  /** A loss to minimise. */
  public static <M extends Module> Validation<M> minimize(String name, ToDoubleFunction<M> metric) {
    return new Validation<>(name, false, metric);
  }

  /** The mean of the finite training losses since the previous validation, to minimise (no extra evaluation). */
  public static <M extends Module> Validation<M> meanTrainingLoss() {
    return new Validation<>("mean training loss", false, null);
  }

  /** Returns whether {@code candidate} is strictly better than {@code best} (NaN is never better). */
  public boolean better(double candidate, double best) {
    if (Double.isNaN(candidate)) return false;
    if (Double.isNaN(best)) return true;
    return maximize ? candidate > best : candidate < best;
  }
}
