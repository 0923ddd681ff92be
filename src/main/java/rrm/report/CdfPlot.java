package rrm.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;

/** Empirical cumulative distribution functions of a numeric column, one curve per group. */
public final class CdfPlot {

  /** Curves keep at most this many points (evenly spaced in probability). */
  static final int MAX_POINTS = 400;

  private CdfPlot() {}

  /** Returns the empirical CDF of {@code valueCol} per value of {@code groupCol} (null: one curve). */
  public static Plot create(String title, Table table, String valueCol, String groupCol) {
    List<Trace> traces = new ArrayList<>();
    Groups.values(table, valueCol, groupCol).forEach((g, v) -> {
      double[] x = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
      int points = Math.min(x.length, MAX_POINTS);
      double[] xs = new double[points];
      double[] ps = new double[points];
      for (int k = 0; k < points; k++) {
        int i = points == x.length ? k : (int) Math.round((double) k * (x.length - 1) / (points - 1));
        xs[k] = x[i];
        ps[k] = (i + 1.0) / x.length;
      }
      traces.add(new Trace.Line(groupCol == null ? "" : g, xs, ps, true, false));
    });
    return Plot.of(title, valueCol, "P(X ≤ x)", traces);
  }
}
