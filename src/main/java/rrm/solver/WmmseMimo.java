package rrm.solver;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/**
 * One WMMSE update for linear transceivers in the MIMO interference channel (Shi et al., paper 001 eqs. (5)-(10)),
 * written once and used twice: the classical solver {@link MimoWmmse} calls it in a loop under no-grad with no weight
 * transform; an unrolled network calls it once per layer with a learned {@link WeightTransform} and a learned
 * multiplier while gradients are recorded. For user i with direct signal {@code B_i = H_ii V_i} and
 * interference-plus-noise covariance {@code N_i} ({@link MimoSignals}, noise loaded by {@code eps}):
 *
 * <pre>
 *   U_i    = (N_i + B_i B_i^H)^{-1} B_i = N_i^{-1} B_i Ŵ_i^{-1}                          (5)  receive filter
 *   Ŵ_i    = (I - U_i^H B_i)^{-1} = I + B_i^H N_i^{-1} B_i                               (6)  raw weight (d x d)
 *   W_i    = alpha_i T(Ŵ_i; U, V)                                                         (8)  transform, rate weight
 *   A_j    = sum_i H_ij^H U_i W_i U_i^H H_ij            (sum over all receivers, own included)
 *   V̄_j    = (A_j + eps I + M_j)^{-1} H_jj^H U_j W_j                                     (9)
 *   V_j    = V̄_j min(1, sqrt(P_j) / ||V̄_j||_F)                                          (10) projection
 * </pre>
 *
 * The second forms of (5) and (6) equal the first in exact arithmetic (matrix inversion lemma) but need no
 * {@code 1 - x} that cancels at high SINR; {@code log det Ŵ_i} is user i's rate in nats when {@code eps = 0}. The
 * multiplier term {@code M_j} is set by {@link Multiplier}: the textbook {@code mu_j I} with {@code mu_j >= 0} the root
 * of the monotone budget equation, so that the budget holds with equality whenever it binds (Shi et al. find it by
 * bisection; {@link PowerMultiplier} finds the same root by safeguarded Newton steps, with bisection where the system
 * is singular; differentiable through the implicit-function theorem), 0 (the authors' code: loading and projection
 * only), or a learned complex mu as {@code mu I} (paper eq. (9)) or {@code K mu 1 1^T} (the authors' code).
 *
 * <p>Shapes: precoders {@code V [B, K, N_t, d]}, receivers {@code U [B, K, N_r, d]}, weights {@code [B, K, d, d]}.
 */
public final class WmmseMimo {
  private WmmseMimo() {}

  /** How the precoder update (9) treats the power budget. */
  public enum Multiplier {
    /**
     * Textbook WMMSE: {@code M_j = mu_j I} with {@code mu_j >= 0} the multiplier of the budget (Shi et al.'s bisection
     * target; see {@link PowerMultiplier}); the projection is then a no-op up to rounding.
     */
    BISECTION,
    /** {@code M_j = 0}: the budget is enforced by the projection (10) alone (the authors' code of paper 001). */
    ZERO,
    /** A learned complex scalar mu, {@code M_j = mu I} (paper 001 eq. (9)). */
    LEARNED_IDENTITY,
    /** A learned complex scalar mu, {@code M_j = K mu 1 1^T} (the authors' code of paper 001). */
    LEARNED_ALL_ONES,
    /**
     * The closed form of WMMSE with the budget absorbed into the objective (Christensen et al.; the algorithm IAIDNN
     * unrolls, Hu et al.): {@code M_j = (sum_i sigma_i^2 tr(U_i W_i U_i^H) / P_j) I}, summed over every receiver i,
     * followed by the projection (10).
     */
    NOISE_TRACE;

    boolean learned() {
      return this == LEARNED_IDENTITY || this == LEARNED_ALL_ONES;
    }
  }

  /**
   * The fixed choices of one update.
   *
   * @param loading eps >= 0 added to the noise in (5)-(6) and to the diagonal in (9)
   * @param multiplier the multiplier term of (9)
   */
  public record Rule(double loading, Multiplier multiplier) {
    /** Textbook WMMSE (Shi et al.): no loading, mu by bisection. */
    public static final Rule TEXTBOOK = new Rule(0, Multiplier.BISECTION);

    public Rule {
      if (!(loading >= 0) || !Double.isFinite(loading)) {
        throw new IllegalArgumentException("WmmseMimo.Rule: loading must be >= 0 and finite, got " + loading);
      }
      if (multiplier == null) throw new IllegalArgumentException("WmmseMimo.Rule: multiplier must not be null");
    }

    /** Returns the rule of the authors' code of paper 001: loading eps, {@code mu = 0}, projection. */
    public static Rule loaded(double eps) {
      return new Rule(eps, Multiplier.ZERO);
    }
  }

  /** A map from the raw weights (6) to the weights the precoder update uses (8); null means the identity. */
  @FunctionalInterface
  public interface WeightTransform {
    /**
     * Returns the weights {@code [B, K, d, d]} (complex) given the raw weights {@code wHat [B, K, d, d]}, the new
     * receivers {@code u [B, K, N_r, d]} and the previous precoders {@code vPrev [B, K, N_t, d]}.
     */
    Tensor apply(Tensor wHat, Tensor u, Tensor vPrev);
  }

  /** The receive half of an update: receivers (5) and raw weights (6). */
  public record Receive(Tensor u, Tensor wHat) {}

  /**
   * The result of one update.
   *
   * @param u receivers {@code [B, K, N_r, d]}
   * @param wHat raw weights (6), {@code [B, K, d, d]}
   * @param w weights the precoder update used (after the transform and the rate weights)
   * @param v projected precoders (10), {@code [B, K, N_t, d]}
   * @param mu the textbook multiplier {@code [B, K]} (real) under {@link Multiplier#BISECTION}, else null
   */
  public record Step(Tensor u, Tensor wHat, Tensor w, Tensor v, Tensor mu) {}

  /**
   * Returns the common full-power start {@code V_j = sqrt(P_c / (2 N_t d n_c)) (1 + i) 1 [N_t, d]} for every user j of
   * transmitter c with {@code n_c} users (paper 001 §III: the same for every node, which keeps the unrolled network
   * permutation equivariant; {@code n_c = 1} in the interference channel).
   */
  public static Tensor initial(MimoSignals s) {
    int b = s.batch(), k = s.users(), nt = s.txAntennas(), d = s.streams();
    double[] budgets = s.budgets();
    int[] owner = s.owner();
    int[] served = new int[budgets.length];
    for (int c : owner) served[c]++;
    double[] re = new double[b * k * nt * d];
    for (int n = 0; n < b; n++) {
      for (int j = 0; j < k; j++) {
        double a = Math.sqrt(budgets[owner[j]] / (2.0 * nt * d * served[owner[j]]));
        java.util.Arrays.fill(re, (n * k + j) * nt * d, (n * k + j + 1) * nt * d, a);
      }
    }
    return Tensor.complex(re, re, b, k, nt, d);
  }

  /**
   * Returns the next iterate from precoders {@code v}.
   *
   * @param transform the weight transform (8), or null for the identity (classical WMMSE)
   * @param mu the learned complex multiplier (one element) for the learned {@link Multiplier}s; must be null otherwise
   */
  public static Step step(MimoSignals s, Tensor v, Rule rule, WeightTransform transform, Tensor mu) {
    return step(s, MimoNeighbourhood.of(s), v, rule, transform, mu);
  }

  /**
   * As {@link #step(MimoSignals, Tensor, Rule, WeightTransform, Tensor)}, with the sums over other links from
   * {@code nb}: {@link MimoNeighbourhood#of} for global CSI, {@link MimoNeighbourhood#graph} for the update as two
   * rounds of messages on an interference graph.
   */
  public static Step step(MimoSignals s, MimoNeighbourhood nb, Tensor v, Rule rule, WeightTransform transform,
      Tensor mu) {
    if (rule == null) throw new IllegalArgumentException("WmmseMimo.step: rule must not be null");
    if (nb == null) throw new IllegalArgumentException("WmmseMimo.step: the neighbourhood must not be null");
    Receive r = receive(s, nb, v, rule.loading());
    Tensor w = transform == null ? r.wHat() : transform.apply(r.wHat(), r.u(), v);
    checkWeights(s, w);
    Tensor alpha = s.weights();
    if (alpha != null) w = w.mul(alpha.unsqueeze(-1).unsqueeze(-1));
    Tensor[] out = transmit(s, nb, r.u(), w, rule, mu);
    return new Step(r.u(), r.wHat(), w, out[0], out[1]);
  }

  /** Returns the receivers (5) and raw weights (6) at precoders {@code v}, with noise loaded by {@code loading}. */
  public static Receive receive(MimoSignals s, Tensor v, double loading) {
    return receive(s, MimoNeighbourhood.of(s), v, loading);
  }

  /** As {@link #receive(MimoSignals, Tensor, double)}, with the covariances formed by {@code nb}. */
  public static Receive receive(MimoSignals s, MimoNeighbourhood nb, Tensor v, double loading) {
    s.checkPrecoders("WmmseMimo.receive", v);
    MimoSignals.Received rx = nb.receive(v, loading);
    Tensor[] xw = rx.whitened();
    Tensor wHat = xw[1];
    int d = wHat.size(-1);
    Tensor u = d == 1 ? xw[0].div(wHat) : xw[0].matmul(wHat.inverse());
    return new Receive(u, wHat);
  }

  /**
   * Returns the projected precoders (9)-(10) and the textbook multiplier (or null) from receivers {@code u} and the
   * weights {@code w} the update uses (rate weights included): {@code {v, mu}}.
   */
  public static Tensor[] transmit(MimoSignals s, Tensor u, Tensor w, Rule rule, Tensor mu) {
    return transmit(s, MimoNeighbourhood.of(s), u, w, rule, mu);
  }

  /** As {@link #transmit(MimoSignals, Tensor, Tensor, Rule, Tensor)}, with the system's sums formed by {@code nb}. */
  public static Tensor[] transmit(MimoSignals s, MimoNeighbourhood nb, Tensor u, Tensor w, Rule rule, Tensor mu) {
    Precoder sys = precoder(s, nb, u, w, rule, mu);
    return new Tensor[] {PrecoderOps.project(sys.solve(), s.owner(), s.budgets()), sys.multiplier()};
  }

  /**
   * The linear system of the precoder update (9) before its solve: {@code system_j V̄_j = rhs_j} with
   * {@code system_j = A_j + eps I + M_j} {@code [B, K, N_t, N_t]} and {@code rhs_j = H_jj^H U_j W_j} {@code [B, K, N_t,
   * d]}; an unrolled network that replaces the solve (IAIDNN's learned inverse, GCN-WMMSE's filter on the solution)
   * starts from it.
   *
   * @param multiplier the textbook multiplier {@code [B, K]} under {@link Multiplier#BISECTION}, else null
   * @param rule the rule that built the system
   */
  public record Precoder(Tensor system, Tensor rhs, Tensor multiplier, Rule rule) {
    /**
     * Returns {@code V̄ = system^{-1} rhs} (general complex LU: the system need not be Hermitian). Loading (and mu)
     * keep the system nonsingular, but a learned weight far above the others makes it a dominant rank-one term plus
     * a small remainder: ill-conditioned (a relative pivot test calls it singular) while the solution, by
     * Sherman-Morrison, is insensitive to that term's scale. So every rule but the textbook one solves as the
     * authors' code does ({@link Tensor#solveIllConditioned}); the textbook rule keeps the strict solve.
     */
    public Tensor solve() {
      return rule.multiplier() == Multiplier.BISECTION ? system.solve(rhs) : system.solveIllConditioned(rhs);
    }
  }

  /** Returns the system of (9) from receivers {@code u} and the weights {@code w} the update uses. */
  public static Precoder precoder(MimoSignals s, Tensor u, Tensor w, Rule rule, Tensor mu) {
    return precoder(s, MimoNeighbourhood.of(s), u, w, rule, mu);
  }

  /** As {@link #precoder(MimoSignals, Tensor, Tensor, Rule, Tensor)}, with the system's sums formed by {@code nb}. */
  public static Precoder precoder(MimoSignals s, MimoNeighbourhood nb, Tensor u, Tensor w, Rule rule, Tensor mu) {
    String op = "WmmseMimo.precoder";
    if (rule == null) throw new IllegalArgumentException(op + ": rule must not be null");
    if (nb == null) throw new IllegalArgumentException(op + ": the neighbourhood must not be null");
    int k = s.users(), nt = s.txAntennas();
    checkMu(rule.multiplier(), mu);
    Tensor[] sys = nb.transmit(u, w);
    Tensor a = sys[0];                                                 // [B, j, N_t, N_t]
    Tensor rhs = sys[1];                                               // [B, K, N_t, d] = H_jj^H U_j W_j
    int[] owner = s.owner();
    double[] budgets = s.budgets();
    double eps = rule.loading();
    Tensor multiplier = null;
    Tensor system = eps > 0 ? PrecoderOps.shift(a, null, eps) : a;
    switch (rule.multiplier()) {
      case BISECTION -> {
        multiplier = PowerMultiplier.of(system, rhs, owner, budgets);
        system = PrecoderOps.shift(a, multiplier, eps);
      }
      case ZERO -> { }
      case LEARNED_IDENTITY -> system = system.add(mu.reshape(1, 1).mul(Tensor.eye(nt)));
      case LEARNED_ALL_ONES -> system = system.add(mu.reshape(1, 1).mul(Tensor.ones(nt, nt)).mul(k));
      case NOISE_TRACE -> system = system.add(noiseTrace(s, u, w).unsqueeze(-1).unsqueeze(-1).mul(Tensor.eye(nt)));
      default -> throw new IllegalStateException(op + ": " + rule.multiplier());
    }
    return new Precoder(system, rhs, multiplier, rule);
  }

  /** Returns {@code (sum_i sigma_i^2 tr(U_i W_i U_i^H)) / P_c} per transmitter c, {@code [B, C]} complex. */
  private static Tensor noiseTrace(MimoSignals s, Tensor u, Tensor w) {
    int k = s.users();
    double[] sigma = s.noise(), budgets = s.budgets();
    double[] inv = new double[budgets.length];
    for (int c = 0; c < inv.length; c++) inv[c] = 1.0 / budgets[c];
    Tensor traces = u.mH().matmul(u).matmul(w).trace();                 // tr(U_i^H U_i W_i) = tr(U_i W_i U_i^H)
    Tensor total = traces.mul(Tensor.of(sigma, k)).sum(-1, true);      // [B, 1]
    return total.mul(Tensor.of(inv, inv.length));
  }

  /**
   * Returns {@code V_j min(1, sqrt(P_j) / ||V_j||_F)} for {@code v [B, K, N_t, d]} (10); the gradient is the identity
   * on the feasible side and that of the scaling on the other.
   */
  public static Tensor project(Tensor v, double[] budgets) {
    int k = v.size(1);
    if (budgets.length != k) {
      throw new IllegalArgumentException("WmmseMimo.project: need one budget per user (" + k + "), got "
          + budgets.length);
    }
    int[] owner = new int[k];
    for (int j = 0; j < k; j++) owner[j] = j;
    return PrecoderOps.project(v, owner, budgets);
  }

  /**
   * Returns the precoders {@code v [B, K, N_t, d]} scaled onto the budget of their transmitter where they exceed it:
   * the projection (10) for any layout of users on transmitters (per transmitter, summed over its users).
   */
  public static Tensor project(MimoSignals s, Tensor v) {
    s.checkPrecoders("WmmseMimo.project", v);
    return PrecoderOps.project(v, s.owner(), s.budgets());
  }

  private static void checkWeights(MimoSignals s, Tensor w) {
    int[] want = {s.batch(), s.users(), s.streams(), s.streams()};
    if (w == null || !java.util.Arrays.equals(w.shape(), want)) {
      throw new IllegalArgumentException("WmmseMimo.step: the weight transform must return " + Shape.str(want)
          + " (B, K, d, d), got " + (w == null ? "null" : Shape.str(w.shape())));
    }
  }

  private static void checkMu(Multiplier m, Tensor mu) {
    if (m.learned() && (mu == null || mu.numel() != 1)) {
      throw new IllegalArgumentException("WmmseMimo.transmit: the " + m + " multiplier needs mu with one element, got "
          + (mu == null ? "null" : "shape " + Shape.str(mu.shape())));
    }
    if (!m.learned() && mu != null) {
      throw new IllegalArgumentException("WmmseMimo.transmit: mu must be null for the " + m + " multiplier (it is "
          + (m == Multiplier.ZERO ? "0" : "solved for") + "), got shape " + Shape.str(mu.shape()));
    }
  }
}
