package rrm.solver;

import java.util.List;
import java.util.SplittableRandom;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Chunks;
import rrm.tensor.EdgeList;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * WMMSE for weighted sum-rate power control in the SISO interference channel, with the rate weights
 * {@code alpha [B, M]} of the problem (unit weights when it has none): the normaliser of paper 003 Tables I-IV
 * (Sec. V, "we run WMMSE for 100 iterations"). Amplitudes {@code b = sqrt(p)}, {@code a_ij} the amplitude from
 * transmitter j to receiver i:
 *
 * <pre>
 *   u_i = a_ii b_i / (sigma^2 + sum_j a_ij^2 b_j^2),      w_i = 1 / e_i = 1 + SINR_i
 *   b_i = clamp(alpha_i w_i u_i a_ii / sum_j alpha_j w_j u_j^2 a_ji^2, 0, sqrt(pmax))
 * </pre>
 *
 * This is {@link WmmseSiso#step} with the weight scale {@code a = alpha} (its {@code w = a gamma'(e)} with the
 * sum-rate {@code gamma'(e) = 1/e} is {@code alpha / e}), so the classical solver, this weighted variant and the
 * unrolled networks share one update. Each iteration does not decrease {@code sum_i alpha_i log2(1 / e_i)}, the
 * weighted sum rate of the current powers.
 *
 * <p>Per-receiver noise and per-transmitter budgets are honoured. Starts at full power, or at
 * {@code p ~ U[0, pmax]} with {@link #randomInit} (instance n of the problem draws from
 * {@code Random.stream(seed, n)}, whatever the chunking). Runs exactly T iterations, in parallel chunks, without
 * gradients. Local CSI: run it on {@code InterferenceGraph.restrict(problem)}.
 *
 * @param iterations T >= 0
 * @param randomInit whether to start from random powers instead of full power
 * @param seed the seed of the random start (unused otherwise)
 */
public record WeightedWmmse(int iterations, boolean randomInit, long seed) implements Method<SisoProblem, Powers> {
  private static final double LN2 = Math.log(2);

  public WeightedWmmse {
    if (iterations < 0) {
      throw new IllegalArgumentException("WeightedWmmse: iterations must be >= 0, got " + iterations);
    }
  }

  /** Returns T iterations from full power. */
  public static WeightedWmmse of(int iterations) {
    return new WeightedWmmse(iterations, false, 0);
  }

  /** Returns a copy that starts from random powers {@code U[0, pmax]} drawn from {@code seed}. */
  public WeightedWmmse withRandomInit(long s) {
    return new WeightedWmmse(iterations, true, s);
  }

  @Override
  public String name() {
    return "WMMSE-" + iterations + (randomInit ? " (random init)" : "");
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    check(problem);
    Tensor start = start(problem);
    List<Tensor> parts = Chunks.map(problem.batch(), chunk(problem.links()),
        (from, to) -> {
          SisoProblem part = problem.slice(from, to);
          return iterate(part, SisoNeighbourhood.of(part), Chunks.slice(start, from, to), null);
        });
    return Powers.of(Chunks.concat(parts));
  }

  /**
   * Returns the weighted sum rate {@code sum_i alpha_i log2(1 / e_i)} of every instance after each iteration:
   * {@code [B, T + 1]}, column 0 at the initial powers (for monotonicity checks and convergence plots).
   */
  public Tensor trajectory(SisoProblem problem) {
    check(problem);
    int t = iterations, b = problem.batch();
    double[] out = new double[b * (t + 1)];
    iterate(problem, SisoNeighbourhood.of(problem), start(problem), out);
    return Tensor.of(out, b, t + 1);
  }

  /**
   * Returns the powers after T iterations run as message passing on the interference graph {@code edges} (nodes
   * {@code b M + i}; see {@link SisoNeighbourhood#graph}): every update uses only the links the graph names, so on
   * the complete graph this equals {@link #allocate} up to the order of the sums, and on a local-CSI graph it equals
   * {@link #allocate} on the problem with the unknown links set to 0. One call over the whole batch (no chunks).
   */
  public Powers allocate(SisoProblem problem, EdgeList edges) {
    check(problem);
    return Powers.of(iterate(problem, SisoNeighbourhood.graph(problem, edges), start(problem), null));
  }

  /**
   * Returns the weighted sum rate after each iteration of the message-passing run ({@code [B, T + 1]}), as the
   * nodes see it: through the links the graph names (the true rates of local-CSI powers come from evaluating the
   * powers on the full problem).
   */
  public Tensor trajectory(SisoProblem problem, EdgeList edges) {
    check(problem);
    int t = iterations, b = problem.batch();
    double[] out = new double[b * (t + 1)];
    iterate(problem, SisoNeighbourhood.graph(problem, edges), start(problem), out);
    return Tensor.of(out, b, t + 1);
  }

  private static void check(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("WeightedWmmse.allocate: problem must not be null");
  }

  /** Chunk size: about a million channel entries per chunk. */
  static int chunk(int links) {
    return Math.max(1, Math.min(64, (1 << 20) / (links * links)));
  }

  /** Returns the initial amplitudes {@code sqrt(p^(0)) [B, M]} of every instance. */
  private Tensor start(SisoProblem p) {
    int b = p.batch(), m = p.links();
    if (!randomInit) return WmmseSiso.initial(p);
    double[] v = new double[b * m], pmax = p.budgets();
    for (int n = 0; n < b; n++) {
      SplittableRandom rng = new SplittableRandom(Random.stream(seed, n));
      for (int i = 0; i < m; i++) v[n * m + i] = Math.sqrt(Random.uniform(rng, 0, pmax[i]));
    }
    return Tensor.of(v, b, m);
  }

  /** Runs T iterations from amplitudes {@code v}; fills {@code track [B, T + 1]} with the objective if not null. */
  private Tensor iterate(SisoProblem p, SisoNeighbourhood nb, Tensor start, double[] track) {
    int b = p.batch(), m = p.links(), t = iterations;
    Tensor alpha = p.weights() == null ? Tensor.ones(b, m) : p.weights();
    Tensor v = start;
    double[] al = alpha.data();
    int last = track == null ? t - 1 : t;
    for (int k = 0; k <= last; k++) {
      WmmseState s = WmmseSiso.step(p, nb, v, alpha, null, null, Utility.sumRate());
      if (track != null) {
        double[] e = s.e().data();
        for (int n = 0; n < b; n++) {
          double r = 0;
          for (int i = 0; i < m; i++) r -= al[n * m + i] * Math.log(e[n * m + i]);
          track[n * (t + 1) + k] = r / LN2;
        }
      }
      if (k == t) break;
      v = s.v();
    }
    return v.square();
  }
}
