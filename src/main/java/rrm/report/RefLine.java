package rrm.report;

import java.util.List;
import java.util.Objects;

/**
 * A reference line across a {@link Plot}, drawn dashed under the data with an optional label near one end: the
 * diagonal y = x (ours against a baseline, sample by sample: points above it are samples where ours is
 * better), a horizontal line y = c (for example a ratio of 1 to a baseline) or a vertical line x = c. Add
 * them with {@link Plot#withDiagonal()}, {@link Plot#withHorizontalLine(double, String)} and {@link
 * Plot#withVerticalLine(double, String)}. The axis ranges always include the line: the value c, or for the
 * diagonal the span [lo, hi] of {@link #diagonalSpan(List)} on both axes.
 *
 * @param kind which line
 * @param value c for a horizontal or vertical line; NaN for the diagonal
 * @param label text written next to the line (may be empty)
 */
public record RefLine(Kind kind, double value, String label) {

  /** The kinds of reference line. */
  public enum Kind {
    /** y = x over the data's span. */
    DIAGONAL,
    /** y = c across the whole plot width. */
    HORIZONTAL,
    /** x = c across the whole plot height. */
    VERTICAL
  }

  /** Checks the kind and label, and that horizontal and vertical lines sit at a finite value. */
  public RefLine {
    Objects.requireNonNull(kind, "RefLine: kind must not be null");
    Objects.requireNonNull(label, "RefLine: label must not be null (use \"\" for none)");
    if (kind == Kind.DIAGONAL) {
      value = Double.NaN;
    } else if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "RefLine: a " + kind.name().toLowerCase() + " line needs a finite value, but got " + value + ".");
    }
  }

  /** Returns the diagonal y = x with this label. */
  public static RefLine diagonal(String label) {
    return new RefLine(Kind.DIAGONAL, Double.NaN, label);
  }

  /** Returns the horizontal line y = {@code y} with this label. */
  public static RefLine horizontal(double y, String label) {
    return new RefLine(Kind.HORIZONTAL, y, label);
  }

  /** Returns the vertical line x = {@code x} with this label. */
  public static RefLine vertical(double x, String label) {
    return new RefLine(Kind.VERTICAL, x, label);
  }

  /**
   * Returns the span [lo, hi] of the diagonal: the smallest and largest finite coordinate, x or y, of the line
   * and bar traces (so the segment from (lo, lo) to (hi, hi) crosses every point's row and column); [0, 1]
   * without such data.
   */
  static double[] diagonalSpan(List<Trace> traces) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Trace t : traces) {
      double[][] xy = t instanceof Trace.Line l ? new double[][] {l.x(), l.y()}
          : t instanceof Trace.Bars b ? new double[][] {b.x(), b.y()} : new double[0][];
      for (double[] values : xy) {
        for (double v : values) {
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
  }
}
