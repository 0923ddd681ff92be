package rrm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Histograms of a numeric column, one overlaid series per group. Values are binned here, on bins common
 * to all groups, so that the interactive and the static view show the same bars.
 */
public final class Histogram {

  /** Default number of bins. */
  public static final int BINS = 40;

  private Histogram() {}

  /** Returns a histogram of {@code valueCol} per value of {@code groupCol} (null: one series), 40 bins. */
  public static Plot create(String title, Table table, String valueCol, String groupCol) {
    return create(title, table, valueCol, groupCol, BINS);
  }

  /** Returns a histogram of {@code valueCol} per value of {@code groupCol} with {@code bins} equal bins. */
  public static Plot create(String title, Table table, String valueCol, String groupCol, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, but was " + bins + ".");
    }
    Map<String, double[]> groups = Groups.values(table, valueCol, groupCol);
    if (groupCol == null && !groups.isEmpty()) {
      groups = Map.of("", groups.values().iterator().next());
    }
    List<Trace> traces = bin(groups, bins,
        "Histogram: column '" + valueCol + "' has no finite value to bin in table '" + table.name() + "'");
    return Plot.of(title, valueCol, "count", traces);
  }

  /**
   * Returns one bar trace of counts per group (named by the map's keys), on {@code bins} equal bins common to
   * all groups spanning their finite values (a single value gets a bin of width 1 around it).
   *
   * @throws IllegalArgumentException with {@code emptyMessage} when no value is finite
   */
  static List<Trace> bin(Map<String, double[]> groups, int bins, String emptyMessage) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] v : groups.values()) {
      for (double x : v) {
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    if (!Double.isFinite(lo)) {
      throw new IllegalArgumentException(emptyMessage + ".");
    }
    if (hi == lo) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = (hi - lo) / bins;
    List<Trace> traces = new ArrayList<>();
    for (Map.Entry<String, double[]> e : groups.entrySet()) {
      double[] counts = new double[bins];
      for (double x : e.getValue()) {
        if (Double.isFinite(x)) {
          counts[Math.min(bins - 1, (int) ((x - lo) / width))]++;
        }
      }
      double[] centres = new double[bins];
      for (int i = 0; i < bins; i++) {
        centres[i] = lo + (i + 0.5) * width;
      }
      traces.add(new Trace.Bars(e.getKey(), centres, counts, width));
    }
    return traces;
  }
}
