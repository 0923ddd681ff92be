package rrm.report;

import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.median;
import static tech.tablesaw.aggregate.AggregateFunctions.min;
import static tech.tablesaw.aggregate.AggregateFunctions.populationVariance;
import static tech.tablesaw.aggregate.AggregateFunctions.quartile1;
import static tech.tablesaw.aggregate.AggregateFunctions.quartile3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import rrm.system.Allocation;
import rrm.system.Method;
import rrm.system.Problem;
import rrm.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Evaluates methods on problem sets into one long Tablesaw table (setting, method, sample, metric), from which every
 * table and plot of a notebook is drawn, and summarises it relative to a reference method.
 *
 * <pre>{@code
 * Table results = Evaluation.<SisoProblem, Powers>of("sum_rate", (pr, p) -> Utility.sumRate().of(pr, p))
 *     .setting("low noise", lowProblem, List.of(wmmse, truncated, uwmmse))
 *     .setting("high noise", highProblem, List.of(wmmse, truncated, uwmmse))
 *     .table();
 * Table stats = Evaluation.summary(results, "sum_rate", "WMMSE-100");
 * }</pre>
 *
 * @param <P> the problem type
 * @param <A> the allocation type
 */
public final class Evaluation<P extends Problem, A extends Allocation> {
  private final String metric;
  private final BiFunction<P, A, Tensor> score;
  private final StringColumn setting = StringColumn.create("setting");
  private final StringColumn method = StringColumn.create("method");
  private final IntColumn sample = IntColumn.create("sample");
  private final DoubleColumn value;

  private Evaluation(String metric, BiFunction<P, A, Tensor> score) {
    this.metric = metric;
    this.score = score;
    this.value = DoubleColumn.create(metric);
  }

  /** Starts an evaluation whose per-sample metric ({@code [B]}) is {@code score(problem, allocation)}. */
  public static <P extends Problem, A extends Allocation> Evaluation<P, A> of(String metric,
      BiFunction<P, A, Tensor> score) {
    if (metric == null || metric.isBlank()) throw new IllegalArgumentException("Evaluation.of: metric must be named");
    if (score == null) throw new IllegalArgumentException("Evaluation.of: score must not be null");
    return new Evaluation<>(metric, score);
  }

  /** Runs every method on {@code problem} and appends one row per (method, sample) under {@code name}. */
  public Evaluation<P, A> setting(String name, P problem, List<? extends Method<P, ? extends A>> methods) {
    if (problem == null || methods == null) {
      throw new IllegalArgumentException("Evaluation.setting: problem and methods must not be null");
    }
    for (Method<P, ? extends A> m : methods) add(name, m.name(), problem, m.allocate(problem));
    return this;
  }

  /** Appends the rows of one allocation already computed (a method run elsewhere, e.g. with a trajectory). */
  public Evaluation<P, A> add(String settingName, String methodName, P problem, A allocation) {
    double[] x = score.apply(problem, allocation).toArray();
    if (x.length != problem.batch()) {
      throw new IllegalStateException("Evaluation: the metric of " + methodName + " has " + x.length
          + " values for " + problem.batch() + " samples");
    }
    for (int k = 0; k < x.length; k++) {
      setting.append(settingName);
      method.append(methodName);
      sample.append(k);
      value.append(x[k]);
    }
    return this;
  }

  /** Returns the long table (setting, method, sample, metric) of everything evaluated so far. */
  public Table table() {
    return Table.create(metric + " per sample", setting.copy(), method.copy(), sample.copy(), value.copy());
  }

  /**
   * Returns, per setting and method (in first-appearance order): mean, population standard deviation, median,
   * quartiles, min, max of {@code metric}, the ratio of its mean to the reference method's mean in the same
   * setting, and the paired win rate (the fraction of samples on which the method is strictly above the reference
   * on the same sample). Built on Tablesaw's {@code summarize(...).by(...)}.
   */
  public static Table summary(Table results, String metric, String reference) {
    for (String c : List.of("setting", "method", "sample", metric)) {
      if (!results.columnNames().contains(c)) {
        throw new IllegalArgumentException("Evaluation.summary: the table has no column '" + c + "'; columns: "
            + results.columnNames());
      }
    }
    Table agg = results.summarize(metric, mean, populationVariance, median, quartile1, quartile3, min, max)
        .by("setting", "method");
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < agg.rowCount(); i++) row.put(key(agg.stringColumn("setting").get(i),
        agg.stringColumn("method").get(i)), i);
    // The per-sample values of each (setting, method), in first-appearance order, for the paired win rate.
    Map<String, List<Double>> values = new LinkedHashMap<>();
    StringColumn s = results.stringColumn("setting"), m = results.stringColumn("method");
    DoubleColumn v = results.doubleColumn(metric);
    for (int i = 0; i < results.rowCount(); i++) {
      values.computeIfAbsent(key(s.get(i), m.get(i)), k -> new ArrayList<>()).add(v.get(i));
    }
    if (!m.contains(reference)) {
      throw new IllegalArgumentException("Evaluation.summary: no rows of the reference method '" + reference
          + "'; methods: " + m.unique().asList());
    }
    Table out = Table.create(metric + " summary (reference " + reference + ")", StringColumn.create("setting"),
        StringColumn.create("method"), DoubleColumn.create("mean"), DoubleColumn.create("std"),
        DoubleColumn.create("median"), DoubleColumn.create("q25"), DoubleColumn.create("q75"),
        DoubleColumn.create("min"), DoubleColumn.create("max"), DoubleColumn.create("ratio_of_means"),
        DoubleColumn.create("win_rate"));
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      String[] parts = e.getKey().split("\u0000", 2);
      int i = row.get(e.getKey());
      List<Double> x = e.getValue(), ref = values.get(key(parts[0], reference));
      double mean0 = agg.doubleColumn(2).get(i);
      out.stringColumn("setting").append(parts[0]);
      out.stringColumn("method").append(parts[1]);
      out.doubleColumn("mean").append(mean0);
      out.doubleColumn("std").append(Math.sqrt(agg.doubleColumn(3).get(i)));
      out.doubleColumn("median").append(agg.doubleColumn(4).get(i));
      out.doubleColumn("q25").append(agg.doubleColumn(5).get(i));
      out.doubleColumn("q75").append(agg.doubleColumn(6).get(i));
      out.doubleColumn("min").append(agg.doubleColumn(7).get(i));
      out.doubleColumn("max").append(agg.doubleColumn(8).get(i));
      Integer refRow = row.get(key(parts[0], reference));
      out.doubleColumn("ratio_of_means").append(refRow == null ? Double.NaN : mean0 / agg.doubleColumn(2).get(refRow));
      out.doubleColumn("win_rate").append(ref == null || ref.size() != x.size() ? Double.NaN : winRate(x, ref));
    }
    return out;
  }

  /** Returns the summary's value of {@code column} for one setting and method (for verdicts). */
  public static double value(Table summary, String setting, String method, String column) {
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.stringColumn("setting").get(i).equals(setting) && summary.stringColumn("method").get(i)
          .equals(method)) {
        return summary.doubleColumn(column).get(i);
      }
    }
    throw new IllegalArgumentException("Evaluation.value: no row for setting '" + setting + "' and method '" + method
        + "' in " + summary.name());
  }

  private static double winRate(List<Double> x, List<Double> ref) {
    double wins = 0;
    for (int k = 0; k < x.size(); k++) if (x.get(k) > ref.get(k)) wins++;
    return wins / x.size();
  }

  private static String key(String setting, String method) {
    return setting + "\u0000" + method;
  }
}
