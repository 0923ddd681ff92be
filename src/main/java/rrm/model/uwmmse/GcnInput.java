package rrm.model.uwmmse;

import rrm.system.SisoProblem;
import rrm.tensor.MatVec;
import rrm.tensor.Tensor;

/**
 * What every GCN of one UWMMSE forward pass shares, computed once per channel batch (paper 002 eqs. 11-12): the
 * channels as a {@link MatVec}, the shift, the direct amplitudes {@code [B, M]}, and the first GCN layer's input
 * {@code [D X0, S X0 (, 1)]} stored feature-major as {@code [B, P, M]} with {@code P = 2F' (+1)}, so that layer 1 of
 * eq. (12), biases included, is one product with {@code [Omega11; Omega12 (; c1)]} whose inner loops run over the
 * M nodes.
 */
final class GcnInput {
  final MatVec g;
  final GcnShift shift;
  final Tensor direct;
  final Tensor layer1;

  GcnInput(SisoProblem h, Tensor q, GcnShift shift, boolean biases) {
    int b = h.batch(), m = h.links();
    this.g = MatVec.of(h.amplitudes());
    this.shift = shift;
    this.direct = h.direct();
    Tensor x0 = q.dim() == 3 ? q : q.unsqueeze(0).expand(b, m, q.size(1));
    Tensor dx = direct.reshape(b, m, 1).mul(x0).permute(0, 2, 1);
    Tensor sx = shift.apply(h.amplitudes(), x0).permute(0, 2, 1);
    this.layer1 = biases ? Tensor.concat(1, dx, sx, Tensor.ones(b, 1, m)) : Tensor.concat(1, dx, sx);
  }

  /** Returns {@code S y} for {@code y [B, M]}. */
  Tensor shift(Tensor y) {
    return shift.apply(g, y);
  }
}
