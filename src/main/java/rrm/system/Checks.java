package rrm.system;

import java.util.Arrays;
import rrm.tensor.Chunks;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/** The argument checks the problem and allocation types share; messages name the operation and the argument. */
final class Checks {
  private Checks() {}

  static Tensor notNull(String op, String arg, Tensor t) {
    if (t == null) throw new IllegalArgumentException(op + ": " + arg + " must not be null");
    return t;
  }

  static void real(String op, String arg, Tensor t) {
    if (t.isComplex()) {
      throw new IllegalArgumentException(op + ": " + arg + " must be real, got a complex tensor of shape "
          + Shape.str(t.shape()));
    }
  }

  static void complex(String op, String arg, Tensor t) {
    if (!t.isComplex()) {
      throw new IllegalArgumentException(op + ": " + arg + " must be complex (the channel layout of every MIMO "
          + "problem, see rrm.system), got a real tensor of shape " + Shape.str(t.shape()));
    }
  }

  /** Throws unless every entry is >= 0 (after the finite check), naming the first offending index. */
  static void nonNegative(String op, String arg, Tensor t, String hint) {
    double[] x = t.data();
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        throw new IllegalArgumentException(op + ": " + arg + " must be >= 0, got " + x[i] + " at flat index " + i
            + " of shape " + Shape.str(t.shape()) + (hint == null ? "" : " (" + hint + ")"));
      }
    }
  }

  /** Returns a copy of {@code values} of length {@code n}, each finite and > 0 (or >= 0 when {@code zeroOk}). */
  static double[] perEntity(String op, String arg, double[] values, int n, boolean zeroOk) {
    if (values == null) throw new IllegalArgumentException(op + ": " + arg + " must not be null");
    if (values.length != n) {
      throw new IllegalArgumentException(op + ": " + arg + " must have " + n + " entries (one per "
          + (arg.contains("noise") ? "receiver" : "transmitter") + "), got " + values.length);
    }
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (!Double.isFinite(v) || v < 0 || (v == 0 && !zeroOk)) {
        throw new IllegalArgumentException(op + ": " + arg + " must be " + (zeroOk ? ">= 0" : "> 0")
            + " and finite, got " + v + (n > 1 ? " at index " + i : ""));
      }
    }
    return values.clone();
  }

  static double[] fill(double v, int n) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return out;
  }

  static boolean uniform(double[] x) {
    for (double v : x) if (v != x[0]) return false;
    return true;
  }

  /** Returns {@code weights} as {@code [B, n]}: a {@code [n]} vector is repeated over the batch. */
  static Tensor weights(String op, Tensor w, int batch, int n) {
    if (w == null) return null;
    real(op, "weights", w);
    Tensor out;
    if (w.dim() == 1 && w.size(0) == n) {
      out = w.reshape(1, n).expand(batch, n).copy();
    } else if (w.dim() == 2 && w.size(0) == batch && w.size(1) == n) {
      out = w.detach();
    } else {
      throw new IllegalArgumentException(op + ": weights must be [" + n + "] or [" + batch + ", " + n
          + "] (one per link), got " + Shape.str(w.shape()));
    }
    Shape.finite(op, "weights", out);
    nonNegative(op, "weights", out, null);
    return out;
  }

  static void slice(String op, int from, int to, int batch) {
    if (from < 0 || to > batch || from >= to) {
      throw new IllegalArgumentException(op + ": the range [" + from + ", " + to + ") must be a non-empty part of "
          + "[0, " + batch + ")");
    }
  }

  /** Returns instances {@code [from, to)} of optional per-instance data (null stays null). */
  static Tensor sliceOrSelf(Tensor t, int from, int to) {
    return t == null ? null : Chunks.slice(t, from, to);
  }
}
