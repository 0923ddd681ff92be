package rrm.utility;

import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Per-link Shannon rates and the weighted sum rate {@code sum_k w_k log2(1 + SINR_k)} (paper 003 problem (4)), with
 * the rate weights of the problem (unit weights when it has none, where {@link Rates#weightedSumRate} refuses), in
 * bit/s/Hz, as differentiable tensor ops. The SISO rates are {@link Rates#rates}.
 *
 * <ul>
 *   <li>SISO power control: {@code SINR_i = |h_ii|^2 p_i / (sigma_i^2 + sum_{j != i} |h_ij|^2 p_j)}, the interference
 *       summed off the diagonal directly;
 *   <li>MISO beamforming ({@link MimoProblem} with N_r = 1, one stream): {@code a_ij = H[i, 0, j, :] v_j},
 *       {@code SINR_i = |a_ii|^2 / (sigma_i^2 + sum_{j != i} |a_ij|^2)}.
 * </ul>
 */
public final class WeightedSumRate {
  private static final double LN2 = Math.log(2);

  private WeightedSumRate() {}

  /** Returns the per-link rates {@code [B, M]} of powers {@code p [B, M]} (differentiable in p; {@link Rates#rates}). */
  public static Tensor linkRates(SisoProblem problem, Tensor p) {
    return Rates.rates(problem, p);
  }

  /** Returns the per-instance weighted sum rate {@code [B]} of the powers (checked against the budgets). */
  public static Tensor of(SisoProblem problem, Powers p) {
    return weigh(Rates.rates(problem, p), problem.weights());
  }

  /** Returns the per-instance weighted sum rate {@code [B]} of powers {@code p [B, M]} (differentiable). */
  public static Tensor of(SisoProblem problem, Tensor p) {
    return weigh(linkRates(problem, p), problem.weights());
  }

  /** Returns the per-link rates {@code [B, K]} of MISO beamformers {@code v [B, K, N_t, 1]} (differentiable in v). */
  public static Tensor linkRates(MimoProblem problem, Tensor v) {
    String op = "WeightedSumRate.linkRates";
    if (problem == null || v == null) throw new IllegalArgumentException(op + ": problem and v must not be null");
    if (problem.rxAntennas() != 1 || problem.streams() != 1) {
      throw new IllegalArgumentException(op + ": MISO rates need N_r = 1 and one stream, got " + problem);
    }
    int b = problem.batch(), k = problem.users(), nt = problem.txAntennas();
    int[] want = {b, k, nt, 1};
    if (!java.util.Arrays.equals(v.shape(), want)) {
      throw new IllegalArgumentException(op + ": v must be " + Shape.str(want) + " to match " + problem + ", got "
          + Shape.str(v.shape()));
    }
    Tensor h = problem.channels().reshape(b, k, k, nt);
    Tensor received = h.mul(v.reshape(b, 1, k, nt)).sum(-1).abs2(); // [B, K rx, K tx]
    Tensor off = Tensor.ones(k, k).sub(Tensor.eye(k));
    Tensor interference = received.mul(off).sum(-1);
    double[] noise = problem.noise();
    Tensor in = interference.add(Tensor.of(noise, k));
    return received.diag().div(in).log1p().div(LN2);
  }

  /** Returns the per-instance weighted sum rate {@code [B]} of the beamformers. */
  public static Tensor of(MimoProblem problem, Beamformers v) {
    if (v == null) throw new IllegalArgumentException("WeightedSumRate.of: beamformers must not be null");
    return weigh(linkRates(problem, v.tensor()), problem.weights());
  }

  /** Returns the per-instance weighted sum rate {@code [B]} of beamformers {@code v [B, K, N_t, 1]}. */
  public static Tensor of(MimoProblem problem, Tensor v) {
    return weigh(linkRates(problem, v), problem.weights());
  }

  /** Returns the mean over instances of a per-instance value {@code [B]}. */
  public static double mean(Tensor perInstance) {
    double s = 0;
    for (double x : perInstance.data()) s += x;
    return s / perInstance.numel();
  }

  private static Tensor weigh(Tensor rates, Tensor weights) {
    return (weights == null ? rates : rates.mul(weights)).sum(-1);
  }
}
