package rrm.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/** Scatter plots of y against x, one marker series per group. */
public final class ScatterPlot {

  private ScatterPlot() {}

  /** Returns markers of {@code yCol} against {@code xCol} per value of {@code groupCol} (null: one series). */
  public static Plot create(String title, Table table, String xCol, String yCol, String groupCol) {
    List<Trace> traces = new ArrayList<>();
    Groups.pairs(table, xCol, yCol, groupCol)
        .forEach((g, xy) -> traces.add(new Trace.Line(groupCol == null ? "" : g, xy[0], xy[1], false, true)));
    return Plot.of(title, xCol, yCol, traces);
  }
}
