package rrm.solver;

import rrm.tensor.Tensor;

/**
 * What a classical {@link Wmmse} run returns.
 *
 * @param powers the final powers {@code p = v^2 [B, M]}
 * @param sumRates per-sample sum-rate in bits after t iterations, {@code [B, T + 1]} (column 0 is the full-power
 *     start); null when the run did not track its trajectory
 * @param utilities per-sample utility {@code sum_i beta(c_i)} of the run's utility, {@code [B, T + 1]}; null when
 *     not tracked
 * @param iterations iterations each sample ran: T, or fewer where the stopping rule froze it
 */
public record WmmseResult(Tensor powers, Tensor sumRates, Tensor utilities, int[] iterations) {
  /** Returns the mean over samples of the sum-rate after each iteration t = 0..T (the convergence curve). */
  public double[] meanSumRate() {
    return columnMeans(sumRates, "meanSumRate");
  }

  /** Returns the mean over samples of the utility after each iteration t = 0..T. */
  public double[] meanUtility() {
    return columnMeans(utilities, "meanUtility");
  }

  /** Returns the per-sample sum-rate of the final powers {@code [B]}. */
  public Tensor finalSumRate() {
    if (sumRates == null) throw notTracked("finalSumRate");
    return sumRates.select(1, sumRates.size(1) - 1);
  }

  private static double[] columnMeans(Tensor t, String op) {
    if (t == null) throw notTracked(op);
    return t.mean(0).toArray();
  }

  private static IllegalStateException notTracked(String op) {
    return new IllegalStateException("WmmseResult." + op + ": this run did not track its trajectory; run a Wmmse "
        + "without withoutTrajectory()");
  }
}
