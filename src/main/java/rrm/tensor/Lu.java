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

  /** From this size on, factor on row arrays (vectorisable updates); below it, in place on flat arrays. */
  static final int ROWS_FROM = 8;

  private Lu(int n, int count, double[] re, double[] im, int[] perm, double[] recipRe, double[] recipIm) {
    this.n = n;
    this.count = count;
    this.re = re;
    this.im = im;
    this.perm = perm;
    this.recipRe = recipRe;
    this.recipIm = recipIm;
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
    if (n < ROWS_FROM && !complex) System.arraycopy(a.re, 0, re, 0, re.length);
    Parallel.forRange(count, Parallel.grain((long) n * n * n + 1), (from, to) -> {
      if (n < ROWS_FROM) {
        for (int b = from; b < to; b++) {
          int o = b * n * n;
          int c = complex ? flatComplex(a.re, a.im, o, re, im, o, n, perm, b * n, strict, rr, ri)
              : flatReal(re, o, n, perm, b * n, strict, rr);
          if (c >= 0) {
            failedColumn[b] = c + 1;
            int d = o + c * n + c;
            failedPivot[b] = complex ? Elementwise.hypot(re[d], im[d]) : Math.abs(re[d]);
          }
        }
        return;
      }
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
    return new Lu(n, count, re, im, perm, rr, ri);
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

  /**
   * Complex counterpart of {@link #flatReal}, reading the block from {@code (sr, si)} at {@code so} (it may be the
   * block factored in place) and factoring it into {@code (ar, ai)} at {@code o}; the reciprocals' imaginary parts go
   * to {@code recipIm}. At n = 3 the factorisation runs in local variables ({@link #complex3}, bit-identical); a
   * matrix it cannot factor is redone by the general loops ({@link #complexLoops}), so a failure leaves the same values
   * behind.
   */
  static int flatComplex(double[] sr, double[] si, int so, double[] ar, double[] ai, int o, int n, int[] perm, int po,
      boolean strict, double[] recipRe, double[] recipIm) {
    if (n == 3 && complex3(sr, si, so, ar, ai, o, perm, po, strict, recipRe, recipIm)) return -1;
    if (sr != ar || so != o) {
      System.arraycopy(sr, so, ar, o, n * n);
      System.arraycopy(si, so, ai, o, n * n);
    }
    return complexLoops(ar, ai, o, n, perm, po, strict, recipRe, recipIm);
  }

  /** The general loops of {@link #flatComplex}, in place on the block at {@code o}, for any n. */
  static int complexLoops(double[] ar, double[] ai, int o, int n, int[] perm, int po, boolean strict,
      double[] recipRe, double[] recipIm) {
    double tol2 = strict ? Pivoting.tolerance2(ar, ai, o, n) : 0;
    for (int i = 0; i < n; i++) perm[po + i] = i;
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(ar, ai, o, n, c);
      Pivoting.swapRows(ar, o, n, p, c);
      Pivoting.swapRows(ai, o, n, p, c);
      swapPerm(perm, po, p, c);
      int d = o + c * n + c;
      double best = ar[d] * ar[d] + ai[d] * ai[d];
      if (best <= tol2) return c;
      double ir = ar[d] / best, ii = -ai[d] / best; // 1 / pivot
      recipRe[po + c] = ir;
      recipIm[po + c] = ii;
      int rc = o + c * n;
      for (int r = c + 1; r < n; r++) {
        int rr = o + r * n;
        double xr = ar[rr + c], xi = ai[rr + c];
        double lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
        ar[rr + c] = lr;
        ai[rr + c] = li;
        double mr = -lr, mi = -li;
        for (int j = c + 1; j < n; j++) {
          double ur = ar[rc + j], ui = ai[rc + j];
          ar[rr + j] = Math.fma(mr, ur, Math.fma(li, ui, ar[rr + j]));
          ai[rr + j] = Math.fma(mr, ui, Math.fma(mi, ur, ai[rr + j]));
        }
      }
    }
    return -1;
  }

  /**
   * {@link #flatComplex} for a 3 x 3 block, unrolled into local variables: the same tolerance, pivot choices (first
   * largest modulus), row swaps, reciprocals and fused updates in the same order, so the factors are bit-identical.
   * Returns false, writing nothing, at an unusable pivot.
   */
  private static boolean complex3(double[] sr, double[] si, int so, double[] ar, double[] ai, int o, int[] perm,
      int po, boolean strict, double[] recipRe, double[] recipIm) {
    double r00 = sr[so], r01 = sr[so + 1], r02 = sr[so + 2];
    double r10 = sr[so + 3], r11 = sr[so + 4], r12 = sr[so + 5];
    double r20 = sr[so + 6], r21 = sr[so + 7], r22 = sr[so + 8];
    double i00 = si[so], i01 = si[so + 1], i02 = si[so + 2];
    double i10 = si[so + 3], i11 = si[so + 4], i12 = si[so + 5];
    double i20 = si[so + 6], i21 = si[so + 7], i22 = si[so + 8];
    double tol2 = 0;
    if (strict) {
      double scale = Math.max(Math.max(r00 * r00 + i00 * i00, r01 * r01 + i01 * i01), r02 * r02 + i02 * i02);
      scale = Math.max(Math.max(scale, r10 * r10 + i10 * i10), Math.max(r11 * r11 + i11 * i11, r12 * r12 + i12 * i12));
      scale = Math.max(Math.max(scale, r20 * r20 + i20 * i20), Math.max(r21 * r21 + i21 * i21, r22 * r22 + i22 * i22));
      tol2 = Pivoting.tolerance2(scale, 3);
    }
    int q0 = 0, q1 = 1, q2 = 2;
    double t;
    // column 0: pivot row, swap, 1 / pivot, eliminate rows 1 and 2
    double best = r00 * r00 + i00 * i00, m1 = r10 * r10 + i10 * i10, m2 = r20 * r20 + i20 * i20;
    int p = 0;
    if (m1 > best) {
      best = m1;
      p = 1;
    }
    if (m2 > best) {
      best = m2;
      p = 2;
    }
    if (p == 1) {
      q0 = 1;
      q1 = 0;
      t = r00; r00 = r10; r10 = t;
      t = r01; r01 = r11; r11 = t;
      t = r02; r02 = r12; r12 = t;
      t = i00; i00 = i10; i10 = t;
      t = i01; i01 = i11; i11 = t;
      t = i02; i02 = i12; i12 = t;
    } else if (p == 2) {
      q0 = 2;
      q2 = 0;
      t = r00; r00 = r20; r20 = t;
      t = r01; r01 = r21; r21 = t;
      t = r02; r02 = r22; r22 = t;
      t = i00; i00 = i20; i20 = t;
      t = i01; i01 = i21; i21 = t;
      t = i02; i02 = i22; i22 = t;
    }
    if (best <= tol2) return false;
    double pr0 = r00 / best, pi0 = -i00 / best;
    double lr = r10 * pr0 - i10 * pi0, li = r10 * pi0 + i10 * pr0;
    r10 = lr;
    i10 = li;
    r11 = Math.fma(-lr, r01, Math.fma(li, i01, r11));
    i11 = Math.fma(-lr, i01, Math.fma(-li, r01, i11));
    r12 = Math.fma(-lr, r02, Math.fma(li, i02, r12));
    i12 = Math.fma(-lr, i02, Math.fma(-li, r02, i12));
    lr = r20 * pr0 - i20 * pi0;
    li = r20 * pi0 + i20 * pr0;
    r20 = lr;
    i20 = li;
    r21 = Math.fma(-lr, r01, Math.fma(li, i01, r21));
    i21 = Math.fma(-lr, i01, Math.fma(-li, r01, i21));
    r22 = Math.fma(-lr, r02, Math.fma(li, i02, r22));
    i22 = Math.fma(-lr, i02, Math.fma(-li, r02, i22));
    // column 1
    best = r11 * r11 + i11 * i11;
    m2 = r21 * r21 + i21 * i21;
    if (m2 > best) {
      best = m2;
      p = q1;
      q1 = q2;
      q2 = p;
      t = r10; r10 = r20; r20 = t;
      t = r11; r11 = r21; r21 = t;
      t = r12; r12 = r22; r22 = t;
      t = i10; i10 = i20; i20 = t;
      t = i11; i11 = i21; i21 = t;
      t = i12; i12 = i22; i22 = t;
    }
    if (best <= tol2) return false;
    double pr1 = r11 / best, pi1 = -i11 / best;
    lr = r21 * pr1 - i21 * pi1;
    li = r21 * pi1 + i21 * pr1;
    r21 = lr;
    i21 = li;
    r22 = Math.fma(-lr, r12, Math.fma(li, i12, r22));
    i22 = Math.fma(-lr, i12, Math.fma(-li, r12, i22));
    // column 2
    best = r22 * r22 + i22 * i22;
    if (best <= tol2) return false;
    double pr2 = r22 / best, pi2 = -i22 / best;
    ar[o] = r00; ar[o + 1] = r01; ar[o + 2] = r02;
    ar[o + 3] = r10; ar[o + 4] = r11; ar[o + 5] = r12;
    ar[o + 6] = r20; ar[o + 7] = r21; ar[o + 8] = r22;
    ai[o] = i00; ai[o + 1] = i01; ai[o + 2] = i02;
    ai[o + 3] = i10; ai[o + 4] = i11; ai[o + 5] = i12;
    ai[o + 6] = i20; ai[o + 7] = i21; ai[o + 8] = i22;
    perm[po] = q0;
    perm[po + 1] = q1;
    perm[po + 2] = q2;
    recipRe[po] = pr0; recipRe[po + 1] = pr1; recipRe[po + 2] = pr2;
    recipIm[po] = pi0; recipIm[po + 1] = pi1; recipIm[po + 2] = pi2;
    return true;
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
