package rrm.utility;

import java.util.Arrays;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Shannon rates of the SISO interference channel as differentiable tensor ops (paper 002 eq. 2, spec §1.3):
 *
 * <pre>
 *   c_i = log2(1 + G_ii^2 p_i / (sigma^2 + sum_{j != i} G_ij^2 p_j))
 * </pre>
 *
 * with {@code G [B, M, M]} real amplitudes, row = receiver i, column = transmitter j, and powers {@code p [B, M]}.
 * The interference is summed over the off-diagonal entries directly (no "total minus own" subtraction, which
 * cancels catastrophically when one link dominates), and {@code log2(1 + x)} is computed as
 * {@code log1p(x) / ln 2}. Gradients flow to {@code p} and to {@code g}.
 */
public final class Rates {
  private static final double LN2 = Math.log(2);

  private Rates() {}

  /** Returns the per-link rates {@code [B, M]} in bit/s/Hz. */
  public static Tensor rates(Tensor g, Tensor p, double sigma2) {
    return sinr("Rates.rates", g, p, sigma2).log1p().div(LN2);
  }

  /** Returns the per-sample sum-rate {@code [B]} in bit/s/Hz. */
  public static Tensor sumRate(Tensor g, Tensor p, double sigma2) {
    return sinr("Rates.sumRate", g, p, sigma2).log1p().sum(-1).div(LN2);
  }

  /** Returns the per-link SINR {@code [B, M]}. */
  public static Tensor sinr(Tensor g, Tensor p, double sigma2) {
    return sinr("Rates.sinr", g, p, sigma2);
  }

  private static Tensor sinr(String op, Tensor g, Tensor p, double sigma2) {
    check(op, g, p, sigma2);
    int b = g.size(0), m = g.size(1);
    Tensor gain = g.square();
    Tensor offDiagonal = Tensor.ones(m, m).sub(Tensor.eye(m));
    // Row form p^T (S_off)^T: the engine's matmul is much faster with a row vector on the left than a column
    // vector on the right.
    Tensor interference = p.reshape(b, 1, m).matmul(gain.mul(offDiagonal).mT()).reshape(b, m);
    Tensor signal = gain.diag().mul(p);
    return signal.div(interference.add(sigma2));
  }

  /**
   * Checks the arguments every rate function shares: {@code g [B, M, M]} real and finite, {@code p [B, M]} real,
   * {@code sigma2 >= 0} finite. Messages name the function, the argument, the expectation and what was given.
   */
  public static void check(String op, Tensor g, Tensor p, double sigma2) {
    if (g == null || p == null) throw new IllegalArgumentException(op + ": g and p must not be null");
    if (g.isComplex() || p.isComplex()) {
      throw new IllegalArgumentException(op + ": expects real amplitudes g and powers p, got a complex "
          + (g.isComplex() ? "g" : "p"));
    }
    if (g.dim() != 3 || g.size(1) != g.size(2)) {
      throw new IllegalArgumentException(op + ": g must be [B, M, M] (square per sample), got "
          + Shape.str(g.shape()));
    }
    int[] want = {g.size(0), g.size(1)};
    if (!Arrays.equals(p.shape(), want)) {
      throw new IllegalArgumentException(op + ": p must be " + Shape.str(want) + " to match g "
          + Shape.str(g.shape()) + ", got " + Shape.str(p.shape()));
    }
    if (!(sigma2 >= 0) || !Double.isFinite(sigma2)) {
      throw new IllegalArgumentException(op + ": the noise variance sigma2 must be >= 0 and finite, got " + sigma2);
    }
    Shape.finite(op, "g", g);
  }
}
