package rrm.solver;

import java.util.Arrays;
import java.util.List;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Chunks;
import rrm.tensor.Tensor;
import rrm.utility.Rates;
import rrm.utility.Utility;

/**
 * Classical WMMSE for power allocation in the SISO interference channel (Shi et al.; paper 002 ref. [14], §II
 * and §IV-A): start at full power and apply {@link WmmseSiso#step} with {@code a = 1, b = 0, mu = 0} a fixed number
 * of times. With T = 100 this is the "WMMSE" row of every figure of paper 002; with T = K it is truncated WMMSE
 * ("Tr-WMMSE"). Runs without recording gradients, in parallel over chunks of the batch ({@link Chunks}); results do
 * not depend on the thread count.
 *
 * <p>Optional stopping rule (Sun et al., the MLP baseline's label generator): a sample is frozen, keeping its
 * current powers, once one iteration improves its utility {@code sum_i beta(c_i)} by at most {@code stopTolerance}
 * (for the sum-rate this is Sun's {@code sum_i log2 w_i} test). The default is exactly T iterations, no stopping.
 *
 * <pre>{@code
 * WmmseResult r = Wmmse.of(100).run(problem);
 * double[] curve = r.meanSumRate();   // iteration 0..100
 * }</pre>
 *
 * @param iterations T >= 0
 * @param utility gives gamma' for the weight update (eq. 7 for the sum-rate, eq. 10 otherwise) and the tracked
 *     utility
 * @param stopRule whether the stopping rule is on
 * @param stopTolerance the stopping rule's threshold, >= 0 (Sun: 1e-3)
 * @param trajectory whether to record the per-iteration sum-rate and utility (costs one log per link per
 *     iteration)
 */
public record Wmmse(int iterations, Utility utility, boolean stopRule, double stopTolerance, boolean trajectory)
    implements Method<SisoProblem, Powers> {
  private static final double LN2 = Math.log(2);

  public Wmmse {
    if (iterations < 0) throw new IllegalArgumentException("Wmmse: iterations must be >= 0, got " + iterations);
    if (utility == null) throw new IllegalArgumentException("Wmmse: utility must not be null");
    if (!(stopTolerance >= 0) || !Double.isFinite(stopTolerance)) {
      throw new IllegalArgumentException("Wmmse: stopTolerance must be >= 0 and finite, got " + stopTolerance);
    }
  }

  /** Returns WMMSE with T iterations, sum-rate weights (eq. 7), no stopping rule, trajectory recorded. */
  public static Wmmse of(int iterations) {
    return new Wmmse(iterations, Utility.sumRate(), false, 1e-3, true);
  }

  /** Returns truncated WMMSE with K iterations (the same algorithm as {@link #of}). */
  public static Wmmse truncated(int k) {
    return of(k);
  }

  /** Returns a copy with another utility (its gamma' drives the weight update). */
  public Wmmse withUtility(Utility u) {
    return new Wmmse(iterations, u, stopRule, stopTolerance, trajectory);
  }

  /** Returns a copy with the stopping rule on at the given tolerance. */
  public Wmmse withStopRule(double tolerance) {
    return new Wmmse(iterations, utility, true, tolerance, trajectory);
  }

  /** Returns a copy that does not record the trajectory (for timing). */
  public Wmmse withoutTrajectory() {
    return new Wmmse(iterations, utility, stopRule, stopTolerance, false);
  }

  @Override
  public String name() {
    return "WMMSE-" + iterations + (stopRule ? " (stop " + stopTolerance + ")" : "");
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    return Powers.of(withoutTrajectory().run(problem).powers());
  }

  /** Runs on every instance of {@code problem}, in parallel chunks. */
  public WmmseResult run(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("Wmmse.run: problem must not be null");
    List<WmmseResult> parts = Chunks.map(problem.batch(), Chunks.DEFAULT_SIZE,
        (from, to) -> runChunk(problem.slice(from, to)));
    int[] its = parts.stream().flatMapToInt(r -> Arrays.stream(r.iterations())).toArray();
    boolean tracked = trajectory;
    return new WmmseResult(Chunks.concat(parts.stream().map(WmmseResult::powers).toList()),
        tracked ? Chunks.concat(parts.stream().map(WmmseResult::sumRates).toList()) : null,
        tracked ? Chunks.concat(parts.stream().map(WmmseResult::utilities).toList()) : null, its);
  }

  private WmmseResult runChunk(SisoProblem h) {
    int b = h.batch(), t = iterations;
    boolean track = trajectory || stopRule;
    double[] rates = track ? new double[b * (t + 1)] : null;
    double[] utils = track ? new double[b * (t + 1)] : null;
    int[] its = new int[b];
    Arrays.fill(its, t);
    boolean[] frozen = new boolean[b];
    int active = b;
    Tensor v = WmmseSiso.initial(h);
    int done = 0;
    for (int k = 1; k <= t && active > 0; k++) {
      WmmseState s = WmmseSiso.step(h, v, null, null, null, utility);
      if (track) record(s.e().log().div(-LN2), rates, utils, k - 1, t);
      Tensor next = s.v();
      if (stopRule && k >= 2) {
        double[] keep = null;
        for (int i = 0; i < b; i++) {
          if (frozen[i] || utils[i * (t + 1) + k - 1] - utils[i * (t + 1) + k - 2] > stopTolerance) continue;
          frozen[i] = true;
          its[i] = k - 1;
          active--;
        }
        if (active < b) {
          keep = new double[b * h.links()];
          for (int i = 0; i < b; i++) if (!frozen[i]) Arrays.fill(keep, i * h.links(), (i + 1) * h.links(), 1);
          next = next.where(Tensor.of(keep, b, h.links()), v);
        }
      }
      v = next;
      done = k;
    }
    Tensor p = v.square();
    if (track) {
      record(Rates.rates(h, p), rates, utils, done, t);
      for (int k = done + 1; k <= t; k++) {
        for (int i = 0; i < b; i++) {
          rates[i * (t + 1) + k] = rates[i * (t + 1) + done];
          utils[i * (t + 1) + k] = utils[i * (t + 1) + done];
        }
      }
    }
    return new WmmseResult(p, trajectory ? Tensor.of(rates, b, t + 1) : null,
        trajectory ? Tensor.of(utils, b, t + 1) : null, its);
  }

  /** Writes column {@code k} of the per-sample sum-rate and utility tables from per-link rates {@code [B, M]}. */
  private void record(Tensor linkRates, double[] rates, double[] utils, int k, int t) {
    double[] sum = linkRates.sum(-1).data();
    double[] u = utility.total(linkRates).data();
    for (int i = 0; i < sum.length; i++) {
      rates[i * (t + 1) + k] = sum[i];
      utils[i * (t + 1) + k] = u[i];
    }
  }
}
