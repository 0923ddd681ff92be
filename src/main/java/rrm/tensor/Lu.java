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

  private Lu(int n, int count, double[] re, double[] im, int[] perm) {
    this.n = n;
    this.count = count;
    this.re = re;
    this.im = im;
    this.perm = perm;
  }

  /** Factors every matrix of {@code a [..., n, n]}; throws naming {@code op} if one is non-finite or singular. */
  static Lu factor(String op, Tensor a) {
    Shape.square(op, "a", a);
    Matrices.requireFinite(op, a);
    int n = a.shape[a.dim() - 1];
    int count = Matrices.count(a);
    boolean complex = a.im != null;
    double[] re = new double[a.re.length];
    double[] im = complex ? new double[a.re.length] : null;
    int[] perm = new int[count * n];
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
        int c = complex ? factorComplex(wr, wi, rowOf, n) : factorReal(wr, rowOf, n);
        if (c >= 0) {
          failedColumn[b] = c + 1;
          failedPivot[b] = complex ? Math.hypot(wr[c][c], wi[c][c]) : Math.abs(wr[c][c]);
        }
        Matrices.fromRows(wr, re, o, n);
        if (complex) Matrices.fromRows(wi, im, o, n);
        System.arraycopy(rowOf, 0, perm, b * n, n);
      }
    });
    int bad = Matrices.firstFailure(failedColumn);
    if (bad >= 0) throw Matrices.singular(op, bad, a.shape, failedPivot[bad], failedColumn[bad] - 1);
    return new Lu(n, count, re, im, perm);
  }

  /** Factors rows w in place (swapping row references); returns the column of the first unusable pivot, or -1. */
  private static int factorReal(double[][] w, int[] rowOf, int n) {
    double scale = 0;
    for (double[] row : w) for (double v : row) scale = Math.max(scale, Math.abs(v));
    double tol = n * 0x1p-52 * scale;
    for (int c = 0; c < n; c++) {
      int p = c;
      double best = Math.abs(w[c][c]);
      for (int r = c + 1; r < n; r++) {
        double v = Math.abs(w[r][c]);
        if (v > best) {
          best = v;
          p = r;
        }
      }
      swap(w, rowOf, p, c);
      if (best <= tol) return c;
      double[] rc = w[c];
      double inv = 1.0 / rc[c];
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

  private static int factorComplex(double[][] wr, double[][] wi, int[] rowOf, int n) {
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) scale = Math.max(scale, wr[i][j] * wr[i][j] + wi[i][j] * wi[i][j]);
    }
    double tol = n * 0x1p-52 * Math.sqrt(scale);
    double tol2 = tol * tol;
    for (int c = 0; c < n; c++) {
      int p = c;
      double best = wr[c][c] * wr[c][c] + wi[c][c] * wi[c][c];
      for (int r = c + 1; r < n; r++) {
        double v = wr[r][c] * wr[r][c] + wi[r][c] * wi[r][c];
        if (v > best) {
          best = v;
          p = r;
        }
      }
      swap(wr, rowOf, p, c);
      swap(wi, null, p, c);
      if (best <= tol2) return c;
      double[] ur = wr[c], ui = wi[c];
      double ir = ur[c] / best, ii = -ui[c] / best; // 1 / pivot
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

  private static void swap(double[][] w, int[] rowOf, int p, int c) {
    if (p == c) return;
    double[] t = w[p];
    w[p] = w[c];
    w[c] = t;
    if (rowOf != null) {
      int q = rowOf[p];
      rowOf[p] = rowOf[c];
      rowOf[c] = q;
    }
  }

  /**
   * Returns {@code X = A^{-1} B} ({@code adjoint == false}) or {@code X = A^{-H} B} for a right-hand side
   * {@code B [..., n, k]} holding one {@code n x k} block per factored matrix.
   */
  Tensor solve(Tensor b, boolean adjoint) {
    int k = b.shape[b.dim() - 1];
    double[] xr = new double[b.re.length];
    double[] xi = im == null && b.im == null ? null : new double[b.re.length];
    double[] bi = im != null && b.im == null ? new double[b.re.length] : b.im;
    Parallel.forRange(count, Parallel.grain((long) n * n * (k + n) + 1), (from, to) -> {
      for (int m = from; m < to; m++) {
        int fo = m * n * n, po = m * n, xo = m * n * k;
        if (im != null) {
          complexSolve(fo, po, b.re, bi, xr, xi, xo, k, adjoint);
        } else {
          realSolve(fo, po, b.re, xr, xo, k, adjoint);
          if (xi != null) realSolve(fo, po, b.im, xi, xo, k, adjoint);
        }
      }
    });
    return Tensor.wrap(xr, xi, b.shape.clone());
  }

  /** Solves one real system in place into {@code x}: {@code A X = B}, or {@code A^T X = B} when adjoint. */
  private void realSolve(int fo, int po, double[] b, double[] x, int xo, int k, boolean adjoint) {
    double[] a = re;
    if (!adjoint) {
      for (int i = 0; i < n; i++) System.arraycopy(b, xo + perm[po + i] * k, x, xo + i * k, k);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) axpy(-a[fo + i * n + j], x, xo + j * k, x, xo + i * k, k);
      }
      for (int i = n - 1; i >= 0; i--) {
        for (int j = i + 1; j < n; j++) axpy(-a[fo + i * n + j], x, xo + j * k, x, xo + i * k, k);
        scale(1.0 / a[fo + i * n + i], x, xo + i * k, k);
      }
    } else {
      // A^T = U^T L^T P: solve U^T z = b (forward), L^T w = z (backward), then x = P^T w.
      double[] w = new double[n * k];
      System.arraycopy(b, xo, w, 0, n * k);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) axpy(-a[fo + j * n + i], w, j * k, w, i * k, k);
        scale(1.0 / a[fo + i * n + i], w, i * k, k);
      }
      for (int i = n - 1; i >= 0; i--) {
        for (int j = i + 1; j < n; j++) axpy(-a[fo + j * n + i], w, j * k, w, i * k, k);
      }
      for (int i = 0; i < n; i++) System.arraycopy(w, i * k, x, xo + perm[po + i] * k, k);
    }
  }

  private static void axpy(double s, double[] x, int xo, double[] y, int yo, int k) {
    for (int c = 0; c < k; c++) y[yo + c] += s * x[xo + c];
  }

  private static void scale(double s, double[] x, int xo, int k) {
    for (int c = 0; c < k; c++) x[xo + c] *= s;
  }

  /** Complex counterpart of {@link #realSolve}; the adjoint solves {@code A^H X = B}. */
  private void complexSolve(int fo, int po, double[] br, double[] bi, double[] xr, double[] xi, int xo, int k,
      boolean adjoint) {
    if (!adjoint) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(br, xo + perm[po + i] * k, xr, xo + i * k, k);
        System.arraycopy(bi, xo + perm[po + i] * k, xi, xo + i * k, k);
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          caxpy(-re[fo + i * n + j], -im[fo + i * n + j], xr, xi, xo + j * k, xr, xi, xo + i * k, k);
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        for (int j = i + 1; j < n; j++) {
          caxpy(-re[fo + i * n + j], -im[fo + i * n + j], xr, xi, xo + j * k, xr, xi, xo + i * k, k);
        }
        cdivide(re[fo + i * n + i], im[fo + i * n + i], xr, xi, xo + i * k, k);
      }
    } else {
      // A^H = U^H L^H P: solve U^H z = b, L^H w = z, then x = P^T w.
      double[] wr = new double[n * k];
      double[] wi = new double[n * k];
      System.arraycopy(br, xo, wr, 0, n * k);
      System.arraycopy(bi, xo, wi, 0, n * k);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) caxpy(-re[fo + j * n + i], im[fo + j * n + i], wr, wi, j * k, wr, wi, i * k, k);
        cdivide(re[fo + i * n + i], -im[fo + i * n + i], wr, wi, i * k, k);
      }
      for (int i = n - 1; i >= 0; i--) {
        for (int j = i + 1; j < n; j++) caxpy(-re[fo + j * n + i], im[fo + j * n + i], wr, wi, j * k, wr, wi, i * k, k);
      }
      for (int i = 0; i < n; i++) {
        System.arraycopy(wr, i * k, xr, xo + perm[po + i] * k, k);
        System.arraycopy(wi, i * k, xi, xo + perm[po + i] * k, k);
      }
    }
  }

  /** y += s x for complex s and complex rows. */
  private static void caxpy(double sr, double si, double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo,
      int k) {
    for (int c = 0; c < k; c++) {
      double a = xr[xo + c], b = xi[xo + c];
      yr[yo + c] += sr * a - si * b;
      yi[yo + c] += sr * b + si * a;
    }
  }

  /** x /= d for a complex d and a complex row. */
  private static void cdivide(double dr, double di, double[] xr, double[] xi, int xo, int k) {
    double m = dr * dr + di * di;
    double ir = dr / m, ii = -di / m;
    for (int c = 0; c < k; c++) {
      double a = xr[xo + c], b = xi[xo + c];
      xr[xo + c] = a * ir - b * ii;
      xi[xo + c] = a * ii + b * ir;
    }
  }
}
