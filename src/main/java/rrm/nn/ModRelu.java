package rrm.nn;

import java.util.Arrays;
import rrm.tensor.Autograd;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * modReLU, the complex ReLU that acts on the modulus and keeps the phase (paper 004):
 * <pre>  y = (|x| + b) x / |x|   where |x| + b > 0,   y = 0 otherwise (and y = 0 at x = 0)</pre>
 * with a learned real bias b per feature (last axis). Shapes: x {@code [..., F]} real or complex, b {@code [F]},
 * y like x. On real x it is y = x + b sign(x) where |x| + b > 0.
 *
 * <p>Gradient (conjugate-Wirtinger), with u = x/|x| and p = Re(u* ȳ) on the active set:
 * x̄ = p u + (|x| + b)/|x| (ȳ − p u) and b̄ = p (summed over the rows sharing b); both 0 where inactive. At
 * x = 0 the function jumps (|y| = b > 0 around it, y = 0 at it), so its gradient there is taken as 0, which keeps
 * the output and gradient finite for every input.
 */
public final class ModRelu extends Module {
  private final int features;
  private final Parameter bias;

  /** A modReLU over {@code features} features with a zero initial bias (as for paper 004). */
  public ModRelu(int features) {
    this(features, 0.0);
  }

  /** A modReLU over {@code features} features with every bias starting at {@code initialBias}. */
  public ModRelu(int features, double initialBias) {
    if (features < 1) throw new IllegalArgumentException("ModRelu: features must be >= 1, got " + features);
    this.features = features;
    this.bias = param("bias", Init.constant(initialBias, features));
  }

  /** Returns modReLU(x, b) for x {@code [..., F]}. */
  public Tensor apply(Tensor x) {
    return modRelu(x, bias.value());
  }

  /**
   * Returns modReLU(x, b ⊙ scale): the bias scaled per sample or per entry, for example by sqrt(P_k/|I_k|)/b_S in
   * GCN-WMMSE (paper 004). {@code scale} is real and broadcasts against {@code [..., F]}.
   */
  public Tensor apply(Tensor x, Tensor scale) {
    return modRelu(x, bias.value().mul(scale));
  }

  /** Returns the bias b {@code [F]}. */
  public Parameter bias() {
    return bias;
  }

  /** Returns F. */
  public int features() {
    return features;
  }

  /** The modReLU op itself: y = (|x| + b) x/|x| where active; b is real and broadcasts to x's shape. */
  public static Tensor modRelu(Tensor x, Tensor b) {
    if (b.isComplex()) {
      throw new IllegalArgumentException("modRelu: the bias must be real, got a complex tensor of shape "
          + Shape.str(b.shape()));
    }
    int[] s = Shape.broadcast("modRelu", x.shape(), b.shape());
    if (!Arrays.equals(s, x.shape())) {
      throw new IllegalArgumentException("modRelu: the bias of shape " + Shape.str(b.shape())
          + " must broadcast to the input's shape " + Shape.str(x.shape()) + ", not enlarge it to " + Shape.str(s));
    }
    Tensor be = Arrays.equals(b.shape(), s) ? b : b.expand(s);
    double[] xr = x.data(), xi = x.imagData(), bv = be.data();
    int n = xr.length;
    double[] yr = new double[n];
    double[] yi = xi == null ? null : new double[n];
    double[] mod = new double[n];
    for (int i = 0; i < n; i++) {
      double r = xi == null ? Math.abs(xr[i]) : Math.hypot(xr[i], xi[i]);
      mod[i] = r;
      if (r > 0 && r + bv[i] > 0) {
        double scale = (r + bv[i]) / r;
        yr[i] = scale * xr[i];
        if (yi != null) yi[i] = scale * xi[i];
      }
    }
    Tensor y = yi == null ? Tensor.of(yr, s) : Tensor.complex(yr, yi, s);
    return Autograd.record(y, "modRelu", g -> backward(g, xr, xi, bv, mod, s), x, be);
  }

  private static Tensor[] backward(Tensor g, double[] xr, double[] xi, double[] bv, double[] mod, int[] s) {
    int n = xr.length;
    double[] gr = g.data(), gi = g.imagData();
    double[] dxr = new double[n];
    double[] dxi = xi == null ? null : new double[n];
    double[] db = new double[n];
    for (int i = 0; i < n; i++) {
      double r = mod[i];
      if (!(r > 0 && r + bv[i] > 0)) continue;
      double ur = xr[i] / r, ui = xi == null ? 0 : xi[i] / r;
      double hr = gr[i], hi = gi == null ? 0 : gi[i];
      double p = ur * hr + ui * hi;
      double q = (r + bv[i]) / r;
      dxr[i] = p * ur + q * (hr - p * ur);
      if (dxi != null) dxi[i] = p * ui + q * (hi - p * ui);
      db[i] = p;
    }
    Tensor dx = dxi == null ? Tensor.of(dxr, s) : Tensor.complex(dxr, dxi, s);
    return new Tensor[] {dx, Tensor.of(db, s)};
  }
}
