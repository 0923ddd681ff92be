package rrm.model.unrolled;

import rrm.solver.ProjectedGradient;
import rrm.tensor.Tensor;

/**
 * One UPGDNet layer (USRMNet paper §II, Alg. 1): a projected-gradient step on a differentiable objective f with a
 * learned step size and a learned correction before the projection,
 *
 * <pre>
 *   eta = N_eta(env, x0),   x_hat = x0 - eta * grad f(x0),   x_tilde = x_hat + N_x(env, x_hat),
 *   x   = Pi_{C_Nh} ... Pi_{C_1}(x_tilde)
 * </pre>
 *
 * for any constrained problem: the environment {@code E} (channels, bounds) is the problem's business, the
 * simple constraints C_1 (boxes, half-spaces, a capped simplex) are enforced exactly by the projection, and the
 * coupled constraints C_2 are left to the learned correction and a Lagrangian penalty in training
 * ({@link PrimalDual}). The update itself is {@link ProjectedGradient#step}, the same code that PGA-MMSE runs: with a
 * constant step and no correction the layer is one iteration of projected gradient descent.
 *
 * @param <E> the environment of one batch of instances
 */
public final class UpgdLayer<E> {
  /** A map from (environment, point) to a tensor: a step size, a correction, a gradient or a projection. */
  @FunctionalInterface
  public interface Part<E> {
    Tensor apply(E env, Tensor x);
  }

  private final Part<E> step;
  private final Part<E> gradient;
  private final Part<E> correction;
  private final Part<E> projection;

  /**
   * Returns the layer of step sizes {@code step} (broadcast against x), objective gradient {@code gradient},
   * learned correction {@code correction} (null: none) and projection {@code projection}.
   */
  public UpgdLayer(Part<E> step, Part<E> gradient, Part<E> correction, Part<E> projection) {
    if (step == null || gradient == null || projection == null) {
      throw new IllegalArgumentException("UpgdLayer: step, gradient and projection must not be null (correction may)");
    }
    this.step = step;
    this.gradient = gradient;
    this.correction = correction;
    this.projection = projection;
  }

  /** Returns the layer's output x for input point {@code x0} in environment {@code env}. */
  public Tensor apply(E env, Tensor x0) {
    return ProjectedGradient.step(x0, gradient.apply(env, x0), step.apply(env, x0),
        correction == null ? null : xh -> correction.apply(env, xh), xt -> projection.apply(env, xt));
  }
}
