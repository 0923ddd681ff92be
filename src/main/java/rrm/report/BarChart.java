package rrm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Bar charts over named categories, one bar per row of a long-format table, with optional ± error bars (a standard
 * deviation, a standard error, ...) and one colour per group. Categories keep the table's order.
 */
public final class BarChart {

  private BarChart() {}

  /**
   * Returns one bar per row: category {@code categoryCol}, height {@code valueCol}, error bar ± {@code errorCol}
   * (null: none), coloured by {@code groupCol} (null: one colour). A category must not repeat within a group.
   */
  public static Plot create(String title, Table table, String categoryCol, String valueCol, String errorCol,
      String groupCol) {
    Tables.requireTable(table, "table");
    Column<?> cats = Tables.column(table, categoryCol, "categoryCol");
    NumberColumn<?, ?> values = Tables.numberColumn(table, valueCol, "valueCol");
    NumberColumn<?, ?> errors = errorCol == null ? null : Tables.numberColumn(table, errorCol, "errorCol");
    Column<?> groups = groupCol == null ? null : Tables.column(table, groupCol, "groupCol");
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    for (int r = 0; r < table.rowCount(); r++) {
      rows.computeIfAbsent(groups == null ? "" : groups.getString(r), k -> new ArrayList<>()).add(r);
    }
    List<Trace> traces = new ArrayList<>();
    rows.forEach((g, idx) -> {
      List<String> c = new ArrayList<>();
      double[] y = new double[idx.size()];
      double[] e = errors == null ? null : new double[idx.size()];
      for (int i = 0; i < idx.size(); i++) {
        int r = idx.get(i);
        c.add(cats.getString(r));
        y[i] = values.isMissing(r) ? Double.NaN : values.getDouble(r);
        if (e != null) e[i] = errors.isMissing(r) ? Double.NaN : errors.getDouble(r);
      }
      traces.add(new Trace.CategoryBars(g, c, y, e));
    });
    return Plot.of(title, groupCol == null ? categoryCol : "", valueCol, traces);
  }

  /** Returns the categories of the plot's bar traces, in order of first appearance (their x positions 0, 1, ...). */
  static List<String> categories(Plot plot) {
    List<String> out = new ArrayList<>();
    for (Trace t : plot.traces()) {
      if (t instanceof Trace.CategoryBars b) {
        for (String c : b.categories()) if (!out.contains(c)) out.add(c);
      }
    }
    return out;
  }
}
