package rrm.solver;

import java.util.function.UnaryOperator;
import rrm.tensor.Tensor;

/**
 * The projected-gradient update shared by the classical PGA-MMSE ({@link PgaMmse}) and the unrolled UPGDNet layer
 * ({@code rrm.model.unrolled.UpgdLayer}): one step on a function f to minimise,
 *
 * <pre>
 *   x_hat = x - eta * grad f(x),   x_tilde = x_hat + N_x(x_hat),   x_next = Pi(x_tilde),
 * </pre>
 *
 * with step sizes {@code eta} broadcast against x (a scalar tensor, one per sample, or one per coordinate), an
 * optional perturbation {@code N_x} (null: none, the classical step) and a projection {@code Pi} onto the simple
 * constraints. The ops are tensor ops: the unrolled network records gradients through them, the classical solver
 * runs them in a no-grad scope.
 */
public final class ProjectedGradient {
  private ProjectedGradient() {}

  /** Returns {@code Pi(x - eta grad + perturbation(x - eta grad))} (perturbation null: {@code Pi(x - eta grad)}). */
  public static Tensor step(Tensor x, Tensor gradient, Tensor eta, UnaryOperator<Tensor> perturbation,
      UnaryOperator<Tensor> projection) {
    if (x == null || gradient == null || eta == null || projection == null) {
      throw new IllegalArgumentException("ProjectedGradient.step: x, gradient, eta and projection must not be null");
    }
    Tensor xHat = x.sub(gradient.mul(eta));
    Tensor xTilde = perturbation == null ? xHat : xHat.add(perturbation.apply(xHat));
    return projection.apply(xTilde);
  }

  /**
   * Returns the Euclidean projection of {@code y [..., n]} onto the capped simplex {@code {x >= 0, sum x <= cap}}
   * over the last axis, differentiable: the threshold and the support come from {@link CappedSimplex} (no gradient),
   * and the output {@code (y - tau) * 1[support]} has the exact Jacobian {@code diag(1[x > 0])} when the budget is
   * slack and {@code I - 1_S 1_S^T / |S|} on the support S when it binds.
   */
  public static Tensor cappedSimplex(Tensor y, double cap) {
    if (!(cap > 0)) throw new IllegalArgumentException("ProjectedGradient.cappedSimplex: cap must be > 0, got " + cap);
    if (y.isComplex()) throw new IllegalArgumentException("ProjectedGradient.cappedSimplex: y must be real");
    int n = y.size(y.dim() - 1), rows = y.numel() / n;
    double[] v = y.data(), mask = new double[v.length], active = new double[rows];
    double[] row = new double[n];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(v, r * n, row, 0, n);
      double sum = 0;
      for (double a : row) sum += Math.max(0, a);
      CappedSimplex.project(row, cap);
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (row[i] > 0) {
          mask[r * n + i] = 1;
          count++;
        }
      }
      active[r] = sum > cap && count > 0 ? 1.0 / count : 0;
    }
    int[] shape = y.shape();
    int[] rowShape = shape.clone();
    rowShape[rowShape.length - 1] = 1;
    Tensor m = Tensor.of(mask, shape);
    Tensor onS = y.mul(m);
    // tau = (sum_S y - cap) / |S| where the budget binds, 0 where it is slack
    Tensor tau = onS.sum(-1, true).sub(cap).mul(Tensor.of(active, rowShape));
    return onS.sub(tau.mul(m));
  }
}
