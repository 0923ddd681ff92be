package rrm.model.unrolled;

import rrm.tensor.Tensor;

/**
 * The environment of one USRMNet layer for a batch (no gradient flows into it): the gains
 * {@code G [B, K, K]}, {@code G_lk = |hb_l^H w_k|^2} of the beams the layer starts from, and the constants of the
 * simple constraints of problem (10): the SINR ceilings {@code gamma~_k = P ||hb_k||^2} and {@code V(gamma~_k)}
 * ({@code [B, K, 1]}), the budget P, the QoS SINR nu_3 with {@code V(nu_3)}, and theta = Q^{-1}(eps) / sqrt(n).
 */
public record UsrmnetStage(Tensor gains, Tensor ceiling, Tensor ceilingDispersion, double pMax, double nu3,
    double nu3Dispersion, double theta) {
  /** Returns the batch size. */
  public int batch() {
    return gains.size(0);
  }

  /** Returns K. */
  public int users() {
    return gains.size(1);
  }
}
