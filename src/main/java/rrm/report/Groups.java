package rrm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Splits numeric columns of a long-format table by the values of a group column. */
final class Groups {

  private Groups() {}

  /**
   * Returns, per group in order of first appearance, the values of {@code valueCol} (NaN where missing).
   * A null {@code groupCol} gives one group named after the value column.
   */
  static Map<String, double[]> values(Table table, String valueCol, String groupCol) {
    return columns(table, groupCol, valueCol).entrySet().stream()
        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()[0]), Map::putAll);
  }

  /** Returns, per group, the pair {x values, y values} of {@code xCol} and {@code yCol}. */
  static Map<String, double[][]> pairs(Table table, String xCol, String yCol, String groupCol) {
    return columns(table, groupCol, xCol, yCol);
  }

  private static Map<String, double[][]> columns(Table table, String groupCol, String... valueCols) {
    Tables.requireTable(table, "table");
    List<NumberColumn<?, ?>> cols = new ArrayList<>();
    for (int i = 0; i < valueCols.length; i++) {
      String argument = valueCols.length == 1 ? "valueCol" : i == 0 ? "xCol" : "yCol";
      cols.add(Tables.numberColumn(table, valueCols[i], argument));
    }
    Column<?> groups = groupCol == null ? null : Tables.column(table, groupCol, "groupCol");
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    for (int r = 0; r < table.rowCount(); r++) {
      String g = groups == null ? valueCols[valueCols.length - 1] : groups.getString(r);
      rows.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
    }
    Map<String, double[][]> out = new LinkedHashMap<>();
    rows.forEach((g, idx) -> {
      double[][] v = new double[cols.size()][idx.size()];
      for (int c = 0; c < cols.size(); c++) {
        for (int i = 0; i < idx.size(); i++) {
          NumberColumn<?, ?> col = cols.get(c);
          v[c][i] = col.isMissing(idx.get(i)) ? Double.NaN : col.getDouble(idx.get(i));
        }
      }
      out.put(g, v);
    });
    return out;
  }
}
