package rrm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Plotly figure of a {@link Plot} as nested maps and lists. Titles are {@code {text: ...}}
 * objects (plotly.js 3+ ignores plain-string titles); non-finite numbers become null; reference lines are
 * layout shapes (with their labels as annotations).
 */
final class PlotlyJson {

  private PlotlyJson() {}

  /** Returns {@code {data: [...], layout: {...}}} for the plot. */
  static Map<String, Object> figure(Plot plot) {
    List<Object> data = new ArrayList<>();
    boolean bars = false;
    for (int i = 0; i < plot.traces().size(); i++) {
      Trace t = plot.traces().get(i);
      data.add(trace(t, Palette.series(i)));
      bars |= t instanceof Trace.Bars || t instanceof Trace.CategoryBars;
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", title(plot.title()));
    layout.put("xaxis", plot.logX() ? Map.of("title", title(plot.xLabel()), "type", "log")
        : Map.of("title", title(plot.xLabel())));
    layout.put("yaxis", Map.of("title", title(plot.yLabel())));
    layout.put("width", plot.width());
    layout.put("height", plot.height());
    layout.put("showlegend", plot.traces().stream().filter(t -> !t.name().isEmpty()).count() > 1);
    if (bars) {
      layout.put("barmode", "overlay");
    }
    if (!plot.refLines().isEmpty()) {
      List<Object> shapes = new ArrayList<>();
      List<Object> notes = new ArrayList<>();
      double[] span = RefLine.diagonalSpan(plot.traces());
      for (RefLine r : plot.refLines()) {
        shapes.add(shape(r, span));
        if (!r.label().isEmpty()) {
          notes.add(annotation(r, span));
        }
      }
      layout.put("shapes", shapes);
      if (!notes.isEmpty()) {
        layout.put("annotations", notes);
      }
    }
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("data", data);
    fig.put("layout", layout);
    return fig;
  }

  /**
   * Returns the layout shape of a reference line: in data coordinates along the line (the diagonal from
   * (lo, lo) to (hi, hi)), in paper coordinates (0 to 1) across it, so it spans the plot at any zoom.
   */
  private static Map<String, Object> shape(RefLine r, double[] span) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "line");
    m.put("layer", "below");
    switch (r.kind()) {
      case DIAGONAL -> {
        m.put("xref", "x");
        m.put("yref", "y");
        m.put("x0", span[0]);
        m.put("y0", span[0]);
        m.put("x1", span[1]);
        m.put("y1", span[1]);
      }
      case HORIZONTAL -> {
        m.put("xref", "paper");
        m.put("yref", "y");
        m.put("x0", 0.0);
        m.put("y0", r.value());
        m.put("x1", 1.0);
        m.put("y1", r.value());
      }
      case VERTICAL -> {
        m.put("xref", "x");
        m.put("yref", "paper");
        m.put("x0", r.value());
        m.put("y0", 0.0);
        m.put("x1", r.value());
        m.put("y1", 1.0);
      }
    }
    m.put("line", Map.of("color", Palette.REFERENCE, "width", 1.5, "dash", "dash"));
    return m;
  }

  /**
   * Returns the label of a reference line as an annotation: above the right end of y = c, right of the top of
   * x = c, below-right of the diagonal's lower end.
   */
  private static Map<String, Object> annotation(RefLine r, double[] span) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", r.label());
    m.put("showarrow", false);
    m.put("font", Map.of("color", Palette.REFERENCE));
    switch (r.kind()) {
      case DIAGONAL -> {
        m.put("xref", "x");
        m.put("yref", "y");
        m.put("x", span[0]);
        m.put("y", span[0]);
        m.put("xanchor", "left");
        m.put("yanchor", "top");
        m.put("xshift", 6);
        m.put("yshift", -4);
      }
      case HORIZONTAL -> {
        m.put("xref", "paper");
        m.put("yref", "y");
        m.put("x", 1.0);
        m.put("y", r.value());
        m.put("xanchor", "right");
        m.put("yanchor", "bottom");
      }
      case VERTICAL -> {
        m.put("xref", "x");
        m.put("yref", "paper");
        m.put("x", r.value());
        m.put("y", 1.0);
        m.put("xanchor", "left");
        m.put("yanchor", "top");
      }
    }
    return m;
  }

  private static Map<String, Object> title(String text) {
    return Map.of("text", text);
  }

  private static Map<String, Object> trace(Trace trace, String color) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", trace.name());
    if (trace instanceof Trace.Bars b) {
      m.put("type", "bar");
      m.put("x", numbers(b.x()));
      m.put("y", numbers(b.y()));
      m.put("width", b.width());
      m.put("opacity", 0.6);
      m.put("marker", Map.of("color", color));
    } else if (trace instanceof Trace.CategoryBars b) {
      m.put("type", "bar");
      m.put("x", b.categories());
      m.put("y", numbers(b.y()));
      m.put("opacity", 0.8);
      m.put("marker", Map.of("color", color));
      if (b.errors() != null) {
        m.put("error_y", Map.of("type", "data", "array", numbers(b.errors()), "visible", true));
      }
    } else if (trace instanceof Trace.Box b) {
      Stats s = b.stats();
      m.put("type", "box");
      m.put("x", List.of(b.name()));
      m.put("q1", numbers(s.q25()));
      m.put("median", numbers(s.median()));
      m.put("q3", numbers(s.q75()));
      m.put("lowerfence", numbers(s.min()));
      m.put("upperfence", numbers(s.max()));
      m.put("mean", numbers(s.mean()));
      m.put("boxmean", true);
      m.put("marker", Map.of("color", color));
    } else if (trace instanceof Trace.Line l) {
      m.put("type", "scatter");
      m.put("mode", l.lines() && l.markers() ? "lines+markers" : l.lines() ? "lines" : "markers");
      m.put("x", numbers(l.x()));
      m.put("y", numbers(l.y()));
      m.put("line", Map.of("color", color));
      m.put("marker", l.marker() == Trace.Marker.CROSS ? Map.of("color", color, "symbol", "x", "size", 9)
          : Map.of("color", color));
    } else if (trace instanceof Trace.Heat h) {
      m.put("type", "heatmap");
      List<Object> rows = new ArrayList<>();
      for (double[] row : h.z()) {
        rows.add(numbers(row));
      }
      m.put("z", rows);
      if (!h.xLabels().isEmpty()) {
        m.put("x", h.xLabels());
      }
      if (!h.yLabels().isEmpty()) {
        m.put("y", h.yLabels());
      }
      m.put("colorscale", "Viridis");
    }
    return m;
  }

  /** Returns the values as a list, with null in place of NaN and infinities. */
  static List<Double> numbers(double... values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(Double.isFinite(v) ? v : null);
    }
    return out;
  }
}
