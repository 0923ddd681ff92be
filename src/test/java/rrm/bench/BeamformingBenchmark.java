package rrm.bench;

import java.util.List;
import java.util.Locale;
import rrm.model.gnn.BeamScaling;
import rrm.model.gnn.Wcgcn;
import rrm.paper.p003.BeamformingTiming;
import rrm.paper.p003.BeamformingTraining;
import rrm.paper.p003.Paper003;
import rrm.solver.MimoNeighbourhood;
import rrm.solver.WmmseMimo;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/**
 * Paper 003 Fig. 4 benchmark (not a test): the CPU time of the beamforming WCGCN forward pass (the paper's widths,
 * batch 1, no gradients, graph built beforehand) against MISO WMMSE-100 with global CSI, on one layout per size K at
 * the density of Table VI with (2 m, 65 m) links; the speed-up per K and the log-log slopes of both against K. The
 * WCGCN's time does not depend on its weights, so an untrained, seeded network is timed. Notebook 08 runs the same
 * measurement ({@link BeamformingTiming}).
 *
 * <pre>
 * mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.BeamformingBenchmark [reps] [threads]
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.BeamformingBenchmark train [reps] [threads]
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.BeamformingBenchmark wmmse [reps] [threads]
 * </pre>
 *
 * <p>With {@code wmmse}: MISO WMMSE-100 with the fused per-pair kernels against the precomputed Gram sums, interleaved
 * (see {@link #wmmseSums}).
 *
 * <p>With {@code train}: the training step of {@link BeamformingTraining} at K = 50 (2 m, 65 m) per batch (32, the
 * authors' 64) and width (the paper's, the trained half widths), split into its phases: the batch (layouts, graph,
 * scaling), the forward pass, the MISO rate loss, the backward pass and the Adam update; best and median of
 * {@code reps} steps after two warm-up steps, wall time and the CPU time of the calling thread (equal work with one
 * thread), and the time of one pass over the 5 · 10^4 training layouts that follows.
 */
public final class BeamformingBenchmark {
  private BeamformingBenchmark() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("wmmse")) {
      wmmseSums(args.length > 1 ? Integer.parseInt(args[1]) : 5, args.length > 2 ? Integer.parseInt(args[2]) : 1);
      return;
    }
    if (args.length > 0 && args[0].equals("train")) {
      trainingStep(args.length > 1 ? Integer.parseInt(args[1]) : 5, args.length > 2 ? Integer.parseInt(args[2]) : 0);
      return;
    }
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    if (args.length > 1) Parallel.setThreads(Integer.parseInt(args[1]));
    List<Integer> sizes = List.of(50, 100, 200, 400, 600, 800, 1000);
    System.out.println("threads " + Parallel.threads() + ", reps " + reps + ", " + rrm.report.Timing.machine());
    BeamScaling scaling = BeamformingTraining.scaling(2, 65);
    for (Wcgcn model : new Wcgcn[] {Wcgcn.beamforming(Paper003.BF_ANTENNAS, 1), halfWidths()}) {
      System.out.println("WCGCN " + model.settings() + ", " + model.parameterCount() + " parameters");
      List<BeamformingTiming> t = BeamformingTiming.run(model, scaling, sizes, reps, 1.0, true);
      double[] k = new double[t.size()], g = new double[t.size()], w = new double[t.size()];
      for (int i = 0; i < t.size(); i++) {
        BeamformingTiming r = t.get(i);
        k[i] = r.pairs();
        g[i] = r.wcgcnCpuMs();
        w[i] = r.wmmseCpuMs();
        System.out.printf(Locale.ROOT, "K = %4d  |E| = %6d  graph %7.2f ms  WCGCN %8.2f ms wall, %8.2f ms CPU (1 "
            + "thread)  WMMSE-100 %9.1f ms CPU  speed-up %7.1f  load %.1f%n", r.pairs(), r.edges(), r.graphMs(),
            r.wcgcnMs(), r.wcgcnCpuMs(), r.wmmseCpuMs(), r.speedUp(), r.load());
      }
      System.out.printf(Locale.ROOT, "log-log slope vs K (1-thread CPU): WCGCN %.2f, WMMSE-100 %.2f%n",
          BeamformingTiming.logLogSlope(k, g), BeamformingTiming.logLogSlope(k, w));
    }
    System.out.println("end: " + rrm.report.Timing.machine());
  }

  /**
   * MISO WMMSE-100 (textbook, global CSI) at K = 200, 1000 with the per-pair fused kernels ({@link
   * MimoNeighbourhood#of}, the sums the solver used before) and with the precomputed Gram sums the solver uses now
   * ({@link MimoNeighbourhood#precomputed}), interleaved in one JVM, {@code reps} rounds: CPU time of the calling
   * thread (and wall time) with {@code threads} threads, the ratio of the mean CPU times over the rounds after the
   * first, and the largest relative difference of the beams. With more than one thread the work runs on the pool's
   * threads, so only the wall-time ratio means something.
   */
  private static void wmmseSums(int reps, int threads) {
    Parallel.setThreads(threads);
    System.out.println("MISO WMMSE-100, (2 m, 65 m); threads " + threads + ", reps " + reps + ", "
        + rrm.report.Timing.machine());
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] range = Paper003.DISTANCE_RANGES.get(0);
    for (int k : new int[] {200, 1000}) {
      MimoSignals s = MimoSignals.of(Paper003.beamformingSameDensity(k, range[0], range[1])
          .sample(Paper003.BF_TEST_SEED + k, 0).problem());
      double[] cpu = new double[2], wall = new double[2];
      Tensor[] beams = new Tensor[2];
      for (int r = 0; r < reps; r++) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "K = %4d round %d:", k, r));
        for (int which = 0; which < 2; which++) {
          long c0 = bean.getCurrentThreadCpuTime(), t0 = System.nanoTime();
          MimoNeighbourhood nb = which == 0 ? MimoNeighbourhood.of(s) : MimoNeighbourhood.precomputed(s);
          Tensor v = WmmseMimo.initial(s);
          try (var off = Autograd.noGrad()) {
            for (int t = 0; t < Paper003.WMMSE_ITERATIONS; t++) {
              v = WmmseMimo.step(s, nb, v, WmmseMimo.Rule.TEXTBOOK, null, null).v();
            }
          }
          beams[which] = v;
          double c = (bean.getCurrentThreadCpuTime() - c0) / 1e6, w = (System.nanoTime() - t0) / 1e6;
          if (r > 0 || reps == 1) {
            cpu[which] += c;
            wall[which] += w;
          }
          line.append(String.format(Locale.ROOT, "  %s %7.1f ms CPU (%7.1f wall)", which == 0 ? "fused kernels"
              : "Gram sums", c, w));
        }
        System.out.println(line);
      }
      System.out.printf(Locale.ROOT, "K = %4d: mean CPU fused %.1f ms, Gram %.1f ms, ratio %.2f (wall ratio %.2f); "
          + "beams differ by %.1e (relative); load %.1f%n", k, cpu[0] / Math.max(1, reps - 1),
          cpu[1] / Math.max(1, reps - 1), cpu[0] / cpu[1], wall[0] / wall[1], maxRelative(beams[0], beams[1]),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static double maxRelative(Tensor a, Tensor b) {
    double[] ar = a.data(), ai = a.imagData(), br = b.data(), bi = b.imagData();
    double num = 0, den = 0;
    for (int x = 0; x < ar.length; x++) {
      num = Math.max(num, Math.hypot(ar[x] - br[x], ai[x] - bi[x]));
      den = Math.max(den, Math.hypot(ar[x], ai[x]));
    }
    return num / den;
  }

  /** The phases of one training step, timed apart. */
  private static final String[] PHASES = {"batch", "forward", "loss", "backward", "adam"};

  private static void trainingStep(int reps, int threads) {
    if (threads > 0) Parallel.setThreads(threads);
    System.out.println("training step, K = 50, (2 m, 65 m); threads " + Parallel.threads() + ", reps " + reps + ", "
        + rrm.report.Timing.machine());
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    var scenario = BeamformingTraining.scenario(2, 65);
    BeamScaling scaling = BeamformingTraining.scaling(2, 65);
    for (int batch : new int[] {32, 64}) {
      for (Wcgcn model : new Wcgcn[] {Wcgcn.beamforming(Paper003.BF_ANTENNAS, 1), halfWidths()}) {
        var adam = rrm.optim.Adam.of(model, 1e-3);
        double[][] wall = new double[PHASES.length][reps], cpu = new double[PHASES.length][reps];
        for (int r = -2; r < reps; r++) {
          long[] tw = new long[PHASES.length + 1], tc = new long[PHASES.length + 1];
          tw[0] = System.nanoTime();
          tc[0] = bean.getCurrentThreadCpuTime();
          var b = BeamformingTraining.batch(scenario.samples(Paper003.BF_TRAIN_SEED, (long) (r + 2) * batch, batch),
              scaling);
          tw[1] = System.nanoTime();
          tc[1] = bean.getCurrentThreadCpuTime();
          rrm.tensor.Tensor v = model.apply(b.graph());
          tw[2] = System.nanoTime();
          tc[2] = bean.getCurrentThreadCpuTime();
          rrm.tensor.Tensor loss = rrm.utility.MimoRates.weightedSumRate(b.problem(), v).mean().neg();
          tw[3] = System.nanoTime();
          tc[3] = bean.getCurrentThreadCpuTime();
          adam.zeroGrad();
          loss.backward();
          tw[4] = System.nanoTime();
          tc[4] = bean.getCurrentThreadCpuTime();
          adam.step();
          tw[5] = System.nanoTime();
          tc[5] = bean.getCurrentThreadCpuTime();
          if (r < 0) continue;
          for (int p = 0; p < PHASES.length; p++) {
            wall[p][r] = (tw[p + 1] - tw[p]) / 1e6;
            cpu[p][r] = (tc[p + 1] - tc[p]) / 1e6;
          }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "batch %2d  %s (%d parameters)%n", batch,
            model.settings().get("message") + "/" + model.settings().get("update"), model.parameterCount()));
        double stepWall = 0, stepCpu = 0;
        for (int p = 0; p < PHASES.length; p++) {
          double w = median(wall[p]), c = median(cpu[p]);
          stepWall += w;
          stepCpu += c;
          line.append(String.format(Locale.ROOT, "    %-8s median %8.1f ms wall  %8.1f ms CPU of the caller%n",
              PHASES[p], w, c));
        }
        double perPass = (double) Paper003.BF_TRAIN_SAMPLES / batch;
        line.append(String.format(Locale.ROOT, "    step     %8.1f ms wall  %8.1f ms CPU; one pass (%.0f steps): "
            + "%.1f min wall; load %.1f", stepWall, stepCpu, perPass, stepWall * perPass / 60e3,
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.println(line);
      }
    }
    System.out.println("end: " + rrm.report.Timing.machine());
  }

  /** Returns the half-width network (MLP1 {12, 32, 32}, MLP2 {40, 16, 4}) of {@link BeamformingTraining#SHORT_PLAN}. */
  private static Wcgcn halfWidths() {
    var p = BeamformingTraining.SHORT_PLAN;
    return Wcgcn.beamforming(3, Paper003.BF_ANTENNAS, p.h1(), p.h2(), p.u(), 1.0, BeamformingTraining.MODEL_SEED);
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
