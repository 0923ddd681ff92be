package rrm.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;

/**
 * Finite-difference check of the gradients of a module's parameters (the parameter counterpart of
 * {@link rrm.tensor.GradCheck}, which checks function inputs).
 *
 * <p>The output y of {@code forward} is reduced to L = Re⟨c, y⟩ with a seeded random cotangent c. Backward gives
 * each parameter's gradient (conjugate-Wirtinger for complex ones). Each real coordinate of a small parameter (real
 * and imaginary parts separately) is then perturbed in place by ±eps and the central difference compared with the
 * matching gradient component; large parameters are checked along three seeded random directions.
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
    Tensor y = forward.get();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cr = new double[y.numel()];
    double[] ci = y.isComplex() ? new double[y.numel()] : null;
    for (int i = 0; i < cr.length; i++) {
      cr[i] = rng.nextDouble() * 2 - 1;
      if (ci != null) ci[i] = rng.nextDouble() * 2 - 1;
    }
    scalarize(y, cr, ci).backward();
    for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
      Parameter p = e.getValue();
      Tensor v = p.value();
      Tensor g = p.grad();
      double[] gr = g == null ? new double[v.numel()] : g.toArray();
      double[] gi = g == null ? new double[v.numel()] : g.toImagArray();
      int n = v.numel();
      boolean complex = v.isComplex();
      if (n * (complex ? 2 : 1) <= 64) {
        for (int k = 0; k < n; k++) {
          compare(e.getKey(), "re[" + k + "]", directional(forward, v, unit(n, k), null, cr, ci), gr[k]);
          if (complex) compare(e.getKey(), "im[" + k + "]", directional(forward, v, null, unit(n, k), cr, ci), gi[k]);
        }
      } else {
        for (int d = 0; d < 3; d++) {
          double[] tr = new double[n];
          double[] ti = complex ? new double[n] : null;
          double analytic = 0;
          for (int k = 0; k < n; k++) {
            tr[k] = rng.nextDouble() * 2 - 1;
            analytic += tr[k] * gr[k];
            if (complex) {
              ti[k] = rng.nextDouble() * 2 - 1;
              analytic += ti[k] * gi[k];
            }
          }
          compare(e.getKey(), "direction " + d, directional(forward, v, tr, ti, cr, ci), analytic);
        }
      }
    }
    module.zeroGrad();
  }

  private static double[] unit(int n, int k) {
    double[] u = new double[n];
    u[k] = 1;
    return u;
  }

  private void compare(String name, String where, double numeric, double analytic) {
    double err = Math.abs(numeric - analytic) / (1 + Math.abs(numeric));
    if (!(err <= tol)) {
      fail("gradient of parameter " + name + " at " + where + ": numeric " + numeric + " vs analytic " + analytic
          + " (relative error " + err + " > " + tol + ")");
    }
  }

  private double directional(Supplier<Tensor> f, Tensor v, double[] tr, double[] ti, double[] cr, double[] ci) {
    double plus = evaluate(f, v, tr, ti, eps, cr, ci);
    double minus = evaluate(f, v, tr, ti, -eps, cr, ci);
    return (plus - minus) / (2 * eps);
  }

  private static double evaluate(Supplier<Tensor> f, Tensor v, double[] tr, double[] ti, double h, double[] cr,
      double[] ci) {
    double[] re = v.data(), im = v.imagData();
    double[] re0 = re.clone(), im0 = im == null ? null : im.clone();
    try (var off = Autograd.noGrad()) {
      if (tr != null) for (int k = 0; k < re.length; k++) re[k] += h * tr[k];
      if (ti != null) for (int k = 0; k < im.length; k++) im[k] += h * ti[k];
      return scalarize(f.get(), cr, ci).item();
    } finally {
      System.arraycopy(re0, 0, re, 0, re.length);
      if (im != null) System.arraycopy(im0, 0, im, 0, im.length);
    }
  }

  private static Tensor scalarize(Tensor y, double[] cr, double[] ci) {
    Tensor l = y.real().mul(Tensor.of(cr, y.shape())).sum();
    if (ci != null) l = l.add(y.imag().mul(Tensor.of(ci, y.shape())).sum());
    return l;
  }
}
