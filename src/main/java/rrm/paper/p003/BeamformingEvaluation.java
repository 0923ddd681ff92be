package rrm.paper.p003;

import rrm.channel.D2dSamples;
import rrm.channel.MisoD2d;
import rrm.model.gnn.BeamScaling;
import rrm.model.gnn.Wcgcn;
import rrm.report.Paired;
import rrm.solver.MimoWmmse;
import rrm.solver.Mrt;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.utility.WeightedSumRate;

/**
 * The test of paper 003's beamforming tables (Sec. V-C, Tables V-VII), streamed: layout by layout (a K = 1000
 * layout holds 32 MB of channels, so no test set is held), the learned WCGCN with the 500 m local CSI, WMMSE-100
 * with global CSI (the normaliser) and MRT at full power (an interference-blind reference), each scored by its sum
 * rate on the true channel; optionally WMMSE-100 with the same local CSI as the WCGCN (run on the channels of the
 * links at most 500 m long, the others set to 0: {@link rrm.channel.InterferenceGraph#restrict(MimoProblem)}).
 * Layout n of a test is sample n of the stream, whatever the batch.
 *
 * @param wcgcn sum-rate of the WCGCN per layout, bit/s/Hz
 * @param wmmse sum-rate of WMMSE-100 per layout
 * @param mrt sum-rate of MRT per layout
 * @param wmmseLocal sum-rate of WMMSE-100 with local CSI per layout (empty when not run)
 * @param meanInDegree mean in-degree of the local-CSI graphs
 * @param maxPower the largest per-transmitter power of the WCGCN's beams (budget 1)
 * @param wcgcnMs mean WCGCN time per layout (graph building and forward), ms
 * @param wmmseMs mean WMMSE-100 time per layout, ms
 */
public record BeamformingEvaluation(double[] wcgcn, double[] wmmse, double[] mrt, double[] wmmseLocal,
    double meanInDegree, double maxPower, double wcgcnMs, double wmmseMs) {

  /** Returns the scores of {@code model} (inputs scaled by {@code scaling}) on layouts [0, n) of stream seed. */
  public static BeamformingEvaluation run(Wcgcn model, BeamScaling scaling, MisoD2d scenario, long seed, int n) {
    return run(model, scaling, scenario, seed, n, false);
  }

  /** As {@link #run(Wcgcn, BeamScaling, MisoD2d, long, int)}, with WMMSE-100 on local CSI too if {@code local}. */
  public static BeamformingEvaluation run(Wcgcn model, BeamScaling scaling, MisoD2d scenario, long seed, int n,
      boolean local) {
    if (model == null || scaling == null || scenario == null) {
      throw new IllegalArgumentException("BeamformingEvaluation.run: model, scaling and scenario must not be null");
    }
    if (n < 1) throw new IllegalArgumentException("BeamformingEvaluation.run: layouts n must be >= 1, got " + n);
    double[] g = new double[n], w = new double[n], m = new double[n], wl = new double[local ? n : 0];
    double degree = 0, maxPower = 0, tg = 0, tw = 0;
    MimoWmmse wmmse = MimoWmmse.of(Paper003.WMMSE_ITERATIONS).withoutTrajectory();
    for (int i = 0; i < n; i++) {
      D2dSamples<MimoProblem> s = scenario.sample(seed, i);
      MimoProblem p = s.problem();
      long t0 = System.nanoTime();
      BeamformingTraining.Batch b = BeamformingTraining.batch(s, scaling);
      Beamformers v = model.beamformers(b.graph());
      long t1 = System.nanoTime();
      Beamformers vw = wmmse.allocate(p);
      long t2 = System.nanoTime();
      tg += (t1 - t0) / 1e6;
      tw += (t2 - t1) / 1e6;
      g[i] = WeightedSumRate.of(p, v).item();
      w[i] = WeightedSumRate.of(p, vw).item();
      m[i] = WeightedSumRate.of(p, new Mrt().allocate(p)).item();
      if (local) wl[i] = WeightedSumRate.of(p, wmmse.allocate(s.graph(Paper003.CSI_RADIUS).restrict(p))).item();
      degree += b.graph().graph().meanInDegree();
      for (double x : v.userPowers().data()) maxPower = Math.max(maxPower, x);
    }
    return new BeamformingEvaluation(g, w, m, wl, degree / n, maxPower, tg / n, tw / n);
  }

  /**
   * Returns the sum-rate of {@code model} alone on layouts [0, n) of stream seed (the same layouts and scores as
   * {@link #run}'s {@code wcgcn}), to set another network beside a run's baselines without running them again.
   */
  public static double[] networkSumRates(Wcgcn model, BeamScaling scaling, MisoD2d scenario, long seed, int n) {
    if (model == null || scaling == null || scenario == null) {
      throw new IllegalArgumentException("BeamformingEvaluation.networkSumRates: model, scaling and scenario must not"
          + " be null");
    }
    if (n < 1) throw new IllegalArgumentException("BeamformingEvaluation.networkSumRates: layouts n must be >= 1, got "
        + n);
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      D2dSamples<MimoProblem> s = scenario.sample(seed, i);
      g[i] = WeightedSumRate.of(s.problem(), model.beamformers(BeamformingTraining.batch(s, scaling).graph())).item();
    }
    return g;
  }

  /** Returns the mean of {@code sumRates} (one per layout of this run) as % of WMMSE-100's mean. */
  public double pctOfWmmse(double[] sumRates) {
    if (sumRates == null || sumRates.length != wmmse.length) {
      throw new IllegalArgumentException("BeamformingEvaluation.pctOfWmmse: needs " + wmmse.length
          + " sum-rates (one per layout), got " + (sumRates == null ? "null" : sumRates.length));
    }
    return 100 * mean(sumRates) / mean(wmmse);
  }

  /** Returns the WCGCN's mean sum-rate as % of WMMSE-100's (ratio of means, as the paper's tables). */
  public double wcgcnPct() {
    return pctOfWmmse(wcgcn);
  }

  /**
   * Returns the paired bootstrap standard error of {@link #wcgcnPct} in percentage points: layouts resampled
   * {@code resamples} times from {@code seed}, the WCGCN and WMMSE-100 of a layout kept together
   * ({@link Paired#ratioSe}).
   */
  public double wcgcnPctSe(int resamples, long seed) {
    return 100 * Paired.ratioSe(wcgcn, wmmse, resamples, seed);
  }

  /** Returns MRT's mean sum-rate as % of WMMSE-100's. */
  public double mrtPct() {
    return 100 * mean(mrt) / mean(wmmse);
  }

  /** Returns the mean sum-rate of WMMSE-100 with local CSI as % of WMMSE-100's (NaN when not run). */
  public double wmmseLocalPct() {
    return wmmseLocal.length == 0 ? Double.NaN : 100 * mean(wmmseLocal) / mean(wmmse);
  }

  /** Returns the mean WMMSE-100 sum-rate. */
  public double wmmseMean() {
    return mean(wmmse);
  }

  /** Returns the fraction of layouts on which the WCGCN beats MRT. */
  public double winRateOverMrt() {
    int c = 0;
    for (int i = 0; i < wcgcn.length; i++) if (wcgcn[i] > mrt[i]) c++;
    return (double) c / wcgcn.length;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }
}
