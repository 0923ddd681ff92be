package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class GemmTest {
  /** The documented per-element arithmetic: a chain of fused multiply-adds over p ascending, from 0. */
  private static Tensor reference(Tensor a, Tensor b) {
    int m = a.size(-2), k = a.size(-1), n = b.size(-1);
    int items = a.numel() / (m * k);
    boolean shared = b.dim() == 2;
    boolean complex = a.isComplex() || b.isComplex();
    double[] ar = a.toArray(), ai = a.toImagArray(), br = b.toArray(), bi = b.toImagArray();
    double[] cr = new double[items * m * n], ci = new double[cr.length];
    for (int t = 0; t < items; t++) {
      int bo = shared ? 0 : t * k * n;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sr = 0, si = 0;
          for (int p = 0; p < k; p++) {
            double xr = ar[(t * m + i) * k + p], xi = ai[(t * m + i) * k + p];
            double yr = br[bo + p * n + j], yi = bi[bo + p * n + j];
            if (a.isComplex() && b.isComplex()) {
              sr = Math.fma(xr, yr, Math.fma(-xi, yi, sr));
              si = Math.fma(xr, yi, Math.fma(xi, yr, si));
            } else if (a.isComplex()) {
              sr = Math.fma(xr, yr, sr);
              si = Math.fma(xi, yr, si);
            } else {
              sr = Math.fma(xr, yr, sr);
              si = Math.fma(xr, yi, si);
            }
          }
          cr[(t * m + i) * n + j] = sr;
          ci[(t * m + i) * n + j] = si;
        }
      }
    }
    int[] shape = a.shape();
    shape[shape.length - 1] = n;
    return complex ? Tensor.complex(cr, ci, shape) : Tensor.of(cr, shape);
  }

  private static void assertSame(Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertArrayEquals(expected.toArray(), actual.toArray(), 0);
    assertArrayEquals(expected.toImagArray(), actual.toImagArray(), 0);
  }

  @Test
  void everyPathComputesTheDocumentedArithmeticBitForBit() {
    int[][] sizes = {{1, 1, 1}, {2, 3, 2}, {4, 4, 4}, {3, 5, 15}, {5, 7, 16}, {6, 9, 17}, {16, 16, 16},
        {70, 33, 65}, {40, 64, 48}, {1, 300, 200}};
    long seed = 1;
    for (int[] s : sizes) {
      for (int batch : new int[] {1, 3, 9}) {
        Tensor ar = Tensor.randn(seed++, batch, s[0], s[1]), br = Tensor.randn(seed++, batch, s[1], s[2]);
        Tensor ac = Tensor.complexRandn(seed++, batch, s[0], s[1]), bc = Tensor.complexRandn(seed++, batch, s[1], s[2]);
        assertSame(reference(ar, br), ar.matmul(br));
        assertSame(reference(ac, bc), ac.matmul(bc));
        assertSame(reference(ac, br), ac.matmul(br));
        assertSame(reference(ar, bc), ar.matmul(bc));
        Tensor shared = Tensor.complexRandn(seed++, s[1], s[2]);
        assertSame(reference(ac, shared), ac.matmul(shared));
        assertSame(reference(ar, shared.real()), ar.matmul(shared.real()));
      }
    }
  }

  @Test
  void backwardReadsConjugateTransposesInPlaceWithTheSameBitsAsCopies() {
    // the last two read A^H down its columns over a long inner axis (the tall path of weight gradients)
    int[][] sizes = {{3, 5, 2}, {4, 20, 17}, {70, 40, 33}, {700, 15, 1}, {300, 6, 3}};
    long seed = 100;
    for (int[] s : sizes) {
      for (boolean shared : new boolean[] {false, true}) {
        Tensor[] as = {Tensor.randn(seed++, 2, s[0], s[1]), Tensor.complexRandn(seed++, 2, s[0], s[1])};
        Tensor[] bs = shared ? new Tensor[] {Tensor.randn(seed++, s[1], s[2]), Tensor.complexRandn(seed++, s[1], s[2])}
            : new Tensor[] {Tensor.randn(seed++, 2, s[1], s[2]), Tensor.complexRandn(seed++, 2, s[1], s[2])};
        for (Tensor a0 : as) {
          for (Tensor b0 : bs) {
            Tensor a = a0.copy().requiresGrad(true), b = b0.copy().requiresGrad(true);
            Tensor y = a.matmul(b);
            Tensor g = y.isComplex() ? Tensor.complexRandn(seed++, y.shape()) : Tensor.randn(seed++, y.shape());
            y.backward(g);
            Tensor ga = g.matmul(b0.mH()), gb;
            if (shared) gb = a0.reshape(-1, s[1]).mH().matmul(g.reshape(-1, s[2]));
            else gb = a0.mH().matmul(g);
            assertSame(a0.isComplex() ? ga : ga.real(), a.grad());
            assertSame(b0.isComplex() ? gb : gb.real(), b.grad());
          }
        }
      }
    }
  }

  @Test
  void nonSquareAndBroadcastProductsHaveTheRightShapes() {
    Tensor a = Tensor.randn(1, 2, 1, 3, 5);
    Tensor b = Tensor.randn(2, 4, 5, 2);
    Tensor y = a.matmul(b);
    assertArrayEquals(new int[] {2, 4, 3, 2}, y.shape());
    assertSame(reference(a.expand(2, 4, 3, 5).reshape(8, 3, 5), b.expand(2, 4, 5, 2).reshape(8, 5, 2)).reshape(2, 4, 3, 2), y);
    GradCheck.of(x -> x[0].matmul(x[1])).check(Tensor.randn(3, 1, 2, 3), Tensor.complexRandn(4, 3, 3, 4));
    GradCheck.of(x -> x[0].matmul(x[1])).check(Tensor.complexRandn(5, 4, 1), Tensor.complexRandn(6, 1, 3));
  }

  @Test
  void largeProductsDoNotDependOnThreadCount() {
    Tensor a = Tensor.complexRandn(1, 2, 96, 80);
    Tensor b = Tensor.complexRandn(2, 2, 80, 130);
    Tensor w = Tensor.randn(3, 80, 64);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = a.matmul(b);
      Tensor oneShared = a.real().matmul(w);
      Parallel.setThreads(3);
      assertSame(one, a.matmul(b));
      assertSame(oneShared, a.real().matmul(w));
    } finally {
      Parallel.setThreads(before);
    }
  }
}
