package rrm.utility;

import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.tensor.Tensor;

/**
 * Rates of the MIMO interference channel with linear precoders (paper 001 eq. (2)), as differentiable tensor ops:
 *
 * <pre>
 *   c_i = log2 det(I + H_ii V_i V_i^H H_ii^H N_i^{-1}),   N_i = sigma_i^2 I + sum_{j != i} H_ij V_j V_j^H H_ij^H
 * </pre>
 *
 * in bits/s/Hz, with channels {@code H [B, K, N_r, K, N_t]} ({@link rrm.system}) and precoders {@code V [B, K, N_t,
 * d]}. Computed as {@code log2 det(I_d + B_i^H N_i^{-1} B_i)} with {@code B_i = H_ii V_i} (Sylvester's identity): a
 * d x d log-det of a matrix {@code >= I}, which neither cancels nor needs the own signal subtracted from a total
 * ({@link MimoSignals}). Needs {@code sigma_i^2 > 0} unless the interference alone makes {@code N_i} positive
 * definite. Gradients flow to {@code V} (a problem holds its channels detached).
 */
public final class MimoRates {
  private static final double LN2 = Math.log(2);

  private MimoRates() {}

  /** Returns the per-user rates {@code [B, K]} of the beamformers. */
  public static Tensor rates(MimoProblem problem, Beamformers beamformers) {
    if (beamformers == null) throw new IllegalArgumentException("MimoRates.rates: beamformers must not be null");
    return rates(MimoSignals.of(problem), beamformers.tensor());
  }

  /** Returns the per-user rates {@code [B, K]} at precoders {@code v [B, K, N_t, d]}. */
  public static Tensor rates(MimoProblem problem, Tensor v) {
    return rates(MimoSignals.of(problem), v);
  }

  /** Returns the per-user rates {@code [B, K]} reusing a problem's signal state. */
  public static Tensor rates(MimoSignals signals, Tensor v) {
    Tensor w = signals.receive(v, 0).whitened()[1];
    return w.logdetHpd().div(LN2);
  }

  /**
   * Returns the per-user rates {@code [B, K]} at precoders {@code v}, computed from a QR factorisation of each
   * receiver's covariance square root instead of the covariance itself: accurate where a receiver's noise is tiny
   * against its interference (the covariance's condition number near 1e12), where {@link #rates} can be off by up to
   * 1e-5 bit/s/Hz. Not differentiable, and slower: for checks and reports ({@link SquareRootRates}).
   */
  public static Tensor precise(MimoProblem problem, Tensor v) {
    return precise(MimoSignals.of(problem), v);
  }

  /** As {@link #precise(MimoProblem, Tensor)}, reusing a problem's signal state. */
  public static Tensor precise(MimoSignals signals, Tensor v) {
    if (signals == null) throw new IllegalArgumentException("MimoRates.precise: signals must not be null");
    return SquareRootRates.of(signals, v);
  }

  /** Returns the sum-rate {@code sum_i c_i} per instance, {@code [B]}. */
  public static Tensor sumRate(MimoProblem problem, Tensor v) {
    return rates(problem, v).sum(-1);
  }

  /**
   * Returns the weighted sum-rate {@code sum_i alpha_i c_i} per instance, {@code [B]}, with the problem's rate weights
   * (all 1 when it has none).
   */
  public static Tensor weightedSumRate(MimoProblem problem, Tensor v) {
    return weighted(problem, rates(problem, v));
  }

  /** Returns {@code sum_i alpha_i c_i} of per-user rates {@code [B, K]} with the problem's weights (1 if none). */
  public static Tensor weighted(MimoProblem problem, Tensor rates) {
    Tensor alpha = problem.weights();
    return (alpha == null ? rates : rates.mul(alpha)).sum(-1);
  }
}
