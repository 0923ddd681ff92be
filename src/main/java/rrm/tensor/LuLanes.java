package rrm.tensor;

/**
 * LU factorisation with partial pivoting and the substitution {@code x = A^{-1} b} for small complex matrices (below
 * {@link Lu#ROWS_FROM}), up to {@link #LANES} matrices at a time: entry (i, j) of all matrices of a group lies in one
 * array, one lane per matrix, so each step of the elimination is one loop over the matrices. One matrix alone is a chain
 * of short dependent steps (a 5 x 5 solve cost about 570 cycles, mostly waiting on latencies); across lanes the steps
 * are independent and the JIT vectorises them. One thread, factor and solve: 0.22 → 0.12 µs per 5 x 5 matrix,
 * 0.052 → 0.046 µs per 3 x 3 one (against the one-matrix kernels, unrolled at n = 3); the copies into and out of the
 * lanes take a good part of what is left.
 *
 * <p>Each lane does exactly the arithmetic of the one-matrix kernels, term by term and in the same order ({@link Lu}'s
 * elimination with fused updates, {@link LuSolve#columnLoops}' substitutions), so the factors, pivots and solutions are
 * bit-identical to theirs; only the pivot search and row swaps run lane by lane. A lane whose pivot is unusable
 * (at most the singular tolerance, or exactly 0 when not strict) records the column and the pivot's modulus and goes
 * on with whatever values follow; the caller reports the failure and uses nothing of that lane. Lanes never mix, so
 * results do not depend on how a batch is split into groups or threads.
 */
final class LuLanes {
  /** Matrices per group. */
  static final int LANES = 64;

  private final int n;
  /** Entry (i, j) of the group's matrix l at {@code [i * n + j][l]}: the factors after {@link #factor}. */
  private final double[][] ar, ai;
  /** Row i of {@code P A} is row {@code perm[i][l]} of matrix l. */
  private final int[][] perm;
  /** {@code 1 / u_ii} of matrix l at {@code [i][l]}. */
  private final double[][] rr, ri;
  /** One right-hand side column, solved in place. */
  private final double[][] xr, xi;
  private final double[] tol2 = new double[LANES], scale = new double[LANES], best = new double[LANES];
  private final int[] row = new int[LANES];
  /** Column + 1 of a lane's first unusable pivot, 0 if none; its modulus. */
  private final int[] failed = new int[LANES];
  private final double[] failedPivot = new double[LANES];
  private int from, width;

  LuLanes(int n) {
    this.n = n;
    ar = new double[n * n][LANES];
    ai = new double[n * n][LANES];
    perm = new int[n][LANES];
    rr = new double[n][LANES];
    ri = new double[n][LANES];
    xr = new double[n][LANES];
    xi = new double[n][LANES];
  }

  /**
   * Factors matrices {@code from} to {@code from + width - 1} of the complex batch {@code (re, im)} (n x n blocks, row
   * major); {@code strict} as in {@link Lu#factor}.
   */
  void factor(double[] re, double[] im, int from, int width, boolean strict) {
    if (width < 1 || width > LANES) throw new IllegalArgumentException("LuLanes: width " + width + " not in [1, 64]");
    this.from = from;
    this.width = width;
    int nn = n * n;
    java.util.Arrays.fill(scale, 0);
    for (int e = 0; e < nn; e++) {
      double[] dr = ar[e], di = ai[e];
      for (int l = 0, o = from * nn + e; l < width; l++, o += nn) {
        dr[l] = re[o];
        di[l] = im[o];
      }
      for (int l = 0; l < width; l++) scale[l] = Math.max(scale[l], dr[l] * dr[l] + di[l] * di[l]);
    }
    for (int l = 0; l < width; l++) {
      tol2[l] = strict ? Pivoting.tolerance2(scale[l], n) : 0;
      failed[l] = 0;
    }
    for (int i = 0; i < n; i++) java.util.Arrays.fill(perm[i], i);
    for (int c = 0; c < n; c++) {
      pivots(c);
      double[] pr = ar[c * n + c], pi = ai[c * n + c], qr = rr[c], qi = ri[c];
      for (int l = 0; l < width; l++) {
        double best = pr[l] * pr[l] + pi[l] * pi[l];
        qr[l] = pr[l] / best;
        qi[l] = -pi[l] / best;
      }
      for (int r = c + 1; r < n; r++) {
        double[] er = ar[r * n + c], ei = ai[r * n + c];
        for (int l = 0; l < width; l++) { // the multiplier l_rc = a_rc / u_cc
          double x = er[l], y = ei[l];
          er[l] = x * qr[l] - y * qi[l];
          ei[l] = x * qi[l] + y * qr[l];
        }
        for (int j = c + 1; j < n; j++) { // a_rj -= l_rc u_cj, fused as in the one-matrix kernel
          double[] tr = ar[r * n + j], ti = ai[r * n + j], ur = ar[c * n + j], ui = ai[c * n + j];
          for (int l = 0; l < width; l++) {
            tr[l] = Math.fma(-er[l], ur[l], Math.fma(ei[l], ui[l], tr[l]));
            ti[l] = Math.fma(-er[l], ui[l], Math.fma(-ei[l], ur[l], ti[l]));
          }
        }
      }
    }
  }

  /**
   * Column c of every lane: the first row of largest modulus at or below c becomes row c; an unusable pivot is noted.
   */
  private void pivots(int c) {
    double[] cr = ar[c * n + c], ci = ai[c * n + c];
    for (int l = 0; l < width; l++) {
      best[l] = cr[l] * cr[l] + ci[l] * ci[l];
      row[l] = c;
    }
    for (int r = c + 1; r < n; r++) {
      double[] er = ar[r * n + c], ei = ai[r * n + c];
      for (int l = 0; l < width; l++) {
        double v = er[l] * er[l] + ei[l] * ei[l];
        if (v > best[l]) {
          best[l] = v;
          row[l] = r;
        }
      }
    }
    for (int l = 0; l < width; l++) {
      int p = row[l];
      if (p != c) {
        for (int j = 0; j < n; j++) {
          double t = ar[p * n + j][l];
          ar[p * n + j][l] = ar[c * n + j][l];
          ar[c * n + j][l] = t;
          t = ai[p * n + j][l];
          ai[p * n + j][l] = ai[c * n + j][l];
          ai[c * n + j][l] = t;
        }
        int t = perm[p][l];
        perm[p][l] = perm[c][l];
        perm[c][l] = t;
      }
      if (failed[l] == 0 && best[l] <= tol2[l]) {
        failed[l] = c + 1;
        failedPivot[l] = Elementwise.hypot(cr[l], ci[l]);
      }
    }
  }

  /**
   * Notes the group's failures in the batch's arrays: {@code failedColumn[m] = c + 1} and {@code pivot[m]} the modulus
   * of the first unusable pivot of matrix m (column c).
   */
  void failures(int[] failedColumn, double[] pivot) {
    for (int l = 0; l < width; l++) {
      if (failed[l] != 0) {
        failedColumn[from + l] = failed[l];
        pivot[from + l] = failedPivot[l];
      }
    }
  }

  /** Writes the factors as {@link Lu} keeps them: blocks into {@code (re, im)}, permutations and reciprocals. */
  void store(double[] re, double[] im, int[] perms, double[] recipRe, double[] recipIm) {
    int nn = n * n;
    for (int e = 0; e < nn; e++) {
      double[] dr = ar[e], di = ai[e];
      for (int l = 0, o = from * nn + e; l < width; l++, o += nn) {
        re[o] = dr[l];
        im[o] = di[l];
      }
    }
    for (int i = 0; i < n; i++) {
      int[] pi = perm[i];
      double[] qr = rr[i], qi = ri[i];
      for (int l = 0, o = from * n + i; l < width; l++, o += n) {
        perms[o] = pi[l];
        recipRe[o] = qr[l];
        recipIm[o] = qi[l];
      }
    }
  }

  /**
   * Solves column {@code col} of the right-hand sides {@code (br, bi) [..., n, k]} for the factored group into the same
   * column of {@code (outR, outI)}.
   */
  void solve(double[] br, double[] bi, int k, int col, double[] outR, double[] outI) {
    for (int i = 0; i < n; i++) {
      double[] sr = xr[i], si = xi[i];
      int[] pi = perm[i];
      for (int l = 0, o = from * n * k + col; l < width; l++, o += n * k) {
        sr[l] = br[o + pi[l] * k];
        si[l] = bi[o + pi[l] * k];
      }
    }
    for (int i = 1; i < n; i++) { // forward: L unit lower
      for (int j = 0; j < i; j++) subtract(xr[i], xi[i], ar[i * n + j], ai[i * n + j], xr[j], xi[j]);
    }
    for (int i = n - 1; i >= 0; i--) { // backward: U, times 1 / u_ii
      for (int j = i + 1; j < n; j++) subtract(xr[i], xi[i], ar[i * n + j], ai[i * n + j], xr[j], xi[j]);
      double[] sr = xr[i], si = xi[i], pr = rr[i], pi = ri[i];
      for (int l = 0; l < width; l++) {
        double a = sr[l], b = si[l];
        sr[l] = a * pr[l] - b * pi[l];
        si[l] = a * pi[l] + b * pr[l];
      }
    }
    for (int i = 0; i < n; i++) {
      double[] sr = xr[i], si = xi[i];
      for (int l = 0, o = from * n * k + col + i * k; l < width; l++, o += n * k) {
        outR[o] = sr[l];
        outI[o] = si[l];
      }
    }
  }

  /** {@code s -= f u} in every lane, unfused as in the one-matrix substitution. */
  private void subtract(double[] sr, double[] si, double[] fr, double[] fi, double[] ur, double[] ui) {
    for (int l = 0; l < width; l++) {
      sr[l] -= fr[l] * ur[l] - fi[l] * ui[l];
      si[l] -= fr[l] * ui[l] + fi[l] * ur[l];
    }
  }
}
