package rrm.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic and the argument checks every op shares. Shapes are plain {@code int[]}, row-major, and the
 * leading axis is the batch by convention. Every failed check throws an {@link IllegalArgumentException} whose
 * message names the op, the shapes and the problem, for example
 * {@code "matmul: inner dimensions differ: a is [64, 20, 3], b is [4, 1]"}.
 */
public final class Shape {
  private Shape() {}

  /** Returns the number of elements of a tensor of this shape. */
  public static int size(int[] shape) {
    long n = 1;
    for (int d : shape) n *= d;
    if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
    return (int) n;
  }

  /** Returns the row-major strides of a shape. */
  public static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** Formats a shape as {@code [2, 3, 4]}. */
  public static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  /** Returns the broadcast shape of two shapes (numpy rules), or throws naming the op and both shapes. */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int da = i < n - a.length ? 1 : a[i - (n - a.length)];
      int db = i < n - b.length ? 1 : b[i - (n - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " do not broadcast (axis "
            + i + " of the broadcast shape: " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** Resolves a possibly negative axis against a rank, or throws naming the op. */
  public static int axis(String op, int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
    }
    return a;
  }

  /** Throws naming the op unless the tensor has at least {@code rank} axes. */
  public static void atLeastRank(String op, String arg, Tensor t, int rank) {
    if (t.dim() < rank) {
      throw new IllegalArgumentException(op + ": " + arg + " must have at least " + rank + " axes, got shape "
          + str(t.shape));
    }
  }

  /** Throws naming the op unless the trailing two axes of {@code t} are square. */
  public static void square(String op, String arg, Tensor t) {
    atLeastRank(op, arg, t, 2);
    int n = t.shape.length;
    if (t.shape[n - 1] != t.shape[n - 2]) {
      throw new IllegalArgumentException(op + ": " + arg + " must be square in its last two axes, got shape "
          + str(t.shape));
    }
  }

  /** Throws naming the op unless both shapes are equal. */
  public static void same(String op, Tensor a, Tensor b) {
    if (!Arrays.equals(a.shape, b.shape)) {
      throw new IllegalArgumentException(op + ": shapes differ: " + str(a.shape) + " vs " + str(b.shape));
    }
  }

  /** Throws naming the op unless every entry is finite. */
  public static void finite(String op, String arg, Tensor t) {
    for (int i = 0; i < t.re.length; i++) {
      if (!Double.isFinite(t.re[i]) || (t.im != null && !Double.isFinite(t.im[i]))) {
        throw new IllegalArgumentException(op + ": " + arg + " of shape " + str(t.shape)
            + " contains a non-finite value (" + t.re[i] + (t.im != null ? ", imag " + t.im[i] : "")
            + ") at flat index " + i);
      }
    }
  }

  static int[] concat(int[] a, int... b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static int[] prefix(int[] shape, int drop) {
    return Arrays.copyOf(shape, shape.length - drop);
  }
}
