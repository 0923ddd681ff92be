package rrm.tensor;

/**
 * LU factorisation with partial pivoting of a batch of square matrices, real or complex: {@code P A = L U} with L
 * unit lower triangular and U upper triangular, both stored in one {@code n x n} block per matrix.
 *
 * <p>Used by {@link Solve} for {@code inverse} and {@code solve}, whose backward passes reuse the factors for the
 * adjoint system {@code A^H Y = G}. A pivot whose modulus is at most {@code n * 2^-52 * max|a_ij|} marks the matrix as
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
    double[] re = a.re.clone();
    double[] im = a.im == null ? null : a.im.clone();
    int[] perm = new int[count * n];
    int[] failedColumn = new int[count];
    double[] failedPivot = new double[count];
    Parallel.forRange(count, Parallel.grain((long) n * n * n + 1), (from, to) -> {
      for (int b = from; b < to; b++) {
        int c = im == null ? factorReal(re, b * n * n, n, perm, b * n) : factorComplex(re, im, b * n * n, n, perm, b * n);
        if (c >= 0) {
          failedColumn[b] = c + 1;
          int o = b * n * n + c * n + c;
          failedPivot[b] = im == null ? Math.abs(re[o]) : Math.hypot(re[o], im[o]);
        }
      }
    });
    int bad = Matrices.firstFailure(failedColumn);
    if (bad >= 0) {
      double p = failedPivot[bad];
      int col = failedColumn[bad] - 1;
      throw Matrices.fail(op, bad, a.shape, p == 0 ? "is singular (pivot 0 in column " + col + ")"
          : "is singular to working precision (pivot " + String.format("%.3g", p) + " in column " + col
              + ", at most n * 2^-52 times its largest entry)");
    }
    return new Lu(n, count, re, im, perm);
  }

  /** Returns the column of the first unusable pivot, or -1 after factoring the block at {@code o} in place. */
  private static int factorReal(double[] a, int o, int n, int[] perm, int po) {
    double scale = 0;
    for (int k = o; k < o + n * n; k++) scale = Math.max(scale, Math.abs(a[k]));
    double tol = n * 0x1p-52 * scale;
    for (int i = 0; i < n; i++) perm[po + i] = i;
    for (int c = 0; c < n; c++) {
      int p = c;
      double best = Math.abs(a[o + c * n + c]);
      for (int r = c + 1; r < n; r++) {
        double v = Math.abs(a[o + r * n + c]);
        if (v > best) {
          best = v;
          p = r;
        }
      }
      if (p != c) {
        swapRows(a, o, n, p, c);
        int t = perm[po + p];
        perm[po + p] = perm[po + c];
        perm[po + c] = t;
      }
      if (best <= tol) return c;
      double inv = 1.0 / a[o + c * n + c];
      int rc = o + c * n;
      for (int r = c + 1; r < n; r++) {
        int rr = o + r * n;
        double l = a[rr + c] * inv;
        a[rr + c] = l;
        for (int j = c + 1; j < n; j++) a[rr + j] -= l * a[rc + j];
      }
    }
    return -1;
  }

  private static int factorComplex(double[] ar, double[] ai, int o, int n, int[] perm, int po) {
    double scale = 0;
    for (int k = o; k < o + n * n; k++) scale = Math.max(scale, ar[k] * ar[k] + ai[k] * ai[k]);
    double tol = n * 0x1p-52 * Math.sqrt(scale);
    double tol2 = tol * tol;
    for (int i = 0; i < n; i++) perm[po + i] = i;
    for (int c = 0; c < n; c++) {
      int p = c;
      int d = o + c * n + c;
      double best = ar[d] * ar[d] + ai[d] * ai[d];
      for (int r = c + 1; r < n; r++) {
        int k = o + r * n + c;
        double v = ar[k] * ar[k] + ai[k] * ai[k];
        if (v > best) {
          best = v;
          p = r;
        }
      }
      if (p != c) {
        swapRows(ar, o, n, p, c);
        swapRows(ai, o, n, p, c);
        int t = perm[po + p];
        perm[po + p] = perm[po + c];
        perm[po + c] = t;
      }
      if (best <= tol2) return c;
      double ir = ar[d] / best, ii = -ai[d] / best; // 1 / pivot
      int rc = o + c * n;
      for (int r = c + 1; r < n; r++) {
        int rr = o + r * n;
        double xr = ar[rr + c], xi = ai[rr + c];
        double lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
        ar[rr + c] = lr;
        ai[rr + c] = li;
        for (int j = c + 1; j < n; j++) {
          double ur = ar[rc + j], ui = ai[rc + j];
          ar[rr + j] -= lr * ur - li * ui;
          ai[rr + j] -= lr * ui + li * ur;
        }
      }
    }
    return -1;
  }

  private static void swapRows(double[] a, int o, int n, int p, int c) {
    for (int j = 0; j < n; j++) {
      double t = a[o + p * n + j];
      a[o + p * n + j] = a[o + c * n + j];
      a[o + c * n + j] = t;
    }
  }

  /** Returns {@code A^{-1}} for every matrix, shaped like the factored tensor. */
  Tensor inverse(int[] shape) {
    double[] eye = new double[count * n * n];
    for (int b = 0; b < count; b++) for (int i = 0; i < n; i++) eye[b * n * n + i * n + i] = 1;
    return solve(Tensor.wrap(eye, null, shape), false);
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
