package rrm.tensor;

/**
 * The Cholesky factor {@code A = L L^H} and the solve {@code x = L^{-H} L^{-1} b} for small complex Hermitian positive
 * definite matrices (below {@link #MAX_N}), up to {@link LuLanes#LANES} matrices at a time, one lane per matrix, as
 * {@link LuLanes} does for LU: each step is one loop over the matrices, which the JIT vectorises (square roots and
 * divisions included) instead of one matrix's chain of dependent steps.
 *
 * <p>Each lane does exactly the arithmetic of {@link Cholesky#factorLoops} and {@link Cholesky#substituteLoops}, term
 * by term and in the same order, so factors and solutions are bit-identical to theirs. A lane whose pivot
 * {@code a_jj - Σ_k |l_jk|^2} is not above the tolerance records the column and the pivot and goes on with whatever
 * values follow; the caller reports it and uses nothing of that lane. The caller checks each matrix (finite,
 * Hermitian) before; a lane it has marked keeps its mark.
 */
final class CholeskyLanes {
  /**
   * Complex matrices below this size are factored in lanes: one thread, per matrix, 0.30 against 0.51 µs one matrix
   * at a time at n = 8, 0.63 against 1.15 at n = 12, 1.59 against 2.20 at n = 16 (solve included).
   */
  static final int MAX_N = 17;

  private static final int LANES = LuLanes.LANES;
  private final int n;
  /** Entry (i, j), i >= j, of the group's matrix l at {@code [i * n + j][l]}: A's lower triangle, then L's. */
  private final double[][] lr, li;
  /** 1 / l_jj. */
  private final double[][] inv;
  /** One right-hand side column, solved in place. */
  private final double[][] xr, xi;
  private final double[] tol = new double[LANES];
  private int from, width;

  CholeskyLanes(int n) {
    this.n = n;
    lr = new double[n * n][LANES];
    li = new double[n * n][LANES];
    inv = new double[n][LANES];
    xr = new double[n][LANES];
    xi = new double[n][LANES];
  }

  /**
   * Factors matrices {@code from} to {@code from + width - 1} of the complex batch {@code (re, im)}, reading their
   * lower triangles. A lane whose {@code status} is 0 and whose pivot fails gets {@code status = column + 1} and
   * {@code pivot} the failing value.
   */
  void factor(double[] re, double[] im, int from, int width, int[] status, double[] pivot) {
    if (width < 1 || width > LANES) throw new IllegalArgumentException("CholeskyLanes: width " + width + " not in [1, 64]");
    this.from = from;
    this.width = width;
    int nn = n * n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double[] dr = lr[i * n + j], di = li[i * n + j];
        for (int l = 0, o = from * nn + i * n + j; l < width; l++, o += nn) {
          dr[l] = re[o];
          di[l] = im[o];
        }
      }
    }
    java.util.Arrays.fill(tol, 0);
    for (int i = 0; i < n; i++) {
      double[] d = lr[i * n + i];
      for (int l = 0; l < width; l++) tol[l] = Math.max(tol[l], Math.abs(d[l]));
    }
    for (int l = 0; l < width; l++) tol[l] = n * 0x1p-52 * tol[l];
    for (int j = 0; j < n; j++) {
      double[] dr = lr[j * n + j], q = inv[j];
      for (int k = 0; k < j; k++) {
        double[] ur = lr[j * n + k], ui = li[j * n + k];
        for (int l = 0; l < width; l++) dr[l] -= ur[l] * ur[l] + ui[l] * ui[l];
      }
      for (int l = 0; l < width; l++) {
        double d = dr[l];
        if (!(d > tol[l]) && status[from + l] == 0) {
          status[from + l] = j + 1;
          pivot[from + l] = d;
        }
        double ljj = Math.sqrt(d);
        dr[l] = ljj;
        q[l] = 1.0 / ljj;
      }
      for (int i = j + 1; i < n; i++) { // l_ij = (a_ij - Σ_k l_ik conj(l_jk)) / l_jj
        double[] sr = lr[i * n + j], si = li[i * n + j];
        for (int k = 0; k < j; k++) {
          double[] ar = lr[i * n + k], ai = li[i * n + k], br = lr[j * n + k], bi = li[j * n + k];
          for (int l = 0; l < width; l++) {
            sr[l] -= ar[l] * br[l] + ai[l] * bi[l];
            si[l] -= ai[l] * br[l] - ar[l] * bi[l];
          }
        }
        for (int l = 0; l < width; l++) {
          sr[l] = sr[l] * q[l];
          si[l] = si[l] * q[l];
        }
      }
    }
  }

  /** Writes L as {@link Cholesky} keeps it: lower triangles (zeros above, a real diagonal) into {@code (re, im)}. */
  void store(double[] re, double[] im) {
    int nn = n * n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double[] dr = lr[i * n + j], di = li[i * n + j];
        boolean diagonal = i == j;
        for (int l = 0, o = from * nn + i * n + j; l < width; l++, o += nn) {
          re[o] = dr[l];
          im[o] = diagonal ? 0 : di[l];
        }
      }
    }
  }

  /**
   * Solves column {@code col} of the right-hand sides {@code (br, bi) [..., n, k]} for the factored group
   * ({@code L y = b}, then {@code L^H x = y}) into the same column of {@code (outR, outI)}.
   */
  void solve(double[] br, double[] bi, int k, int col, double[] outR, double[] outI) {
    for (int i = 0; i < n; i++) {
      double[] sr = xr[i], si = xi[i];
      for (int l = 0, o = from * n * k + col + i * k; l < width; l++, o += n * k) {
        sr[l] = br[o];
        si[l] = bi[o];
      }
    }
    for (int i = 0; i < n; i++) { // L y = b
      double[] sr = xr[i], si = xi[i];
      for (int j = 0; j < i; j++) {
        double[] fr = lr[i * n + j], fi = li[i * n + j], vr = xr[j], vi = xi[j];
        for (int l = 0; l < width; l++) {
          sr[l] -= fr[l] * vr[l] - fi[l] * vi[l];
          si[l] -= fr[l] * vi[l] + fi[l] * vr[l];
        }
      }
      scale(sr, si, lr[i * n + i]);
    }
    for (int i = n - 1; i >= 0; i--) { // L^H x = y, with conj(l_ji)
      double[] sr = xr[i], si = xi[i];
      for (int j = i + 1; j < n; j++) {
        double[] fr = lr[j * n + i], fi = li[j * n + i], vr = xr[j], vi = xi[j];
        for (int l = 0; l < width; l++) {
          double f = -fi[l];
          sr[l] -= fr[l] * vr[l] - f * vi[l];
          si[l] -= fr[l] * vi[l] + f * vr[l];
        }
      }
      scale(sr, si, lr[i * n + i]);
    }
    for (int i = 0; i < n; i++) {
      double[] sr = xr[i], si = xi[i];
      for (int l = 0, o = from * n * k + col + i * k; l < width; l++, o += n * k) {
        outR[o] = sr[l];
        outI[o] = si[l];
      }
    }
  }

  /** {@code s *= 1 / d} in every lane, the reciprocal taken as the one-matrix substitution takes it. */
  private void scale(double[] sr, double[] si, double[] d) {
    for (int l = 0; l < width; l++) {
      double r = 1 / d[l];
      sr[l] = sr[l] * r;
      si[l] = si[l] * r;
    }
  }
}
