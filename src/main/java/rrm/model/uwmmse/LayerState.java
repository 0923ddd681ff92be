package rrm.model.uwmmse;

import rrm.tensor.Tensor;

/**
 * The variables of one UWMMSE layer (paper 002 eqs. 5-8), all {@code [B, M]}: the learned coefficients a and b,
 * the receiver coefficients u, the weights {@code w = a gamma'(e) + b}, and the new amplitudes v.
 */
public record LayerState(Tensor a, Tensor b, Tensor u, Tensor w, Tensor v) {
  /** Returns the powers {@code p = v^2 [B, M]} after this layer. */
  public Tensor powers() {
    return v.square();
  }
}
