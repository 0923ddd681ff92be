package rrm.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;

/**
 * Central-difference check of the gradient of a scalar loss with respect to every parameter of a module (paper 002
 * notebook 01). For every real coordinate theta_k of every parameter (real and imaginary parts of complex ones
 * separately),
 *
 * <pre>
 *   numeric_k = (L(theta + eps e_k) - L(theta - eps e_k)) / (2 eps)
 * </pre>
 *
 * is compared with the component of the backward gradient (conjugate-Wirtinger for complex parameters: real part =
 * dL/dRe, imaginary part = dL/dIm). Each parameter gets a {@link Result} with the largest absolute error and the
 * largest absolute gradient; the accepted measure is their ratio, {@link #relativeError}. A pointwise relative error
 * is not used because the kinks of clamp and ReLU make it unreliable where a gradient is near zero.
 *
 * <p>Costs two loss evaluations per coordinate, so it is meant for small models and batches. Parameter values are
 * restored exactly after each perturbation.
 *
 * <pre>{@code
 * List<GradientCheck.Result> r =
 *     GradientCheck.run(model, () -> Utility.sumRate().loss(g, model.apply(g, s2, 1).powers(), s2), 1e-5);
 * double worst = GradientCheck.relativeError(r);   // max |numeric - analytic| / max |analytic|
 * }</pre>
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * The check of one parameter (or of a group of parameters, see {@link #byGroup}).
   *
   * @param parameter the parameter's dotted name, or the group's key
   * @param coordinates the real coordinates checked
   * @param maxAbsGradient max |analytic| over those coordinates
   * @param maxAbsError max |numeric - analytic| over those coordinates
   */
  public record Result(String parameter, int coordinates, double maxAbsGradient, double maxAbsError) {
    /** Returns maxAbsError / maxAbsGradient (0 when both are 0, infinity when only the gradient is 0). */
    public double relativeError() {
      return ratio(maxAbsError, maxAbsGradient);
    }
  }

  /**
   * Checks every parameter of {@code module}: {@code loss} must return a one-element tensor built from the
   * parameters' live values (it is called once with gradients recorded, then twice per coordinate under no-grad).
   */
  public static List<Result> run(Module module, Supplier<Tensor> loss, double eps) {
    if (module == null || loss == null) {
      throw new IllegalArgumentException("GradientCheck.run: module and loss must not be null");
    }
    if (!(eps > 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("GradientCheck.run: eps must be positive and finite, got " + eps);
    }
    module.zeroGrad();
    Tensor l = scalar(loss);
    if (l.requiresGrad()) l.backward();   // a loss cut from every parameter leaves all gradients null (zero)
    List<Result> out = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
      Tensor v = e.getValue().value();
      Tensor g = e.getValue().grad();
      double[] gr = g == null ? new double[v.numel()] : g.toArray();
      double[] gi = g == null || !v.isComplex() ? new double[v.numel()] : g.toImagArray();
      double maxGrad = 0, maxErr = 0;
      double[][] parts = v.isComplex() ? new double[][] {v.data(), v.imagData()} : new double[][] {v.data()};
      for (int c = 0; c < parts.length; c++) {
        double[] part = parts[c], analytic = c == 0 ? gr : gi;
        for (int k = 0; k < part.length; k++) {
          double numeric = centralDifference(loss, part, k, eps);
          maxErr = Math.max(maxErr, Math.abs(numeric - analytic[k]));
          maxGrad = Math.max(maxGrad, Math.abs(analytic[k]));
        }
      }
      out.add(new Result(e.getKey(), e.getValue().count(), maxGrad, maxErr));
    }
    module.zeroGrad();
    return out;
  }

  /** Returns max error / max gradient over all results: the whole-model measure. */
  public static double relativeError(List<Result> results) {
    double err = 0, grad = 0;
    for (Result r : results) {
      err = Math.max(err, r.maxAbsError());
      grad = Math.max(grad, r.maxAbsGradient());
    }
    return ratio(err, grad);
  }

  /**
   * Merges results whose parameter names map to the same key (for example the name after the last dot, so that
   * {@code layer1.a.omega11} and {@code layer2.b.omega11} form the group {@code omega11}); groups keep the order of
   * their first member.
   */
  public static List<Result> byGroup(List<Result> results, Function<String, String> key) {
    Map<String, Result> groups = new LinkedHashMap<>();
    for (Result r : results) {
      groups.merge(key.apply(r.parameter()), r, (a, b) -> new Result(a.parameter(), a.coordinates() + b.coordinates(),
          Math.max(a.maxAbsGradient(), b.maxAbsGradient()), Math.max(a.maxAbsError(), b.maxAbsError())));
    }
    List<Result> out = new ArrayList<>();
    groups.forEach((k, r) -> out.add(new Result(k, r.coordinates(), r.maxAbsGradient(), r.maxAbsError())));
    return out;
  }

  private static double centralDifference(Supplier<Tensor> loss, double[] values, int k, double eps) {
    double keep = values[k];
    try (var off = Autograd.noGrad()) {
      values[k] = keep + eps;
      double up = scalar(loss).item();
      values[k] = keep - eps;
      double down = scalar(loss).item();
      return (up - down) / (2 * eps);
    } finally {
      values[k] = keep;
    }
  }

  private static Tensor scalar(Supplier<Tensor> loss) {
    Tensor l = loss.get();
    if (l == null || l.numel() != 1 || l.isComplex()) {
      throw new IllegalArgumentException("GradientCheck.run: the loss must be one real number, got "
          + (l == null ? "null" : (l.isComplex() ? "a complex tensor of shape " : "a tensor of shape ")
              + java.util.Arrays.toString(l.shape())));
    }
    return l;
  }

  private static double ratio(double err, double grad) {
    if (grad > 0) return err / grad;
    return err == 0 ? 0 : Double.POSITIVE_INFINITY;
  }
}
