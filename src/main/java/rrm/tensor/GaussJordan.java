package rrm.tensor;

/**
 * Batched matrix inverse by in-place Gauss-Jordan elimination with partial pivoting, real or complex: the forward
 * kernel of {@link Tensor#inverse()}.
 *
 * <p>Column c: pick the largest remaining entry of the column as pivot (swapping rows), scale the pivot row by
 * {@code 1/pivot}, and eliminate the column from every other row; at the end undo the row swaps as column swaps. The
 * pivots are those of LU with partial pivoting, and a pivot at most {@code n * 2^-52 * max|a_ij|} marks the matrix as
 * singular (to working precision), with the same message as {@link Lu}. Each matrix is inverted by one thread in a
 * fixed order, so results do not depend on the thread count.
 */
final class GaussJordan {
  private GaussJordan() {}

  /** Returns {@code A^{-1}} for every matrix of {@code a [..., n, n]}; throws naming {@code op} on bad input. */
  static Tensor inverse(String op, Tensor a) {
    Shape.square(op, "a", a);
    Matrices.requireFinite(op, a);
    int n = a.shape[a.dim() - 1];
    int count = Matrices.count(a);
    boolean complex = a.im != null;
    double[] or = new double[a.re.length];
    double[] oi = complex ? new double[a.re.length] : null;
    int[] failedColumn = new int[count];
    double[] failedPivot = new double[count];
    Parallel.forRange(count, Parallel.grain((long) n * n * n * (complex ? 4 : 1) + 1), (from, to) -> {
      double[][] wr = new double[n][n];
      double[][] wi = complex ? new double[n][n] : null;
      int[] swaps = new int[n];
      for (int b = from; b < to; b++) {
        int o = b * n * n;
        Matrices.toRows(a.re, o, wr, n);
        if (complex) Matrices.toRows(a.im, o, wi, n);
        int c = complex ? invertComplex(wr, wi, swaps, n) : invertReal(wr, swaps, n);
        if (c >= 0) {
          failedColumn[b] = c + 1;
          failedPivot[b] = complex ? Math.hypot(wr[c][c], wi[c][c]) : Math.abs(wr[c][c]);
          continue;
        }
        Matrices.fromRows(wr, or, o, n);
        if (complex) Matrices.fromRows(wi, oi, o, n);
      }
    });
    int bad = Matrices.firstFailure(failedColumn);
    if (bad >= 0) throw Matrices.singular(op, bad, a.shape, failedPivot[bad], failedColumn[bad] - 1);
    return Tensor.wrap(or, oi, a.shape.clone());
  }

  private static int invertReal(double[][] w, int[] swaps, int n) {
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
      swaps[c] = p;
      swapRows(w, p, c);
      if (best <= tol) return c;
      double[] x = w[c];
      double inv = 1.0 / x[c];
      x[c] = 1;
      for (int j = 0; j < n; j++) x[j] *= inv;
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        double[] y = w[r];
        double f = -y[c];
        y[c] = 0;
        for (int j = 0; j < n; j++) y[j] = Math.fma(f, x[j], y[j]);
      }
    }
    undoSwaps(w, swaps, n);
    return -1;
  }

  private static int invertComplex(double[][] wr, double[][] wi, int[] swaps, int n) {
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
      swaps[c] = p;
      swapRows(wr, p, c);
      swapRows(wi, p, c);
      if (best <= tol2) return c;
      double[] xr = wr[c], xi = wi[c];
      double ir = xr[c] / best, ii = -xi[c] / best; // 1 / pivot
      xr[c] = 1;
      xi[c] = 0;
      for (int j = 0; j < n; j++) {
        double u = xr[j], v = xi[j];
        xr[j] = u * ir - v * ii;
        xi[j] = u * ii + v * ir;
      }
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        double[] yr = wr[r], yi = wi[r];
        double fr = yr[c], fi = yi[c];
        yr[c] = 0;
        yi[c] = 0;
        // y -= f x
        double mr = -fr, mi = -fi;
        for (int j = 0; j < n; j++) {
          double u = xr[j], v = xi[j];
          yr[j] = Math.fma(mr, u, Math.fma(fi, v, yr[j]));
          yi[j] = Math.fma(mr, v, Math.fma(mi, u, yi[j]));
        }
      }
    }
    undoSwaps(wr, swaps, n);
    undoSwaps(wi, swaps, n);
    return -1;
  }

  private static void swapRows(double[][] w, int p, int c) {
    double[] t = w[p];
    w[p] = w[c];
    w[c] = t;
  }

  /** Row swaps of A become column swaps of A^{-1}, applied in reverse order. */
  private static void undoSwaps(double[][] w, int[] swaps, int n) {
    for (int c = n - 1; c >= 0; c--) {
      int p = swaps[c];
      if (p == c) continue;
      for (double[] row : w) {
        double t = row[p];
        row[p] = row[c];
        row[c] = t;
      }
    }
  }
}
