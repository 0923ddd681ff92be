package rrm.solver;

import java.util.Arrays;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * One WMMSE update for the SISO interference channel, written once and used twice ("one update, two
 * uses"): the classical solver {@link Wmmse} calls it in a loop under no-grad with {@code a = 1, b = 0, mu = 0};
 * the unrolled network {@code rrm.model.uwmmse.Uwmmse} calls it once per layer with learned {@code a, b, mu} while
 * gradients are recorded. Paper 002 eqs. (6)-(8) and (10); {@code G} row = receiver:
 *
 * <pre>
 *   u_i = G_ii v_i / (sigma^2 + sum_j G_ij^2 v_j^2)                                   (6)
 *   e_i = (sigma^2 + sum_{j != i} G_ij^2 v_j^2) / (sigma^2 + sum_j G_ij^2 v_j^2)      = 1 - u_i G_ii v_i
 *   w_i = a_i gamma'(e_i) + b_i                                                       (7), (10)
 *   v_i = clamp(G_ii u_i w_i / (sum_j G_ji^2 u_j^2 w_j + mu), 0, sqrt(pmax))          (8)
 * </pre>
 *
 * <p>e is computed as the ratio (interference + noise) / (total + noise) with the interference summed off the
 * diagonal directly, never as {@code 1 - u G_ii v} (which rounds to 0 when the SINR is large).
 *
 * <p>The v-update is the minimiser over {@code [0, sqrt(pmax)]} of the per-link quadratic that WMMSE's v-block
 * minimises, {@code q(v_i) = (den_i + mu) v_i^2 - 2 num_i v_i} with {@code den_i = sum_j G_ji^2 u_j^2 w_j >= 0} and
 * {@code num_i = G_ii u_i w_i >= 0} (mu acts as the multiplier of the power constraint). Where
 * {@code den_i + mu > 0} that minimiser is the clamped ratio of eq. (8). Where {@code den_i + mu <= 1e-300} (possible
 * only with a learned, negative mu) q does not increase on {@code [0, sqrt(pmax)]}, so the update sets
 * {@code v = sqrt(pmax)} with zero gradient and counts the entry in {@link WmmseState#guarded()}. This keeps v
 * continuous in mu: the ratio grows to +inf, hence to {@code sqrt(pmax)}, as {@code den + mu} falls to 0.
 *
 * <p>Deviation (see the reproduction notes): the authors' code divides and clamp there too, which gives {@code v = 0}
 * for a negative denominator: a jump from full power to zero that no gradient sees. With the learned mu of the
 * library default this made training collapse on the paper topology (a few thousand steps in, a layer's mu drifts
 * below -den for many links, which switch off; test sum-rate 80.3 to 67; see notebook 002/4A). The two rules agree
 * wherever {@code den + mu > 0}, in particular for mu >= 0 and for classical WMMSE (mu = 0).
 */
public final class WmmseSiso {
  /** v-denominators (mu included) not above this give {@code v = sqrt(pmax)} (see the class comment). */
  public static final double GUARD = 1e-300;

  private WmmseSiso() {}

  /** Returns the initial amplitudes {@code v^(0)_i = sqrt(pmax_i) [B, M]} (full power, paper Fig. 1). */
  public static Tensor initial(SisoProblem h) {
    return h.uniformBudget() ? Tensor.full(Math.sqrt(h.pMax()), h.batch(), h.links()) : maxAmplitude(h);
  }

  /** Returns {@code sqrt(pmax_i)} for every link of every sample, {@code [B, M]}. */
  private static Tensor maxAmplitude(SisoProblem h) {
    return h.budgetTensor().sqrt();
  }

  /**
   * Returns the next iterate from amplitudes {@code v [B, M]}.
   *
   * @param a learned scale of the weight, {@code [B, M]}, or null for 1
   * @param b learned offset of the weight, {@code [B, M]}, or null for 0
   * @param mu learned offset of the v-denominator, one element (shape {@code []} or {@code [1]}), or null for 0
   * @param utility gives gamma' for the weight update: {@link Utility#sumRate()} is eq. (7)
   */
  public static WmmseState step(SisoProblem h, Tensor v, Tensor a, Tensor b, Tensor mu, Utility utility) {
    return step(h, SisoNeighbourhood.of(h), v, a, b, mu, utility);
  }

  /**
   * As {@link #step(SisoProblem, Tensor, Tensor, Tensor, Tensor, Utility)}, with the sums over other links taken
   * from {@code nb}: {@link SisoNeighbourhood#of} for global CSI, {@link SisoNeighbourhood#graph} for the update as
   * two rounds of messages on an interference graph.
   */
  public static WmmseState step(SisoProblem h, SisoNeighbourhood nb, Tensor v, Tensor a, Tensor b, Tensor mu,
      Utility utility) {
    if (nb == null) throw new IllegalArgumentException("WmmseSiso.step: the neighbourhood must not be null");
    int bs = h.batch(), m = h.links();
    checkVector("v", v, bs, m);
    if (a != null) checkVector("a", a, bs, m);
    if (b != null) checkVector("b", b, bs, m);
    if (mu != null && mu.numel() != 1) {
      throw new IllegalArgumentException("WmmseSiso.step: mu must hold one element, got shape "
          + Arrays.toString(mu.shape()));
    }
    if (utility == null) throw new IllegalArgumentException("WmmseSiso.step: utility must not be null");

    Tensor v2 = v.square();
    Tensor rest = nb.interferencePlusNoise(v2);
    Tensor total = rest.add(h.directPowerGain().mul(v2));
    Tensor u = h.direct().mul(v).div(total);
    Tensor e = rest.div(total);
    Tensor w = utility.gammaPrime(e);
    if (a != null) w = w.mul(a);
    if (b != null) w = w.add(b);
    Tensor uw = u.mul(w);
    Tensor denV = nb.leakage(u.mul(uw));
    if (mu != null) denV = denV.add(mu.reshape(1));
    Tensor num = h.direct().mul(uw);

    double[] d = denV.data();
    int guarded = 0;
    for (double x : d) if (x <= GUARD) guarded++;
    Tensor ratio;
    if (guarded == 0) {
      ratio = num.div(denV);
    } else {
      double[] ok = new double[d.length];
      for (int k = 0; k < d.length; k++) ok[k] = d[k] <= GUARD ? 0 : 1;
      Tensor mask = Tensor.of(ok, bs, m);
      ratio = num.div(denV.where(mask, Tensor.ones(bs, m))).where(mask, initial(h));
    }
    Tensor vNext = h.uniformBudget() ? ratio.clamp(0, Math.sqrt(h.pMax()))
        : ratio.clamp(Tensor.zeros(bs, m), maxAmplitude(h));
    return new WmmseState(u, e, w, vNext, guarded);
  }

  private static void checkVector(String name, Tensor t, int bs, int m) {
    if (t == null) throw new IllegalArgumentException("WmmseSiso.step: " + name + " must not be null");
    if (t.dim() != 2 || t.size(0) != bs || t.size(1) != m) {
      throw new IllegalArgumentException("WmmseSiso.step: " + name + " must be [" + bs + ", " + m
          + "] to match the channels, got " + Arrays.toString(t.shape()));
    }
  }
}
