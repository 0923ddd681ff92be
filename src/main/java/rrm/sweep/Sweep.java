package rrm.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import rrm.optim.Settings;
import rrm.report.Progress;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A sweep: one task run on every configuration of a grid (or list) of records, giving a Tablesaw table with one row
 * per configuration in the order given: its settings as columns ({@link Settings#of}), the task's metrics, then
 * {@code status} ({@code ok} or {@code failed}), {@code error}, {@code wall_s}, {@code node}, {@code attempts} and
 * {@code cached}. A failing configuration gets a {@code failed} row with its error; the others' results are kept.
 * Successful results are cached (see {@link #cacheDir}), so a re-run only computes what is missing. A live
 * progress view shows configurations done, running and failed.
 *
 * <p>The executor is {@link InProcessExecutor} with one worker unless told otherwise; {@link Executor#named} also
 * gives Spark executors from the optional {@code rrm-spark} module. The settings and metric columns do not depend on
 * the executor or the number of workers, provided the task depends only on its configuration.
 *
 * <pre>{@code
 * Table t = Sweep.of("4B depth", runs)          // library records with a run() method (rrm.paper.p002.DepthWidthRun)
 *     .executor(Executor.named("local[2]")).run();
 * }</pre>
 *
 * @param <C> the configuration record
 */
public final class Sweep<C extends Record> {
  /** The environment variable that sets the root of the result cache (default {@code .cache/sweeps}). */
  public static final String CACHE_ENV = "RRM_SWEEP_CACHE";
  /** Names of the columns every sweep table ends with. */
  public static final List<String> RUN_COLUMNS = List.of("status", "error", "wall_s", "node", "attempts", "cached");

  private final String name;
  private final List<C> configs;
  private final SweepTask<? super C> task;
  private Executor executor = InProcessExecutor.of(1);
  private Path cacheRoot;
  private boolean useCache = true;
  private boolean recompute;
  private boolean progress = true;
  private List<Outcome> outcomes = List.of();

  private Sweep(String name, List<C> configs, SweepTask<? super C> task) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Sweep.of: name must not be blank");
    if (configs == null || configs.isEmpty()) {
      throw new IllegalArgumentException("Sweep '" + name + "': configurations must not be "
          + (configs == null ? "null" : "empty"));
    }
    for (int i = 0; i < configs.size(); i++) {
      if (configs.get(i) == null) {
        throw new IllegalArgumentException("Sweep '" + name + "': configuration " + i + " is null");
      }
    }
    if (task == null) throw new IllegalArgumentException("Sweep '" + name + "': task must not be null");
    this.name = name;
    this.configs = List.copyOf(configs);
    this.task = task;
    String env = System.getenv(CACHE_ENV);
    this.cacheRoot = Path.of(env == null || env.isBlank() ? ".cache/sweeps" : env);
  }

  /** Returns a sweep named {@code name} (it names the result cache folder) of {@code task} over {@code configs}. */
  public static <C extends Record> Sweep<C> of(String name, List<C> configs, SweepTask<? super C> task) {
    return new Sweep<>(name, configs, task);
  }

  /**
   * Returns a sweep of records that are their own task: each has a public method {@code Map<String, ?> run()} (the
   * paper packages' run records, for example {@code rrm.paper.p002.DepthWidthRun}). Such a sweep holds no notebook
   * code, so it can also run on a cluster when the record is library code.
   */
  public static <C extends Record> Sweep<C> of(String name, List<C> configs) {
    if (configs != null) configs.stream().filter(Objects::nonNull).map(Object::getClass).distinct()
        .forEach(RecordRun::runMethod);
    return new Sweep<>(name, configs, RecordRun.INSTANCE);
  }

  /** Sets the executor (default: in-process, one worker). */
  public Sweep<C> executor(Executor e) {
    this.executor = Objects.requireNonNull(e, "executor must not be null");
    return this;
  }

  /** Sets the executor by name: {@code in-process}, {@code in-process[n]} or a Spark master ({@link Executor#named}). */
  public Sweep<C> executor(String name) {
    return executor(Executor.named(name));
  }

  /** Sets the root of the result cache: results go to {@code <root>/<sweep name>/}. */
  public Sweep<C> cacheDir(Path root) {
    if (root == null) throw new IllegalArgumentException("Sweep '" + name + "': cacheDir must not be null");
    this.cacheRoot = root;
    return this;
  }

  /** Turns the result cache off (nothing read, nothing written). */
  public Sweep<C> noCache() {
    this.useCache = false;
    return this;
  }

  /** With {@code true}, computes every configuration again even when cached (and refreshes the cache). */
  public Sweep<C> recompute(boolean on) {
    this.recompute = on;
    return this;
  }

  /** With {@code false}, shows no progress view. */
  public Sweep<C> progress(boolean on) {
    this.progress = on;
    return this;
  }

  /** Returns the task run on each configuration. */
  public SweepTask<? super C> task() {
    return task;
  }

  /** Returns the configurations, in order. */
  public List<C> configs() {
    return configs;
  }

  /** Returns the outcomes of the last {@link #run()}, in configuration order (empty before). */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** Runs what the cache does not hold and returns the table of all configurations (see the class comment). */
  public Table run() {
    ResultCache cache = new ResultCache(cacheRoot, name);
    Outcome[] out = new Outcome[configs.size()];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      if (useCache && !recompute) out[i] = cache.read(i, configs.get(i)).orElse(null);
      if (out[i] == null) missing.add(i);
    }
    int cached = configs.size() - missing.size();
    Live live = new Live(progress ? Progress.start("sweep '" + name + "' (" + executor.description() + ")",
        configs.size()).unit("configurations") : null, cached);
    List<C> todo = missing.stream().map(configs::get).toList();
    try {
      if (!todo.isEmpty()) {
        List<Outcome> ran = executor.run(todo, task, live.mapped(missing));
        if (ran.size() != todo.size()) {
          throw new IllegalStateException("executor " + executor.description() + " returned " + ran.size()
              + " outcomes for " + todo.size() + " configurations");
        }
        for (int k = 0; k < ran.size(); k++) {
          int i = missing.get(k);
          Outcome o = ran.get(k);
          out[i] = new Outcome(i, o.metrics(), o.error(), o.seconds(), o.node(), o.attempts(), false);
          if (useCache) cache.write(configs.get(i), out[i]);
        }
      }
    } catch (RuntimeException e) {
      live.finish("stopped: " + e.getClass().getSimpleName());
      throw e;
    }
    outcomes = List.of(out);
    long failed = outcomes.stream().filter(o -> !o.ok()).count();
    live.finish(failed == 0 ? null : failed + " of " + configs.size() + " failed");
    return table();
  }

  /** Returns the table of the last run's outcomes. */
  private Table table() {
    Table t = Table.create("sweep '" + name + "'");
    List<Map<String, String>> settings = configs.stream().map(c -> Settings.of("", c)).toList();
    Set<String> keys = new LinkedHashSet<>();
    settings.forEach(s -> keys.addAll(s.keySet()));
    for (String k : keys) t.addColumns(typed(k, settings.stream().map(s -> s.getOrDefault(k, "")).toList()));
    Map<String, Boolean> metricIsNumber = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      o.metrics().forEach((k, v) -> metricIsNumber.merge(k, v instanceof Double, Boolean::logicalAnd));
    }
    for (var m : metricIsNumber.entrySet()) {
      if (keys.contains(m.getKey()) || RUN_COLUMNS.contains(m.getKey())) {
        throw new IllegalStateException("Sweep '" + name + "': metric '" + m.getKey() + "' has the name of a "
            + (keys.contains(m.getKey()) ? "setting" : "run column") + "; rename it in the task");
      }
      if (m.getValue()) {
        t.addColumns(DoubleColumn.create(m.getKey(), outcomes.stream().mapToDouble(o -> o.metrics().get(m.getKey())
            instanceof Double d ? d : Double.NaN)));
      } else {
        t.addColumns(StringColumn.create(m.getKey(), outcomes.stream().map(o -> {
          Object v = o.metrics().get(m.getKey());
          return v == null ? "" : v instanceof Double d ? Settings.number(d) : (String) v;
        })));
      }
    }
    t.addColumns(
        StringColumn.create("status", outcomes.stream().map(o -> o.ok() ? "ok" : "failed")),
        StringColumn.create("error", outcomes.stream().map(o -> o.ok() ? "" : o.error())),
        DoubleColumn.create("wall_s", outcomes.stream().mapToDouble(Outcome::seconds)),
        StringColumn.create("node", outcomes.stream().map(Outcome::node)),
        IntColumn.create("attempts", outcomes.stream().mapToInt(Outcome::attempts).toArray()),
        BooleanColumn.create("cached", outcomes.stream().map(Outcome::cached).toList()));
    return t;
  }

  /** Returns a column of setting texts: integers as an IntColumn, numbers as a DoubleColumn, else text. */
  private static Column<?> typed(String name, List<String> texts) {
    try {
      int[] ints = texts.stream().mapToInt(Integer::parseInt).toArray();
      return IntColumn.create(name, ints);
    } catch (NumberFormatException e) {
      // not all integers
    }
    try {
      double[] ds = texts.stream().mapToDouble(Double::parseDouble).toArray();
      return DoubleColumn.create(name, ds);
    } catch (NumberFormatException e) {
      return StringColumn.create(name, texts);
    }
  }

  /**
   * Returns {@code t} when every row succeeded, else throws {@link IllegalStateException} listing each failed row (its
   * settings and error): for notebooks whose next steps need every configuration.
   */
  public static Table requireOk(Table t) {
    StringBuilder b = new StringBuilder();
    List<String> settings = t.columnNames().stream().filter(c -> !RUN_COLUMNS.contains(c)).toList();
    int failed = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      if (t.stringColumn("status").get(r).equals("ok")) continue;
      failed++;
      b.append("\n- row ").append(r);
      for (String c : settings) {
        String v = t.column(c).getString(r);
        if (!v.isEmpty()) b.append(", ").append(c).append('=').append(v);
      }
      b.append(": ").append(t.stringColumn("error").get(r).lines().findFirst().orElse(""));
    }
    if (failed > 0) {
      throw new IllegalStateException(t.name() + ": " + failed + " of " + t.rowCount() + " configurations failed"
          + " (the others' results are cached; run again to retry only these):" + b);
    }
    return t;
  }

  /**
   * Returns the part of a sweep table that must not depend on the executor: the settings, the metrics and the status
   * (every column but the error text, wall time, node, attempts and cache flag), named "results".
   */
  public static Table results(Table t) {
    List<String> keep = t.columnNames().stream().filter(c -> c.equals("status") || !RUN_COLUMNS.contains(c)).toList();
    return t.selectColumns(keep.toArray(String[]::new)).setName("results");
  }

  @Override
  public String toString() {
    return "Sweep '" + name + "': " + configs.size() + " configurations on " + executor.description();
  }

  /** The live view: counts started, ended and failed attempts from any thread. */
  private static final class Live {
    private final Progress view;
    private final int cached;
    private int running;
    private int done;
    private int failed;

    Live(Progress view, int cached) {
      this.view = view;
      this.cached = cached;
      show();
    }

    Executor.Listener mapped(List<Integer> positions) {
      return new Executor.Listener() {
        @Override
        public void started(int index) {
          synchronized (Live.this) {
            running++;
            show();
          }
        }

        @Override
        public void ended(int index, boolean failedAttempt) {
          synchronized (Live.this) {
            running = Math.max(0, running - 1);
            if (failedAttempt) failed++;
            else done++;
            show();
          }
        }
      };
    }

    private void show() {
      if (view == null) return;
      Map<String, Number> m = new LinkedHashMap<>();
      m.put("running", running);
      m.put("failed attempts", failed);
      if (cached > 0) m.put("cached", cached);
      view.update(done + cached, m);
    }

    synchronized void finish(String outcome) {
      if (view != null) view.finish(outcome);
    }
  }
}
