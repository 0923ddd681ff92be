package rrm.optim;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A numbered sequence of batches, drawn on the caller's thread or, with prefetching, up to {@code depth} batches
 * ahead on a background thread while the caller computes on the current one. A batch depends only on its index, so
 * both give the same batches. More than one batch ahead pays when the time to draw a batch varies (paper 001 draws
 * each step's network size at random, and a batch at M = 50 takes about 20 times as long as one at M = 10): the drawing
 * thread works through a run of large batches while the caller still computes on small ones. The {@link Trainer}
 * draws its steps through it; an evaluation over many generated batches can too:
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
  /**
   * Batches drawn ahead by {@link #prefetched} and the trainer's {@link Trainer#prefetch()}. Paper 001's training (one
   * thread stepping, the prefetch thread drawing on the other core) ran four epochs in 157 s one batch ahead, 137 s
   * three ahead, 117 s eight ahead and 120 s sixteen ahead.
   */
  public static final int DEPTH = 8;

  private final IntFunction<? extends B> batches;
  private final int count;
  private final int depth;
  private final ExecutorService prefetcher;
  /** The batches being drawn ahead, in index order from {@link #head}. */
  private final ArrayDeque<Future<? extends B>> ahead = new ArrayDeque<>();
  private int head = -1;

  BatchSource(IntFunction<? extends B> batches, int count, int depth) {
    this.batches = batches;
    this.count = count;
    this.depth = depth;
    this.prefetcher = depth > 0 ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rrm-trainer-prefetch");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * Returns the batches {@code batches.apply(0 .. count - 1)}, drawn {@value #DEPTH} ahead of the one asked for (on a
   * daemon thread, stopped by {@link #close}); at most {@value #DEPTH} + 1 batches are held at once.
   */
  public static <B> BatchSource<B> prefetched(IntFunction<? extends B> batches, int count) {
    if (batches == null) throw new IllegalArgumentException("BatchSource.prefetched: batches must not be null");
    if (count < 0) throw new IllegalArgumentException("BatchSource.prefetched: count must be >= 0, got " + count);
    return new BatchSource<>(batches, count, DEPTH);
  }

  /**
   * Returns batch {@code index} (0 <= index < count) and, with prefetching, keeps the batches up to
   * {@code index + depth} being drawn. Asked in order, each batch is drawn once, ahead of time; asked out of order,
   * the batch is drawn now (the ones drawn ahead are dropped), so the result is always {@code batches.apply(index)}.
   */
  public B batch(int index) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("BatchSource.batch: index must lie in [0, " + count + "), got " + index);
    }
    B b;
    if (!ahead.isEmpty() && head == index) {
      b = await(ahead.poll());
      head++;
    } else {
      for (Future<? extends B> f : ahead) f.cancel(true);
      ahead.clear();
      b = batches.apply(index);
      head = index + 1;
    }
    if (prefetcher != null) {
      for (int i = head + ahead.size(); i < count && i <= index + depth; i++) {
        int next = i;
        ahead.add(prefetcher.submit(() -> batches.apply(next)));
      }
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
