package rrm.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Finite-difference gradient check for any differentiable function of tensors, real or complex.
 *
 * <p>The function's output y is reduced to the real scalar {@code L = Re <c, y>} with a seeded random cotangent c.
 * Autograd gives each input's gradient in the conjugate-Wirtinger convention (dL/dRe x + i dL/dIm x). Each real
 * coordinate (real and imaginary parts separately) of small inputs is then perturbed by +-eps and the central
 * difference compared with the matching component of the gradient; large inputs are checked along a few seeded
 * random directions instead (two evaluations each, as JAX's check_grads does).
 */
public final class GradCheck {
  private final Function<Tensor[], Tensor> f;
  private double eps = 1e-6;
  private double tol = 1e-6;
  private long seed = 7L;
  private int fullLimit = 64;

  private GradCheck(Function<Tensor[], Tensor> f) {
    this.f = f;
  }

  public static GradCheck of(Function<Tensor[], Tensor> f) {
    return new GradCheck(f);
  }

  public GradCheck eps(double eps) {
    this.eps = eps;
    return this;
  }

  /** Tolerance on |numeric - analytic| / (1 + |numeric|). */
  public GradCheck tol(double tol) {
    this.tol = tol;
    return this;
  }

  public GradCheck seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Checks the gradient with respect to every input; fails the test naming the input and coordinate. */
  public void check(Tensor... inputs) {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) leaves[i] = inputs[i].copy().requiresGrad(true);
    Tensor y = f.apply(leaves);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cr = new double[y.numel()];
    double[] ci = y.isComplex() ? new double[y.numel()] : null;
    for (int i = 0; i < cr.length; i++) {
      cr[i] = rng.nextDouble() * 2 - 1;
      if (ci != null) ci[i] = rng.nextDouble() * 2 - 1;
    }
    Tensor loss = scalarize(y, cr, ci);
    loss.backward();
    for (int i = 0; i < inputs.length; i++) {
      Tensor g = leaves[i].grad();
      if (g == null) g = inputs[i].isComplex() ? Tensor.complexZeros(inputs[i].shape) : Tensor.zeros(inputs[i].shape);
      double[] gr = g.toArray(), gi = g.toImagArray();
      if (inputs[i].numel() <= fullLimit) {
        for (int k = 0; k < inputs[i].numel(); k++) {
          compare(i, "re[" + k + "]", numeric(inputs, i, k, false, cr, ci), gr[k]);
          if (inputs[i].isComplex()) compare(i, "im[" + k + "]", numeric(inputs, i, k, true, cr, ci), gi[k]);
        }
      } else {
        for (int d = 0; d < 3; d++) {
          double[] tr = new double[inputs[i].numel()];
          double[] ti = inputs[i].isComplex() ? new double[tr.length] : null;
          double analytic = 0;
          for (int k = 0; k < tr.length; k++) {
            tr[k] = rng.nextDouble() * 2 - 1;
            analytic += tr[k] * gr[k];
            if (ti != null) {
              ti[k] = rng.nextDouble() * 2 - 1;
              analytic += ti[k] * gi[k];
            }
          }
          compare(i, "direction " + d, directional(inputs, i, tr, ti, cr, ci), analytic);
        }
      }
    }
  }

  private void compare(int input, String where, double numeric, double analytic) {
    double err = Math.abs(numeric - analytic) / (1 + Math.abs(numeric));
    if (!(err <= tol)) {
      fail("gradient of input " + input + " at " + where + ": numeric " + numeric + " vs analytic " + analytic
          + " (relative error " + err + " > " + tol + ")");
    }
  }

  private double numeric(Tensor[] inputs, int which, int k, boolean imag, double[] cr, double[] ci) {
    double[] tr = new double[inputs[which].numel()];
    double[] ti = inputs[which].isComplex() ? new double[tr.length] : null;
    if (imag) ti[k] = 1;
    else tr[k] = 1;
    return directional(inputs, which, tr, ti, cr, ci);
  }

  private double directional(Tensor[] inputs, int which, double[] tr, double[] ti, double[] cr, double[] ci) {
    return (evaluate(inputs, which, tr, ti, eps, cr, ci) - evaluate(inputs, which, tr, ti, -eps, cr, ci)) / (2 * eps);
  }

  private double evaluate(Tensor[] inputs, int which, double[] tr, double[] ti, double h, double[] cr, double[] ci) {
    try (var off = Autograd.noGrad()) {
      Tensor[] xs = new Tensor[inputs.length];
      for (int i = 0; i < inputs.length; i++) xs[i] = inputs[i].copy();
      double[] re = xs[which].re;
      for (int k = 0; k < re.length; k++) re[k] += h * tr[k];
      if (ti != null) for (int k = 0; k < re.length; k++) xs[which].im[k] += h * ti[k];
      return scalarize(f.apply(xs), cr, ci).item();
    }
  }

  private static Tensor scalarize(Tensor y, double[] cr, double[] ci) {
    Tensor l = y.real().mul(Tensor.wrap(cr, null, y.shape)).sum();
    if (ci != null) l = l.add(y.imag().mul(Tensor.wrap(ci, null, y.shape)).sum());
    return l;
  }
}
