package rrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rrm.channel.D2dSamples;
import rrm.model.gnn.AmplitudeScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.paper.p003.D2dTraining;
import rrm.paper.p003.Paper003;
import rrm.report.Timing;
import rrm.solver.WeightedWmmse;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;

/**
 * Timing of paper 003's D2D power control on the CPU (not a test): the WCGCN forward pass (paper widths, T = 3, no
 * gradients, graph and features built beforehand) against WMMSE-100 with global CSI on the same layout, for K = 50
 * ... 1000 pairs at the density of Table III, all in one run so that the ratios are comparable; the log-log slopes
 * of both times against K (WCGCN: O(|E| + |V|), about 1 at a bounded degree; WMMSE: O(K^2), about 2); and one WCGCN
 * training step (forward and backward, batch of {@link D2dTraining#BATCH} layouts at K = 50). The forward pass is
 * timed with 1 and 2 threads; the CPU time of the calling thread with 1 thread is the figure least disturbed by
 * other load on a shared machine. Run with {@code java -cp target/test-classes:target/lib/* rrm.bench.Paper003Benchmark
 * [quick]}.
 */
public final class Paper003Benchmark {
  private Paper003Benchmark() {}

  public static void main(String[] args) {
    boolean quick = List.of(args).contains("quick");
    int[] sizes = quick ? new int[] {50, 200, 1000} : new int[] {50, 100, 200, 400, 600, 800, 1000};
    System.out.println("Paper 003 D2D power control, same density (A^2/K = 20000 m^2), (10 m, 50 m), 500 m CSI; "
        + Timing.machine());
    Wcgcn net = Wcgcn.paper(1);
    List<double[]> rows = new ArrayList<>();
    int before = Parallel.threads();
    for (int k : sizes) {
      D2dSamples<SisoProblem> s = Paper003.powerControlSameDensity(k, 10, 50).samples(Paper003.D2D_TEST_SEED + k, 0, 1);
      ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(Paper003.CSI_RADIUS),
          AmplitudeScaling.fit(s.problem()));
      double[] f1 = forward(net, g, 1, quick), f2 = forward(net, g, 2, quick);
      Parallel.setThreads(before);
      double wmmse = Timing.bestMs(() -> WeightedWmmse.of(100).allocate(s.problem()), k >= 600 ? 2 : 5, 0.2);
      int edges = g.graph().edgeCount();
      rows.add(new double[] {k, edges, f1[0], f1[2], f2[0], f2[1], wmmse});
      System.out.printf(Locale.ROOT, "  K=%4d |E|=%6d: WCGCN 1 thread best %.2f ms (CPU %.2f ms, %.1f ns per edge), "
          + "2 threads best %.2f ms (mean %.2f); WMMSE-100 best %.1f ms; WMMSE / WCGCN (2 threads) = %.1f%n", k, edges,
          f1[0], f1[2], 1e6 * f1[2] / (edges + k), f2[0], f2[1], wmmse, wmmse / f2[0]);
    }
    System.out.printf(Locale.ROOT, "  log-log slope against K (K = %d ... %d): WCGCN 2 threads %.2f, 1 thread CPU %.2f,"
        + " WMMSE-100 %.2f; WCGCN CPU against |E| + |V|: %.2f%n", sizes[0], sizes[sizes.length - 1],
        slope(rows, 0, 4), slope(rows, 0, 3), slope(rows, 0, 6), slopeEdges(rows));
    trainingStep(quick);
  }

  /** Returns {best wall ms, mean wall ms, mean CPU ms of the calling thread} of the forward pass. */
  static double[] forward(Wcgcn net, ChannelGraph g, int threads, boolean quick) {
    Parallel.setThreads(threads);
    long until = System.nanoTime() + (long) ((quick ? 0.3 : 1.0) * 1e9);
    while (System.nanoTime() < until) net.allocate(g);
    int reps = quick ? 10 : 30;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE, sum = 0;
    long cpu0 = mx.getCurrentThreadCpuTime();
    for (int r = 0; r < reps; r++) {
      long a = System.nanoTime();
      net.allocate(g);
      double ms = (System.nanoTime() - a) / 1e6;
      best = Math.min(best, ms);
      sum += ms;
    }
    return new double[] {best, sum / reps, (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / reps};
  }

  private static void trainingStep(boolean quick) {
    var sc = Paper003.powerControl(10, 50);
    D2dTraining.Batch b = D2dTraining.batch(sc, Paper003.D2D_TRAIN_SEED, 0, D2dTraining.BATCH,
        D2dTraining.scaling(sc, 200));
    Wcgcn net = Wcgcn.paper(2);
    double best = Timing.bestMs(() -> net.loss(b.problem(), b.graph()).backward(), quick ? 3 : 10, 1.0);
    System.out.printf(Locale.ROOT, "  training step (loss and backward), K = 50, batch %d, %d edges: best %.0f ms%n",
        D2dTraining.BATCH, b.graph().graph().edgeCount(), best);
  }

  /** Least-squares slope of log(y) against log(x) over the rows. */
  private static double slope(List<double[]> rows, int x, int y) {
    double n = rows.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (double[] r : rows) {
      double lx = Math.log(r[x]), ly = Math.log(r[y]);
      sx += lx;
      sy += ly;
      sxx += lx * lx;
      sxy += lx * ly;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  private static double slopeEdges(List<double[]> rows) {
    List<double[]> r2 = new ArrayList<>();
    for (double[] r : rows) r2.add(new double[] {r[1] + r[0], r[3]}); // CPU time, 1 thread
    return slope(r2, 0, 1);
  }
}
