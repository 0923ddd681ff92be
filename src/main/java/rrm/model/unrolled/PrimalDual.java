package rrm.model.unrolled;

import rrm.tensor.Tensor;

/**
 * The learning framework of UPGDNet (USRMNet paper eq. 6, Alg. 2): the multi-task loss with learned scales and the
 * dual ascent on the multipliers of the coupled constraints C_2.
 *
 * <pre>
 *   L = exp(-s_1 / 2) L_1 + exp(-s_2 / 2) L_2 + exp(s_1 / 2) + exp(s_2 / 2),   L_2 = sum_c lambda_c mean_b [g_c]^+
 *   lambda_c <- lambda_c + eps_lambda [mean_b g_c]^+      (after every mini-batch, lambda = 0 at the start)
 * </pre>
 *
 * For fixed L_i the minimum over s_i is {@code 2 sqrt(L_i)} at {@code s_i = ln L_i}.
 */
public final class PrimalDual {
  private final double[] lambda;
  private final double step;

  /** Returns multipliers for {@code constraints} coupled constraints, all 0, with dual step {@code step >= 0}. */
  public PrimalDual(int constraints, double step) {
    if (constraints < 1) throw new IllegalArgumentException("PrimalDual: constraints must be >= 1, got " + constraints);
    if (!(step >= 0)) throw new IllegalArgumentException("PrimalDual: the dual step must be >= 0, got " + step);
    this.lambda = new double[constraints];
    this.step = step;
  }

  /** Returns the multi-task loss of {@code l1}, {@code l2} (scalars) and scales {@code s [2]}. */
  public static Tensor multiTaskLoss(Tensor l1, Tensor l2, Tensor s) {
    Tensor s1 = s.slice(0, 0, 1).sum(), s2 = s.slice(0, 1, 2).sum();
    return s1.mul(-0.5).exp().mul(l1).add(s2.mul(-0.5).exp().mul(l2)).add(s1.mul(0.5).exp())
        .add(s2.mul(0.5).exp());
  }

  /** Returns {@code L_2 = sum_c lambda_c mean_b [g_{b,c}]^+} for constraint values {@code g [B, C...]}. */
  public Tensor penalty(Tensor g) {
    int c = lambda.length;
    if (g.numel() % c != 0 || g.numel() / c != g.size(0)) {
      throw new IllegalArgumentException("PrimalDual.penalty: g must hold " + c + " constraints per sample, got "
          + java.util.Arrays.toString(g.shape()));
    }
    Tensor flat = g.reshape(g.size(0), c).relu().mean(0);
    return flat.mul(Tensor.of(lambda.clone(), c)).sum();
  }

  /** Takes the dual step with the batch means of the signed constraint values {@code g [B, C...]} (no gradient). */
  public void ascend(Tensor g) {
    int c = lambda.length, b = g.size(0);
    double[] v = g.data();
    for (int j = 0; j < c; j++) {
      double m = 0;
      for (int i = 0; i < b; i++) m += v[i * c + j];
      lambda[j] += step * Math.max(0, m / b);
    }
  }

  /** Returns a copy of the multipliers. */
  public double[] multipliers() {
    return lambda.clone();
  }
}
