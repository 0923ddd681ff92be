package rrm.model.gnn;

import rrm.model.ChannelInput;
import rrm.nn.Shift;
import rrm.tensor.Tensor;

/**
 * The graph shift of REGNN (paper 002 eq. 19; the normalisation is our choice where the paper is silent): S = Gᵀ,
 * normalised per sample by its spectral-radius bound max_i Σ_j S_ij (the largest row sum of Gᵀ, i.e. the largest total
 * gain out of one transmitter):
 * <pre>  S_b = G_bᵀ / max_i Σ_j (G_bᵀ)_ij</pre>
 * Shapes: G {@code [B, M, M]} (row = receiver) to S {@code [B, M, M]}. Without the normalisation S^k overflows or
 * underflows for k ≥ 2, because the gains span about four orders of magnitude. The orientation Gᵀ is the UWMMSE
 * GCN default (§1.8). The normaliser is invariant to relabelling the pairs, so S(ΠGΠᵀ) = Π S(G) Πᵀ; an all-zero G
 * gives S = 0. Used by {@link Regnn} and {@link RegnnPsi}; compute it once per batch and pass the {@link Shift} to
 * several modules.
 */
public final class RegnnShift {
  private RegnnShift() {}

  /** Returns the normalised shift S {@code [B, M, M]} for G {@code [B, M, M]} (differentiable in G). */
  public static Tensor matrix(Tensor g) {
    ChannelInput.check("RegnnShift.matrix", g);
    Tensor s = g.mT();
    Tensor bound = s.sum(-1).max(-1, true).clampMin(Double.MIN_NORMAL);
    return s.div(bound.unsqueeze(-1));
  }

  /** Returns the normalised shift as a {@link Shift} for graph filters. */
  public static Shift of(Tensor g) {
    return Shift.matrix(matrix(g));
  }
}
