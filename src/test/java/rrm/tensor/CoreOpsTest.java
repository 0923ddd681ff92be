package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoreOpsTest {
  private static Tensor r(long seed, int... shape) {
    return Tensor.randn(seed, shape);
  }

  private static Tensor c(long seed, int... shape) {
    return Tensor.complexRandn(seed, shape);
  }

  @Test
  void binaryOpsGradientsRealAndComplexWithBroadcasting() {
    GradCheck.of(x -> x[0].add(x[1])).check(r(1, 3, 4), r(2, 4));
    // a row added along leading axes (the bias path that skips the expanded copy), either operand first
    GradCheck.of(x -> x[0].add(x[1])).check(c(1, 2, 3, 4), c(2, 1, 4));
    GradCheck.of(x -> x[0].add(x[1])).check(r(1, 3, 4), c(2, 4));
    GradCheck.of(x -> x[1].add(x[0])).check(c(1, 3, 4), r(2, 3, 4));
    GradCheck.of(x -> x[0].sub(x[1])).check(c(1, 2, 3), r(2, 2, 1));
    GradCheck.of(x -> x[0].mul(x[1])).check(c(3, 2, 3), c(4, 3));
    GradCheck.of(x -> x[0].div(x[1])).check(c(5, 2, 3), c(6, 2, 3).add(2.0));
    GradCheck.of(x -> x[0].div(x[1])).check(r(5, 1, 3), r(6, 2, 1).abs().add(1.0));
  }

  @Test
  void unaryOpsGradients() {
    Tensor pos = Tensor.rand(9, 2, 3).add(0.5);
    GradCheck.of(x -> x[0].exp()).check(c(1, 2, 3));
    GradCheck.of(x -> x[0].log()).check(c(1, 2, 3).add(3.0));
    GradCheck.of(x -> x[0].log()).check(pos);
    GradCheck.of(x -> x[0].log1p()).check(pos);
    GradCheck.of(x -> x[0].sqrt()).check(c(2, 2, 3).add(2.0));
    GradCheck.of(x -> x[0].sqrt()).check(pos);
    GradCheck.of(x -> x[0].pow(2.5)).check(pos);
    GradCheck.of(x -> x[0].reciprocal()).check(c(3, 4).add(2.0));
    GradCheck.of(x -> x[0].abs()).check(c(4, 2, 3));
    GradCheck.of(x -> x[0].abs2()).check(c(4, 2, 3));
    GradCheck.of(x -> x[0].conj()).check(c(5, 3));
    GradCheck.of(x -> x[0].real().add(x[0].imag().mul(3.0))).check(c(6, 3));
    GradCheck.of(x -> x[0].sigmoid()).check(r(7, 5).mul(3.0));
    GradCheck.of(x -> x[0].tanh()).check(r(7, 5));
    GradCheck.of(x -> x[0].softplus()).check(r(7, 5).mul(4.0));
    GradCheck.of(x -> x[0].leakyRelu(0.2)).check(c(8, 6));
    GradCheck.of(x -> x[0].relu()).check(r(8, 6));
    GradCheck.of(x -> x[0].clamp(-0.5, 0.5)).check(r(9, 8));
    GradCheck.of(x -> Tensor.complex(x[0], x[1]).abs2()).check(r(1, 3), r(2, 3));
  }

  @Test
  void leakyReluIsTheBranchDefinitionForEverySlope() {
    double[] x = {-2.5, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 3.0, Double.NaN};
    for (double slope : new double[] {0, 0.2, 1, 1.5, -0.3}) {
      Tensor in = Tensor.of(x, x.length).requiresGrad(true);
      Tensor out = in.leakyRelu(slope);
      out.mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, x.length)).sum().backward();
      for (int i = 0; i < x.length; i++) {
        double want = x[i] > 0 ? x[i] : slope * x[i];
        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(out.data()[i]), "value at x = " + x[i]);
        if (Double.isNaN(x[i])) continue;                    // a NaN input's gradient is NaN or the slope
        double grad = (i + 1) * (x[i] > 0 ? 1 : slope);
        assertEquals(Double.doubleToLongBits(grad), Double.doubleToLongBits(in.grad().data()[i]), "gradient at x = "
            + x[i] + ", slope " + slope);
      }
    }
    GradCheck.of(x0 -> x0[0].leakyRelu(1.5)).check(c(8, 6));
  }

  @Test
  void reductionAndShapeGradients() {
    GradCheck.of(x -> x[0].sum()).check(c(1, 2, 3));
    GradCheck.of(x -> x[0].sum(1)).check(r(1, 2, 3, 4));
    GradCheck.of(x -> x[0].mean(-1, true)).check(c(1, 2, 3));
    GradCheck.of(x -> x[0].max(1)).check(r(2, 3, 4, 2));
    GradCheck.of(x -> x[0].permute(2, 0, 1)).check(c(3, 2, 3, 4));
    GradCheck.of(x -> x[0].reshape(6, -1)).check(r(3, 2, 3, 2));
    GradCheck.of(x -> x[0].slice(1, 1, 3)).check(c(4, 2, 4));
    GradCheck.of(x -> x[0].gather(0, 2, 0, 2)).check(r(4, 3, 2));
    GradCheck.of(x -> Tensor.concat(1, x[0], x[1])).check(c(5, 2, 1), r(6, 2, 3));
    GradCheck.of(x -> Tensor.stack(0, x[0], x[1])).check(r(5, 2), r(6, 2));
    GradCheck.of(x -> x[0].expand(3, 2, 4)).check(r(7, 2, 1));
    // complex, broadcast along the last axis, a middle one, and leading ones (the backward is sumTo)
    GradCheck.of(x -> x[0].expand(3, 2, 4)).check(c(7, 2, 1));
    GradCheck.of(x -> x[0].expand(3, 2, 4)).check(c(7, 3, 1, 4));
    GradCheck.of(x -> x[0].expand(2, 3, 2, 4)).check(c(7, 4));
    GradCheck.of(x -> x[0].maximum(x[1])).check(r(1, 5), r(2, 5));
    GradCheck.of(x -> x[0].where(x[1].sigmoid().sub(0.5).clampMin(0), x[1])).check(r(1, 5), r(2, 5));
  }

  @Test
  void matmulGradientsBatchedSharedAndComplex() {
    GradCheck.of(x -> x[0].matmul(x[1])).check(r(1, 3, 2, 4), r(2, 3, 4, 5));
    GradCheck.of(x -> x[0].matmul(x[1])).check(c(1, 3, 2, 4), r(2, 4, 5));
    GradCheck.of(x -> x[0].matmul(x[1])).check(r(1, 2, 4), c(2, 3, 4, 2));
    GradCheck.of(x -> x[0].matmul(x[1].mH())).check(c(3, 2, 3, 3), c(4, 2, 3, 3));
    GradCheck.of(x -> x[0].diag().add(x[0].trace().unsqueeze(-1))).check(c(5, 2, 3, 3));
    GradCheck.of(x -> x[0].diagEmbed()).check(c(6, 2, 3));
  }

  @Test
  void matmulMatchesHandComputation() {
    Tensor a = Tensor.complex(new double[] {1, 2, 3, 4}, new double[] {0, 1, 0, -1}, 2, 2);
    Tensor b = Tensor.of(new double[] {1, 0, 1, 1}, 2, 2);
    Tensor y = a.matmul(b);
    assertArrayEquals(new double[] {3, 2, 7, 4}, y.toArray(), 0);
    assertArrayEquals(new double[] {1, 1, -1, -1}, y.toImagArray(), 0);
  }

  @Test
  void addingARowAlongLeadingAxesEqualsAddingItsExpansionBitForBit() {
    Tensor[][] cases = {{r(1, 40, 3, 5), r(2, 5)}, {r(9, 5000, 8), r(10, 8)}, {r(3, 40, 5), c(4, 1, 5)}, {c(5, 7, 6), r(6, 6)},
        {c(7, 2, 3, 4), c(8, 3, 4)}};
    int before = Parallel.threads();
    try {
      for (Tensor[] ab : cases) {
        Tensor x = ab[0], row = ab[1], expanded = row.expand(x.shape()).copy();
        Tensor[] want = {x.add(expanded), expanded.add(x)};
        for (int threads : new int[] {1, 2}) {
          Parallel.setThreads(threads);
          Tensor[] got = {x.add(row), row.add(x)};
          for (int k = 0; k < 2; k++) {
            assertArrayEquals(want[k].shape(), got[k].shape());
            assertArrayEquals(want[k].toArray(), got[k].toArray(), 0);
            if (want[k].isComplex()) assertArrayEquals(want[k].toImagArray(), got[k].toImagArray(), 0);
          }
        }
      }
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void broadcastGradientIsASumAndUnusedInputGetsNothing() {
    Tensor a = Tensor.ones(3, 2).requiresGrad(true);
    Tensor b = Tensor.ones(2).requiresGrad(true);
    Tensor unused = Tensor.ones(2).requiresGrad(true);
    a.mul(b).sum().backward();
    assertArrayEquals(new double[] {3, 3}, b.grad().toArray(), 0);
    assertNull(unused.grad());
    assertThrows(IllegalStateException.class, () -> a.mul(b).backward());
  }

  @Test
  void noGradRecordsNothing() {
    Tensor a = Tensor.ones(2).requiresGrad(true);
    try (var off = Autograd.noGrad()) {
      Tensor y = a.mul(a);
      assertTrue(!y.requiresGrad() && y.op() == null);
    }
    assertTrue(a.mul(a).requiresGrad());
  }

  @Test
  void shapeErrorsNameTheOpAndShapes() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(64, 20, 3).matmul(Tensor.zeros(64, 4, 1)));
    assertEquals("matmul: inner dimensions differ: a is [64, 20, 3], b is [64, 4, 1] (3 vs 4)", e.getMessage());
    var f = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
    assertTrue(f.getMessage().startsWith("add: shapes [2, 3] and [4] do not broadcast"), f.getMessage());
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Tensor a = Tensor.randn(1, 300, 40, 40);
    Tensor b = Tensor.complexRandn(2, 300, 40, 40);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = a.matmul(b).exp().sum(1);
      double s1 = a.sum().item();
      Parallel.setThreads(4);
      Tensor many = a.matmul(b).exp().sum(1);
      assertArrayEquals(one.toArray(), many.toArray(), 0);
      assertArrayEquals(one.toImagArray(), many.toImagArray(), 0);
      assertEquals(s1, a.sum().item(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }
}
