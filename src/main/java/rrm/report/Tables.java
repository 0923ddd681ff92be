package rrm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables for notebooks: HTML rendering with numbers formatted for people, and per-group summary
 * statistics. Any Tablesaw {@link Table} shown in a notebook renders through {@link #html(Table)}.
 */
public final class Tables {

  /** Tables longer than this show their head and tail only. */
  static final int MAX_ROWS = 40;

  private static final int HEAD = 30;
  private static final int TAIL = 5;

  private Tables() {}

  /**
   * Returns an HTML table of {@code table}: its name as caption, numbers with four significant digits,
   * missing values empty; tables over {@value #MAX_ROWS} rows show the first 30 and last 5 rows. Cells of a column
   * named {@code verdict} that read PASS, WARN or FAIL are coloured green, amber or red (so {@code
   * verdicts.table()} shows like the {@link Verdicts} display).
   */
  public static String html(Table table) {
    requireTable(table, "table");
    StringBuilder b = new StringBuilder("<div class=\"rrm-table\"><table>");
    if (table.name() != null && !table.name().isBlank()) {
      b.append("<caption>").append(Format.html(table.name())).append("</caption>");
    }
    b.append("<thead><tr>");
    for (Column<?> c : table.columns()) {
      b.append("<th>").append(Format.html(c.name())).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    int rows = table.rowCount();
    boolean cut = rows > MAX_ROWS;
    for (int r = 0; r < rows; r++) {
      if (cut && r == HEAD) {
        b.append("<tr>");
        table.columns().forEach(c -> b.append("<td>…</td>"));
        b.append("</tr>");
        r = rows - TAIL;
      }
      b.append("<tr>");
      for (Column<?> c : table.columns()) {
        String align = c instanceof NumberColumn ? "text-align:right" : "text-align:left";
        Verdict v = c.name().equalsIgnoreCase("verdict") ? Verdict.parse(cell(c, r)) : null;
        String style = v == null ? align : align + ";font-weight:bold;color:" + v.colour();
        b.append("<td style=\"").append(style).append("\">").append(Format.html(cell(c, r))).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table>");
    b.append("<p style=\"font-size:smaller;color:#666\">")
        .append(rows).append(rows == 1 ? " row" : " rows").append(" × ")
        .append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns")
        .append("</p></div>");
    return b.toString();
  }

  /** Returns the formatted text of one cell: numbers as {@link Format#number}, others as Tablesaw prints them. */
  static String cell(Column<?> c, int row) {
    if (c instanceof NumberColumn<?, ?> n) {
      return n.isMissing(row) ? "" : Format.number(n.getDouble(row));
    }
    return c.getString(row);
  }

  /**
   * Returns per-group statistics of {@code valueCol} in a long-format table: one row per value of {@code
   * groupCol} (in order of first appearance) with columns group, n, mean, std (population), median, q25,
   * q75, min, max. Quantiles interpolate linearly (NumPy's default); missing values are skipped.
   */
  public static Table summary(Table table, String valueCol, String groupCol) {
    requireTable(table, "table");
    NumberColumn<?, ?> values = numberColumn(table, valueCol, "valueCol");
    Column<?> groups = column(table, groupCol, "groupCol");
    Map<String, List<Double>> byGroup = new LinkedHashMap<>();
    for (Row row : table) {
      int r = row.getRowNumber();
      byGroup.computeIfAbsent(groups.getString(r), g -> new ArrayList<>())
          .add(values.isMissing(r) ? Double.NaN : values.getDouble(r));
    }
    StringColumn group = StringColumn.create(groupCol);
    IntColumn n = IntColumn.create("n");
    List<DoubleColumn> stats = new ArrayList<>();
    for (String s : List.of("mean", "std", "median", "q25", "q75", "min", "max")) {
      stats.add(DoubleColumn.create(s));
    }
    byGroup.forEach((g, list) -> {
      Stats st = Stats.of(list.stream().mapToDouble(Double::doubleValue).toArray());
      group.append(g);
      n.append(st.n());
      double[] row = {st.mean(), st.std(), st.median(), st.q25(), st.q75(), st.min(), st.max()};
      for (int i = 0; i < row.length; i++) {
        stats.get(i).append(row[i]);
      }
    });
    Table out = Table.create(valueCol + " by " + groupCol, group, n);
    stats.forEach(out::addColumns);
    return out;
  }

  /**
   * Returns {@code valueCol} by {@code keyCol} (row order; a missing value is NaN), for look-ups in verdicts: a paper's
   * number per method from a {@code data/paper} CSV, a statistic per method from a summary. Every key must occur once.
   */
  public static Map<String, Double> lookup(Table table, String keyCol, String valueCol) {
    requireTable(table, "table");
    Column<?> keys = column(table, keyCol, "keyCol");
    NumberColumn<?, ?> values = numberColumn(table, valueCol, "valueCol");
    Map<String, Double> out = new LinkedHashMap<>();
    for (int r = 0; r < table.rowCount(); r++) {
      String key = keys.getString(r);
      if (out.put(key, values.isMissing(r) ? Double.NaN : values.getDouble(r)) != null) {
        throw new IllegalArgumentException("Tables.lookup: key '" + key + "' occurs more than once in column '"
            + keyCol + "' of table '" + table.name() + "'.");
      }
    }
    return out;
  }

  static void requireTable(Table table, String argument) {
    if (table == null) {
      throw new IllegalArgumentException(argument + " must be a Tablesaw table, but was null.");
    }
  }

  static Column<?> column(Table table, String name, String argument) {
    if (name == null || !table.columnNames().contains(name)) {
      throw new IllegalArgumentException(
          argument + " '" + name + "' is not a column of table '" + table.name() + "'; its columns are "
              + table.columnNames() + ".");
    }
    return table.column(name);
  }

  static NumberColumn<?, ?> numberColumn(Table table, String name, String argument) {
    Column<?> c = column(table, name, argument);
    if (!(c instanceof NumberColumn<?, ?> n)) {
      throw new IllegalArgumentException(
          argument + " '" + name + "' must be a numeric column, but its type is " + c.type() + ".");
    }
    return n;
  }
}
