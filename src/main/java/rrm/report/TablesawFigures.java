package rrm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.Figure;

/**
 * Tablesaw's own plots ({@code tech.tablesaw.plotly.api.BoxPlot.create(...)}, {@code LinePlot}, {@code
 * ScatterPlot}, {@code Histogram}, {@code Heatmap}, ... which return a tablesaw-jsplot {@link Figure}) in
 * rrm's display path. tablesaw-jsplot exposes a figure's data only as the JavaScript it writes for each trace
 * and for the layout ({@code asJavascript}), so that text is read back with {@link JsLiteral}.
 *
 * <p>Box, line, scatter, histogram and heat-map traces become a {@link Plot} ({@link #toPlot}): the figure
 * then shows exactly like rrm's own plots, as Plotly JSON and as the static PNG drawn in Java, and both views
 * agree (boxes with whiskers at min and max and the mean dashed, histograms binned here on common bins). Other
 * traces (bars over categories, pies, 3-D, time axes, ...) keep tablesaw's trace description ({@link
 * #toPlotly}), with the titles rewritten for plotly.js 3+, and show interactively only.
 */
final class TablesawFigures {

  private TablesawFigures() {}

  /** Returns the figure's layout as a map (empty when the figure has none). */
  static Map<String, Object> layout(Figure figure) {
    if (figure.getLayout() == null) {
      return new LinkedHashMap<>();
    }
    return asMap(JsLiteral.parse(figure.getLayout().asJavascript()), "layout");
  }

  /** Returns the figure's traces, each as the map tablesaw writes for it. */
  static List<Map<String, Object>> traces(Figure figure) {
    List<Map<String, Object>> out = new ArrayList<>();
    var traces = figure.getTraces();
    for (int i = 0; i < traces.length; i++) {
      out.add(asMap(JsLiteral.parse(traces[i].asJavascript(i)), "trace " + i));
    }
    return out;
  }

  /**
   * Returns the figure as a {@link Plot}: title, axis titles, size and log x axis from its layout; box, line
   * (scatter with lines and/or markers), histogram and heat-map traces as rrm traces.
   *
   * @throws IllegalArgumentException naming the trace kinds that have no rrm equivalent
   */
  static Plot toPlot(Figure figure) {
    Map<String, Object> layout = layout(figure);
    List<Map<String, Object>> traces = traces(figure);
    String title = text(layout.get("title"));
    String xLabel = text(axis(layout, "xaxis").get("title"));
    String yLabel = text(axis(layout, "yaxis").get("title"));
    boolean logX = "log".equals(axis(layout, "xaxis").get("type"));
    List<String> unsupported = new ArrayList<>();
    if ("log".equals(axis(layout, "yaxis").get("type"))) {
      unsupported.add("a logarithmic y axis");
    }
    List<Trace> out = new ArrayList<>();
    Map<String, double[]> histograms = new LinkedHashMap<>();
    String histNorm = "";
    int bins = 0;
    for (Map<String, Object> t : traces) {
      String type = String.valueOf(t.getOrDefault("type", "scatter"));
      String name = text(t.get("name"));
      switch (type) {
        case "box" -> boxes(t, name, out, unsupported);
        case "scatter" -> {
          double[] x = numbers(t.get("x"));
          double[] y = numbers(t.get("y"));
          String mode = String.valueOf(t.getOrDefault("mode", "lines"));
          if (x == null || y == null || x.length != y.length || t.get("fill") != null) {
            unsupported.add("scatter '" + name + "' (x or y not numeric, or filled)");
          } else {
            out.add(new Trace.Line(name, x, y, mode.contains("lines"), mode.contains("markers")));
          }
        }
        case "histogram" -> {
          double[] x = numbers(t.get("x"));
          if (x == null || t.get("y") != null) {
            unsupported.add("histogram '" + name + "' (not numeric x values)");
          } else {
            histograms.put(name, x);
            histNorm = text(t.get("histnorm"));
            bins = Math.max(bins, (int) number(t.get("nbinsx"), 0));
          }
        }
        case "heatmap" -> heat(t, name, out, unsupported);
        default -> unsupported.add(type + (name.isEmpty() ? "" : " '" + name + "'"));
      }
    }
    if (!histograms.isEmpty()) {
      out.addAll(histogramBars(histograms, bins > 0 ? bins : Histogram.BINS, histNorm));
      yLabel = yLabel.isEmpty() ? (histNorm.isEmpty() ? "count" : histNorm) : yLabel;
    }
    long kinds = out.stream().map(Object::getClass).distinct().count();
    if (kinds > 1 && out.stream().anyMatch(t -> t instanceof Trace.Box || t instanceof Trace.Heat)) {
      unsupported.add("boxes or a heat map mixed with other traces");
    }
    if (!unsupported.isEmpty() || out.isEmpty()) {
      throw new IllegalArgumentException("TablesawFigures.toPlot: the figure '" + title + "' has "
          + (out.isEmpty() && unsupported.isEmpty() ? "no traces" : String.join(", ", unsupported))
          + "; only box, scatter/line, histogram and heat-map traces on linear or log-x axes convert to a Plot.");
    }
    int width = (int) number(layout.get("width"), Plot.WIDTH);
    int height = (int) number(layout.get("height"), Plot.HEIGHT);
    return new Plot(title, xLabel, yLabel, out, width, height, logX);
  }

  /**
   * Returns tablesaw's figure as Plotly JSON maps, unchanged but for what plotly.js 3+ needs or what reads
   * better: every {@code title} string becomes {@code {text: ...}} (with a {@code titlefont} moved into it as
   * {@code title.font}), number strings become numbers and the string "null" becomes null.
   */
  static Map<String, Object> toPlotly(Figure figure) {
    List<Object> data = new ArrayList<>();
    for (Map<String, Object> t : traces(figure)) {
      data.add(clean(t));
    }
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("data", data);
    fig.put("layout", clean(layout(figure)));
    return fig;
  }

  /** Returns the MIME bundle of a figure: as a {@link Plot} when it converts, else Plotly JSON and text. */
  static Map<String, Object> bundle(Figure figure) {
    Plot plot;
    try {
      plot = toPlot(figure);
    } catch (IllegalArgumentException notConvertible) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put(Display.PLOTLY, toPlotly(figure));
      b.put("text/plain", "Tablesaw figure \"" + text(layout(figure).get("title")) + "\": interactive view only ("
          + notConvertible.getMessage() + ")");
      return b;
    }
    return Display.bundle(plot);
  }

  private static void boxes(Map<String, Object> t, String name, List<Trace> out, List<String> unsupported) {
    double[] y = numbers(t.get("y"));
    if (y == null) {
      unsupported.add("box '" + name + "' (not numeric y values, or horizontal)");
      return;
    }
    if (!(t.get("x") instanceof List<?> x)) {
      out.add(new Trace.Box(name, Stats.of(y)));
      return;
    }
    if (x.size() != y.length) {
      unsupported.add("box '" + name + "' (" + x.size() + " categories for " + y.length + " values)");
      return;
    }
    Map<String, List<Double>> groups = new LinkedHashMap<>();
    for (int i = 0; i < y.length; i++) {
      groups.computeIfAbsent(label(x.get(i)), k -> new ArrayList<>()).add(y[i]);
    }
    groups.forEach((g, v) -> out.add(new Trace.Box(g, Stats.of(v.stream().mapToDouble(d -> d).toArray()))));
  }

  private static void heat(Map<String, Object> t, String name, List<Trace> out, List<String> unsupported) {
    if (!(t.get("z") instanceof List<?> rows) || rows.isEmpty()) {
      unsupported.add("heatmap '" + name + "' (no z matrix)");
      return;
    }
    double[][] z = new double[rows.size()][];
    for (int r = 0; r < z.length; r++) {
      z[r] = numbers(rows.get(r));
      if (z[r] == null) {
        unsupported.add("heatmap '" + name + "' (z row " + r + " is not numeric)");
        return;
      }
    }
    List<String> xs = labels(t.get("x"));
    List<String> ys = labels(t.get("y"));
    try {
      out.add(new Trace.Heat(name, z, xs.size() == z[0].length ? xs : List.of(),
          ys.size() == z.length ? ys : List.of()));
    } catch (IllegalArgumentException e) {
      unsupported.add("heatmap '" + name + "' (" + e.getMessage() + ")");
    }
  }

  /** Bins the histogram traces on common bins, scaled as plotly's {@code histnorm} says. */
  private static List<Trace> histogramBars(Map<String, double[]> values, int bins, String norm) {
    List<Trace> bars = Histogram.bin(values, bins, "TablesawFigures: the histogram has no finite value to bin");
    List<Trace> out = new ArrayList<>();
    for (Trace t : bars) {
      Trace.Bars b = (Trace.Bars) t;
      double n = java.util.Arrays.stream(values.get(b.name())).filter(Double::isFinite).count();
      double scale = switch (norm) {
        case "percent" -> 100 / n;
        case "probability" -> 1 / n;
        case "density" -> 1 / b.width();
        case "probability density" -> 1 / (n * b.width());
        default -> 1;
      };
      double[] y = java.util.Arrays.stream(b.y()).map(c -> c * scale).toArray();
      out.add(new Trace.Bars(b.name(), b.x(), y, b.width()));
    }
    return out;
  }

  /** Returns the values as doubles (numbers, number strings, "null" or null as NaN), or null if one is not. */
  static double[] numbers(Object list) {
    if (!(list instanceof List<?> l)) {
      return null;
    }
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = l.get(i);
      if (v == null || "null".equals(v) || "".equals(v)) {
        out[i] = Double.NaN;
      } else if (v instanceof Double d) {
        out[i] = d;
      } else {
        try {
          out[i] = Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return out;
  }

  private static List<String> labels(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      l.forEach(v -> out.add(label(v)));
    }
    return out;
  }

  private static String label(Object v) {
    return v instanceof Double d ? Format.number(d) : String.valueOf(v);
  }

  private static double number(Object v, double fallback) {
    if (v instanceof Double d && Double.isFinite(d)) {
      return d;
    }
    try {
      return v == null ? fallback : Double.parseDouble(String.valueOf(v));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Returns a title's text: a string, or the {@code text} of a {@code {text: ...}} object; "" if absent. */
  private static String text(Object title) {
    if (title instanceof Map<?, ?> m) {
      return m.get("text") == null ? "" : String.valueOf(m.get("text"));
    }
    return title == null ? "" : String.valueOf(title);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> axis(Map<String, Object> layout, String key) {
    return layout.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "TablesawFigures: expected the " + what + " to be a JavaScript object, but it was " + value + ".");
    }
    return (Map<String, Object>) value;
  }

  /** Returns a copy for Plotly JSON: titles as objects, titlefont inside them, number arrays and opacity as numbers. */
  private static Object clean(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        if (!"titlefont".equals(k)) {
          out.put(String.valueOf(k), clean(v));
        }
      });
      if (out.get("opacity") instanceof String s) {
        out.put("opacity", number(s, 1.0));
      }
      if (out.get("title") instanceof String s) {
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("text", s);
        if (m.get("titlefont") != null) {
          title.put("font", clean(m.get("titlefont")));
        }
        out.put("title", title);
      }
      return out;
    }
    if (value instanceof List<?> l) {
      double[] n = numbers(l);
      List<Object> out = new ArrayList<>();
      if (n != null && l.stream().anyMatch(v -> v instanceof String)) {
        for (double d : n) {
          out.add(Double.isNaN(d) ? null : d);
        }
      } else {
        l.forEach(v -> out.add(clean(v)));
      }
      return out;
    }
    return value;
  }
}
