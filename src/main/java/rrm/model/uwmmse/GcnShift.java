package rrm.model.uwmmse;

import rrm.tensor.MatVec;
import rrm.tensor.Tensor;

/**
 * Which matrix the UWMMSE graph convolutions (paper 002 eqs. 11-12) use as the shift operator S, given channels
 * {@code G [B, M, M]} stored row = receiver (paper 002 eqs. 1-2; its §IV and the authors' code store the transpose).
 * Both choices are permutation-equivariant; only the off-diagonal term {@code S Z} depends on it.
 */
public enum GcnShift {
  /**
   * {@code S = G^T} (row = transmitter), as in the authors' code: {@code (S 1)_i} is the total gain out of
   * transmitter i. The default.
   */
  TX_ROW,
  /** {@code S = G} (row = receiver), the literal reading of the paper's equations: {@code (S 1)_i} is the total gain into receiver i. */
  RX_ROW;

  /** Returns {@code S y} for vectors {@code y [B, M]}, with {@code g} the operator of G: {@code [B, M]}. */
  public Tensor apply(MatVec g, Tensor y) {
    return this == RX_ROW ? g.times(y) : g.transposeTimes(y);
  }

  /** Returns {@code S Y} for {@code y [B, M, F]}: {@code [B, M, F]}. */
  public Tensor apply(Tensor g, Tensor y) {
    if (this == RX_ROW) return g.matmul(y);
    int b = y.size(0), m = y.size(1), f = y.size(2);
    if (f == 1) {
      // G^T y computed as (y^T G)^T: [B, 1, M] and [B, M, 1] share one memory layout, so no transpose is copied.
      return y.reshape(b, 1, m).matmul(g).reshape(b, m, 1);
    }
    return g.mT().matmul(y);
  }
}
