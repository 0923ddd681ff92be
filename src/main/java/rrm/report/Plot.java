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
 * @param refLines reference lines drawn dashed under the traces (see {@link RefLine})
 */
public record Plot(String title, String xLabel, String yLabel, List<Trace> traces, int width, int height,
    boolean logX, List<RefLine> refLines) {

  /** Default width in pixels. */
  public static final int WIDTH = 720;

  /** Default height in pixels. */
  public static final int HEIGHT = 440;

  /** Checks the arguments and copies the lists. */
  public Plot {
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(xLabel, "xLabel must not be null");
    Objects.requireNonNull(yLabel, "yLabel must not be null");
    traces = List.copyOf(traces);
    refLines = List.copyOf(refLines);
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException(
          "Plot: width and height must be at least 100 pixels, but were " + width + " × " + height + ".");
    }
    if (logX && refLines.stream().anyMatch(r -> r.kind() == RefLine.Kind.DIAGONAL)) {
      throw new IllegalArgumentException("Plot '" + title + "': the diagonal y = x is not a straight line on a "
          + "logarithmic x axis; use a linear x axis or a horizontal/vertical reference line.");
    }
    long categoryBars = traces.stream().filter(t -> t instanceof Trace.CategoryBars).count();
    if (categoryBars > 0 && categoryBars < traces.size()) {
      throw new IllegalArgumentException("Plot '" + title + "': bars over categories share their categorical x axis "
          + "with no other kind of trace, but the traces are " + traces.stream().map(t -> t.getClass().getSimpleName())
          .toList() + ".");
    }
    Display.install();
  }

  /** Returns a plot without reference lines. */
  public Plot(String title, String xLabel, String yLabel, List<Trace> traces, int width, int height,
      boolean logX) {
    this(title, xLabel, yLabel, traces, width, height, logX, List.of());
  }

  /** Returns a plot with a linear x axis and no reference lines. */
  public Plot(String title, String xLabel, String yLabel, List<Trace> traces, int width, int height) {
    this(title, xLabel, yLabel, traces, width, height, false, List.of());
  }

  /** Returns a plot of the default size. */
  public static Plot of(String title, String xLabel, String yLabel, List<Trace> traces) {
    return new Plot(title, xLabel, yLabel, traces, WIDTH, HEIGHT);
  }

  /** Returns a copy with this x-axis title. */
  public Plot withXLabel(String label) {
    return new Plot(title, label, yLabel, traces, width, height, logX, refLines);
  }

  /** Returns a copy with this y-axis title. */
  public Plot withYLabel(String label) {
    return new Plot(title, xLabel, label, traces, width, height, logX, refLines);
  }

  /** Returns a copy with this chart title. */
  public Plot withTitle(String newTitle) {
    return new Plot(newTitle, xLabel, yLabel, traces, width, height, logX, refLines);
  }

  /** Returns a copy of this size in pixels. */
  public Plot withSize(int newWidth, int newHeight) {
    return new Plot(title, xLabel, yLabel, traces, newWidth, newHeight, logX, refLines);
  }

  /** Returns a copy with a logarithmic x axis (base 10). */
  public Plot withLogX() {
    return new Plot(title, xLabel, yLabel, traces, width, height, true, refLines);
  }

  /**
   * Returns a copy with the traces and reference lines of {@code other} drawn on top of this plot's (its
   * title, labels and size are ignored), for example a line plot with a scatter of highlighted points.
   */
  public Plot overlay(Plot other) {
    Objects.requireNonNull(other, "other must not be null");
    List<Trace> all = new java.util.ArrayList<>(traces);
    all.addAll(other.traces());
    List<RefLine> refs = new java.util.ArrayList<>(refLines);
    refs.addAll(other.refLines());
    return new Plot(title, xLabel, yLabel, all, width, height, logX, refs);
  }

  /**
   * Returns a copy with the diagonal y = x drawn as a dashed line across the data, for scatter plots of ours
   * against a baseline (points above the line: ours is larger). Not allowed on a logarithmic x axis.
   */
  public Plot withDiagonal() {
    return withRefLine(RefLine.diagonal(""));
  }

  /** Returns a copy with the diagonal y = x labelled {@code label} near its lower end. */
  public Plot withDiagonal(String label) {
    return withRefLine(RefLine.diagonal(label));
  }

  /**
   * Returns a copy with the horizontal line y = {@code y} across the whole width, labelled {@code label} at its
   * right end; for example {@code withHorizontalLine(1.0, "WMMSE")} on a plot of ratios to WMMSE.
   */
  public Plot withHorizontalLine(double y, String label) {
    return withRefLine(RefLine.horizontal(y, label));
  }

  /** Returns a copy with the vertical line x = {@code x} across the whole height, labelled at its top. */
  public Plot withVerticalLine(double x, String label) {
    return withRefLine(RefLine.vertical(x, label));
  }

  /** Returns a copy with this reference line added. */
  public Plot withRefLine(RefLine line) {
    Objects.requireNonNull(line, "line must not be null");
    List<RefLine> refs = new java.util.ArrayList<>(refLines);
    refs.add(line);
    return new Plot(title, xLabel, yLabel, traces, width, height, logX, refs);
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
    return new Plot(title, xLabel, yLabel, out, width, height, logX, refLines);
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
    String refs = refLines.isEmpty() ? ""
        : ", " + refLines.size() + (refLines.size() == 1 ? " reference line" : " reference lines");
    return "Plot \"" + title + "\" (" + traces.size() + (traces.size() == 1 ? " trace" : " traces") + refs + ")";
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
