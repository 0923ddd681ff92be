package rrm.sweep;

import java.util.List;

/**
 * Runs the configurations of a sweep: {@link InProcessExecutor} (the default, threads of this JVM) or, from the
 * optional {@code rrm-spark} module, {@code rrm.spark.SparkExecutor}. An executor returns one {@link Outcome} per
 * configuration, in the order given; a failing configuration gives a failed outcome and never stops the others.
 */
public interface Executor {

  /** The fully qualified name of the Spark executor in the optional module (loaded by name, see {@link #named}). */
  String SPARK_EXECUTOR = "rrm.spark.SparkExecutor";

  /** Returns a short description (for example {@code in-process, 2 workers} or {@code spark local[2]}). */
  String description();

  /**
   * Runs {@code task} on each configuration and returns their outcomes in the same order, telling {@code listener}
   * when each starts and ends (possibly from other threads).
   */
  <C extends Record> List<Outcome> run(List<C> configs, SweepTask<? super C> task, Listener listener);

  /** Hears of configurations starting and ending; index = position in the list given to {@link #run}. */
  interface Listener {
    /** Configuration {@code index} started (an attempt). */
    void started(int index);

    /** Configuration {@code index} ended an attempt: {@code failed} is true for a failed one (it may be retried). */
    void ended(int index, boolean failed);
  }

  /**
   * Returns the executor of a notebook's parameter: {@code in-process} (one worker), {@code in-process[n]} (n
   * workers), or a Spark master URL ({@code local[n]}, {@code local[n, retries]}, {@code local[*]},
   * {@code spark://host:port}, {@code yarn}, ...), which needs the {@code rrm-spark} jars on the classpath.
   */
  static Executor named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Executor.named: name must be 'in-process', 'in-process[n]' or a Spark master "
          + "URL such as 'local[2]', got " + (name == null ? "null" : "'" + name + "'"));
    }
    String n = name.strip();
    if (n.equals("in-process")) return InProcessExecutor.of(1);
    if (n.startsWith("in-process[") && n.endsWith("]")) {
      String inner = n.substring("in-process[".length(), n.length() - 1).strip();
      int workers = inner.equals("*") ? Runtime.getRuntime().availableProcessors() : parseCount(inner, name);
      return InProcessExecutor.of(workers);
    }
    Class<?> spark;
    try {
      spark = Class.forName(SPARK_EXECUTOR);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Executor '" + name + "' is a Spark master, but the rrm-spark module is not on "
          + "the classpath. Build it with `make spark` and start the notebook with `%load ../setup-spark.jsh` instead of "
          + "`%load ../setup.jsh` (or use EXECUTOR = \"in-process\").", e);
    }
    try {
      return (Executor) spark.getMethod("of", String.class).invoke(null, n);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("Executor '" + name + "': " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Executor '" + name + "': " + SPARK_EXECUTOR + ".of(String) is missing", e);
    }
  }

  private static int parseCount(String text, String name) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("Executor.named: the worker count in '" + name + "' must be a positive integer "
        + "or *, got '" + text + "'");
  }
}
