package rrm.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
    String[] labels = new String[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] = inputs[i].copy().requiresGrad(true);
      labels[i] = "input " + i;
    }
    checkInPlace(() -> f.apply(leaves), labels, leaves, x -> x.numel() <= fullLimit, eps, tol, seed);
  }

  /**
   * The check itself, for leaf tensors that {@code forward} reads (function inputs, or a module's parameters, see
   * {@code rrm.nn.ParameterGradCheck}): backward of L = Re⟨c, y⟩ (c seeded from {@code seed}) gives their
   * gradients; then each variable, in order, is perturbed in place by ±eps (and restored) and the central
   * differences compared with the gradient: coordinate by coordinate where {@code everyCoordinate} holds, else along
   * three seeded random directions. Fails naming {@code labels[i]} and the coordinate or direction.
   */
  public static void checkInPlace(Supplier<Tensor> forward, String[] labels, Tensor[] variables,
      Predicate<Tensor> everyCoordinate, double eps, double tol, long seed) {
    Tensor y = forward.get();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cr = new double[y.numel()];
    double[] ci = y.isComplex() ? new double[y.numel()] : null;
    for (int i = 0; i < cr.length; i++) {
      cr[i] = rng.nextDouble() * 2 - 1;
      if (ci != null) ci[i] = rng.nextDouble() * 2 - 1;
    }
    scalarize(y, cr, ci).backward();
    for (int i = 0; i < variables.length; i++) {
      Tensor v = variables[i];
      Tensor g = v.grad();
      int n = v.numel();
      boolean complex = v.isComplex();
      double[] gr = g == null ? new double[n] : g.toArray();
      double[] gi = g == null ? new double[n] : g.toImagArray();
      if (everyCoordinate.test(v)) {
        for (int k = 0; k < n; k++) {
          compare(labels[i], "re[" + k + "]", directional(forward, v, unit(n, k), null, eps, cr, ci), gr[k], tol);
          if (!complex) continue;
          compare(labels[i], "im[" + k + "]", directional(forward, v, null, unit(n, k), eps, cr, ci), gi[k], tol);
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
          compare(labels[i], "direction " + d, directional(forward, v, tr, ti, eps, cr, ci), analytic, tol);
        }
      }
    }
  }

  private static double[] unit(int n, int k) {
    double[] u = new double[n];
    u[k] = 1;
    return u;
  }

  private static void compare(String label, String where, double numeric, double analytic, double tol) {
    double err = Math.abs(numeric - analytic) / (1 + Math.abs(numeric));
    if (!(err <= tol)) {
      fail("gradient of " + label + " at " + where + ": numeric " + numeric + " vs analytic " + analytic
          + " (relative error " + err + " > " + tol + ")");
    }
  }

  /** Returns the central difference of L along (tr, ti) at v; a null part is left unperturbed. */
  private static double directional(Supplier<Tensor> f, Tensor v, double[] tr, double[] ti, double eps, double[] cr,
      double[] ci) {
    return (evaluate(f, v, tr, ti, eps, cr, ci) - evaluate(f, v, tr, ti, -eps, cr, ci)) / (2 * eps);
  }

  private static double evaluate(Supplier<Tensor> f, Tensor v, double[] tr, double[] ti, double h, double[] cr,
      double[] ci) {
    double[] re = v.re, im = v.im;
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
    Tensor l = y.real().mul(Tensor.wrap(cr, null, y.shape)).sum();
    if (ci != null) l = l.add(y.imag().mul(Tensor.wrap(ci, null, y.shape)).sum());
    return l;
  }
}
