package rrm.nn;

import java.util.Map;
import java.util.function.Supplier;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

/**
 * Finite-difference check of the gradients of a module's parameters (the parameter counterpart of
 * {@link rrm.tensor.GradCheck}, which checks function inputs).
 *
 * <p>The output y of {@code forward} is reduced to L = Re⟨c, y⟩ with a seeded random cotangent c. Backward gives
 * each parameter's gradient (conjugate-Wirtinger for complex ones). Each real coordinate of a small parameter (at
 * most 64 real scalars; real and imaginary parts separately) is then perturbed in place by ±eps and the central
 * difference compared with the matching gradient component; larger parameters are checked along three seeded random
 * directions. The checking is {@link GradCheck#checkInPlace}'s.
 */
public final class ParameterGradCheck {
  private final Module module;
  private double eps = 1e-6;
  private double tol = 1e-6;
  private long seed = 11L;

  private ParameterGradCheck(Module module) {
    this.module = module;
  }

  public static ParameterGradCheck of(Module module) {
    return new ParameterGradCheck(module);
  }

  public ParameterGradCheck eps(double eps) {
    this.eps = eps;
    return this;
  }

  /** Tolerance on |numeric - analytic| / (1 + |numeric|). */
  public ParameterGradCheck tol(double tol) {
    this.tol = tol;
    return this;
  }

  /** Checks every parameter's gradient of {@code forward}; fails naming the parameter and coordinate. */
  public void check(Supplier<Tensor> forward) {
    module.zeroGrad();
    Map<String, Parameter> named = module.namedParameters();
    String[] labels = new String[named.size()];
    Tensor[] values = new Tensor[named.size()];
    int i = 0;
    for (Map.Entry<String, Parameter> e : named.entrySet()) {
      labels[i] = "parameter " + e.getKey();
      values[i++] = e.getValue().value();
    }
    GradCheck.checkInPlace(forward, labels, values, v -> v.numel() * (v.isComplex() ? 2 : 1) <= 64, eps, tol, seed);
    module.zeroGrad();
  }
}
