package rrm.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Batch-parallel loops whose results do not depend on the number of threads.
 *
 * <p>A loop over {@code [0, n)} is cut into chunks whose boundaries depend only on {@code n} and the grain, never
 * on the thread count, and each index is computed by the same arithmetic in any chunk. Reductions that span chunks
 * combine per-chunk partials in chunk order. So 1 thread and N threads give bit-identical results.
 */
public final class Parallel {
  /** A loop body over the half-open index range {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to);
  }

  /** The environment variable that sets the initial number of worker threads (default: all cores). */
  public static final String THREADS_ENV = "RRM_THREADS";

  private static volatile ForkJoinPool pool = newPool(initialThreads(System.getenv(THREADS_ENV)));

  private Parallel() {}

  /** Parses {@value #THREADS_ENV}: unset or blank means all cores; anything else must be an integer >= 1. */
  static int initialThreads(String value) {
    if (value == null || value.isBlank()) return Runtime.getRuntime().availableProcessors();
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(THREADS_ENV + " must be an integer >= 1 (or unset for all cores), got '"
        + value + "'");
  }

  private static ForkJoinPool newPool(int threads) {
    return new ForkJoinPool(threads);
  }

  /** Sets the number of worker threads (1 runs everything on the caller's thread); a no-op if unchanged. */
  public static synchronized void setThreads(int threads) {
    if (threads < 1) throw new IllegalArgumentException("setThreads: threads must be >= 1, got " + threads);
    if (threads == pool.getParallelism()) return;
    ForkJoinPool old = pool;
    pool = newPool(threads);
    old.shutdown();
  }

  /** Returns the number of worker threads. */
  public static int threads() {
    return pool.getParallelism();
  }

  /**
   * Runs {@code body} over {@code [0, n)} in chunks of {@code grain} indices (the last chunk may be shorter).
   * Runs inline when there is one chunk or one thread.
   */
  public static void forRange(int n, int grain, Range body) {
    int g = Math.max(1, grain);
    int chunks = (n + g - 1) / g;
    if (chunks <= 1 || pool.getParallelism() == 1 || ForkJoinTask.inForkJoinPool()) {
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
    pool.invoke(new RecursiveAction() {
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
