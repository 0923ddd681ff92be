package rrm.optim;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A numbered sequence of batches, drawn on the caller's thread or, with prefetching, the next one on a background
 * thread while the caller computes on the current one. A batch depends only on its index, so both give the same
 * batches. The {@link Trainer} draws its steps through it; an evaluation over many generated batches can too:
 *
 * <pre>{@code
 * try (BatchSource<MimoProblem> batches = BatchSource.prefetched(b -> network.batch(seed, split, m, b, 64), 100)) {
 *   for (int b = 0; b < 100; b++) total += model.loss(batches.batch(b)).item();
 * }
 * }</pre>
 *
 * @param <B> the batch type
 */
public final class BatchSource<B> implements AutoCloseable {
  private final IntFunction<? extends B> batches;
  private final int count;
  private final ExecutorService prefetcher;
  private Future<? extends B> next;
  private int nextIndex = -1;

  BatchSource(IntFunction<? extends B> batches, int count, boolean prefetch) {
    this.batches = batches;
    this.count = count;
    this.prefetcher = prefetch ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rrm-trainer-prefetch");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * Returns the batches {@code batches.apply(0 .. count - 1)}, each asked for batch drawn while the previous one is
   * used (on a daemon thread, stopped by {@link #close}).
   */
  public static <B> BatchSource<B> prefetched(IntFunction<? extends B> batches, int count) {
    if (batches == null) throw new IllegalArgumentException("BatchSource.prefetched: batches must not be null");
    if (count < 0) throw new IllegalArgumentException("BatchSource.prefetched: count must be >= 0, got " + count);
    return new BatchSource<>(batches, count, true);
  }

  /**
   * Returns batch {@code index} (0 <= index < count) and, with prefetching, starts drawing batch {@code index + 1}.
   * Asked in order, each batch is drawn once, ahead of time; asked out of order, the batch is drawn now (the
   * prefetched one is dropped), so the result is always {@code batches.apply(index)}.
   */
  public B batch(int index) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("BatchSource.batch: index must lie in [0, " + count + "), got " + index);
    }
    B b;
    if (next != null && nextIndex == index) {
      b = await(next);
    } else {
      if (next != null) next.cancel(true);
      b = batches.apply(index);
    }
    next = null;
    if (prefetcher != null && index + 1 < count) {
      nextIndex = index + 1;
      next = prefetcher.submit(() -> batches.apply(index + 1));
    }
    return b;
  }

  /**
   * Waits for a prefetched batch. An interrupt while waiting does not abandon the batch: the flag is set again for
   * the caller's next check (the trainer's, before the next step). A failed draw rethrows its own exception.
   */
  private B await(Future<? extends B> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          if (e.getCause() instanceof Error err) throw err;
          throw new IllegalStateException("BatchSource: drawing a batch failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** Stops the background thread (a batch being drawn is abandoned). */
  @Override
  public void close() {
    if (prefetcher != null) prefetcher.shutdownNow();
  }
}
