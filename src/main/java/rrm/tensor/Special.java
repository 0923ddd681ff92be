package rrm.tensor;

/**
 * Special functions for finite-blocklength rates (paper 000): the complementary error function, the standard
 * normal CDF Φ and its inverse, the Gaussian tail {@code Q(x) = 1 - Φ(x)} and its inverse {@code Q^{-1}(ε)}.
 *
 * <p>Scalars are static methods; {@link #erfc(Tensor)}, {@link #normalCdf(Tensor)}, {@link #q(Tensor)} and
 * {@link #normalQuantile(Tensor)} are differentiable elementwise ops on real tensors (also exposed on
 * {@link Tensor}).
 *
 * <p>{@code erfc} sums the series {@code erf x = (2/√π) e^{-x²} Σ_n 2^n x^{2n+1} / (1·3···(2n+1))} for
 * {@code |x| < 1.25} and evaluates the continued fraction of {@code Γ(1/2, x²)} (modified Lentz) beyond, with
 * {@code e^{-x²}} split as {@code e^{-h²} e^{-(x-h)(x+h)}} for accuracy; relative error about 1e-15.
 * {@code Φ^{-1}} starts from Acklam's rational approximation (relative error 1.2e-9) and takes one Halley step, which
 * brings it to full double precision; tails are computed on the side where they are small, so
 * {@code Q^{-1}(1e-5) = 4.264890793922825} to the last digits.
 */
public final class Special {
  private static final double SQRT_PI = Math.sqrt(Math.PI);
  private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);

  private Special() {}

  // ---------------------------------------------------------------------------------------------- scalars

  /** Returns the complementary error function {@code erfc x = (2/√π) ∫_x^∞ e^{-t²} dt}. */
  public static double erfc(double x) {
    if (Double.isNaN(x)) return Double.NaN;
    if (x < 0) return 2 - erfc(-x);
    if (x < 1.25) return 1 - erfSeries(x);
    if (x > 27.3) return 0; // below the smallest subnormal
    return expMinusSquare(x) * x * gammaHalfFraction(x * x) / SQRT_PI;
  }

  /** Returns the standard normal CDF {@code Φ(x) = erfc(-x/√2) / 2}. */
  public static double normalCdf(double x) {
    return 0.5 * erfc(-x * INV_SQRT2);
  }

  /** Returns the Gaussian tail {@code Q(x) = 1 - Φ(x) = erfc(x/√2) / 2}, accurate for large x. */
  public static double q(double x) {
    return 0.5 * erfc(x * INV_SQRT2);
  }

  /** Returns {@code Φ^{-1}(p)} for p in [0, 1] (±∞ at the ends); throws for p outside [0, 1] or NaN. */
  public static double normalQuantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("normalQuantile: p must lie in [0, 1], got " + p);
    }
    if (p == 0.5) return 0;
    return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p); // 1 - p is exact for p >= 0.5
  }

  /** Returns {@code Q^{-1}(ε) = Φ^{-1}(1 - ε) = -Φ^{-1}(ε)} for ε in [0, 1]. */
  public static double qInverse(double eps) {
    if (!(eps >= 0 && eps <= 1)) {
      throw new IllegalArgumentException("qInverse: eps must lie in [0, 1], got " + eps);
    }
    return -normalQuantile(eps);
  }

  /** Returns the standard normal density {@code φ(x) = e^{-x²/2} / √(2π)}. */
  public static double normalPdf(double x) {
    return Math.exp(-0.5 * x * x) / SQRT_2PI;
  }

  private static double erfSeries(double x) {
    double x2 = x * x;
    double term = x, sum = x;
    for (int n = 0; n < 200 && term > 1e-17 * sum; n++) {
      term *= 2 * x2 / (2 * n + 3);
      sum += term;
    }
    return 2 / SQRT_PI * Math.exp(-x2) * sum;
  }

  /** {@code e^{-x²}} with x² split so that the large part is exact. */
  private static double expMinusSquare(double x) {
    double h = Math.floor(x * 16) / 16;
    return Math.exp(-h * h) * Math.exp(-(x - h) * (x + h));
  }

  /** The continued fraction {@code Γ(1/2, z) e^z z^{-1/2}} by the modified Lentz method. */
  private static double gammaHalfFraction(double z) {
    double tiny = 1e-300;
    double b = z + 0.5, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000; i++) {
      double an = -i * (i - 0.5);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) d = tiny;
      c = b + an / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return h;
  }

  /** Φ^{-1}(p) for 0 <= p < 1/2: Acklam's approximation plus one Halley step. */
  private static double lowerQuantile(double p) {
    if (p == 0) return Double.NEGATIVE_INFINITY;
    double x;
    if (p < 0.02425) {
      double t = Math.sqrt(-2 * Math.log(p));
      x = (((((-7.784894002430293e-03 * t - 3.223964580411365e-01) * t - 2.400758277161838e+00) * t
          - 2.549732539343734e+00) * t + 4.374664141464968e+00) * t + 2.938163982698783e+00)
          / ((((7.784695709041462e-03 * t + 3.224671290700398e-01) * t + 2.445134137142996e+00) * t
          + 3.754408661907416e+00) * t + 1);
    } else {
      double t = p - 0.5, r = t * t;
      x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
          + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * t
          / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
          + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
    }
    if (p < 1e-300) return x; // e^{x²/2} would overflow; Acklam's 1e-9 is what remains
    double e = normalCdf(x) - p;
    double u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    return x - u / (1 + 0.5 * x * u);
  }

  // ---------------------------------------------------------------------------------------------- tensors

  /** Elementwise {@code erfc}; gradient {@code -2/√π e^{-x²}}. */
  public static Tensor erfc(Tensor x) {
    Tensor out = map("erfc", x, Special::erfc);
    return Autograd.record(out, "erfc", g -> new Tensor[] {g.mul(map("erfc", x, v -> -2 / SQRT_PI * Math.exp(-v * v)))},
        x);
  }

  /** Elementwise Φ; gradient φ(x). */
  public static Tensor normalCdf(Tensor x) {
    Tensor out = map("normalCdf", x, Special::normalCdf);
    return Autograd.record(out, "normalCdf", g -> new Tensor[] {g.mul(map("normalCdf", x, Special::normalPdf))}, x);
  }

  /** Elementwise Q; gradient -φ(x). */
  public static Tensor q(Tensor x) {
    Tensor out = map("q", x, Special::q);
    return Autograd.record(out, "q", g -> new Tensor[] {g.mul(map("q", x, v -> -normalPdf(v)))}, x);
  }

  /** Elementwise Φ^{-1} (entries in [0, 1]); gradient {@code 1 / φ(Φ^{-1}(p))}. */
  public static Tensor normalQuantile(Tensor p) {
    for (int i = 0; i < p.re.length; i++) {
      if (!(p.re[i] >= 0 && p.re[i] <= 1)) {
        throw new IllegalArgumentException("normalQuantile: entry " + i + " of a tensor of shape " + Shape.str(p.shape)
            + " is " + p.re[i] + ", outside [0, 1]");
      }
    }
    Tensor out = map("normalQuantile", p, Special::normalQuantile);
    return Autograd.record(out, "normalQuantile", g -> new Tensor[] {
        g.mul(map("normalQuantile", out, v -> 1 / normalPdf(v)))}, p);
  }

  private static Tensor map(String op, Tensor x, java.util.function.DoubleUnaryOperator f) {
    Elementwise.requireReal(op, x);
    double[] o = new double[x.re.length];
    Parallel.forRange(o.length, 1 << 11, (from, to) -> {
      for (int i = from; i < to; i++) o[i] = f.applyAsDouble(x.re[i]);
    });
    return Tensor.wrap(o, null, x.shape.clone());
  }
}
