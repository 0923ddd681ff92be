package rrm.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.Function;

/**
 * Batch-parallel loops whose results do not depend on the number of threads.
 *
 * <p>A loop over {@code [0, n)} is cut into chunks whose boundaries depend only on {@code n} and the grain, never
 * on the thread count, and each index is computed by the same arithmetic in any chunk. Reductions that span chunks
 * combine per-chunk partials in chunk order. So 1 thread and N threads give bit-identical results.
 *
 * <p>The number of threads comes from {@value #THREADS_ENV} (read when the pool is first needed) or
 * {@link #setThreads}. A malformed value is reported as an IllegalArgumentException by the first loop or
 * {@link #threads()} call, not when the class loads.
 */
public final class Parallel {
  /** A loop body over the half-open index range {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to);
  }

  /** The environment variable that sets the initial number of worker threads (default: all cores). */
  public static final String THREADS_ENV = "RRM_THREADS";

  /**
   * The worker pool, made on first use. A bad {@value #THREADS_ENV} leaves it null, so the error is an
   * IllegalArgumentException at the call that needed the pool, and again at the next one until
   * {@link #setThreads} fixes it (a running JVM's environment does not change: correcting the variable needs a
   * kernel restart). Class initialisation never throws, which would turn every later use of the class into a
   * NoClassDefFoundError.
   */
  private static volatile ForkJoinPool pool;
  /** Where the environment is read; tests replace it. */
  private static volatile Function<String, String> environment = System::getenv;

  private Parallel() {}

  /**
   * Parses {@value #THREADS_ENV}: unset or blank means all cores; anything else must be a whole number >= 1.
   *
   * @throws IllegalArgumentException naming the variable, the allowed values and the value found
   */
  static int initialThreads(String value) {
    if (value == null || value.isBlank()) return Runtime.getRuntime().availableProcessors();
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Parallel: the environment variable " + THREADS_ENV + " must be a whole"
        + " number >= 1, or unset for all " + Runtime.getRuntime().availableProcessors() + " cores; got '" + value
        + "'. Fix it and restart the kernel, or call Parallel.setThreads(n) first.");
  }

  /** Replaces where {@value #THREADS_ENV} is read from and forgets the pool (for tests). */
  static synchronized void useEnvironment(Function<String, String> env) {
    environment = env;
    ForkJoinPool old = pool;
    pool = null;
    if (old != null) old.shutdown();
  }

  /** Returns the pool, making it from {@value #THREADS_ENV} on first use. */
  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    return p != null ? p : makePool();
  }

  private static synchronized ForkJoinPool makePool() {
    if (pool == null) pool = new ForkJoinPool(initialThreads(environment.apply(THREADS_ENV)));
    return pool;
  }

  /**
   * Sets the number of worker threads (1 runs everything on the caller's thread); a no-op if unchanged. This
   * overrides {@value #THREADS_ENV}, even a bad value of it.
   */
  public static synchronized void setThreads(int threads) {
    if (threads < 1) throw new IllegalArgumentException("Parallel.setThreads: threads must be >= 1, got " + threads);
    ForkJoinPool old = pool;
    if (old != null && threads == old.getParallelism()) return;
    pool = new ForkJoinPool(threads);
    if (old != null) old.shutdown();
  }

  /**
   * Returns the number of worker threads.
   *
   * @throws IllegalArgumentException if {@value #THREADS_ENV} is malformed and {@link #setThreads} was not called
   */
  public static int threads() {
    return pool().getParallelism();
  }

  /**
   * Runs {@code body} over {@code [0, n)} in chunks of {@code grain} indices (the last chunk may be shorter).
   * Runs inline when there is one chunk or one thread.
   */
  public static void forRange(int n, int grain, Range body) {
    int g = Math.max(1, grain);
    int chunks = (n + g - 1) / g;
    ForkJoinPool p = pool();
    if (chunks <= 1 || p.getParallelism() == 1 || ForkJoinTask.inForkJoinPool()) {
      body.run(0, n);
      return;
    }
    List<RecursiveAction> tasks = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = c * g;
      int to = Math.min(n, from + g);
      tasks.add(new RecursiveAction() {
        @Override
        protected void compute() {
          body.run(from, to);
        }
      });
    }
    p.invoke(new RecursiveAction() {
      @Override
      protected void compute() {
        invokeAll(tasks);
      }
    });
  }

  /**
   * Picks a grain (items per chunk) so that each chunk carries about 2^15 units of work, given the cost of one item.
   */
  public static int grain(long costPerItem) {
    long target = 1L << 15;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, target / Math.max(1, costPerItem)));
  }
}
