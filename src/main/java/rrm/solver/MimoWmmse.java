package rrm.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;
import rrm.system.Beamformers;
import rrm.system.Chunked;
import rrm.system.Method;
import rrm.system.MimoProblem;
import rrm.tensor.Chunks;
import rrm.tensor.EdgeList;
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
 * @param precise whether the trajectory's rates are {@link MimoRates#precise} (accurate to about 1e-10 where a
 *     receiver's covariance is ill-conditioned, which {@link MimoRates#rates} is not: judge monotonicity with these;
 *     about twice the cost of an evaluation) rather than {@link MimoRates#rates}
 */
public record MimoWmmse(int iterations, WmmseMimo.Rule rule, boolean trajectory, int chunk, boolean precise)
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

  /** The solver with its trajectory, if recorded, evaluated by {@link MimoRates#rates}. */
  public MimoWmmse(int iterations, WmmseMimo.Rule rule, boolean trajectory, int chunk) {
    this(iterations, rule, trajectory, chunk, false);
  }

  /** Returns textbook WMMSE with T iterations, trajectory recorded, chunks of {@link Chunks#DEFAULT_SIZE}. */
  public static MimoWmmse of(int iterations) {
    return new MimoWmmse(iterations, WmmseMimo.Rule.TEXTBOOK, true, Chunks.DEFAULT_SIZE, false);
  }

  /** Returns truncated textbook WMMSE with K iterations (the same algorithm as {@link #of}). */
  public static MimoWmmse truncated(int k) {
    return of(k);
  }

  /** Returns a copy with another update rule. */
  public MimoWmmse withRule(WmmseMimo.Rule r) {
    return new MimoWmmse(iterations, r, trajectory, chunk, precise);
  }

  /** Returns a copy that does not record the trajectory (for timing). */
  public MimoWmmse withoutTrajectory() {
    return new MimoWmmse(iterations, rule, false, chunk, false);
  }

  /**
   * Returns a copy that records the trajectory with {@link MimoRates#precise}: the sum-rates to about 1e-10 even
   * where a receiver's noise is tiny against its interference (there {@link MimoRates#rates}, the default, errs by up
   * to 1e-5 bit/s/Hz per user, enough to make a monotone run look as if it dropped).
   */
  public MimoWmmse withPreciseTrajectory() {
    return new MimoWmmse(iterations, rule, true, chunk, true);
  }

  /** Returns a copy with another chunk size. */
  public MimoWmmse withChunk(int c) {
    return new MimoWmmse(iterations, rule, trajectory, c, precise);
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

  /**
   * Returns the full update (receivers, raw weights (6), weights, precoders, multiplier) of the iterations
   * {@code at} (1-based, strictly increasing, each in 1..T), one {@link WmmseMimo.Step} per entry of {@code at} with
   * the whole batch (chunks concatenated): the trace of the same run as {@link #run}, recorded as it passes, so the
   * entry for iteration k equals what a k-iteration run computes. For example the raw weights {@code ŵ} of
   * iterations 1, 2, 3 and T and the final precoders {@code steps(p, 1, 2, 3, T).get(3).v()}.
   */
  public List<WmmseMimo.Step> steps(MimoProblem problem, int... at) {
    String op = "MimoWmmse.steps";
    if (problem == null) throw new IllegalArgumentException(op + ": problem must not be null");
    if (at == null || at.length == 0) {
      throw new IllegalArgumentException(op + ": at must name at least one iteration in 1.." + iterations);
    }
    for (int i = 0; i < at.length; i++) {
      if (at[i] < 1 || at[i] > iterations || i > 0 && at[i] <= at[i - 1]) {
        throw new IllegalArgumentException(op + ": at must be strictly increasing iterations in 1.." + iterations
            + ", got " + Arrays.toString(at));
      }
    }
    MimoWmmse plain = withoutTrajectory();
    List<WmmseMimo.Step[]> parts = Chunks.map(problem.batch(), chunk, (from, to) -> {
      WmmseMimo.Step[] seen = new WmmseMimo.Step[at.length];
      plain.runChunk(problem.slice(from, to), (step, k) -> {
        int i = Arrays.binarySearch(at, k);
        if (i >= 0) seen[i] = step;
      });
      return seen;
    });
    List<WmmseMimo.Step> out = new ArrayList<>(at.length);
    for (int i = 0; i < at.length; i++) {
      final int n = i;
      List<WmmseMimo.Step> col = parts.stream().map(s -> s[n]).toList();
      Tensor mu = col.get(0).mu() == null ? null : Chunks.concat(col.stream().map(WmmseMimo.Step::mu).toList());
      out.add(new WmmseMimo.Step(Chunks.concat(col.stream().map(WmmseMimo.Step::u).toList()),
          Chunks.concat(col.stream().map(WmmseMimo.Step::wHat).toList()),
          Chunks.concat(col.stream().map(WmmseMimo.Step::w).toList()),
          Chunks.concat(col.stream().map(WmmseMimo.Step::v).toList()), mu));
    }
    return out;
  }

  /**
   * Runs T iterations on every instance as message passing on the interference graph {@code edges} (nodes
   * {@code b K + i}; see {@link MimoNeighbourhood#graph}): every update uses only the links the graph names, so on
   * the complete graph this equals {@link #run} up to the order of the sums, and on a local-CSI graph it equals
   * {@link #run} on the problem with the unknown links set to 0. The recorded sum-rates, if any, are the true ones
   * (every channel). One call over the whole batch (no chunks).
   */
  public Result run(MimoProblem problem, EdgeList edges) {
    if (problem == null) throw new IllegalArgumentException("MimoWmmse.run: problem must not be null");
    MimoSignals s = MimoSignals.of(problem);
    return runChunk(problem, s, MimoNeighbourhood.graph(s, edges), null);
  }

  private Result runChunk(MimoProblem p) {
    return runChunk(p, null);
  }

  /** Runs one chunk; {@code observer} (or null) sees every iteration's update as it is made. */
  private Result runChunk(MimoProblem p, ObjIntConsumer<WmmseMimo.Step> observer) {
    MimoSignals s = MimoSignals.of(p);
    return runChunk(p, s, MimoNeighbourhood.precomputed(s), observer);
  }

  private Result runChunk(MimoProblem p, MimoSignals s, MimoNeighbourhood nb, ObjIntConsumer<WmmseMimo.Step> observer) {
    int b = p.batch(), t = iterations;
    double[] rates = trajectory ? new double[b * (t + 1)] : null;
    Tensor v = WmmseMimo.initial(s);
    if (trajectory) record(p, s, v, rates, 0, t, precise);
    for (int k = 1; k <= t; k++) {
      WmmseMimo.Step step = WmmseMimo.step(s, nb, v, rule, null, null);
      if (observer != null) observer.accept(step, k);
      v = step.v();
      if (trajectory) record(p, s, v, rates, k, t, precise);
    }
    return new Result(Beamformers.of(v), trajectory ? Tensor.of(rates, b, t + 1) : null);
  }

  private static void record(MimoProblem p, MimoSignals s, Tensor v, double[] rates, int k, int t, boolean precise) {
    double[] sum = MimoRates.weighted(p, precise ? MimoRates.precise(s, v) : MimoRates.rates(s, v)).data();
    for (int i = 0; i < sum.length; i++) rates[i * (t + 1) + k] = sum[i];
  }
}
