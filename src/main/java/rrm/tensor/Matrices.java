package rrm.tensor;

import java.util.Arrays;

/**
 * Argument checks and messages shared by the batched decompositions ({@link Lu}, {@link Cholesky}, {@link Eigh}).
 *
 * <p>A tensor {@code [..., n, n]} is read as {@code count} row-major matrices of {@code n * n} entries; matrix
 * {@code b} starts at {@code b * n * n}. Kernels running in parallel never throw: they record a per-matrix status
 * and the caller reports the lowest failing matrix, so the message does not depend on the thread count.
 */
final class Matrices {
  private Matrices() {}

  /** Returns the number of matrices in a {@code [..., n, n]} tensor (1 for a plain matrix). */
  static int count(Tensor a) {
    return Shape.size(Shape.prefix(a.shape, 2));
  }

  /**
   * Names matrix {@code index} of a batch, e.g. {@code "matrix 17 of batch shape [64]"}, {@code "matrix 5 (index [1,
   * 1]) of batch shape [4, 4]"} or {@code "the matrix"} for an unbatched one.
   */
  static String name(int index, int[] shape) {
    int[] batch = Shape.prefix(shape, 2);
    if (batch.length == 0) return "the matrix";
    String s = "matrix " + index;
    if (batch.length > 1) {
      int[] idx = new int[batch.length];
      for (int a = batch.length - 1, r = index; a >= 0; a--) {
        idx[a] = r % batch[a];
        r /= batch[a];
      }
      s += " (index " + Arrays.toString(idx) + ")";
    }
    return s + " of batch shape " + Shape.str(batch);
  }

  /** Throws {@code "op: <matrix> <problem>, shape [...]"}. */
  static IllegalArgumentException fail(String op, int index, int[] shape, String problem) {
    return new IllegalArgumentException(op + ": " + name(index, shape) + " " + problem + ", shape "
        + Shape.str(shape));
  }

  /** Throws naming the op and the first matrix, row and column holding a NaN or an infinity. */
  static void requireFinite(String op, Tensor a) {
    int n = a.shape[a.dim() - 1];
    int m = a.shape[a.dim() - 2];
    for (int k = 0; k < a.re.length; k++) {
      double r = a.re[k], i = a.im == null ? 0 : a.im[k];
      if (!Double.isFinite(r) || !Double.isFinite(i)) {
        int per = Math.max(1, m * n);
        int within = k % per;
        String what = Double.isNaN(r) || Double.isNaN(i) ? "NaN" : "an infinity";
        throw fail(op, k / per, a.shape, "contains " + what + " at row " + within / n + ", column " + within % n);
      }
    }
  }

  /**
   * Throws unless every matrix is Hermitian up to rounding: {@code |a_ij - conj(a_ji)| <= 1e-8 max|a|}. Decompositions
   * of Hermitian matrices read one triangle only, so this catches a wrong argument rather than rounding noise.
   */
  static void requireHermitian(String op, Tensor a) {
    int n = a.shape[a.dim() - 1];
    int count = count(a);
    for (int b = 0; b < count; b++) {
      int o = b * n * n;
      int e = asymmetric(a.re, a.im, o, n, maxSquare(a.re, a.im, o, o + n * n));
      if (e >= 0) {
        int i = e / n, j = e % n;
        double dr = a.re[o + i * n + j] - a.re[o + j * n + i];
        double di = a.im == null ? 0 : a.im[o + i * n + j] + a.im[o + j * n + i];
        throw fail(op, b, a.shape, "is not Hermitian (entries (" + i + ", " + j + ") and (" + j + ", " + i
            + ") differ by " + String.format("%.3g", Elementwise.hypot(dr, di))
            + ", more than 1e-8 of the largest entry)");
      }
    }
  }

  /**
   * Returns {@code i * n + j} of the first entry (row by row, lower triangle) of the {@code n x n} block at {@code o}
   * with {@code |a_ij - conj(a_ji)| > 1e-8 max|a|}, or -1 if the block is Hermitian up to rounding; {@code scale2} is
   * the block's {@link #maxSquare}.
   */
  static int asymmetric(double[] re, double[] im, int o, int n, double scale2) {
    double tol2 = 1e-16 * scale2;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double dr = re[o + i * n + j] - re[o + j * n + i];
        double di = im == null ? 0 : im[o + i * n + j] + im[o + j * n + i];
        if (dr * dr + di * di > tol2) return i * n + j;
      }
    }
    return -1;
  }

  /** Returns whether every entry in {@code [from, to)} of a real ({@code im == null}) or complex array is finite. */
  static boolean finite(double[] re, double[] im, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!Double.isFinite(re[k]) || (im != null && !Double.isFinite(im[k]))) return false;
    }
    return true;
  }

  /**
   * Returns {@code max |a_k|^2} over {@code [from, to)} of a real ({@code im == null}) or complex array. Four running
   * maxima instead of one shorten the chain of dependent {@code Math.max} calls (each costs several cycles of latency);
   * the squares are never -0, so the result is the same in any order, NaN included.
   */
  static double maxSquare(double[] re, double[] im, int from, int to) {
    double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      m0 = Math.max(m0, square(re, im, k));
      m1 = Math.max(m1, square(re, im, k + 1));
      m2 = Math.max(m2, square(re, im, k + 2));
      m3 = Math.max(m3, square(re, im, k + 3));
    }
    for (; k < to; k++) m0 = Math.max(m0, square(re, im, k));
    return Math.max(Math.max(m0, m1), Math.max(m2, m3));
  }

  private static double square(double[] re, double[] im, int k) {
    return re[k] * re[k] + (im == null ? 0 : im[k] * im[k]);
  }

  /** Returns the error for a singular matrix: an exact zero pivot, or one at most {@code n * 2^-52 * max|a_ij|}. */
  static IllegalArgumentException singular(String op, int index, int[] shape, double pivot, int column) {
    return fail(op, index, shape, pivot == 0 ? "is singular (pivot 0 in column " + column + ")"
        : "is singular to working precision (pivot " + String.format("%.3g", pivot) + " in column " + column
            + ", at most n * 2^-52 times its largest entry)");
  }

  /** Copies the {@code n x n} block at {@code o} into row arrays (element loops: cheaper than arraycopy for short rows). */
  static void toRows(double[] src, int o, double[][] rows, int n) {
    for (int i = 0; i < n; i++) {
      double[] row = rows[i];
      for (int j = 0; j < n; j++) row[j] = src[o + i * n + j];
    }
  }

  /** Copies row arrays into the {@code n x n} block at {@code o}. */
  static void fromRows(double[][] rows, double[] dst, int o, int n) {
    for (int i = 0; i < n; i++) {
      double[] row = rows[i];
      for (int j = 0; j < n; j++) dst[o + i * n + j] = row[j];
    }
  }

  /** Returns |a_k| of a real or complex tensor. */
  static double modulus(Tensor a, int k) {
    return a.im == null ? Math.abs(a.re[k]) : Elementwise.hypot(a.re[k], a.im[k]);
  }

  /**
   * Statuses of a kernel that checks each matrix as it reaches it (data in cache) instead of in a pass of its own:
   * positive for a failed pivot (its column + 1), these for failed checks.
   */
  static final int NON_FINITE = -1, NOT_HERMITIAN = -2;

  /**
   * Throws what {@link #requireFinite} and then {@link #requireHermitian} would have thrown before the kernel, if it
   * flagged a matrix with {@link #NON_FINITE} or {@link #NOT_HERMITIAN}; the messages name the first such matrix.
   */
  static void rethrowChecks(String op, Tensor a, int[] status) {
    boolean nonFinite = false, notHermitian = false;
    for (int s : status) {
      nonFinite |= s == NON_FINITE;
      notHermitian |= s == NOT_HERMITIAN;
    }
    if (nonFinite) requireFinite(op, a);
    if (notHermitian) requireHermitian(op, a);
  }

  /** Returns the index of the first matrix whose status is not 0, or -1. */
  static int firstFailure(int[] status) {
    for (int b = 0; b < status.length; b++) if (status[b] != 0) return b;
    return -1;
  }
}
