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
      double scale2 = 0;
      for (int k = o; k < o + n * n; k++) {
        scale2 = Math.max(scale2, a.re[k] * a.re[k] + (a.im == null ? 0 : a.im[k] * a.im[k]));
      }
      double tol2 = 1e-16 * scale2;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double dr = a.re[o + i * n + j] - a.re[o + j * n + i];
          double di = a.im == null ? 0 : a.im[o + i * n + j] + a.im[o + j * n + i];
          if (dr * dr + di * di > tol2) {
            throw fail(op, b, a.shape, "is not Hermitian (entries (" + i + ", " + j + ") and (" + j + ", " + i
                + ") differ by " + String.format("%.3g", Elementwise.hypot(dr, di)) + ", more than 1e-8 of the largest entry)");
          }
        }
      }
    }
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

  /** Returns the index of the first matrix whose status is not 0, or -1. */
  static int firstFailure(int[] status) {
    for (int b = 0; b < status.length; b++) if (status[b] != 0) return b;
    return -1;
  }
}
