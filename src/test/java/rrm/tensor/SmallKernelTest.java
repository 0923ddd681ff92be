package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small-matrix kernels against the one-matrix loops they must follow term by term: the complex LU in lanes
 * ({@link LuLanes}) against a one-matrix LU, the complex Cholesky in lanes ({@link CholeskyLanes}) and the unrolled
 * n = 3 substitutions against their general loops; bit-identical factors, solutions and failures, on random,
 * ill-conditioned, tied, singular, indefinite and extreme-scale matrices; and the lanes across thread counts, with
 * factors kept and in the backward pass.
 */
class SmallKernelTest {
  private static final int[] SIZES = {2, 3, 4, 5, 6};

  /** Complex n x n blocks (re, im) of several kinds, each block {@code n * n} long. */
  private static List<double[][]> blocks(int n) {
    List<double[][]> out = new ArrayList<>();
    java.util.Random rng = new java.util.Random(40 + n);
    for (int b = 0; b < 400; b++) {
      double[] re = new double[n * n], im = new double[n * n];
      int kind = b % 8;
      for (int q = 0; q < n * n; q++) {
        re[q] = rng.nextGaussian();
        im[q] = rng.nextGaussian();
        if (kind == 1) { // ill-conditioned: columns scaled over 5 orders of magnitude each
          double s = Math.pow(1e-5, q % n);
          re[q] *= s;
          im[q] *= s;
        } else if (kind == 2) { // ties: entries in {1, -1, i, -i, 0}
          int c = rng.nextInt(5);
          re[q] = c == 0 ? 1 : c == 1 ? -1 : 0;
          im[q] = c == 2 ? 1 : c == 3 ? -1 : 0;
        } else if (kind == 3) {
          re[q] *= 1e150;
          im[q] *= 1e-150;
        } else if (kind == 4) { // real entries in a complex matrix
          im[q] = 0;
        }
      }
      if (kind == 5) { // exactly singular: the last row repeats the first
        System.arraycopy(re, 0, re, (n - 1) * n, n);
        System.arraycopy(im, 0, im, (n - 1) * n, n);
      } else if (kind == 6) { // singular to working precision: the last row is the first plus 1e-17 of the second
        for (int j = 0; j < n; j++) {
          re[(n - 1) * n + j] = re[j] + 1e-17 * re[n + j];
          im[(n - 1) * n + j] = im[j] + 1e-17 * im[n + j];
        }
      } else if (kind == 7) { // a zero column
        for (int i = 0; i < n; i++) {
          re[i * n + n / 2] = 0;
          im[i * n + n / 2] = 0;
        }
      }
      out.add(new double[][] {re, im});
    }
    return out;
  }

  @Test
  void complexLuLanesEqualTheOneMatrixKernelBitForBit() {
    for (int n : new int[] {2, 3, 4, 5, 6, 7, 8, 12, 15}) { // every size solved in lanes, and some
      List<double[][]> blocks = blocks(n);
      int count = blocks.size(), nn = n * n, k = 2;
      double[] re = new double[count * nn], im = new double[count * nn];
      for (int m = 0; m < count; m++) {
        System.arraycopy(blocks.get(m)[0], 0, re, m * nn, nn);
        System.arraycopy(blocks.get(m)[1], 0, im, m * nn, nn);
      }
      double[] br = Tensor.randn(n, count, n, k).toArray(), bi = Tensor.randn(n + 1, count, n, k).toArray();
      for (boolean strict : new boolean[] {true, false}) {
        String where = "n = " + n + ", strict " + strict;
        // the lanes, in groups of 64 and of odd widths (a group's width must not matter): A x = b and A^H y = b
        double[][] lanesOut = new double[4][count * n * k]; // x re, x im, y re, y im
        int[] failedColumn = new int[count];
        double[] failedPivot = new double[count];
        LuLanes lanes = new LuLanes(n);
        int[] widths = {64, 37, 1, 64, 13, 64};
        for (int m = 0, g = 0; m < count; g++) {
          int w = Math.min(widths[g % widths.length], count - m);
          lanes.factor(re, im, m, w, strict);
          lanes.failures(failedColumn, failedPivot);
          for (int c = 0; c < k; c++) {
            lanes.solve(br, bi, k, c, lanesOut[0], lanesOut[1], false);
            lanes.solve(br, bi, k, c, lanesOut[2], lanesOut[3], true);
          }
          m += w;
        }
        // the one-matrix reference, matrix by matrix
        int failures = 0;
        for (int m = 0; m < count; m++) {
          double[] gr = Arrays.copyOfRange(re, m * nn, (m + 1) * nn), gi = Arrays.copyOfRange(im, m * nn, (m + 1) * nn);
          int[] gp = new int[n];
          double[] grr = new double[n], gri = new double[n];
          int c = referenceFactor(gr, gi, n, gp, strict, grr, gri);
          assertEquals(c + 1, failedColumn[m], where + ", matrix " + m);
          if (c >= 0) {
            failures++;
            assertEquals(Elementwise.hypot(gr[c * n + c], gi[c * n + c]), failedPivot[m], 0, where + ", matrix " + m);
            continue;
          }
          for (boolean adjoint : new boolean[] {false, true}) {
            double[] yr = new double[count * n * k], yi = new double[count * n * k];
            for (int col = 0; col < k; col++) {
              LuSolve.columnLoops(gr, gi, 0, gp, grr, gri, 0, n, br, bi, yr, yi, m * n * k + col, k, new double[n],
                  new double[n], adjoint);
            }
            int from = m * n * k, to = from + n * k, at = adjoint ? 2 : 0;
            String what = where + ", matrix " + m + (adjoint ? ", A^H y = b" : ", A x = b");
            assertArrayEquals(Arrays.copyOfRange(yr, from, to), Arrays.copyOfRange(lanesOut[at], from, to), 0, what);
            assertArrayEquals(Arrays.copyOfRange(yi, from, to), Arrays.copyOfRange(lanesOut[at + 1], from, to), 0, what);
          }
          solvesAgree(n, gr, gi, 0, gp, grr, gri);
        }
        assertTrue(failures > 0 && failures < 300, "some but not all blocks fail at " + where + ": " + failures);
      }
    }
  }

  @Test
  void smallComplexSolvesDoNotDependOnTheThreadCountOrOnKeepingTheFactors() {
    int before = Parallel.threads();
    try {
      for (int n : new int[] {3, 5}) {
        Tensor a = Samples.general(n, true, 1500, n, n), b = Tensor.complexRandn(n, 1500, n, 2); // several chunks
        Tensor[] x = new Tensor[3], grad = new Tensor[3];
        for (int t = 1; t <= 2; t++) {
          Parallel.setThreads(t);
          x[t] = a.solve(b);
          Tensor leaf = a.copy().requiresGrad(true);
          Tensor kept = leaf.solve(b); // the factors are kept for the backward pass
          assertArrayEquals(x[t].toArray(), kept.toArray(), 0, "n = " + n + ", " + t + " threads, kept factors");
          assertArrayEquals(x[t].toImagArray(), kept.toImagArray(), 0, "n = " + n + ", " + t + " threads, kept factors");
          kept.abs2().sum().backward(); // the adjoint solve with the kept factors
          grad[t] = leaf.grad();
        }
        assertArrayEquals(x[1].toArray(), x[2].toArray(), 0, "n = " + n + ": 1 and 2 threads");
        assertArrayEquals(x[1].toImagArray(), x[2].toImagArray(), 0, "n = " + n + ": 1 and 2 threads");
        assertArrayEquals(grad[1].toArray(), grad[2].toArray(), 0, "n = " + n + ": gradient, 1 and 2 threads");
        assertArrayEquals(grad[1].toImagArray(), grad[2].toImagArray(), 0, "n = " + n + ": gradient, 1 and 2 threads");
        Tensor h = Samples.hpd(n, true, 1500, n, n);
        for (int t = 1; t <= 2; t++) {
          Parallel.setThreads(t);
          x[t] = h.solveHpd(b);
          Tensor kept = h.copy().requiresGrad(true).solveHpd(b);
          assertArrayEquals(x[t].toArray(), kept.toArray(), 0, "n = " + n + ", " + t + " threads, kept factor (HPD)");
          assertArrayEquals(x[t].toImagArray(), kept.toImagArray(), 0, "n = " + n + ", " + t + " threads, kept (HPD)");
        }
        assertArrayEquals(x[1].toArray(), x[2].toArray(), 0, "n = " + n + ": 1 and 2 threads (HPD)");
        assertArrayEquals(x[1].toImagArray(), x[2].toImagArray(), 0, "n = " + n + ": 1 and 2 threads (HPD)");
      }
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void theBackwardPassSolvesWithTheKeptFactorsOfEveryGroup() {
    for (int n : new int[] {3, 5}) {
      // 150 matrices: two full groups of 64 and a partial one; B's gradient is A^{-H} G
      Tensor a = Samples.general(n, true, 150, n, n), g = Tensor.complexRandn(n + 7, 150, n, 2);
      Tensor b = Tensor.complexRandn(n, 150, n, 2).requiresGrad(true);
      a.solve(b).backward(g);
      Tensor expected = a.mH().solve(g); // factored afresh, other pivots: equal to rounding
      double scale = Arrays.stream(expected.abs2().toArray()).max().getAsDouble();
      double err = Arrays.stream(b.grad().sub(expected).abs2().toArray()).max().getAsDouble();
      assertTrue(err <= 1e-24 * scale, "n = " + n + ": |B grad - A^-H G|^2 " + err + " against " + scale);
    }
  }

  /**
   * LU with partial pivoting of one complex block in place, written for one matrix: the definition the lanes must
   * follow term by term. Returns the column of the first unusable pivot, or -1.
   */
  private static int referenceFactor(double[] ar, double[] ai, int n, int[] perm, boolean strict, double[] recipRe,
      double[] recipIm) {
    double tol2 = strict ? Pivoting.tolerance2(Matrices.maxSquare(ar, ai, 0, n * n), n) : 0;
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (ar[r * n + c] * ar[r * n + c] + ai[r * n + c] * ai[r * n + c]
            > ar[p * n + c] * ar[p * n + c] + ai[p * n + c] * ai[p * n + c]) {
          p = r;
        }
      }
      for (int j = 0; j < n && p != c; j++) {
        double t = ar[p * n + j];
        ar[p * n + j] = ar[c * n + j];
        ar[c * n + j] = t;
        t = ai[p * n + j];
        ai[p * n + j] = ai[c * n + j];
        ai[c * n + j] = t;
      }
      int t = perm[p];
      perm[p] = perm[c];
      perm[c] = t;
      int d = c * n + c;
      double best = ar[d] * ar[d] + ai[d] * ai[d];
      if (best <= tol2) return c;
      double ir = ar[d] / best, ii = -ai[d] / best;
      recipRe[c] = ir;
      recipIm[c] = ii;
      for (int r = c + 1; r < n; r++) {
        double xr = ar[r * n + c], xi = ai[r * n + c];
        double lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
        ar[r * n + c] = lr;
        ai[r * n + c] = li;
        for (int j = c + 1; j < n; j++) {
          ar[r * n + j] = Math.fma(-lr, ar[c * n + j], Math.fma(li, ai[c * n + j], ar[r * n + j]));
          ai[r * n + j] = Math.fma(-lr, ai[c * n + j], Math.fma(-li, ar[c * n + j], ai[r * n + j]));
        }
      }
    }
    return -1;
  }

  /** Column solves with the unrolled and the general kernels, for {@code A x = b} and {@code A^H x = b}, k = 2. */
  private static void solvesAgree(int n, double[] ar, double[] ai, int o, int[] perm, double[] rr, double[] ri) {
    int k = 2;
    double[] br = Tensor.randn(n, n, k).toArray(), bi = Tensor.randn(n + 1, n, k).toArray();
    for (boolean adjoint : new boolean[] {false, true}) {
      for (int c = 0; c < k; c++) {
        double[] xr = new double[n * k], xi = new double[n * k], yr = new double[n * k], yi = new double[n * k];
        LuSolve.column(ar, ai, o, perm, rr, ri, o, n, br, bi, xr, xi, c, k, new double[n], new double[n], adjoint);
        LuSolve.columnLoops(ar, ai, o, perm, rr, ri, o, n, br, bi, yr, yi, c, k, new double[n], new double[n], adjoint);
        assertArrayEquals(yr, xr, 0, "n = " + n + ", adjoint " + adjoint);
        assertArrayEquals(yi, xi, 0, "n = " + n + ", adjoint " + adjoint);
      }
    }
  }

  @Test
  void singularMatrixInABatchIsNamedWithAndWithoutGradient() {
    for (int n : SIZES) {
      Tensor a = Samples.general(n, true, 8, n, n);
      double[] re = a.toArray(), im = a.toImagArray();
      int m = 5; // the last row of matrix 5 is zero: an exactly zero last pivot, whatever the order of elimination
      java.util.Arrays.fill(re, m * n * n + (n - 1) * n, (m + 1) * n * n, 0);
      java.util.Arrays.fill(im, m * n * n + (n - 1) * n, (m + 1) * n * n, 0);
      Tensor bad = Tensor.complex(re, im, 8, n, n);
      Tensor b = Tensor.complexRandn(n, 8, n, 1);
      for (boolean grad : new boolean[] {false, true}) {
        Tensor x = grad ? bad.copy().requiresGrad(true) : bad;
        String strict = assertThrows(IllegalArgumentException.class, () -> x.solve(b)).getMessage();
        assertTrue(strict.startsWith("solve: matrix 5 of batch shape [8] is singular"), strict);
        assertTrue(strict.contains("column " + (n - 1)), strict);
        String loose = assertThrows(IllegalArgumentException.class, () -> x.solveIllConditioned(b)).getMessage();
        assertTrue(loose.startsWith("solveIllConditioned: matrix 5 of batch shape [8] is singular (pivot 0 in column "
            + (n - 1) + ")"), loose);
      }
    }
  }

  @Test
  void complexCholeskyLanesAndSubstitutionsEqualTheGeneralLoopsBitForBit() {
    for (int n : new int[] {1, 2, 3, 4, 5, 6, 8, 16}) {
      // Hermitian positive definite, ill-conditioned (rows and columns scaled over 6 orders), extreme scale, and
      // indefinite (a shifted copy with a negative eigenvalue): the last ones fail in some column
      Tensor pd = Samples.hpd(n, true, 100, n, n);
      double[] s = new double[n];
      for (int j = 0; j < n; j++) s[j] = Math.pow(1e-3, j);
      Tensor scale = Tensor.of(s, n, 1).matmul(Tensor.of(s, 1, n));
      Tensor batch = Tensor.concat(-3, pd, pd.mul(scale), pd.mul(1e200), pd.mul(1e-200),
          pd.sub(Tensor.eye(n).mul(2.0)));
      int count = batch.size(0), nn = n * n, k = 2;
      double[] ar = batch.toArray(), ai = batch.toImagArray();
      double[] br = Tensor.randn(n, count, n, k).toArray(), bi = Tensor.randn(n + 1, count, n, k).toArray();
      // the lanes, in groups of several widths
      double[] fr = new double[ar.length], fi = new double[ar.length], xr = new double[br.length],
          xi = new double[br.length];
      int[] status = new int[count];
      double[] pivot = new double[count];
      CholeskyLanes lanes = new CholeskyLanes(n);
      int[] widths = {64, 37, 1, 64, 13};
      for (int m = 0, g = 0; m < count; g++) {
        int w = Math.min(widths[g % widths.length], count - m);
        lanes.factor(ar, ai, m, w, status, pivot);
        lanes.store(fr, fi);
        for (int c = 0; c < k; c++) lanes.solve(br, bi, k, c, xr, xi);
        m += w;
      }
      int failures = 0;
      for (int m = 0; m < count; m++) {
        int o = m * nn;
        double[] gr = new double[nn], gi = new double[nn];
        int loops = Cholesky.factorLoops(ar, ai, o, gr, gi, 0, n);
        String where = "n = " + n + ", matrix " + m;
        assertEquals(loops + 1, status[m], where);
        if (loops >= 0) {
          failures++;
          assertEquals(gr[loops * n + loops], pivot[m], 0, where);
          continue;
        }
        assertArrayEquals(gr, Arrays.copyOfRange(fr, o, o + nn), 0, where);
        assertArrayEquals(gi, Arrays.copyOfRange(fi, o, o + nn), 0, where);
        double[] yr = new double[br.length], yi = new double[br.length];
        for (int c = 0; c < k; c++) {
          Cholesky.substituteColumn(gr, gi, 0, n, br, bi, yr, yi, m * n * k + c, k, true, true);
        }
        assertArrayEquals(Arrays.copyOfRange(yr, m * n * k, (m + 1) * n * k),
            Arrays.copyOfRange(xr, m * n * k, (m + 1) * n * k), 0, where + ", solve");
        assertArrayEquals(Arrays.copyOfRange(yi, m * n * k, (m + 1) * n * k),
            Arrays.copyOfRange(xi, m * n * k, (m + 1) * n * k), 0, where + ", solve");
      }
      assertTrue(failures > 0 && failures < count, "some but not all fail at n = " + n + ": " + failures);
      Cholesky ch = Cholesky.factor("test", pd);
      br = Tensor.randn(n, 100, n, k).toArray();
      bi = Tensor.randn(n + 1, 100, n, k).toArray();
      for (boolean adjoint : new boolean[] {false, true}) {
        double[] ur = new double[br.length], ui = new double[br.length];
        double[] yr = new double[br.length], yi = new double[br.length];
        for (int m = 0; m < 100; m++) {
          for (int c = 0; c < k; c++) {
            Cholesky.substitute(ch.re, ch.im, m * n * n, n, br, bi, ur, ui, m * n * k + c, k, adjoint);
            Cholesky.substituteLoops(ch.re, ch.im, m * n * n, n, br, bi, yr, yi, m * n * k + c, k, adjoint);
          }
        }
        assertArrayEquals(yr, ur, 0, "n = " + n + ", adjoint " + adjoint);
        assertArrayEquals(yi, ui, 0, "n = " + n + ", adjoint " + adjoint);
      }
    }
  }
}
