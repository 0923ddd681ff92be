package rrm.tensor;

/**
 * Batched matrix inverse by in-place Gauss-Jordan elimination with partial pivoting, real or complex: the forward
 * kernel of {@link Tensor#inverse()}.
 *
 * <p>n = 1, 2 use closed forms with the same pivot checks; n below 8 eliminates in place in the output, larger n on row
 * arrays. Column c: pick the largest remaining entry of the column as pivot (swapping rows), scale the pivot row by
 * {@code 1/pivot}, and eliminate the column from every other row; at the end undo the row swaps as column swaps. The
 * pivots are those of LU with partial pivoting, and a pivot at most {@code n * 2^-52 * max|a_ij|} marks the matrix as
 * singular (to working precision), with the same message as {@link Lu}. Each matrix is inverted by one thread in a
 * fixed order, so results do not depend on the thread count.
 */
final class GaussJordan {
  /** From this size on, eliminate on row arrays (vectorisable updates); below it, in place on the flat output. */
  private static final int ROWS_FROM = 8;

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
        if (n <= 2) {
          int c = complex ? smallComplex(a.re, a.im, or, oi, o, n, failedPivot, b)
              : smallReal(a.re, or, o, n, failedPivot, b);
          failedColumn[b] = c + 1;
          continue;
        }
        if (n < ROWS_FROM) {
          System.arraycopy(a.re, o, or, o, n * n);
          if (complex) System.arraycopy(a.im, o, oi, o, n * n);
          int c = complex ? flatComplex(or, oi, o, n, swaps) : flatReal(or, o, n, swaps);
          if (c >= 0) {
            failedColumn[b] = c + 1;
            int d = o + c * n + c;
            failedPivot[b] = complex ? Elementwise.hypot(or[d], oi[d]) : Math.abs(or[d]);
          }
          continue;
        }
        Matrices.toRows(a.re, o, wr, n);
        if (complex) Matrices.toRows(a.im, o, wi, n);
        int c = complex ? invertComplex(wr, wi, swaps, n) : invertReal(wr, swaps, n);
        if (c >= 0) {
          failedColumn[b] = c + 1;
          failedPivot[b] = complex ? Elementwise.hypot(wr[c][c], wi[c][c]) : Math.abs(wr[c][c]);
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

  /**
   * Closed forms for n = 1, 2 ({@code [[d, -b], [-c, a]] / det}) with the pivots of partial pivoting, {@code max(|a|,
   * |c|)} and {@code |det| / max(|a|, |c|)}, checked as in the general kernel; returns the failing column or -1.
   */
  private static int smallReal(double[] x, double[] y, int o, int n, double[] pivot, int b) {
    if (n == 1) {
      y[o] = 1 / x[o];
      pivot[b] = 0;
      return x[o] == 0 ? 0 : -1;
    }
    double a = x[o], bb = x[o + 1], c = x[o + 2], d = x[o + 3];
    double tol = 2 * 0x1p-52 * Math.max(Math.max(Math.abs(a), Math.abs(bb)), Math.max(Math.abs(c), Math.abs(d)));
    double p1 = Math.max(Math.abs(a), Math.abs(c));
    double det = Math.fma(a, d, -bb * c);
    if (p1 <= tol || Math.abs(det) / p1 <= tol) {
      pivot[b] = p1 <= tol ? p1 : Math.abs(det) / p1;
      return p1 <= tol ? 0 : 1;
    }
    double inv = 1 / det;
    y[o] = d * inv;
    y[o + 1] = -bb * inv;
    y[o + 2] = -c * inv;
    y[o + 3] = a * inv;
    return -1;
  }

  private static int smallComplex(double[] xr, double[] xi, double[] yr, double[] yi, int o, int n, double[] pivot,
      int b) {
    if (n == 1) {
      double m = xr[o] * xr[o] + xi[o] * xi[o];
      yr[o] = xr[o] / m;
      yi[o] = -xi[o] / m;
      pivot[b] = 0;
      return m == 0 ? 0 : -1;
    }
    double ar = xr[o], ai = xi[o], br = xr[o + 1], bi = xi[o + 1];
    double cr = xr[o + 2], ci = xi[o + 2], dr = xr[o + 3], di = xi[o + 3];
    double ma = Elementwise.hypot(ar, ai), mb = Elementwise.hypot(br, bi), mc = Elementwise.hypot(cr, ci), md = Elementwise.hypot(dr, di);
    double tol = 2 * 0x1p-52 * Math.max(Math.max(ma, mb), Math.max(mc, md));
    double p1 = Math.max(ma, mc);
    double detr = (ar * dr - ai * di) - (br * cr - bi * ci);
    double deti = (ar * di + ai * dr) - (br * ci + bi * cr);
    double md2 = Elementwise.hypot(detr, deti);
    if (p1 <= tol || md2 / p1 <= tol) {
      pivot[b] = p1 <= tol ? p1 : md2 / p1;
      return p1 <= tol ? 0 : 1;
    }
    double m = detr * detr + deti * deti;
    double ir = detr / m, ii = -deti / m; // 1 / det
    yr[o] = dr * ir - di * ii;
    yi[o] = dr * ii + di * ir;
    yr[o + 1] = -(br * ir - bi * ii);
    yi[o + 1] = -(br * ii + bi * ir);
    yr[o + 2] = -(cr * ir - ci * ii);
    yi[o + 2] = -(cr * ii + ci * ir);
    yr[o + 3] = ar * ir - ai * ii;
    yi[o + 3] = ar * ii + ai * ir;
    return -1;
  }

  private static int invertReal(double[][] w, int[] swaps, int n) {
    double tol = Pivoting.tolerance(w, n);
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(w, n, c);
      swaps[c] = p;
      Pivoting.swapRows(w, p, c);
      double best = Math.abs(w[c][c]);
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
    double tol2 = Pivoting.tolerance2(wr, wi, n);
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(wr, wi, n, c);
      swaps[c] = p;
      Pivoting.swapRows(wr, p, c);
      Pivoting.swapRows(wi, p, c);
      double best = wr[c][c] * wr[c][c] + wi[c][c] * wi[c][c];
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

  /** Small-n kernel: inverts the block at {@code o} of w in place; returns the failing column or -1. */
  private static int flatReal(double[] w, int o, int n, int[] swaps) {
    double tol = Pivoting.tolerance(w, o, n);
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(w, o, n, c);
      swaps[c] = p;
      Pivoting.swapRows(w, o, n, p, c);
      double best = Math.abs(w[o + c * n + c]);
      if (best <= tol) return c;
      int x = o + c * n;
      double inv = 1.0 / w[x + c];
      w[x + c] = 1;
      for (int j = 0; j < n; j++) w[x + j] *= inv;
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        int y = o + r * n;
        double f = -w[y + c];
        w[y + c] = 0;
        for (int j = 0; j < n; j++) w[y + j] = Math.fma(f, w[x + j], w[y + j]);
      }
    }
    undoFlatSwaps(w, o, n, swaps);
    return -1;
  }

  private static int flatComplex(double[] wr, double[] wi, int o, int n, int[] swaps) {
    double tol2 = Pivoting.tolerance2(wr, wi, o, n);
    for (int c = 0; c < n; c++) {
      int p = Pivoting.row(wr, wi, o, n, c);
      swaps[c] = p;
      Pivoting.swapRows(wr, o, n, p, c);
      Pivoting.swapRows(wi, o, n, p, c);
      int d = o + c * n + c;
      double best = wr[d] * wr[d] + wi[d] * wi[d];
      if (best <= tol2) return c;
      int x = o + c * n;
      double ir = wr[d] / best, ii = -wi[d] / best; // 1 / pivot
      wr[d] = 1;
      wi[d] = 0;
      for (int j = x; j < x + n; j++) {
        double u = wr[j], v = wi[j];
        wr[j] = u * ir - v * ii;
        wi[j] = u * ii + v * ir;
      }
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        int y = o + r * n;
        double fr = wr[y + c], fi = wi[y + c];
        wr[y + c] = 0;
        wi[y + c] = 0;
        double mr = -fr, mi = -fi;
        for (int j = 0; j < n; j++) {
          double u = wr[x + j], v = wi[x + j];
          wr[y + j] = Math.fma(mr, u, Math.fma(fi, v, wr[y + j]));
          wi[y + j] = Math.fma(mr, v, Math.fma(mi, u, wi[y + j]));
        }
      }
    }
    undoFlatSwaps(wr, o, n, swaps);
    undoFlatSwaps(wi, o, n, swaps);
    return -1;
  }

  private static void undoFlatSwaps(double[] w, int o, int n, int[] swaps) {
    for (int c = n - 1; c >= 0; c--) {
      int p = swaps[c];
      if (p == c) continue;
      for (int r = 0; r < n; r++) {
        double t = w[o + r * n + p];
        w[o + r * n + p] = w[o + r * n + c];
        w[o + r * n + c] = t;
      }
    }
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
