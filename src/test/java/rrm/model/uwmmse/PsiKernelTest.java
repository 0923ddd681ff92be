package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import rrm.system.SisoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class PsiKernelTest {
  private final Tensor g = Tensor.rand(1, 3, 5, 5).add(0.1);
  private final SisoProblem h = SisoProblem.ofAmplitudes(g, 0.1, 1);
  private final Tensor q = Tensor.randn(2, 5, 2);

  /** Eqs. (11)-(12) composed from plain tensor ops: the fused kernel must agree with it. */
  private static Tensor reference(Tensor g, Tensor q, GcnShift shift, Tensor w1, Tensor w21, Tensor w22, Tensor c2) {
    int b = g.size(0), m = g.size(1);
    Tensor d = g.diag().reshape(b, m, 1);
    Tensor s = shift == GcnShift.TX_ROW ? g.mT() : g;
    Tensor x0 = q.unsqueeze(0).expand(b, m, q.size(1));
    Tensor x = Tensor.concat(2, d.mul(x0), s.matmul(x0), Tensor.ones(b, m, 1));
    Tensor z = x.matmul(w1).relu();
    Tensor pre = d.mul(z.matmul(w21)).add(s.matmul(z.matmul(w22))).add(c2);
    return pre.sigmoid().reshape(b, m);
  }

  @Test
  void fusedKernelEqualsTheComposedEquations() {
    Tensor w1 = Tensor.randn(3, 5, 4), w21 = Tensor.randn(4, 4, 1), w22 = Tensor.randn(5, 4, 1);
    Tensor c2 = Tensor.of(new double[] {0.3}, 1);
    for (GcnShift shift : GcnShift.values()) {
      GcnInput x = new GcnInput(h, q, shift, true);
      assertArrayEquals(reference(g, q, shift, w1, w21, w22, c2).toArray(),
          PsiKernel.apply(x, w1, w21, w22, c2).toArray(), 1e-14);
    }
  }

  @Test
  void fusedKernelGradientsMatchFiniteDifferences() {
    for (GcnShift shift : GcnShift.values()) {
      GcnInput x = new GcnInput(h, q, shift, true);
      GradCheck.of(t -> PsiKernel.apply(x, t[0], t[1], t[2], t[3]))
          .check(Tensor.randn(3, 5, 4), Tensor.randn(4, 4, 1), Tensor.randn(5, 4, 1), Tensor.of(new double[] {0.3}, 1));
      GcnInput noBias = new GcnInput(h, q, shift, false);
      GradCheck.of(t -> PsiKernel.apply(noBias, t[0], t[1], t[2], null))
          .check(Tensor.randn(6, 4, 3), Tensor.randn(7, 3, 1), Tensor.randn(8, 3, 1));
    }
    // Batch of one.
    SisoProblem one = SisoProblem.ofAmplitudes(Tensor.rand(9, 1, 4, 4).add(0.1), 0.1, 1);
    GcnInput x1 = new GcnInput(one, Tensor.ones(4, 1), GcnShift.TX_ROW, true);
    GradCheck.of(t -> PsiKernel.apply(x1, t[0], t[1], t[2], t[3]))
        .check(Tensor.randn(10, 3, 2), Tensor.randn(11, 2, 1), Tensor.randn(12, 2, 1), Tensor.of(new double[] {0.2}, 1));
  }
}
