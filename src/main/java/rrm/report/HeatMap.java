package rrm.report;

import java.util.List;

/** Heat maps of a matrix, for example one channel matrix (row = receiver, column = transmitter). */
public final class HeatMap {

  private HeatMap() {}

  /**
   * Returns a heat map of {@code z[row][column]} on the Viridis scale; the x axis indexes columns, the y
   * axis rows (row 0 at the bottom).
   */
  public static Plot create(String title, double[][] z, String xLabel, String yLabel) {
    return Plot.of(title, xLabel, yLabel, List.of(new Trace.Heat("", z)));
  }

  /**
   * Returns a heat map of {@code z[row][column]} whose columns and rows are named by {@code columnLabels} and
   * {@code rowLabels} (for example the values of a swept parameter), row 0 at the bottom.
   */
  public static Plot create(String title, double[][] z, List<String> columnLabels, List<String> rowLabels,
      String xLabel, String yLabel) {
    return Plot.of(title, xLabel, yLabel, List.of(new Trace.Heat("", z, columnLabels, rowLabels)));
  }
}
