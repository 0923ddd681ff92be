package rrm.utility;

import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/**
 * A network utility {@code sum_i beta(c_i)} of per-link rates c (paper 002 eq. 3), together with the
 * derivative {@code gamma'(e)} that the generalised WMMSE weight update needs (Remark 2, eq. 10):
 *
 * <pre>
 *   gamma(z) = -beta(-log z),   gamma'(e) = beta'(-log e) / e,   w_i = gamma'(e_i)   (a = 1, b = 0)
 * </pre>
 *
 * where {@code e_i = 1 / (1 + SINR_i)} in (0, 1] is the MSE of receiver i at the MMSE receiver. The natural log is
 * used inside gamma' (a base change scales every w by one constant, to which the WMMSE power update is
 * invariant). Both functions are differentiable tensor ops, elementwise on {@code [B, M]}.
 */
public interface Utility {
  /** Returns the name, for tables ("sum-rate", "sum of squares", ...). */
  String name();

  /** Returns beta(c) elementwise: {@code [B, M] -> [B, M]}. */
  Tensor beta(Tensor rates);

  /** Returns gamma'(e) elementwise for e in (0, 1]: {@code [B, M] -> [B, M]}. */
  Tensor gammaPrime(Tensor e);

  /** Returns the per-sample utility {@code sum_i beta(c_i)}: {@code [B, M] -> [B]}. */
  default Tensor total(Tensor rates) {
    return beta(rates).sum(-1);
  }

  /** Returns the per-sample utility {@code sum_i beta(c_i)} of an allocation: {@code [B]}. */
  default Tensor of(SisoProblem problem, Powers powers) {
    return total(Rates.rates(problem, powers));
  }

  /**
   * Returns the training loss {@code -mean_b sum_i beta(c_i)} (paper 002 eq. 9 for the sum-rate): a scalar,
   * differentiable in the powers {@code p [B, M]} (a model's output; not checked against the budgets).
   */
  default Tensor loss(SisoProblem problem, Tensor p) {
    return total(Rates.rates(problem, p)).mean().neg();
  }

  /** Sum-rate: beta(z) = z, gamma'(e) = 1/e (recovers eq. 7). */
  static Utility sumRate() {
    return Utilities.SUM_RATE;
  }

  /**
   * Weighted sum-rate: beta_i(z) = alpha_i z, gamma'_i(e) = alpha_i / e; {@code alpha} has one positive weight per
   * link and broadcasts over the batch.
   */
  static Utility weightedSumRate(double... alpha) {
    return Utilities.weighted(alpha);
  }

  /** Proportional fairness: beta(z) = log z, gamma'(e) = 1 / (e (-log e)); infinite at zero rate (e = 1). */
  static Utility proportionalFair() {
    return Utilities.PROPORTIONAL_FAIR;
  }

  /** Harmonic-mean rate: beta(z) = -1/z, gamma'(e) = 1 / (e log^2 e); infinite at zero rate (e = 1). */
  static Utility harmonic() {
    return Utilities.HARMONIC;
  }

  /** Sum of squared rates: beta(z) = z^2, gamma'(e) = -2 log(e) / e (paper §IV-C, Fig. 4). */
  static Utility sumOfSquares() {
    return Utilities.SUM_OF_SQUARES;
  }
}
