package rrm.solver;

import java.util.ArrayList;
import java.util.List;
import rrm.system.Beamformers;
import rrm.system.Chunked;
import rrm.system.Method;
import rrm.system.MimoProblem;
import rrm.tensor.Chunks;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;
import rrm.utility.MimoSignals;

/**
 * Classical WMMSE for linear precoding in the MIMO interference channel: start from {@link WmmseMimo#initial} and apply
 * {@link WmmseMimo#step} with no weight transform T times (no stopping rule). With {@link WmmseMimo.Rule#TEXTBOOK}
 * this is Shi et al.'s algorithm (the budget multiplier solved exactly; the weighted sum-rate never decreases); with
 * {@link WmmseMimo.Rule#loaded} it is the variant the authors' code of paper 001 runs as "WMMSE" (mu = 0, loading,
 * projection). With small T it is truncated WMMSE. Runs without gradients, in parallel chunks of the batch
 * ({@link Chunked}); results do not depend on the chunking or the thread count.
 *
 * <pre>{@code
 * MimoWmmse.Result r = MimoWmmse.of(100).run(problem);
 * double[] curve = r.meanSumRate();    // iterations 0..100
 * }</pre>
 *
 * @param iterations T >= 0
 * @param rule loading and multiplier of the update
 * @param trajectory whether to record the sum-rate after every iteration (one rate evaluation per iteration)
 * @param chunk instances per parallel chunk, >= 1
 */
public record MimoWmmse(int iterations, WmmseMimo.Rule rule, boolean trajectory, int chunk)
    implements Method<MimoProblem, Beamformers> {

  public MimoWmmse {
    if (iterations < 0) throw new IllegalArgumentException("MimoWmmse: iterations must be >= 0, got " + iterations);
    if (rule == null) throw new IllegalArgumentException("MimoWmmse: rule must not be null");
    if (rule.multiplier() != WmmseMimo.Multiplier.BISECTION && rule.multiplier() != WmmseMimo.Multiplier.ZERO
        && rule.multiplier() != WmmseMimo.Multiplier.NOISE_TRACE) {
      throw new IllegalArgumentException("MimoWmmse: the classical solver has no learned multiplier; rule must use "
          + "BISECTION, ZERO or NOISE_TRACE, got " + rule.multiplier());
    }
    if (chunk < 1) throw new IllegalArgumentException("MimoWmmse: chunk must be >= 1, got " + chunk);
  }

  /** Returns textbook WMMSE with T iterations, trajectory recorded, chunks of {@link Chunks#DEFAULT_SIZE}. */
  public static MimoWmmse of(int iterations) {
    return new MimoWmmse(iterations, WmmseMimo.Rule.TEXTBOOK, true, Chunks.DEFAULT_SIZE);
  }

  /** Returns truncated textbook WMMSE with K iterations (the same algorithm as {@link #of}). */
  public static MimoWmmse truncated(int k) {
    return of(k);
  }

  /** Returns a copy with another update rule. */
  public MimoWmmse withRule(WmmseMimo.Rule r) {
    return new MimoWmmse(iterations, r, trajectory, chunk);
  }

  /** Returns a copy that does not record the trajectory (for timing). */
  public MimoWmmse withoutTrajectory() {
    return new MimoWmmse(iterations, rule, false, chunk);
  }

  /** Returns a copy with another chunk size. */
  public MimoWmmse withChunk(int c) {
    return new MimoWmmse(iterations, rule, trajectory, c);
  }

  @Override
  public String name() {
    if (rule.multiplier() == WmmseMimo.Multiplier.NOISE_TRACE) return "WMMSE-noise-trace-" + iterations;
    return rule.multiplier() == WmmseMimo.Multiplier.BISECTION && rule.loading() == 0
        ? "WMMSE-" + iterations : "WMMSE-loaded-" + iterations;
  }

  @Override
  public Beamformers allocate(MimoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("MimoWmmse.allocate: problem must not be null");
    MimoWmmse plain = withoutTrajectory();
    return Chunked.beamformers(problem, chunk, p -> plain.runChunk(p).beamformers());
  }

  /**
   * What a run returns.
   *
   * @param beamformers the final precoders
   * @param sumRates per instance, the weighted sum-rate {@code sum_i alpha_i c_i} (the sum-rate when the problem has
   *     no weights) after t = 0..T iterations, {@code [B, T + 1]}; null when not recorded
   */
  public record Result(Beamformers beamformers, Tensor sumRates) {
    /** Returns the mean over instances of the sum-rate after each iteration t = 0..T. */
    public double[] meanSumRate() {
      if (sumRates == null) {
        throw new IllegalStateException("MimoWmmse.Result.meanSumRate: the run did not record its trajectory");
      }
      return sumRates.mean(0).toArray();
    }

    /** Returns the per-instance sum-rate after the last iteration, {@code [B]}. */
    public Tensor finalSumRate() {
      if (sumRates == null) {
        throw new IllegalStateException("MimoWmmse.Result.finalSumRate: the run did not record its trajectory");
      }
      return sumRates.select(1, sumRates.size(1) - 1);
    }
  }

  /** Runs T iterations on every instance of {@code problem}. */
  public Result run(MimoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("MimoWmmse.run: problem must not be null");
    List<Result> parts = Chunks.map(problem.batch(), chunk, (from, to) -> runChunk(problem.slice(from, to)));
    List<Beamformers> v = new ArrayList<>(parts.size());
    for (Result r : parts) v.add(r.beamformers());
    Tensor rates = trajectory ? Chunks.concat(parts.stream().map(Result::sumRates).toList()) : null;
    return new Result(Beamformers.concat(v), rates);
  }

  private Result runChunk(MimoProblem p) {
    MimoSignals s = MimoSignals.of(p);
    int b = p.batch(), t = iterations;
    double[] rates = trajectory ? new double[b * (t + 1)] : null;
    Tensor v = WmmseMimo.initial(s);
    if (trajectory) record(p, s, v, rates, 0, t);
    for (int k = 1; k <= t; k++) {
      v = WmmseMimo.step(s, v, rule, null, null).v();
      if (trajectory) record(p, s, v, rates, k, t);
    }
    return new Result(Beamformers.of(v), trajectory ? Tensor.of(rates, b, t + 1) : null);
  }

  private static void record(MimoProblem p, MimoSignals s, Tensor v, double[] rates, int k, int t) {
    double[] sum = MimoRates.weighted(p, MimoRates.rates(s, v)).data();
    for (int i = 0; i < sum.length; i++) rates[i * (t + 1) + k] = sum[i];
  }
}
