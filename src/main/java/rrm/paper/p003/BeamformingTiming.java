package rrm.paper.p003;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import rrm.channel.D2dSamples;
import rrm.model.gnn.BeamScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.report.Timing;
import rrm.solver.MimoWmmse;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;

/**
 * The computation time of paper 003's Fig. 4 (Sec. V-C d), on the CPU: per network size K, one beamforming layout at
 * the density of Table VI with (2 m, 65 m) links (sample 0 of stream {@code BF_TEST_SEED + K}), the time of
 * building its 500 m local-CSI graph, of the WCGCN forward pass on it (batch 1, no gradients) and of WMMSE-100 with
 * global CSI on it. Two clocks: the wall time with all threads (best of {@code reps} calls after a warm-up of at
 * least 3 calls, {@link Timing}), and the CPU time of the calling thread with one thread (the best of at least 3
 * calls and {@code warmupSeconds} of that thread's CPU time, after as much CPU time of warm-up calls at the same size,
 * for both methods), which other processes on a shared machine barely disturb. Both methods are timed warm: a WMMSE
 * call timed right after a short warm-up still runs partly interpreted code (at K = 50 the first call takes 14 times
 * as long as a warm one, the fourth still 2.5 times), which would inflate its small-K times and flatten its growth in
 * K. The warm-up is counted in CPU time, not wall time, so that a loaded machine (where a wall-clock second may hold
 * a tenth of a second of work) warms both methods as much as an idle one. The paper averages 50 instances per size on its own hardware (and a GPU for its WCGCN curve).
 *
 * @param pairs K
 * @param edges edges of the local-CSI graph
 * @param graphMs building the graph and its features, wall ms
 * @param wcgcnMs the WCGCN forward pass, wall ms
 * @param wcgcnCpuMs the WCGCN forward pass, CPU ms on one thread
 * @param wmmseCpuMs WMMSE-100, CPU ms on one thread (NaN if not run)
 * @param load the system load average during the WCGCN timing
 */
public record BeamformingTiming(int pairs, int edges, double graphMs, double wcgcnMs, double wcgcnCpuMs,
    double wmmseCpuMs, double load) {

  /** Returns the WMMSE / WCGCN ratio of one-thread CPU times (the speed-up of the forward pass). */
  public double speedUp() {
    return wmmseCpuMs / wcgcnCpuMs;
  }

  /**
   * Times {@code model} (inputs scaled by {@code scaling}) and, if {@code withWmmse}, WMMSE-100 at each size:
   * {@code reps} timed wall-clock calls of the WCGCN and the graph after {@code warmupSeconds} of warm-up, and the
   * one-thread CPU times.
   */
  public static List<BeamformingTiming> run(Wcgcn model, BeamScaling scaling, List<Integer> sizes, int reps,
      double warmupSeconds, boolean withWmmse) {
    if (model == null || scaling == null || sizes == null || sizes.isEmpty()) {
      throw new IllegalArgumentException("BeamformingTiming.run: model, scaling and a non-empty list of sizes are "
          + "required");
    }
    if (reps < 1) throw new IllegalArgumentException("BeamformingTiming.run: reps must be >= 1, got " + reps);
    MimoWmmse wmmse = MimoWmmse.of(Paper003.WMMSE_ITERATIONS).withoutTrajectory();
    List<BeamformingTiming> out = new ArrayList<>();
    double[] range = Paper003.DISTANCE_RANGES.get(0);
    for (int k : sizes) {
      D2dSamples<MimoProblem> s = Paper003.beamformingSameDensity(k, range[0], range[1])
          .sample(Paper003.BF_TEST_SEED + k, 0);
      ChannelGraph g = BeamformingTraining.batch(s, scaling).graph();
      Timing t = Timing.of(reps, warmupSeconds)
          .time("graph", 1, () -> BeamformingTraining.batch(s, scaling))
          .time("wcgcn", 1, () -> model.beamformers(g));
      double gc = oneThreadCpuMs(() -> model.beamformers(g), warmupSeconds, 3);
      MimoProblem p = s.problem();
      double wc = withWmmse ? oneThreadCpuMs(() -> wmmse.allocate(p), warmupSeconds, 3) : Double.NaN;
      out.add(new BeamformingTiming(k, g.graph().edgeCount(), t.result("graph").bestMs(),
          t.result("wcgcn").bestMs(), gc, wc, t.result("wcgcn").loadAverage()));
    }
    return out;
  }

  /**
   * Returns the smallest CPU time of the calling thread over the timed calls of body on one thread, ms: warm-up calls
   * until they have used {@code warmupSeconds} of the thread's CPU time (none if 0), then timed calls, at least
   * {@code calls} of them and until they too have used {@code warmupSeconds}. A fast call keeps improving for
   * seconds while the JIT recompiles its loops (WMMSE-100 at K = 50: 3.8 ms after 80 calls, 6.3 ms at call 200 during
   * a recompilation, 3.0 ms from about call 240 on), so the best of a few calls right after the warm-up can still be
   * twice the warm time; the best over a second of calls is not.
   */
  private static double oneThreadCpuMs(Runnable body, double warmupSeconds, int calls) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int threads = Parallel.threads();
    double best = Double.POSITIVE_INFINITY;
    try {
      Parallel.setThreads(1);
      long warmEnd = mx.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
      while (mx.getCurrentThreadCpuTime() < warmEnd) body.run();
      long timedEnd = mx.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
      for (int c = 0; c < calls || mx.getCurrentThreadCpuTime() < timedEnd; c++) {
        long c0 = mx.getCurrentThreadCpuTime();
        body.run();
        best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
      }
    } finally {
      Parallel.setThreads(threads);
    }
    return best;
  }

  /** Returns the least-squares slope of {@code log y} against {@code log x} (the exponent of a power law). */
  public static double logLogSlope(double[] x, double[] y) {
    if (x == null || y == null || x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("BeamformingTiming.logLogSlope: needs two arrays of equal length >= 2, got "
          + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
    }
    int n = x.length;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
      if (!(x[i] > 0) || !(y[i] > 0)) {
        throw new IllegalArgumentException("BeamformingTiming.logLogSlope: values must be > 0, got x[" + i + "] = "
            + x[i] + ", y[" + i + "] = " + y[i]);
      }
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}
