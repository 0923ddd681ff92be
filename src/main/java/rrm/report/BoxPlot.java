package rrm.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/** Box plots of a numeric column, one box per group: box q25 to q75, median line, mean dashed, whiskers at min and max. */
public final class BoxPlot {

  private BoxPlot() {}

  /** Returns one box of {@code valueCol} per value of {@code groupCol} (null: a single box). */
  public static Plot create(String title, Table table, String valueCol, String groupCol) {
    List<Trace> traces = new ArrayList<>();
    Groups.values(table, valueCol, groupCol).forEach((g, v) -> traces.add(new Trace.Box(g, Stats.of(v))));
    return Plot.of(title, groupCol == null ? "" : groupCol, valueCol, traces);
  }
}
