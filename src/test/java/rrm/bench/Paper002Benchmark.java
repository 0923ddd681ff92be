package rrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import rrm.channel.AdHocSiso;
import rrm.channel.Topology;
import rrm.model.uwmmse.Uwmmse;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.solver.Wmmse;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * Timing of paper 002's methods on the CPU, all measured in one run so the ratios are comparable (Table I analogue,
 * paper 002 Table I): UWMMSE-4 inference, WMMSE-100 and Tr-WMMSE-4 per sample at batch 6400, their ratios (the paper
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
   * Returns {best CPU time of this thread, best wall time} in ns of {@code body} over {@code reps} runs after
   * {@code warmup} runs. The CPU time covers all the work only when the pool has one thread.
   */
  private static double[] best(int warmup, int reps, Runnable body) {
    for (int i = 0; i < warmup; i++) body.run();
    double cpu = Double.POSITIVE_INFINITY, wall = Double.POSITIVE_INFINITY;
    for (int i = 0; i < reps; i++) {
      long c0 = CPU.getCurrentThreadCpuTime(), w0 = System.nanoTime();
      body.run();
      wall = Math.min(wall, System.nanoTime() - w0);
      cpu = Math.min(cpu, CPU.getCurrentThreadCpuTime() - c0);
    }
    return new double[] {cpu, wall};
  }

  /** Returns the figure to report: CPU time with one thread, wall time otherwise. */
  private static double shown(double[] t) {
    return Parallel.threads() == 1 ? t[0] : t[1];
  }

  public static void main(String[] args) {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("Paper002Benchmark: %d cores, Java %s, load average %.2f%n", cores,
        System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    AdHocSiso net = Paper002.scenario(Regime.LOW_NOISE);
    Topology topo = net.drop(Paper002.TOPOLOGY_SEED);
    double s2 = net.noiseVariance(), pMax = net.pMax();
    int n = Paper002.TEST_SAMPLES;
    Tensor test = net.sample(topo, n, Paper002.TEST_SEED);
    Tensor batch = net.sample(topo, 64, Paper002.TRAIN_STREAM_SEED);
    Uwmmse model = new Uwmmse(UwmmseConfig.defaults());

    int before = Parallel.threads();
    double[][] wall = new double[2][];
    int[] threads = {1, cores};
    for (int k = 0; k < 2; k++) {
      Parallel.setThreads(threads[k]);
      System.out.printf("%nInference at batch %d, %d thread%s (%s; us per sample, ms per batch of 64)%n", n,
          threads[k], threads[k] == 1 ? "" : "s", threads[k] == 1 ? "CPU time" : "wall time");
      double[] uw = best(3, 7, () -> model.allocate(SisoProblem.ofAmplitudes(test, s2, pMax)).tensor());
      double[] tr = best(3, 7, () -> Wmmse.of(4).allocate(SisoProblem.ofAmplitudes(test, s2, pMax)).tensor());
      double[] w100 = best(1, 3, () -> Wmmse.of(100).allocate(SisoProblem.ofAmplitudes(test, s2, pMax)).tensor());
      wall[k] = new double[] {uw[1], tr[1], w100[1]};
      double u = shown(uw) / 1e3 / n, t = shown(tr) / 1e3 / n, w = shown(w100) / 1e3 / n;
      row("UWMMSE-4", u, "<= 20");
      row("Tr-WMMSE-4", t, "");
      row("WMMSE-100", w, "<= 200");
      System.out.printf("  WMMSE-100 / UWMMSE-4 = %.1f   (paper 16 / 2.0 = 8; we accept UWMMSE <= 0.25 x WMMSE)%n",
          w / u);
      System.out.printf("  Tr-WMMSE-4 / UWMMSE-4 = %.2f  (paper 1.0 / 2.0 = 0.5)%n", t / u);
    }
    System.out.printf("  thread scaling (wall time) 1 -> %d threads: UWMMSE-4 %.2fx, Tr-WMMSE-4 %.2fx, WMMSE-100 "
        + "%.2fx%n", cores, wall[0][0] / wall[1][0], wall[0][1] / wall[1][1], wall[0][2] / wall[1][2]);

    System.out.printf("%nTraining step, UWMMSE-4 (F = 4, biases, mu), M = 20, batch 64, loss = -mean sum-rate%n");
    int steps = 100;
    SisoProblem batchProblem = SisoProblem.ofAmplitudes(batch, s2, pMax);
    Runnable forward = () -> {
      try (var off = Autograd.noGrad()) {
        Utility.sumRate().loss(batchProblem, model.apply(batchProblem).powers());
      }
    };
    Runnable step = () -> {
      model.zeroGrad();
      Utility.sumRate().loss(batchProblem, model.apply(batchProblem).powers()).backward();
    };
    double[] stepWall = new double[2];
    for (int k = 0; k < 2; k++) {
      Parallel.setThreads(threads[k]);
      double[] fwd = best(2, 7, () -> repeat(forward, steps));
      double[] full = best(2, 7, () -> repeat(step, steps));
      stepWall[k] = full[1];
      double f = shown(fwd) / 1e6 / steps, fb = shown(full) / 1e6 / steps;
      System.out.printf("  %d thread%s (%s): no-grad forward %.3f ms, forward + backward %.3f ms, autodiff overhead "
          + "%.2fx (goal <= 3x)%n", threads[k], threads[k] == 1 ? " " : "s", threads[k] == 1 ? "CPU " : "wall", f, fb,
          fb / f);
    }
    Parallel.setThreads(before);
    System.out.printf("  thread scaling of the training step (wall time), 1 -> %d threads: %.2fx%n", cores,
        stepWall[0] / stepWall[1]);
  }

  private static void row(String name, double usPerSample, String target) {
    System.out.printf("  %-11s %8.1f us/sample  %7.3f ms/batch64   %s%n", name, usPerSample, usPerSample * 64 / 1e3,
        target.isEmpty() ? "" : "target " + target + " us/sample");
  }

  private static void repeat(Runnable r, int times) {
    for (int i = 0; i < times; i++) r.run();
  }
}
