package rrm.paper.p003;

import java.util.ArrayList;
import java.util.List;
import rrm.channel.D2dSamples;
import rrm.model.gnn.BeamScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.report.Timing;
import rrm.solver.MimoWmmse;
import rrm.system.MimoProblem;

/**
 * The computation time of paper 003's Fig. 4 (Sec. V-C d), on the CPU: per network size K, one beamforming layout at
 * the density of Table VI with (2 m, 65 m) links (sample 0 of stream {@code BF_TEST_SEED + K}), the time of
 * building its 500 m local-CSI graph, of the WCGCN forward pass on it (batch 1, no gradients) and of WMMSE-100 with
 * global CSI on it. Each is the best of {@code reps} calls after a warm-up of at least 3 calls ({@link Timing});
 * the paper averages 50 instances per size on its own hardware (and a GPU for its WCGCN curve).
 *
 * @param pairs K
 * @param edges edges of the local-CSI graph
 * @param graphMs building the graph and its features, ms
 * @param wcgcnMs the WCGCN forward pass, ms
 * @param wmmseMs WMMSE-100, ms
 * @param load the system load average during the WCGCN timing
 */
public record BeamformingTiming(int pairs, int edges, double graphMs, double wcgcnMs, double wmmseMs, double load) {

  /** Returns the WMMSE / WCGCN time ratio (the speed-up of the forward pass). */
  public double speedUp() {
    return wmmseMs / wcgcnMs;
  }

  /**
   * Times {@code model} (inputs scaled by {@code scaling}) and WMMSE-100 at each size: {@code reps} timed calls of
   * the WCGCN and the graph after {@code warmupSeconds} of warm-up, {@code wmmseReps} timed calls of WMMSE.
   */
  public static List<BeamformingTiming> run(Wcgcn model, BeamScaling scaling, List<Integer> sizes, int reps,
      double warmupSeconds, int wmmseReps) {
    if (model == null || scaling == null || sizes == null || sizes.isEmpty()) {
      throw new IllegalArgumentException("BeamformingTiming.run: model, scaling and a non-empty list of sizes are "
          + "required");
    }
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
      Timing w = Timing.of(wmmseReps, 0).time("wmmse", 1, () -> wmmse.allocate(s.problem()));
      out.add(new BeamformingTiming(k, g.graph().edgeCount(), t.result("graph").bestMs(),
          t.result("wcgcn").bestMs(), w.result("wmmse").bestMs(), t.result("wcgcn").loadAverage()));
    }
    return out;
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
