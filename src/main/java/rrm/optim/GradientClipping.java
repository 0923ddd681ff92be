package rrm.optim;

import java.util.List;
import rrm.nn.Parameter;
import rrm.tensor.Tensor;

/**
 * Global-norm gradient clipping over a list of parameters (the authors' code of paper 002; paper 004):
 * <pre>  n = sqrt(Σ_p Σ_i |g_{p,i}|²),   g ← g · c / max(n, c)</pre>
 * where a complex entry contributes |g|² = Re² + Im². This is TensorFlow's {@code clip_by_global_norm} (PyTorch's
 * {@code clip_grad_norm_} differs only by an ε of 1e-6 in the denominator). Gradients are scaled in place.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** Returns the global L2 norm of the gradients (parameters without a gradient count as zero). */
  public static double globalNorm(List<Parameter> parameters) {
    double sum = 0;
    for (Parameter p : parameters) {
      Tensor g = p.grad();
      if (g == null) continue;
      for (double x : g.data()) sum += x * x;
      if (g.isComplex()) for (double x : g.imagData()) sum += x * x;
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales all gradients by {@code maxNorm / n} when their global norm n exceeds {@code maxNorm}; returns n (before
   * clipping). A non-finite n leaves the gradients unchanged (the trainer skips such steps).
   */
  public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("GradientClipping.clipGlobalNorm: maxNorm must be > 0, got " + maxNorm);
    }
    double n = globalNorm(parameters);
    if (Double.isFinite(n) && n > maxNorm) {
      double scale = maxNorm / n;
      for (Parameter p : parameters) {
        Tensor g = p.grad();
        if (g == null) continue;
        double[] re = g.data();
        for (int i = 0; i < re.length; i++) re[i] *= scale;
        if (g.isComplex()) {
          double[] im = g.imagData();
          for (int i = 0; i < im.length; i++) im[i] *= scale;
        }
      }
    }
    return n;
  }
}
