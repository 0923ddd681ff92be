package rrm.solver;

import rrm.tensor.Tensor;

/**
 * The variables one WMMSE iteration (or one UWMMSE layer) produces, all {@code [B, M]} (paper 002 eqs. 6-8):
 *
 * @param u MMSE receiver coefficients, eq. (6), computed from the incoming amplitudes
 * @param e receiver MSEs at the incoming amplitudes, {@code 1 / (1 + SINR)} in (0, 1]; {@code -log2(e)} is the rate
 *     of the incoming powers
 * @param w MSE weights, eq. (7) or (10)
 * @param v the new transmit amplitudes, eq. (8), in {@code [0, sqrt(pmax)]}
 * @param guarded how many entries had a v-denominator (mu included) of at most 1e-300, possible only with a
 *     learned negative mu, and were set to {@code v = sqrt(pmax)} ({@link WmmseSiso})
 */
public record WmmseState(Tensor u, Tensor e, Tensor w, Tensor v, int guarded) {
  /** Returns the transmit powers {@code v^2 [B, M]}. */
  public Tensor powers() {
    return v.square();
  }
}
