package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The unrolled small-matrix kernels (complex LU and Cholesky at n = 3) against the general loops they specialise:
 * bit-identical factors, permutations, pivot reciprocals, substitutions and failures, on random, ill-conditioned,
 * tied, singular and extreme-scale matrices.
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
  void complexLuFactorsEqualTheGeneralLoopsBitForBit() {
    for (int n : SIZES) {
      for (boolean strict : new boolean[] {true, false}) {
        int failures = 0;
        for (double[][] block : blocks(n)) {
          int o = 2; // an offset, as in a batch
          double[] fr = new double[o + n * n], fi = new double[o + n * n];
          int[] fp = new int[o + n];
          double[] frr = new double[o + n], fri = new double[o + n];
          double[] gr = fr.clone(), gi = fi.clone(), grr = frr.clone(), gri = fri.clone();
          int[] gp = fp.clone();
          System.arraycopy(block[0], 0, gr, o, n * n);
          System.arraycopy(block[1], 0, gi, o, n * n);
          int fast = Lu.flatComplex(block[0], block[1], 0, fr, fi, o, n, fp, o, strict, frr, fri);
          int loops = Lu.complexLoops(gr, gi, o, n, gp, o, strict, grr, gri);
          String where = "n = " + n + ", strict " + strict;
          assertEquals(loops, fast, where);
          assertArrayEquals(gr, fr, 0, where);
          assertArrayEquals(gi, fi, 0, where);
          assertArrayEquals(gp, fp, where);
          assertArrayEquals(grr, frr, 0, where);
          assertArrayEquals(gri, fri, 0, where);
          if (fast >= 0) {
            failures++;
            continue;
          }
          solvesAgree(n, fr, fi, o, fp, frr, fri);
        }
        assertTrue(failures > 0 && failures < 300, "some but not all blocks fail at n = " + n + ": " + failures);
      }
    }
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
  void complexCholeskyFactorsAndSubstitutionsEqualTheGeneralLoopsBitForBit() {
    for (int n : SIZES) {
      // Hermitian positive definite, ill-conditioned (rows and columns scaled over 6 orders), extreme scale, and
      // indefinite (a shifted copy with a negative eigenvalue): the last ones fail in some column
      Tensor pd = Samples.hpd(n, true, 100, n, n);
      double[] s = new double[n];
      for (int j = 0; j < n; j++) s[j] = Math.pow(1e-3, j);
      Tensor scale = Tensor.of(s, n, 1).matmul(Tensor.of(s, 1, n));
      Tensor batch = Tensor.concat(-3, pd, pd.mul(scale), pd.mul(1e200), pd.mul(1e-200),
          pd.sub(Tensor.eye(n).mul(2.0)));
      int count = batch.size(0);
      double[] ar = batch.toArray(), ai = batch.toImagArray();
      int failures = 0;
      for (int m = 0; m < count; m++) {
        int o = m * n * n;
        double[] fr = new double[ar.length], fi = new double[ar.length];
        double[] gr = new double[ar.length], gi = new double[ar.length];
        int fast = Cholesky.factorOne(ar, ai, o, fr, fi, o, n);
        int loops = Cholesky.factorLoops(ar, ai, o, gr, gi, o, n);
        assertEquals(loops, fast, "n = " + n + ", matrix " + m);
        assertArrayEquals(gr, fr, 0, "n = " + n + ", matrix " + m);
        assertArrayEquals(gi, fi, 0, "n = " + n + ", matrix " + m);
        if (fast >= 0) failures++;
      }
      assertTrue(failures > 0 && failures < count, "some but not all fail at n = " + n + ": " + failures);
      Cholesky ch = Cholesky.factor("test", pd);
      int k = 2;
      double[] br = Tensor.randn(n, 100, n, k).toArray(), bi = Tensor.randn(n + 1, 100, n, k).toArray();
      for (boolean adjoint : new boolean[] {false, true}) {
        double[] xr = new double[br.length], xi = new double[br.length];
        double[] yr = new double[br.length], yi = new double[br.length];
        for (int m = 0; m < 100; m++) {
          for (int c = 0; c < k; c++) {
            Cholesky.substitute(ch.re, ch.im, m * n * n, n, br, bi, xr, xi, m * n * k + c, k, adjoint);
            Cholesky.substituteLoops(ch.re, ch.im, m * n * n, n, br, bi, yr, yi, m * n * k + c, k, adjoint);
          }
        }
        assertArrayEquals(yr, xr, 0, "n = " + n + ", adjoint " + adjoint);
        assertArrayEquals(yi, xi, 0, "n = " + n + ", adjoint " + adjoint);
      }
    }
  }
}
