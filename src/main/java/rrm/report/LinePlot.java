package rrm.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/** Line plots of y against x, one line per group, points joined in table order. */
public final class LinePlot {

  private LinePlot() {}

  /** Returns one line of {@code yCol} against {@code xCol} per value of {@code groupCol} (null: one line). */
  public static Plot create(String title, Table table, String xCol, String yCol, String groupCol) {
    return create(title, table, xCol, yCol, groupCol, false);
  }

  /**
   * Returns one line of {@code yCol} against {@code xCol} per value of {@code groupCol} (null: one line), with a
   * marker at every point when {@code markers} is true (for curves over a coarse grid, where the measured points
   * matter more than the joins).
   */
  public static Plot create(String title, Table table, String xCol, String yCol, String groupCol, boolean markers) {
    List<Trace> traces = new ArrayList<>();
    Groups.pairs(table, xCol, yCol, groupCol)
        .forEach((g, xy) -> traces.add(new Trace.Line(groupCol == null ? "" : g, xy[0], xy[1], true, markers)));
    return Plot.of(title, xCol, yCol, traces);
  }
}
