package rrm.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep's configurations in this JVM on a fixed number of worker threads (one by default, so a notebook's
 * sweep runs exactly like a loop over its configurations), with up to {@code attempts} tries per configuration.
 * Every configuration gets its own task, so the results do not depend on the number of workers.
 */
public final class InProcessExecutor implements Executor {
  private final int workers;
  private final int attempts;

  private InProcessExecutor(int workers, int attempts) {
    if (workers < 1) {
      throw new IllegalArgumentException("InProcessExecutor: workers must be at least 1, got " + workers);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("InProcessExecutor: attempts must be at least 1, got " + attempts);
    }
    this.workers = workers;
    this.attempts = attempts;
  }

  /** Returns an executor with {@code workers} threads and one attempt per configuration. */
  public static InProcessExecutor of(int workers) {
    return new InProcessExecutor(workers, 1);
  }

  /** Returns a copy that tries a failing configuration up to {@code n} times in all. */
  public InProcessExecutor attempts(int n) {
    return new InProcessExecutor(workers, n);
  }

  @Override
  public String description() {
    return "in-process, " + workers + (workers == 1 ? " worker" : " workers")
        + (attempts > 1 ? ", " + attempts + " attempts" : "");
  }

  @Override
  public <C extends Record> List<Outcome> run(List<C> configs, SweepTask<? super C> task, Listener listener) {
    List<Outcome> out = new ArrayList<>();
    if (workers == 1) {
      for (int i = 0; i < configs.size(); i++) {
        if (Thread.currentThread().isInterrupted()) throw interrupted(i, configs.size());
        out.add(runOne(i, configs.get(i), task, listener));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "rrm-sweep-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < configs.size(); i++) {
        int at = i;
        futures.add(pool.submit(() -> runOne(at, configs.get(at), task, listener)));
      }
      for (Future<Outcome> f : futures) {
        try {
          out.add(f.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw interrupted(out.size(), configs.size());
        } catch (ExecutionException e) {
          throw new IllegalStateException("sweep worker failed: " + e.getCause(), e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private <C extends Record> Outcome runOne(int index, C config, SweepTask<? super C> task, Listener listener) {
    Outcome o = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      listener.started(index);
      o = Outcome.attempt(index, config, task, Outcome.host(), attempt);
      listener.ended(index, !o.ok());
      if (o.ok() || Thread.currentThread().isInterrupted()) break;
    }
    return o;
  }

  private static RuntimeException interrupted(int done, int total) {
    return new SweepInterruptedException("sweep interrupted after " + done + " of " + total
        + " configurations (finished ones are in the result cache)");
  }

  @Override
  public String toString() {
    return "InProcessExecutor(" + description() + ")";
  }
}
