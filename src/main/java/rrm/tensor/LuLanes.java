package rrm.tensor;

/**
 * LU factorisation with partial pivoting and the substitutions for {@code A x = b} and {@code A^H x = b} for small
 * complex matrices (below {@link #MAX_N}), up to {@link #LANES} matrices at a time: entry (i, j) of all matrices of a
 * group lies in one array, one lane per matrix, so each step of the elimination is one loop over the matrices. One matrix alone is a chain
 * of short dependent steps (a 5 x 5 solve cost about 570 cycles, mostly waiting on latencies); across lanes the steps
 * are independent and the JIT vectorises them. One thread, factor and solve: 0.22 → 0.12 µs per 5 x 5 matrix,
 * 0.052 → 0.046 µs per 3 x 3 one (against the one-matrix kernels, unrolled at n = 3); the copies into and out of the
 * lanes take a good part of what is left.
 *
 * <p>Each lane does exactly the arithmetic of the one-matrix loops, term by term and in the same order (the first row
 * of largest modulus as pivot, the pivot's reciprocal, fused row updates; {@link LuSolve#columnLoops}' substitutions),
 * so factors, pivots and solutions are bit-identical to theirs; only the pivot search and row swaps run lane by lane. Factors kept for a backward pass are
 * saved into one {@link Lu} in this layout ({@link #save}, {@link #restore}). A lane whose pivot is unusable
 * (at most the singular tolerance, or exactly 0 when not strict) records the column and the pivot's modulus and goes
 * on with whatever values follow; the caller reports the failure and uses nothing of that lane. Lanes never mix, so
 * results do not depend on how a batch is split into groups or threads.
 */
final class LuLanes {
  /** Matrices per group. */
  static final int LANES = 64;
  /**
   * Complex matrices below this size are solved in lanes: one thread, per matrix, 0.35 against 0.75 µs on row arrays at
   * n = 8 and 0.84 against 1.50 at n = 12, but no faster at n = 16 (the group's 2 n² arrays outgrow the cache).
   */
  static final int MAX_N = 16;

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
   * Copies the factored group g into {@code lu}'s arrays, which hold the factors of all groups in this layout (lane
   * fastest, then entry, then group): one copy per entry, into arrays allocated once per batch.
   */
  void save(Lu lu, int g) {
    int nn = n * n;
    for (int e = 0; e < nn; e++) {
      System.arraycopy(ar[e], 0, lu.re, (g * nn + e) * LANES, width);
      System.arraycopy(ai[e], 0, lu.im, (g * nn + e) * LANES, width);
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(perm[i], 0, lu.perm, (g * n + i) * LANES, width);
      System.arraycopy(rr[i], 0, lu.recipRe, (g * n + i) * LANES, width);
      System.arraycopy(ri[i], 0, lu.recipIm, (g * n + i) * LANES, width);
    }
  }

  /** Loads group g from {@code lu}'s arrays (see {@link #save}), ready to {@link #solve}. */
  void restore(Lu lu, int g) {
    from = g * LANES;
    width = Math.min(LANES, lu.count - from);
    int nn = n * n;
    for (int e = 0; e < nn; e++) {
      System.arraycopy(lu.re, (g * nn + e) * LANES, ar[e], 0, width);
      System.arraycopy(lu.im, (g * nn + e) * LANES, ai[e], 0, width);
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(lu.perm, (g * n + i) * LANES, perm[i], 0, width);
      System.arraycopy(lu.recipRe, (g * n + i) * LANES, rr[i], 0, width);
      System.arraycopy(lu.recipIm, (g * n + i) * LANES, ri[i], 0, width);
    }
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

  /**
   * Solves column {@code col} of the right-hand sides {@code (br, bi) [..., n, k]} for the factored group into the same
   * column of {@code (outR, outI)}: {@code A x = b}, or {@code A^H x = b} for the {@code adjoint} (with
   * {@code A^H = U^H L^H P}).
   */
  void solve(double[] br, double[] bi, int k, int col, double[] outR, double[] outI, boolean adjoint) {
    int stride = n * k, first = from * stride + col;
    for (int i = 0; i < n; i++) { // b, its rows permuted for A x = b
      double[] sr = xr[i], si = xi[i];
      int[] pi = perm[i];
      for (int l = 0, o = first; l < width; l++, o += stride) {
        int src = o + (adjoint ? i : pi[l]) * k;
        sr[l] = br[src];
        si[l] = bi[src];
      }
    }
    if (!adjoint) {
      for (int i = 1; i < n; i++) { // L, unit lower
        for (int j = 0; j < i; j++) subtract(xr[i], xi[i], ar[i * n + j], ai[i * n + j], xr[j], xi[j]);
      }
      for (int i = n - 1; i >= 0; i--) { // U, times 1 / u_ii
        for (int j = i + 1; j < n; j++) subtract(xr[i], xi[i], ar[i * n + j], ai[i * n + j], xr[j], xi[j]);
        double[] sr = xr[i], si = xi[i], pr = rr[i], pi = ri[i];
        for (int l = 0; l < width; l++) {
          double a = sr[l], b = si[l];
          sr[l] = a * pr[l] - b * pi[l];
          si[l] = a * pi[l] + b * pr[l];
        }
      }
    } else {
      for (int i = 0; i < n; i++) { // U^H, lower, times conj(1 / u_ii)
        for (int j = 0; j < i; j++) subtractConjugate(xr[i], xi[i], ar[j * n + i], ai[j * n + i], xr[j], xi[j]);
        double[] sr = xr[i], si = xi[i], pr = rr[i], qi = ri[i];
        for (int l = 0; l < width; l++) {
          double a = sr[l], b = si[l], pi = -qi[l];
          sr[l] = a * pr[l] - b * pi;
          si[l] = a * pi + b * pr[l];
        }
      }
      for (int i = n - 1; i >= 0; i--) { // L^H, unit upper
        for (int j = i + 1; j < n; j++) subtractConjugate(xr[i], xi[i], ar[j * n + i], ai[j * n + i], xr[j], xi[j]);
      }
    }
    for (int i = 0; i < n; i++) { // x, its rows permuted back for the adjoint
      double[] sr = xr[i], si = xi[i];
      int[] pi = perm[i];
      for (int l = 0, o = first; l < width; l++, o += stride) {
        int dst = o + (adjoint ? pi[l] : i) * k;
        outR[dst] = sr[l];
        outI[dst] = si[l];
      }
    }
  }

  /** {@code s -= conj(f) u} in every lane, unfused as in the one-matrix substitution. */
  private void subtractConjugate(double[] sr, double[] si, double[] fr, double[] fi, double[] ur, double[] ui) {
    for (int l = 0; l < width; l++) {
      double f = -fi[l];
      sr[l] -= fr[l] * ur[l] - f * ui[l];
      si[l] -= fr[l] * ui[l] + f * ur[l];
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
