package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class TransmitKernelTest {
  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void singleAntennaReceiversMatchTheDefinitionAcrossUserBlocks() {
    for (int nt : new int[] {2, 3}) {
      int b = 2, k = 300, nr = 1;
      SplittableRandom rng = new SplittableRandom(11 + nt);
      Tensor h = complex(rng, b, k, nr, k, nt);
      Tensor u = complex(rng, b, k, nr, 1);
      Tensor w = real(rng, b, k, 1, 1);
      int[] owner = identity(k);
      Tensor[] out = TransmitKernel.apply(h, u, w, owner);
      double[][] ref = reference(h, u, w, owner);
      assertClose(ref[0], out[0].data(), 1e-12);
      assertClose(ref[1], out[0].imagData(), 1e-12);
      assertClose(ref[2], out[1].data(), 1e-12);
      assertClose(ref[3], out[1].imagData(), 1e-12);
    }
  }

  @Test
  void resultsAreIdenticalForOneAndTwoThreads() {
    int b = 1, k = 600, nt = 2;
    SplittableRandom rng = new SplittableRandom(5);
    Tensor h = complex(rng, b, k, 1, k, nt);
    Tensor u = complex(rng, b, k, 1, 1);
    Tensor w = real(rng, b, k, 1, 1);
    Parallel.setThreads(1);
    Tensor[] one = TransmitKernel.apply(h, u, w, identity(k));
    Parallel.setThreads(2);
    Tensor[] two = TransmitKernel.apply(h, u, w, identity(k));
    assertArrayEquals(one[0].data(), two[0].data());
    assertArrayEquals(one[0].imagData(), two[0].imagData());
    assertArrayEquals(one[1].data(), two[1].data());
  }

  @Test
  void gradientsMatchFiniteDifferencesForRealAndComplexWeights() {
    // (N_r, N_t, d): the single-stream kernel with several receive antennas, the scalar one, and two streams
    for (int[] dims : new int[][] {{3, 4, 1}, {1, 2, 1}, {2, 3, 2}}) {
      int b = 2, k = 3, nr = dims[0], nt = dims[1], d = dims[2];
      SplittableRandom rng = new SplittableRandom(17 + nr * 10 + nt);
      Tensor h = complex(rng, b, k, nr, k, nt);
      Tensor u = complex(rng, b, k, nr, d);
      Tensor wReal = real(rng, b, k, d, d);
      Tensor wComplex = complex(rng, b, k, d, d);
      int[] owner = identity(k);
      for (Tensor w : new Tensor[] {wReal, wComplex}) {
        GradCheck.of(x -> both(TransmitKernel.apply(h, x[0], x[1], owner))).check(u, w);
        // receivers without a gradient (the first unrolled layer): only W̄ is formed, and it must not change
        GradCheck.of(x -> both(TransmitKernel.apply(h, u, x[0], owner))).check(w);
        GradCheck.of(x -> both(TransmitKernel.apply(h, x[0], w, owner))).check(u);
      }
    }
  }

  /** A and rhs flattened side by side, so one check covers the gradients of both outputs. */
  private static Tensor both(Tensor[] out) {
    int b = out[0].size(0);
    return Tensor.concat(1, out[0].reshape(b, -1), out[1].reshape(b, -1));
  }

  /** {@code A_j = sum_i w_i conj(g) g^T} with {@code g = h[i, 0, owner(j), :] u_i}, {@code rhs_j = w_j conj(h_jj) u_j}. */
  private static double[][] reference(Tensor h, Tensor u, Tensor w, int[] owner) {
    int b = h.size(0), k = h.size(1), c = h.size(3), nt = h.size(4);
    double[] hr = h.data(), hi = h.imagData(), ur = u.data(), ui = u.imagData(), wr = w.data();
    double[] ar = new double[b * k * nt * nt], ai = new double[ar.length];
    double[] rr = new double[b * k * nt], ri = new double[rr.length];
    for (int n = 0; n < b; n++) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) {
          int ho = ((n * k + i) * c + owner[j]) * nt, q = n * k + i;
          for (int t = 0; t < nt; t++) {
            double gtr = hr[ho + t] * ur[q] + hi[ho + t] * ui[q], gti = hr[ho + t] * ui[q] - hi[ho + t] * ur[q];
            if (i == j) {
              rr[(n * k + j) * nt + t] = wr[q] * gtr;
              ri[(n * k + j) * nt + t] = wr[q] * gti;
            }
            for (int p = 0; p < nt; p++) {
              double gpr = hr[ho + p] * ur[q] + hi[ho + p] * ui[q], gpi = hr[ho + p] * ui[q] - hi[ho + p] * ur[q];
              int a = ((n * k + j) * nt + t) * nt + p;
              ar[a] += wr[q] * (gtr * gpr + gti * gpi);
              ai[a] += wr[q] * (gti * gpr - gtr * gpi);
            }
          }
        }
      }
    }
    return new double[][] {ar, ai, rr, ri};
  }

  static void assertClose(double[] expected, double[] actual, double rel) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    for (double x : expected) scale = Math.max(scale, Math.abs(x));
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], rel * scale, "entry " + i);
  }

  static int[] identity(int k) {
    int[] owner = new int[k];
    for (int j = 0; j < k; j++) owner[j] = j;
    return owner;
  }

  static Tensor complex(SplittableRandom rng, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] re = new double[n], im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = rng.nextDouble() - 0.5;
      im[i] = rng.nextDouble() - 0.5;
    }
    return Tensor.complex(re, im, shape);
  }

  static Tensor real(SplittableRandom rng, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] re = new double[n];
    for (int i = 0; i < n; i++) re[i] = rng.nextDouble();
    return Tensor.of(re, shape);
  }
}
