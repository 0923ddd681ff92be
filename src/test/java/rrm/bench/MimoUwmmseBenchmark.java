package rrm.bench;

import java.util.Locale;
import rrm.channel.Split;
import rrm.model.uwmmse.MimoUwmmse;
import rrm.model.uwmmse.MimoUwmmseConfig;
import rrm.optim.NovoGrad;
import rrm.optim.Optimizer;
import rrm.optim.Shards;
import rrm.paper.p001.Paper001;
import rrm.paper.p001.Training001;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;

/**
 * UWMMSE-MIMO training-step benchmark (not a test): the time of one training step of paper 001's recipe (1 layer,
 * forward, backward, NovoGrad) at batch 64 for M = 20 and M = 50, with all threads and with one, next to the forward
 * pass alone in the same run (the ratio step / forward is the cost of the backward pass), and the ratio of the
 * one-thread step to the all-thread step (the parallel speed-up). The one-thread step is also given as the CPU time
 * of the thread that runs it (it runs inline there), which other processes on a loaded machine disturb far less than
 * wall time: compare versions by that figure when the load average is above the core count. Last, the data-parallel
 * step ({@link Shards}, one shard per thread, the batch cut into equal parts on replicas of the model) with all
 * threads, and its speed-up over the one-thread step. And the time to draw a fresh batch of channels with all threads
 * (a training run draws one per step, on a background thread beside the step), as a multiple of the data-parallel step.
 *
 * <pre>
 * mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.MimoUwmmseBenchmark [steps] [threads]
 * </pre>
 */
public final class MimoUwmmseBenchmark {
  private static final java.lang.management.ThreadMXBean THREAD =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private MimoUwmmseBenchmark() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    if (args.length > 1) Parallel.setThreads(Integer.parseInt(args[1]));
    int threads = Parallel.threads();
    System.out.println("threads " + threads + ", steps " + steps + ", load average " + loadAverage());
    for (int m : new int[] {20, 50}) {
      MimoProblem[] batches = new MimoProblem[4];
      for (int i = 0; i < batches.length; i++) {
        batches[i] = Paper001.network().batch(1, Split.TRAIN, m, i, Paper001.BATCH);
      }
      MimoUwmmse model = new MimoUwmmse(MimoUwmmseConfig.code());
      Optimizer opt = NovoGrad.of(model, Training001.LEARNING_RATE);
      int n = m <= 20 ? steps : Math.max(4, steps / 4);
      double forward = time(n, i -> {
        try (var off = Autograd.noGrad()) {
          model.loss(batches[i % batches.length]);
        }
      });
      double all = time(n, i -> step(model, opt, batches[i % batches.length]));
      Parallel.setThreads(1);
      long cpu0 = THREAD.getCurrentThreadCpuTime();
      double one = time(n, i -> step(model, opt, batches[i % batches.length]));
      double oneCpu = (THREAD.getCurrentThreadCpuTime() - cpu0) / 1e6 / (n + Math.max(2, n / 2)); // warm-up included
      Parallel.setThreads(threads);
      Shards<MimoUwmmse, MimoProblem> shards = Shards.of(threads, () -> new MimoUwmmse(MimoUwmmseConfig.code()),
          Shards.Sharding.of(MimoProblem::batch, MimoProblem::slice));
      double sharded = time(n, i -> {
        model.zeroGrad();
        shards.lossAndGradient(model, batches[i % batches.length], MimoUwmmse::loss);
        opt.step();
      });
      double draw = time(n, i -> Paper001.network().batch(1, Split.TRAIN, m, 100 + i, Paper001.BATCH));
      System.out.printf(Locale.ROOT, "M = %d, batch 64, 1 layer: forward %.1f ms, training step %.1f ms (%d threads),"
          + " %.1f ms (1 thread; %.1f ms CPU of that thread, warm-up runs included); step / forward %.2f,"
          + " 1 thread / %d threads %.2f; data-parallel step (%d shards) %.1f ms, 1 thread / data-parallel %.2f;"
          + " drawing a fresh training batch %.1f ms (%d threads), %.2f x the data-parallel step%n", m, forward, all,
          threads, one, oneCpu, all / forward, threads, one / all, threads, sharded, one / sharded, draw, threads,
          draw / sharded);
    }
    System.out.println("load average at end " + loadAverage());
  }

  private interface Body {
    void run(int i);
  }

  /** Returns the mean milliseconds of {@code n} runs after {@code n / 2} warm-up runs. */
  private static double time(int n, Body body) {
    for (int i = 0; i < Math.max(2, n / 2); i++) body.run(i);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) body.run(i);
    return (System.nanoTime() - t0) / 1e6 / n;
  }

  private static void step(MimoUwmmse model, Optimizer opt, MimoProblem p) {
    model.zeroGrad();
    model.loss(p).backward();
    opt.step();
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
