package rrm.report;

import java.util.List;
import java.util.Objects;

/**
 * A figure: title, axis labels, size, traces and the x-axis scale (linear or logarithmic). In a notebook
 * it displays as interactive Plotly JSON
 * ({@code application/vnd.plotly.v1+json}, titles as {@code {text: ...}} objects so that plotly.js 3+ shows
 * them) together with a static PNG drawn in pure Java (shown where no JavaScript runs: exported HTML,
 * GitHub) and a text line. Build plots with {@link Figures}; adjust them with the {@code with...} copies.
 *
 * @param title the chart title
 * @param xLabel the x-axis title (may be empty)
 * @param yLabel the y-axis title (may be empty)
 * @param traces the data series, drawn in order
 * @param width width in pixels
 * @param height height in pixels
 * @param logX whether the x axis is logarithmic (base 10; points with x ≤ 0 are not drawn)
 */
public record Plot(String title, String xLabel, String yLabel, List<Trace> traces, int width, int height,
    boolean logX) {

  /** Default width in pixels. */
  public static final int WIDTH = 720;

  /** Default height in pixels. */
  public static final int HEIGHT = 440;

  /** Checks the arguments and copies the trace list. */
  public Plot {
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(xLabel, "xLabel must not be null");
    Objects.requireNonNull(yLabel, "yLabel must not be null");
    traces = List.copyOf(traces);
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException(
          "Plot: width and height must be at least 100 pixels, but were " + width + " × " + height + ".");
    }
    Display.install();
  }

  /** Returns a plot with a linear x axis. */
  public Plot(String title, String xLabel, String yLabel, List<Trace> traces, int width, int height) {
    this(title, xLabel, yLabel, traces, width, height, false);
  }

  /** Returns a plot of the default size. */
  public static Plot of(String title, String xLabel, String yLabel, List<Trace> traces) {
    return new Plot(title, xLabel, yLabel, traces, WIDTH, HEIGHT);
  }

  /** Returns a copy with this x-axis title. */
  public Plot withXLabel(String label) {
    return new Plot(title, label, yLabel, traces, width, height, logX);
  }

  /** Returns a copy with this y-axis title. */
  public Plot withYLabel(String label) {
    return new Plot(title, xLabel, label, traces, width, height, logX);
  }

  /** Returns a copy with this chart title. */
  public Plot withTitle(String newTitle) {
    return new Plot(newTitle, xLabel, yLabel, traces, width, height, logX);
  }

  /** Returns a copy of this size in pixels. */
  public Plot withSize(int newWidth, int newHeight) {
    return new Plot(title, xLabel, yLabel, traces, newWidth, newHeight, logX);
  }

  /** Returns a copy with a logarithmic x axis (base 10). */
  public Plot withLogX() {
    return new Plot(title, xLabel, yLabel, traces, width, height, true);
  }

  /**
   * Returns a copy with the traces of {@code other} drawn on top of this plot's (its title, labels and size
   * are ignored), for example a line plot with a scatter of highlighted points.
   */
  public Plot overlay(Plot other) {
    Objects.requireNonNull(other, "other must not be null");
    List<Trace> all = new java.util.ArrayList<>(traces);
    all.addAll(other.traces());
    return new Plot(title, xLabel, yLabel, all, width, height, logX);
  }

  /**
   * Returns a copy in which the line/marker traces named {@code traceName} are drawn with markers of this
   * shape.
   *
   * @throws IllegalArgumentException if no line or marker trace has that name
   */
  public Plot withMarker(String traceName, Trace.Marker shape) {
    List<Trace> out = new java.util.ArrayList<>();
    boolean found = false;
    for (Trace t : traces) {
      if (t instanceof Trace.Line l && l.name().equals(traceName)) {
        out.add(l.withMarker(shape));
        found = true;
      } else {
        out.add(t);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("Plot.withMarker: no line or marker trace is named '" + traceName
          + "'; the traces are " + traces.stream().map(Trace::name).toList() + ".");
    }
    return new Plot(title, xLabel, yLabel, out, width, height, logX);
  }

  /** Returns the Plotly figure ({@code data}, {@code layout}) as nested maps and lists, ready for JSON. */
  public java.util.Map<String, Object> toPlotly() {
    return PlotlyJson.figure(this);
  }

  /** Returns the static rendering as PNG bytes of {@code width × height} pixels. */
  public byte[] toPng() {
    return PlotPainter.png(this);
  }

  @Override
  public String toString() {
    return "Plot \"" + title + "\" (" + traces.size() + (traces.size() == 1 ? " trace)" : " traces)");
  }

  static void requireSameLength(double[] x, double[] y, String what) {
    if (x == null || y == null) {
      throw new IllegalArgumentException(what + ": x and y must not be null.");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          what + ": x and y must have the same length, but x has " + x.length + " and y has " + y.length + ".");
    }
  }
}
