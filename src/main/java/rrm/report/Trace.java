package rrm.report;

import java.util.List;
import java.util.Objects;

/**
 * One data series of a {@link Plot}. The same trace drives both renderings: the Plotly JSON for
 * interactive frontends and the static PNG drawn in Java2D.
 */
public sealed interface Trace {

  /** Returns the legend name (may be empty). */
  String name();

  /**
   * Bars centred at {@code x} with heights {@code y} and common {@code width} (histograms are pre-binned
   * into bars so that both renderings show the same bins).
   */
  record Bars(String name, double[] x, double[] y, double width) implements Trace {
    /** Checks that x and y have the same length and the width is positive. */
    public Bars {
      Objects.requireNonNull(name, "name must not be null");
      Plot.requireSameLength(x, y, "Bars");
      if (!(width > 0)) {
        throw new IllegalArgumentException("Bars: width must be positive, but was " + width + ".");
      }
    }
  }

  /**
   * One bar per named category, height {@code y[i]} with an optional error bar {@code y[i] ± errors[i]} (errors null:
   * none; a NaN error draws no bar for that category). The x axis is categorical: the traces of a plot share it,
   * their categories placed left to right in order of first appearance, and bars of several traces at the same
   * category overlap (they are drawn semi-transparent), so give each trace its own categories to colour groups.
   */
  record CategoryBars(String name, List<String> categories, double[] y, double[] errors) implements Trace {
    /** Checks the lengths, that categories are distinct and that errors are non-negative (or NaN). */
    public CategoryBars {
      Objects.requireNonNull(name, "name must not be null");
      if (categories == null || y == null) {
        throw new IllegalArgumentException("CategoryBars: categories and y must not be null.");
      }
      categories = List.copyOf(categories);
      if (categories.size() != y.length || errors != null && errors.length != y.length) {
        throw new IllegalArgumentException("CategoryBars: categories, y and errors must have the same length, but "
            + "have " + categories.size() + ", " + y.length + " and " + (errors == null ? "none" : errors.length)
            + ".");
      }
      if (new java.util.HashSet<>(categories).size() != categories.size()) {
        throw new IllegalArgumentException("CategoryBars '" + name + "': categories must be distinct, but were "
            + categories + ".");
      }
      if (errors != null) {
        for (int i = 0; i < errors.length; i++) {
          if (errors[i] < 0 || errors[i] == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("CategoryBars '" + name + "': errors must be finite and >= 0 (or NaN), "
                + "but the error of '" + categories.get(i) + "' was " + errors[i] + ".");
          }
        }
      }
    }
  }

  /** A box over precomputed statistics: box from q25 to q75, line at the median, whiskers at min and max. */
  record Box(String name, Stats stats) implements Trace {
    /** Checks that the statistics are present. */
    public Box {
      Objects.requireNonNull(name, "name must not be null");
      Objects.requireNonNull(stats, "stats must not be null");
    }
  }

  /** Marker shapes of a {@link Line}. */
  enum Marker {
    /** A filled dot (the default). */
    CIRCLE,
    /** A diagonal cross, ×. */
    CROSS
  }

  /**
   * Points {@code (x[i], y[i])} joined by lines and/or drawn as markers of the given shape; a non-finite
   * point breaks the line (so one trace can hold several separate segments).
   */
  record Line(String name, double[] x, double[] y, boolean lines, boolean markers, Marker marker) implements Trace {
    /** Checks that x and y have the same length and something is drawn. */
    public Line {
      Objects.requireNonNull(name, "name must not be null");
      Objects.requireNonNull(marker, "marker must not be null");
      Plot.requireSameLength(x, y, "Line");
      if (!lines && !markers) {
        throw new IllegalArgumentException("Line: at least one of lines and markers must be drawn.");
      }
    }

    /** Returns points with dot markers (where markers are drawn). */
    public Line(String name, double[] x, double[] y, boolean lines, boolean markers) {
      this(name, x, y, lines, markers, Marker.CIRCLE);
    }

    /** Returns a copy drawn with markers of this shape. */
    public Line withMarker(Marker shape) {
      return new Line(name, x, y, lines, true, shape);
    }
  }

  /**
   * A heat map of {@code z[row][column]}; row 0 is drawn at the bottom, as Plotly does. Columns and rows are
   * labelled by {@code xLabels} and {@code yLabels} (category names, for example), or by their indices when a
   * label list is empty.
   */
  record Heat(String name, double[][] z, List<String> xLabels, List<String> yLabels) implements Trace {
    /** Checks that z is a non-empty rectangular matrix and that label lists are empty or match its shape. */
    public Heat {
      Objects.requireNonNull(name, "name must not be null");
      if (z == null || z.length == 0 || z[0].length == 0) {
        throw new IllegalArgumentException("Heat: z must be a non-empty matrix.");
      }
      for (int r = 0; r < z.length; r++) {
        if (z[r].length != z[0].length) {
          throw new IllegalArgumentException(
              "Heat: z must be rectangular, but row " + r + " has " + z[r].length + " entries and row 0 has "
                  + z[0].length + ".");
        }
      }
      xLabels = List.copyOf(xLabels);
      yLabels = List.copyOf(yLabels);
      if (!xLabels.isEmpty() && xLabels.size() != z[0].length || !yLabels.isEmpty() && yLabels.size() != z.length) {
        throw new IllegalArgumentException("Heat: expected " + z[0].length + " column labels and " + z.length
            + " row labels (or none), but got " + xLabels.size() + " and " + yLabels.size() + ".");
      }
    }

    /** Returns a heat map whose columns and rows are labelled by their indices. */
    public Heat(String name, double[][] z) {
      this(name, z, List.of(), List.of());
    }
  }
}
