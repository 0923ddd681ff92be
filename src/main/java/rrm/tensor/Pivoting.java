package rrm.tensor;

/**
 * Partial pivoting shared by {@link Lu} and {@link GaussJordan}, on a flat {@code n x n} block at offset {@code o}
 * or on row arrays: the singular tolerance {@code n * 2^-52 * max|a_ij|} and the search for the pivot row, the row
 * {@code r >= c} with the largest {@code |a_rc|} (the first one at ties). Complex kernels compare squared moduli, so
 * their tolerance is returned squared.
 */
final class Pivoting {
  private Pivoting() {}

  /** Returns {@code n * 2^-52 * max|a_ij|} of the real block at {@code o}. */
  static double tolerance(double[] a, int o, int n) {
    double scale = 0;
    for (int k = o; k < o + n * n; k++) scale = Math.max(scale, Math.abs(a[k]));
    return n * 0x1p-52 * scale;
  }

  /** Returns {@code (n * 2^-52 * max|a_ij|)^2} of the complex block at {@code o}. */
  static double tolerance2(double[] ar, double[] ai, int o, int n) {
    return tolerance2(Matrices.maxSquare(ar, ai, o, o + n * n), n);
  }

  /** Returns {@code (n * 2^-52 * sqrt(scale2))^2}, the squared tolerance of a block whose largest |a_ij|^2 is scale2. */
  static double tolerance2(double scale2, int n) {
    double tol = n * 0x1p-52 * Math.sqrt(scale2);
    return tol * tol;
  }

  /** Returns {@code n * 2^-52 * max|a_ij|} of real rows. */
  static double tolerance(double[][] w, int n) {
    double scale = 0;
    for (double[] row : w) for (double v : row) scale = Math.max(scale, Math.abs(v));
    return n * 0x1p-52 * scale;
  }

  /** Returns {@code (n * 2^-52 * max|a_ij|)^2} of complex rows. */
  static double tolerance2(double[][] wr, double[][] wi, int n) {
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) scale = Math.max(scale, wr[i][j] * wr[i][j] + wi[i][j] * wi[i][j]);
    }
    return tolerance2(scale, n);
  }

  /** Returns the pivot row for column {@code c} of the real block at {@code o}. */
  static int row(double[] a, int o, int n, int c) {
    int p = c;
    double best = Math.abs(a[o + c * n + c]);
    for (int r = c + 1; r < n; r++) {
      double v = Math.abs(a[o + r * n + c]);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    return p;
  }

  /** Returns the pivot row for column {@code c} of the complex block at {@code o}. */
  static int row(double[] ar, double[] ai, int o, int n, int c) {
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
    return p;
  }

  /** Returns the pivot row for column {@code c} of real rows. */
  static int row(double[][] w, int n, int c) {
    int p = c;
    double best = Math.abs(w[c][c]);
    for (int r = c + 1; r < n; r++) {
      double v = Math.abs(w[r][c]);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    return p;
  }

  /** Returns the pivot row for column {@code c} of complex rows. */
  static int row(double[][] wr, double[][] wi, int n, int c) {
    int p = c;
    double best = wr[c][c] * wr[c][c] + wi[c][c] * wi[c][c];
    for (int r = c + 1; r < n; r++) {
      double v = wr[r][c] * wr[r][c] + wi[r][c] * wi[r][c];
      if (v > best) {
        best = v;
        p = r;
      }
    }
    return p;
  }

  /** Swaps rows p and c of the block at {@code o} (nothing when they are the same row). */
  static void swapRows(double[] a, int o, int n, int p, int c) {
    if (p == c) return;
    for (int j = 0; j < n; j++) {
      double t = a[o + p * n + j];
      a[o + p * n + j] = a[o + c * n + j];
      a[o + c * n + j] = t;
    }
  }

  /** Swaps row arrays p and c. */
  static void swapRows(double[][] w, int p, int c) {
    double[] t = w[p];
    w[p] = w[c];
    w[c] = t;
  }
}
