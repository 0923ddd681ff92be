package rrm.utility;

import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/**
 * Shannon rates of the SISO interference channel as differentiable tensor ops (paper 002 eq. 2):
 *
 * <pre>
 *   c_i = log2(1 + |h_ii|^2 p_i / (sigma_i^2 + sum_{j != i} |h_ij|^2 p_j))
 * </pre>
 *
 * for a {@link SisoProblem} (row = receiver i, column = transmitter j) and powers {@code p [B, M]}. The interference
 * is summed off the diagonal directly ({@link SisoProblem#interferencePlusNoise}) and {@code log2(1 + x)} is computed
 * as {@code log1p(x) / ln 2}. Gradients flow to p; the channels are data. This is the one implementation of the
 * SISO rate: the solvers' trajectories, the training losses and the evaluations all call it.
 */
public final class Rates {
  private static final double LN2 = Math.log(2);

  private Rates() {}

  /** Returns the per-link SINR {@code [B, M]} of powers {@code p [B, M]}. */
  public static Tensor sinr(SisoProblem problem, Tensor p) {
    check("Rates.sinr", problem, p);
    return problem.directPowerGain().mul(p).div(problem.interferencePlusNoise(p));
  }

  /** Returns the per-link rates {@code [B, M]} in bit/s/Hz of powers {@code p [B, M]}. */
  public static Tensor rates(SisoProblem problem, Tensor p) {
    check("Rates.rates", problem, p);
    return problem.directPowerGain().mul(p).div(problem.interferencePlusNoise(p)).log1p().div(LN2);
  }

  /** Returns the per-link rates {@code [B, M]} in bit/s/Hz of an allocation (checked against the budgets). */
  public static Tensor rates(SisoProblem problem, Powers powers) {
    if (powers == null) throw new IllegalArgumentException("Rates.rates: powers must not be null");
    powers.checkFeasible(problem);
    return rates(problem, powers.tensor());
  }

  /** Returns the per-sample sum-rate {@code [B]} in bit/s/Hz. */
  public static Tensor sumRate(SisoProblem problem, Powers powers) {
    return rates(problem, powers).sum(-1);
  }

  /** Returns the per-sample weighted sum-rate {@code sum_i w_i c_i [B]} with the problem's rate weights. */
  public static Tensor weightedSumRate(SisoProblem problem, Powers powers) {
    if (problem.weights() == null) {
      throw new IllegalArgumentException("Rates.weightedSumRate: the problem has no rate weights "
          + "(SisoProblem.withWeights)");
    }
    return rates(problem, powers).mul(problem.weights()).sum(-1);
  }

  private static void check(String op, SisoProblem problem, Tensor p) {
    if (problem == null || p == null) throw new IllegalArgumentException(op + ": problem and p must not be null");
    if (p.isComplex() || p.dim() != 2 || p.size(0) != problem.batch() || p.size(1) != problem.links()) {
      throw new IllegalArgumentException(op + ": p must be real [" + problem.batch() + ", " + problem.links()
          + "] to match " + problem + ", got " + (p.isComplex() ? "complex " : "")
          + rrm.tensor.Shape.str(p.shape()));
    }
  }
}
