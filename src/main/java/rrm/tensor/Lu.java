package rrm.tensor;

/**
 * LU factorisation with partial pivoting of a batch of square matrices, real or complex: {@code P A = L U} with L
 * unit lower triangular and U upper triangular, both stored in one {@code n x n} block per matrix.
 *
 * <p>Used by {@link Solve} for {@code solve}, whose backward pass reuses the factors for the adjoint system
 * {@code A^H Y = G}. A pivot whose modulus is at most {@code n * 2^-52 * max|a_ij|} marks the matrix as
 * singular (to working precision); the error names the lowest such matrix of the batch and the column. Each matrix
 * is factored by one thread in a fixed order, so results do not depend on the thread count.
 */
final class Lu {
  final int n;
  final int count;
  final double[] re;
  final double[] im;
  /** Row i of {@code P A} is row {@code perm[b * n + i]} of matrix b. */
  final int[] perm;
  /**
   * {@code 1 / u_ii} of matrix b at {@code b * n + i} (real and imaginary parts; the imaginary part 0 for a real
   * factor): the substitutions multiply by them instead of dividing.
   */
  final double[] recipRe;
  final double[] recipIm;

  /**
   * From this size on, {@link Solve} factors real matrices on row arrays here (vectorisable updates); below it,
   * {@link LuSolve#small} factors and solves them in one pass. Complex matrices go there below {@link LuLanes#MAX_N}
   * (many at a time, in lanes).
   */
  static final int ROWS_FROM = 8;

  /**
   * Whether the arrays hold the factors of small complex matrices in groups of {@link LuLanes#LANES}, the lane
   * fastest ({@link LuLanes#save}), instead of one block per matrix.
   */
  final boolean lanes;

  Lu(int n, int count, double[] re, double[] im, int[] perm, double[] recipRe, double[] recipIm, boolean lanes) {
    this.n = n;
    this.count = count;
    this.re = re;
    this.im = im;
    this.perm = perm;
    this.recipRe = recipRe;
    this.recipIm = recipIm;
    this.lanes = lanes;
  }

  /**
   * Factors every matrix of {@code a [..., n, n]}; throws naming {@code op} if one is non-finite or, when
   * {@code strict}, singular to working precision, else only at an exactly zero pivot (LAPACK's getrf convention).
   */
  static Lu factor(String op, Tensor a, boolean strict) {
    Shape.square(op, "a", a);
    Matrices.requireFinite(op, a);
    int n = a.shape[a.dim() - 1];
    int count = Matrices.count(a);
    boolean complex = a.im != null;
    double[] re = new double[a.re.length];
    double[] im = complex ? new double[a.re.length] : null;
    int[] perm = new int[count * n];
    double[] rr = new double[count * n], ri = new double[count * n];
    int[] failedColumn = new int[count];
    double[] failedPivot = new double[count];
    Parallel.forRange(count, Parallel.grain((long) n * n * n + 1), (from, to) -> {
      // Rows live in separate arrays: pivoting swaps references, and row updates vectorise.
      double[][] wr = new double[n][n];
      double[][] wi = complex ? new double[n][n] : null;
      int[] rowOf = new int[n];
      for (int b = from; b < to; b++) {
        int o = b * n * n;
        Matrices.toRows(a.re, o, wr, n);
        if (complex) Matrices.toRows(a.im, o, wi, n);
        for (int i = 0; i < n; i++) rowOf[i] = i;
        int c = complex ? factorComplex(wr, wi, rowOf, n, strict, rr, ri, b * n)
            : factorReal(wr, rowOf, n, strict, rr, b * n);
        if (c >= 0) {
          failedColumn[b] = c + 1;
          failedPivot[b] = complex ? Elementwise.hypot(wr[c][c], wi[c][c]) : Math.abs(wr[c][c]);
        }
        Matrices.fromRows(wr, re, o, n);
        if (complex) Matrices.fromRows(wi, im, o, n);
        System.arraycopy(rowOf, 0, perm, b * n, n);
      }
    });
    int bad = Matrices.firstFailure(failedColumn);
    if (bad >= 0) throw Matrices.singular(op, bad, a.shape, failedPivot[bad], failedColumn[bad] - 1);
    return new Lu(n, count, re, im, perm, rr, ri, false);
  }

  /**
   * Factors the real block at {@code o} in place (permutation and pivot reciprocals at {@code po}); returns the column
   * of the first unusable pivot, or -1.
   */
  static int flatReal(double[] a, int o, int n, int[] perm, int po, boolean strict, double[] recip) {
    double tol = strict ? Pivoting.tolerance(a, o, n) : 0;
    for (int i = 0; i < n; i++) perm[po + i] = i;
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(a, o, n, c);
      Pivoting.swapRows(a, o, n, p, c);
      swapPerm(perm, po, p, c);
      double best = Math.abs(a[o + c * n + c]);
      if (best <= tol) return c;
      double inv = 1.0 / a[o + c * n + c];
      recip[po + c] = inv;
      int rc = o + c * n;
      for (int r = c + 1; r < n; r++) {
        int rr = o + r * n;
        double l = a[rr + c] * inv;
        a[rr + c] = l;
        double m = -l;
        for (int j = c + 1; j < n; j++) a[rr + j] = Math.fma(m, a[rc + j], a[rr + j]);
      }
    }
    return -1;
  }

  private static void swapPerm(int[] perm, int po, int p, int c) {
    int t = perm[po + p];
    perm[po + p] = perm[po + c];
    perm[po + c] = t;
  }

  /** Factors rows w in place (swapping row references); returns the column of the first unusable pivot, or -1. */
  private static int factorReal(double[][] w, int[] rowOf, int n, boolean strict, double[] recip, int ro) {
    double tol = strict ? Pivoting.tolerance(w, n) : 0;
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(w, n, c);
      Pivoting.swapRows(w, p, c);
      swapPerm(rowOf, 0, p, c);
      double best = Math.abs(w[c][c]);
      if (best <= tol) return c;
      double[] rc = w[c];
      double inv = 1.0 / rc[c];
      recip[ro + c] = inv;
      for (int r = c + 1; r < n; r++) {
        double[] rr = w[r];
        double l = rr[c] * inv;
        rr[c] = l;
        double m = -l;
        for (int j = c + 1; j < n; j++) rr[j] = Math.fma(m, rc[j], rr[j]);
      }
    }
    return -1;
  }

  private static int factorComplex(double[][] wr, double[][] wi, int[] rowOf, int n, boolean strict, double[] recipRe,
      double[] recipIm, int ro) {
    double tol2 = strict ? Pivoting.tolerance2(wr, wi, n) : 0;
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(wr, wi, n, c);
      Pivoting.swapRows(wr, p, c);
      Pivoting.swapRows(wi, p, c);
      swapPerm(rowOf, 0, p, c);
      double best = wr[c][c] * wr[c][c] + wi[c][c] * wi[c][c];
      if (best <= tol2) return c;
      double[] ur = wr[c], ui = wi[c];
      double ir = ur[c] / best, ii = -ui[c] / best; // 1 / pivot
      recipRe[ro + c] = ir;
      recipIm[ro + c] = ii;
      for (int r = c + 1; r < n; r++) {
        double[] yr = wr[r], yi = wi[r];
        double xr = yr[c], xi = yi[c];
        double lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
        yr[c] = lr;
        yi[c] = li;
        // y -= l u
        double mr = -lr, mi = -li;
        for (int j = c + 1; j < n; j++) {
          double vr = ur[j], vi = ui[j];
          yr[j] = Math.fma(mr, vr, Math.fma(li, vi, yr[j]));
          yi[j] = Math.fma(mr, vi, Math.fma(mi, vr, yi[j]));
        }
      }
    }
    return -1;
  }
}
