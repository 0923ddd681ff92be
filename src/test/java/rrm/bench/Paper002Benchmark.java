package rrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import rrm.channel.AdHocSiso;
import rrm.channel.Regime;
import rrm.channel.Topology;
import rrm.model.Uwmmse;
import rrm.model.UwmmseConfig;
import rrm.solver.Wmmse;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * Timing of paper 002's methods on the CPU, all measured in one run so the ratios are comparable (Table I analogue,
 * spec §6 and §9.4): UWMMSE-4 inference, WMMSE-100 and Tr-WMMSE-4 per sample at batch 6400, their ratios (the paper
 * reports WMMSE / UWMMSE = 8 on a GPU), the autodiff overhead of a batch-64 training step, and its thread scaling.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 *   mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 *   java -cp target/classes:target/test-classes:target/lib/* rrm.bench.Paper002Benchmark
 * </pre>
 *
 * Every figure is the best of several timed repetitions after warm-up (the machine is shared, and the minimum is
 * the figure that other jobs disturb least). Single-thread figures are CPU time of the
 * measuring thread (everything runs on it when {@code Parallel.threads() == 1}), so they stay meaningful on a shared
 * machine; multi-thread figures are wall time, and the load average is printed because they are only as quiet as
 * the machine.
 */
public final class Paper002Benchmark {
  private Paper002Benchmark() {}

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /**
   * Returns the smallest time in ns of {@code body} over {@code reps} runs after {@code warmup} runs: CPU time of
   * this thread when the pool has one thread, wall time otherwise.
   */
  private static double bestNanos(int warmup, int reps, Runnable body) {
    boolean cpu = Parallel.threads() == 1 && CPU.isCurrentThreadCpuTimeSupported();
    for (int i = 0; i < warmup; i++) body.run();
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = cpu ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
      body.run();
      t[i] = (cpu ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
    }
    Arrays.sort(t);
    return t[0];
  }

  public static void main(String[] args) {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("Paper002Benchmark: %d cores, Java %s, load average %.2f%n", cores,
        System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    AdHocSiso net = AdHocSiso.paper002(Regime.LOW_NOISE);
    Topology topo = net.drop(AdHocSiso.PAPER_TOPOLOGY_SEED);
    double s2 = net.noiseVariance(), pMax = net.pMax();
    int n = AdHocSiso.TEST_SAMPLES;
    Tensor test = net.sample(topo, n, AdHocSiso.TEST_SEED);
    Tensor batch = net.sample(topo, 64, AdHocSiso.TRAIN_STREAM_SEED);
    Uwmmse model = new Uwmmse(UwmmseConfig.defaults());

    int before = Parallel.threads();
    double[][] inference = new double[2][];
    int[] threads = {1, cores};
    for (int k = 0; k < 2; k++) {
      Parallel.setThreads(threads[k]);
      System.out.printf("%nInference at batch %d, %d thread%s (%s; us per sample, ms per batch of 64)%n", n,
          threads[k], threads[k] == 1 ? "" : "s", threads[k] == 1 ? "CPU time" : "wall time");
      double uw = bestNanos(3, 7, () -> model.powers(test, s2, pMax)) / 1e3 / n;
      double tr = bestNanos(3, 7, () -> Wmmse.of(4).powers(test, s2, pMax)) / 1e3 / n;
      double w100 = bestNanos(1, 3, () -> Wmmse.of(100).powers(test, s2, pMax)) / 1e3 / n;
      inference[k] = new double[] {uw, tr, w100};
      row("UWMMSE-4", uw, "<= 20");
      row("Tr-WMMSE-4", tr, "");
      row("WMMSE-100", w100, "<= 200");
      System.out.printf("  WMMSE-100 / UWMMSE-4 = %.1f   (paper 16 / 2.0 = 8; spec accepts UWMMSE <= 0.25 x WMMSE)%n",
          w100 / uw);
      System.out.printf("  Tr-WMMSE-4 / UWMMSE-4 = %.2f  (paper 1.0 / 2.0 = 0.5)%n", tr / uw);
    }
    System.out.printf("  thread scaling 1 -> %d threads: UWMMSE-4 %.2fx, Tr-WMMSE-4 %.2fx, WMMSE-100 %.2fx%n", cores,
        inference[0][0] / inference[1][0], inference[0][1] / inference[1][1], inference[0][2] / inference[1][2]);

    System.out.printf("%nTraining step, UWMMSE-4 (F = 4, biases, mu), M = 20, batch 64, loss = -mean sum-rate%n");
    int steps = 100;
    Runnable forward = () -> {
      try (var off = Autograd.noGrad()) {
        Utility.sumRate().loss(batch, model.apply(batch, s2, pMax).powers(), s2);
      }
    };
    Runnable step = () -> {
      model.zeroGrad();
      Utility.sumRate().loss(batch, model.apply(batch, s2, pMax).powers(), s2).backward();
    };
    double[] stepMs = new double[2];
    for (int k = 0; k < 2; k++) {
      Parallel.setThreads(threads[k]);
      double fwd = bestNanos(2, 7, () -> repeat(forward, steps)) / 1e6 / steps;
      double full = bestNanos(2, 7, () -> repeat(step, steps)) / 1e6 / steps;
      stepMs[k] = full;
      System.out.printf("  %d thread%s (%s): no-grad forward %.3f ms, forward + backward %.3f ms, autodiff overhead "
          + "%.2fx (goal <= 3x)%n", threads[k], threads[k] == 1 ? " " : "s", threads[k] == 1 ? "CPU " : "wall",
          fwd, full, full / fwd);
    }
    Parallel.setThreads(before);
    System.out.printf("  thread scaling of the training step, 1 -> %d threads: %.2fx%n", cores, stepMs[0] / stepMs[1]);
  }

  private static void row(String name, double usPerSample, String target) {
    System.out.printf("  %-11s %8.1f us/sample  %7.3f ms/batch64   %s%n", name, usPerSample, usPerSample * 64 / 1e3,
        target.isEmpty() ? "" : "target " + target + " us/sample");
  }

  private static void repeat(Runnable r, int times) {
    for (int i = 0; i < times; i++) r.run();
  }
}
