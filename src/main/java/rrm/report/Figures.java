package rrm.report;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * One entry point for all chart kinds over long-format Tablesaw tables. Each method returns a {@link
 * Plot}; show it with {@code display(plot)} or as a cell's last expression, and relabel with {@code
 * plot.withXLabel(...)} / {@code withYLabel(...)}.
 */
public final class Figures {

  private Figures() {}

  /** Returns a histogram of {@code valueCol}, one series per value of {@code groupCol} (null: one). */
  public static Plot histogram(String title, Table table, String valueCol, String groupCol) {
    return Histogram.create(title, table, valueCol, groupCol);
  }

  /** Returns a box plot of {@code valueCol}, one box per value of {@code groupCol} (null: one). */
  public static Plot box(String title, Table table, String valueCol, String groupCol) {
    return BoxPlot.create(title, table, valueCol, groupCol);
  }

  /** Returns lines of {@code y} against {@code x}, one per value of {@code group} (null: one). */
  public static Plot line(String title, Table table, String x, String y, String group) {
    return LinePlot.create(title, table, x, y, group);
  }

  /** Returns lines of {@code y} against {@code x} with a marker at every point, one per value of {@code group}. */
  public static Plot lineWithMarkers(String title, Table table, String x, String y, String group) {
    return LinePlot.create(title, table, x, y, group, true);
  }

  /** Returns markers of {@code y} against {@code x}, one series per value of {@code group} (null: one). */
  public static Plot scatter(String title, Table table, String x, String y, String group) {
    return ScatterPlot.create(title, table, x, y, group);
  }

  /**
   * Returns one bar per row of {@code table}: category {@code categoryCol}, height {@code valueCol}, error bar
   * ± {@code errorCol} (null: none), one colour per value of {@code groupCol} (null: one colour).
   */
  public static Plot bars(String title, Table table, String categoryCol, String valueCol, String errorCol,
      String groupCol) {
    return BarChart.create(title, table, categoryCol, valueCol, errorCol, groupCol);
  }

  /** Returns a heat map of {@code z[row][column]}. */
  public static Plot heatmap(String title, double[][] z, String xLabel, String yLabel) {
    return HeatMap.create(title, z, xLabel, yLabel);
  }

  /**
   * Returns a plot built with Tablesaw's own plotting API (for example {@code
   * tech.tablesaw.plotly.api.ScatterPlot.create("t", table, "x", "y")}) as a {@link Plot}, to add reference
   * lines or relabel it. Box, scatter/line, histogram and heat-map traces convert; such figures also display
   * directly, without this call.
   *
   * @throws IllegalArgumentException naming the traces that do not convert (bars, pies, 3-D, time axes, ...)
   */
  public static Plot from(Figure tablesawFigure) {
    if (tablesawFigure == null) {
      throw new IllegalArgumentException("Figures.from: tablesawFigure must be a Tablesaw Figure, but was null.");
    }
    return TablesawFigures.toPlot(tablesawFigure);
  }

  /** Returns empirical CDFs of {@code valueCol}, one curve per value of {@code groupCol} (null: one). */
  public static Plot cdf(String title, Table table, String valueCol, String groupCol) {
    return CdfPlot.create(title, table, valueCol, groupCol);
  }
}
