package rrm.optim;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The batches of one training run, drawn on the caller's thread or, with prefetching, the next one on a background
 * thread while the current step computes. A batch depends only on its step index, so both give the same batches.
 *
 * @param <B> the batch type
 */
final class BatchSource<B> implements AutoCloseable {
  private final IntFunction<? extends B> batches;
  private final int totalSteps;
  private final ExecutorService prefetcher;
  private Future<? extends B> next;

  BatchSource(IntFunction<? extends B> batches, int totalSteps, boolean prefetch) {
    this.batches = batches;
    this.totalSteps = totalSteps;
    this.prefetcher = prefetch ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rrm-trainer-prefetch");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Returns the batch of {@code step} (prefetched when asked for) and starts drawing the following one. */
  B batch(int step) {
    B b;
    if (next == null) {
      b = batches.apply(step);
    } else {
      b = await(next);
      next = null;
    }
    if (prefetcher != null && step + 1 < totalSteps) next = prefetcher.submit(() -> batches.apply(step + 1));
    return b;
  }

  /**
   * Waits for a prefetched batch. An interrupt while waiting does not abandon the batch: the flag is set again for
   * the trainer's check before the next step. A failed draw rethrows its own exception.
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
          throw new IllegalStateException("Trainer: drawing a batch failed", e.getCause());
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
