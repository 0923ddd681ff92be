package rrm.bench;

import java.util.Locale;
import rrm.channel.D2dPowerControl;
import rrm.channel.D2dSamples;
import rrm.channel.GaussianIc;
import rrm.channel.InterferenceGraph;
import rrm.channel.MisoD2d;
import rrm.model.gnn.AmplitudeScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.paper.p003.Paper003;
import rrm.solver.Fplinq;
import rrm.solver.Mrt;
import rrm.solver.RandomPower;
import rrm.solver.Strongest;
import rrm.solver.WeightedWmmse;
import rrm.system.MimoProblem;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.WeightedSumRate;

/**
 * Calibration of the paper-003 generators and classical baselines (not a test): mean (weighted) sum rates of WMMSE,
 * Strongest, full and random power on the Gaussian IC (Table I's columns), the D2D power-control sets, MRT on the
 * beamforming sets, and timings at K = 1000. Run with
 * {@code java -cp ... rrm.bench.Paper003Calibration [quick] [gaussian] [d2d] [miso] [timings] [gnn]} (no part: all).
 */
public final class Paper003Calibration {
  private Paper003Calibration() {}

  public static void main(String[] args) {
    java.util.List<String> a = java.util.List.of(args);
    boolean quick = a.contains("quick");
    boolean all = a.stream().noneMatch(x -> x.equals("gaussian") || x.equals("d2d") || x.equals("miso")
        || x.equals("timings") || x.equals("gnn"));
    if (all || a.contains("gaussian")) gaussian(quick ? 300 : 2000);
    if (all || a.contains("d2d")) d2d(quick ? 40 : 200);
    if (all || a.contains("miso")) miso(quick ? 10 : 50);
    if (all || a.contains("timings")) timings();
    if (all || a.contains("gnn")) gnn();
  }

  private static void gaussian(int n) {
    double[] paperStrongest = {87.1, 82.8, 80.6, 74.4, 70.0, 68.9};
    int c = 0;
    System.out.println("Gaussian IC, " + n + " samples, WMMSE 100 iterations from full power");
    for (double snr : Paper003.GAUSSIAN_SNR_DB) {
      for (int k : Paper003.GAUSSIAN_PAIRS) {
        SisoProblem p = new GaussianIc(k, snr).samples(Paper003.GAUSSIAN_TEST_SEED, 0, n);
        long t0 = System.nanoTime();
        Powers w = WeightedWmmse.of(100).allocate(p);
        double secs = (System.nanoTime() - t0) / 1e9;
        double wm = mean(p, w);
        Strongest s = Strongest.calibrated(p, w);
        double st = mean(p, s.allocate(p));
        double full = mean(p, Powers.of(Tensor.ones(n, k)));
        double rnd = mean(p, new RandomPower(5).allocate(p));
        System.out.printf(Locale.ROOT, "  K=%d %2.0f dB: WMMSE %.3f bit, Strongest n=%d %.1f%% (paper %.1f%%), "
            + "full %.1f%%, random %.1f%%, mean sum p %.2f; WMMSE %.2f s%n", k, snr, wm, s.active(), 100 * st / wm,
            paperStrongest[c++], 100 * full / wm, 100 * rnd / wm, total(w) / n, secs);
      }
    }
  }

  private static void d2d(int n) {
    System.out.println("D2D power control, K = 50, A = 1000 m, " + n + " layouts, 500 m local CSI");
    for (double[] r : Paper003.DISTANCE_RANGES) {
      for (boolean weighted : new boolean[] {false, true}) {
        D2dPowerControl sc = D2dPowerControl.of(Paper003.powerControlLayout(50, 1000, r[0], r[1]), weighted);
        D2dSamples<SisoProblem> s = sc.samples(Paper003.D2D_TEST_SEED, 0, n);
        SisoProblem p = s.problem();
        InterferenceGraph g = s.graph(Paper003.CSI_RADIUS);
        Powers w = WeightedWmmse.of(100).allocate(p);
        double wm = mean(p, w);
        double wr = mean(p, WeightedWmmse.of(100).withRandomInit(3).allocate(p));
        double fp = mean(p, new Fplinq(100).allocate(p));
        double full = mean(p, Powers.of(Tensor.ones(n, 50)));
        Strongest st = Strongest.calibrated(p, w);
        double stv = mean(p, st.allocate(p));
        double loc = mean(p, WeightedWmmse.of(100).allocate(g.restrict(p)));
        System.out.printf(Locale.ROOT, "  (%2.0f,%2.0f) %-8s WMMSE %.2f, random-init %.2f, FPLinQ %.2f, full %.2f, "
            + "Strongest(%d) %.2f, local-CSI WMMSE %.2f (%.1f%%), in-degree %.1f%n", r[0], r[1],
            weighted ? "U[0,1]" : "w=1", wm, wr, fp, full, st.active(), stv, loc, 100 * loc / wm, g.meanInDegree());
      }
    }
  }

  private static void miso(int n) {
    System.out.println("MISO beamforming, K = 50, N_t = 2, A = 1000 m, " + n + " layouts");
    for (double[] r : Paper003.DISTANCE_RANGES) {
      MisoD2d sc = Paper003.beamforming(50, 1000, r[0], r[1]);
      D2dSamples<MimoProblem> s = sc.samples(Paper003.BF_TEST_SEED, 0, n);
      double mrt = WeightedSumRate.mean(WeightedSumRate.of(s.problem(), new Mrt().allocate(s.problem())));
      System.out.printf(Locale.ROOT, "  (%2.0f,%2.0f) MRT full power %.2f bit, in-degree %.1f%n", r[0], r[1], mrt,
          InterferenceGraph.within(s.placements(), 500, InterferenceGraph.Direction.REVERSE).meanInDegree());
    }
  }

  private static void timings() {
    System.out.println("Timings at K = 1000, same density (A = 4472 m), (2, 65)");
    D2dPowerControl pc = Paper003.powerControlSameDensity(1000, 2, 65);
    for (int rep = 0; rep < 2; rep++) {
      long t0 = System.nanoTime();
      D2dSamples<SisoProblem> s = pc.samples(Paper003.D2D_TEST_SEED + 1000, rep, 1);
      long t1 = System.nanoTime();
      InterferenceGraph g = s.graph(500);
      long t2 = System.nanoTime();
      Powers w = WeightedWmmse.of(100).allocate(s.problem());
      long t3 = System.nanoTime();
      new Fplinq(100).allocate(s.problem());
      long t4 = System.nanoTime();
      System.out.printf(Locale.ROOT, "  power control: generate %.0f ms, graph %.0f ms (%d edges, in-degree %.1f), "
          + "WMMSE-100 %.0f ms, FPLinQ-100 %.0f ms, WSR %.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, g.edgeCount(),
          g.meanInDegree(), (t3 - t2) / 1e6, (t4 - t3) / 1e6, WeightedSumRate.mean(WeightedSumRate.of(s.problem(), w)));
    }
    MisoD2d bf = Paper003.beamformingSameDensity(1000, 2, 65);
    for (int rep = 0; rep < 2; rep++) {
      long t0 = System.nanoTime();
      D2dSamples<MimoProblem> s = bf.samples(Paper003.BF_TEST_SEED + 1000, rep, 1);
      long t1 = System.nanoTime();
      double mrt = WeightedSumRate.mean(WeightedSumRate.of(s.problem(), new Mrt().allocate(s.problem())));
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "  beamforming: generate %.0f ms, MRT + sum rate %.0f ms (MRT %.1f bit)%n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, mrt);
    }
  }

  private static void gnn() {
    System.out.println("WCGCN power-control forward (paper widths, T = 3), batch 1, graph prebuilt");
    int before = Parallel.threads();
    for (int k : new int[] {50, 200, 1000}) {
      D2dSamples<SisoProblem> s = Paper003.powerControlSameDensity(k, 2, 65).samples(Paper003.D2D_TEST_SEED, 0, 1);
      long t0 = System.nanoTime();
      ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
      double build = (System.nanoTime() - t0) / 1e6;
      Wcgcn net = Wcgcn.paper(1);
      for (int threads : new int[] {1, 2}) {
        double[] t = Paper003Benchmark.forward(net, g, threads, false);
        System.out.printf(Locale.ROOT, "  K=%d (%d edges): graph+features %.1f ms; forward %d thread(s): wall mean %.2f"
            + " ms, best %.2f ms, CPU time of the calling thread %.2f ms%n", k, g.graph().edgeCount(), build, threads,
            t[1], t[0], t[2]);
      }
    }
    Parallel.setThreads(before);
  }

  private static double mean(SisoProblem p, Powers x) {
    return WeightedSumRate.mean(WeightedSumRate.of(p, x));
  }

  private static double total(Powers x) {
    double s = 0;
    for (double v : x.tensor().data()) s += v;
    return s;
  }
}
