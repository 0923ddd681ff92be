package rrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import rrm.channel.UrllcDownlink;
import rrm.paper.p000.Paper000;
import rrm.solver.BarrierSolver;
import rrm.solver.ConvexProgram;
import rrm.solver.ConvexSolution;
import rrm.solver.ConvexSolver;
import rrm.solver.EqualPowerMmse;
import rrm.solver.Hebf;
import rrm.solver.MinPowerInit;
import rrm.solver.PgaMmse;
import rrm.solver.PrimalDualSolver;
import rrm.solver.ScaSubproblem;
import rrm.solver.UrllcSolution;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.utility.Duality;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

/**
 * Paper 000's classical side on the CPU: the time of one HeBF SCA subproblem (barrier and primal-dual methods, block
 * elimination) at the first SCA step of a Table I sample for K = 4 and K = 10, and the weighted sum-rates of HeBF,
 * EP-MMSE, PGA-MMSE and the min-power start on a Table I cell against the paper's HeBF value.
 *
 * <pre>
 *   mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 *   java -cp target/classes:target/test-classes:target/lib/* rrm.bench.Paper000Benchmark [cell] [samples]
 * </pre>
 *
 * Subproblem figures are CPU time of the measuring thread (median and minimum of repeated solves after warm-up), so
 * they stay meaningful on a shared machine; the rates use all threads and print the load average.
 */
public final class Paper000Benchmark {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** The paper's Table I HeBF values in {@link Paper000#tableOne()} order. */
  private static final double[] TABLE1_HEBF = {2.3211, 1.9033, 1.6058, 1.3801, 2.9138, 2.4997, 2.2029, 1.9726, 3.3012,
      2.8436, 2.5033, 2.2300, 3.4147, 2.9543, 2.6146, 2.3387};

  private Paper000Benchmark() {}

  public static void main(String[] args) {
    int cell = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    for (int k : new int[] {4, 10}) subproblem(k, k == 4 ? 300 : 40);
    rates(cell, samples);
    for (int k : Paper000.USERS) usrmnetVsHebf(k, k <= 6 ? 20 : 8);
  }

  private static void subproblem(int k, int reps) {
    UrllcProblem p = Paper000.scenario(15, 32, 256, k).sample(1, Paper000.testSeed(0));
    MmseReceiver r = MmseReceiver.of(p, 0);
    double nu3 = UrllcRates.qosThreshold(p), pMax = p.pMax();
    MinPowerInit.Point init = MinPowerInit.point(r, nu3, pMax);
    double[] g = new double[k * k], target = new double[k], cap = new double[k], psi = new double[k];
    double[] alpha = new double[k];
    r.update(init.uplink());
    r.gains(g);
    Arrays.fill(target, nu3);
    double[] qMin = Duality.powersForSinr(k, g, target, false);
    for (int u = 0; u < k; u++) {
      cap[u] = pMax * r.channelGain(u);
      psi[u] = FiniteBlocklength.dispersion(nu3);
      alpha[u] = 1.0 / k;
    }
    ConvexProgram sca = ScaSubproblem.build(k, g, alpha, cap, qMin, psi, pMax, nu3, UrllcRates.theta(p));
    double[] z0 = ScaSubproblem.start(k, g, cap, qMin, psi, pMax, nu3);
    for (ConvexSolver solver : new ConvexSolver[] {BarrierSolver.defaults(), PrimalDualSolver.defaults()}) {
      ConvexSolution s = null;
      long[] ns = new long[reps];
      for (int i = 0; i < reps; i++) {
        long t0 = CPU.getCurrentThreadCpuTime();
        s = solver.solve(sca, z0);
        ns[i] = CPU.getCurrentThreadCpuTime() - t0;
      }
      Arrays.sort(ns);
      System.out.printf("SCA subproblem K=%d, %s: n=%d, m=%d, %s, value %.10f, Newton steps %d (Phase I %d), "
          + "stationarity %.1e, gap %.1e; CPU median %.2f ms, min %.2f ms%n", k, solver.getClass().getSimpleName(),
          sca.variables(), sca.rows(), s.status(), -s.objective(), s.newtonSteps(), s.phaseOneSteps(),
          s.stationarity(), s.gap(), ns[reps / 2] / 1e6, ns[0] / 1e6);
    }
  }

  /**
   * USRMNet inference (L = 2, batch 500, from the channels: min-power start, two layers, two MMSE updates) against
   * HeBF on the first Table I block, CPU time per sample of the measuring thread, one thread.
   */
  private static void usrmnetVsHebf(int k, int hebfSamples) {
    Parallel.setThreads(1);
    UrllcDownlink d = Paper000.scenario(15, 32, 256, k);
    UrllcProblem batch = d.sample(500, Paper000.testSeed(0)), few = batch.slice(0, hebfSamples);
    rrm.model.unrolled.Usrmnet net = new rrm.model.unrolled.Usrmnet(java.util.List.of(
        new rrm.model.unrolled.UsrmnetLayer(rrm.model.unrolled.UsrmnetConfig.paper(k), 1),
        new rrm.model.unrolled.UsrmnetLayer(rrm.model.unrolled.UsrmnetConfig.paper(k), 2)));
    net.run(batch); // warm-up
    long t0 = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < 3; i++) net.run(batch);
    double us = (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / (3 * batch.batch());
    Hebf.defaults().solve(few.slice(0, 1));
    long t1 = CPU.getCurrentThreadCpuTime();
    Hebf.defaults().solve(few);
    double hebf = (CPU.getCurrentThreadCpuTime() - t1) / 1e6 / few.batch();
    System.out.printf("K=%d, N_t=32: USRMNet %.4f ms, HeBF %.2f ms per sample (CPU, 1 thread): HeBF / USRMNet %.0f; "
        + "Table III ratio %.2f %%%n", k, us, hebf, hebf / us,
        100 * Paper000.usrmnetComplexity(k, 32, 2) / Paper000.hebfComplexity(k, 32, 3));
  }

  private static void rates(int cell, int n) {
    UrllcDownlink net = Paper000.tableOne().get(cell);
    UrllcProblem p = net.sample(n, Paper000.testSeed(cell));
    long t0 = System.nanoTime();
    UrllcSolution h = Hebf.defaults().solve(p);
    long t1 = System.nanoTime();
    UrllcSolution ep = new EqualPowerMmse().solve(p);
    UrllcSolution pga = PgaMmse.defaults().solve(p);
    UrllcSolution init = new MinPowerInit().solve(p);
    double[] w = h.weightedSumRate().data();
    double mean = h.meanRate(), var = 0;
    for (double v : w) var += (v - mean) * (v - mean);
    double se = Math.sqrt(var / (n - 1) / n);
    System.out.printf("%s, %d test samples (seed %d), %d threads, load %.1f%n", net, n, Paper000.testSeed(cell),
        Parallel.threads(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("  HeBF %.4f +- %.4f (paper %.4f, %+.2f %%), QoS-feasible %.3f, %.1f SCA subproblems and %.0f ms "
        + "wall per sample%n", mean, se, TABLE1_HEBF[cell], 100 * (mean / TABLE1_HEBF[cell] - 1), h.feasibleFraction(),
        Arrays.stream(h.iterations()).average().orElse(0), (t1 - t0) / 1e6 / n);
    System.out.printf("  EP-MMSE %.4f (EP / HeBF %.5f, feasible %.3f); PGA-MMSE %.4f (feasible %.3f); init %.4f%n",
        ep.meanRate(), ep.meanRate() / mean, ep.feasibleFraction(), pga.meanRate(), pga.feasibleFraction(),
        init.meanRate());
  }
}
