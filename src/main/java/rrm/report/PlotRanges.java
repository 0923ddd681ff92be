package rrm.report;

/**
 * The axis ranges of a {@link Plot} for the static renderer: every finite data point (bars from zero, error bars to
 * their ends, boxes from min to max), every reference line, a small margin around lines and markers; categories (boxes) and
 * heat-map cells at integer positions ±0.5. On a logarithmic x axis, x is in log10 units.
 */
final class PlotRanges {

  private PlotRanges() {}

  /** Returns {x0, x1, y0, y1}; x in log10 units when {@code logX}. */
  static double[] of(Plot plot, boolean logX) {
    boolean categorical = plot.traces().stream().anyMatch(t -> t instanceof Trace.Box);
    int categories = BarChart.categories(plot).size();
    boolean heat = plot.traces().stream().anyMatch(t -> t instanceof Trace.Heat);
    double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
    boolean bars = false;
    for (Trace t : plot.traces()) {
      if (t instanceof Trace.Bars b) {
        bars = true;
        for (int i = 0; i < b.x().length; i++) {
          double lo = axisX(logX, b.x()[i] - b.width() / 2), hi = axisX(logX, b.x()[i] + b.width() / 2);
          if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            continue;
          }
          xmin = Math.min(xmin, lo);
          xmax = Math.max(xmax, hi);
          ymax = Math.max(ymax, b.y()[i]);
        }
        ymin = Math.min(ymin, 0);
      } else if (t instanceof Trace.CategoryBars b) {
        ymin = Math.min(ymin, 0);
        ymax = Math.max(ymax, 0);
        for (int i = 0; i < b.y().length; i++) {
          double e = b.errors() == null || !Double.isFinite(b.errors()[i]) ? 0 : b.errors()[i];
          if (Double.isFinite(b.y()[i])) {
            ymin = Math.min(ymin, b.y()[i] - e);
            ymax = Math.max(ymax, b.y()[i] + e);
          }
        }
      } else if (t instanceof Trace.Box b) {
        ymin = Math.min(ymin, b.stats().min());
        ymax = Math.max(ymax, b.stats().max());
      } else if (t instanceof Trace.Line l) {
        for (int i = 0; i < l.x().length; i++) {
          double x = axisX(logX, l.x()[i]);
          if (Double.isFinite(x) && Double.isFinite(l.y()[i])) {
            xmin = Math.min(xmin, x);
            xmax = Math.max(xmax, x);
            ymin = Math.min(ymin, l.y()[i]);
            ymax = Math.max(ymax, l.y()[i]);
          }
        }
      } else if (t instanceof Trace.Heat h) {
        xmin = -0.5;
        xmax = h.z()[0].length - 0.5;
        ymin = -0.5;
        ymax = h.z().length - 0.5;
      }
    }
    double[] span = RefLine.diagonalSpan(plot.traces());
    for (RefLine r : plot.refLines()) {
      switch (r.kind()) {
        case DIAGONAL -> {
          xmin = Math.min(xmin, span[0]);
          xmax = Math.max(xmax, span[1]);
          ymin = Math.min(ymin, span[0]);
          ymax = Math.max(ymax, span[1]);
        }
        case HORIZONTAL -> {
          ymin = Math.min(ymin, r.value());
          ymax = Math.max(ymax, r.value());
        }
        case VERTICAL -> {
          xmin = Math.min(xmin, axisX(logX, r.value()));
          xmax = Math.max(xmax, axisX(logX, r.value()));
        }
      }
    }
    if (!Double.isFinite(ymin) || !Double.isFinite(ymax)) {
      ymin = 0;
      ymax = 1;
    }
    if (!Double.isFinite(xmin) || !Double.isFinite(xmax)) {
      xmin = 0;
      xmax = 1;
    }
    if (categorical) {
      xmin = -0.5;
      xmax = plot.traces().size() - 0.5;
    }
    if (categories > 0) {
      double[] y = Ticks.pad(ymin, ymax, 0.05);
      return new double[] {-0.5, categories - 0.5, ymin >= 0 ? 0 : y[0], y[1]};
    }
    double[] x = heat || bars ? new double[] {xmin, xmax} : Ticks.pad(xmin, xmax, 0.03);
    double[] y = heat ? new double[] {ymin, ymax} : Ticks.pad(ymin, ymax, 0.05);
    if (bars) {
      y[0] = Math.max(y[0], 0);
    }
    return new double[] {categorical ? xmin : x[0], categorical ? xmax : x[1], y[0], y[1]};
    }

  /** Returns a data x in axis units: log10(x) on a log axis (NaN for x ≤ 0), else x. */
  static double axisX(boolean logX, double x) {
    return logX ? (x > 0 ? Math.log10(x) : Double.NaN) : x;
  }
}
