package rrm.utility;

import rrm.tensor.Special;
import rrm.tensor.Tensor;

/**
 * The finite-blocklength rate (normal approximation, Polyanskiy-Poor-Verdu) used by the URLLC papers, in nats per
 * channel use:
 *
 * <pre>
 *   R(gamma) = ln(1 + gamma) - theta sqrt(V(gamma)),  V(gamma) = 1 - 1 / (1 + gamma)^2,  theta = Q^{-1}(eps) / sqrt(n)
 * </pre>
 *
 * with n the blocklength and eps the decoding error probability. R is negative on (0, nu_2), has its minimum below
 * nu_2 and increases beyond it, so the QoS constraint {@code R(gamma) >= (D / n) ln 2} of a D-bit packet is
 * {@code gamma >= nu_3}, the unique root of {@code R(nu_3) = (D / n) ln 2} above the minimum
 * (USRMNet paper §III-A, eq. 7).
 *
 * <p>Scalars are static methods; {@link #rate(Tensor, double)} and {@link #dispersion(Tensor)} are differentiable
 * compositions of tensor ops (the gradient of sqrt V is infinite at gamma = 0).
 */
public final class FiniteBlocklength {
  private FiniteBlocklength() {}

  /** Returns {@code theta = Q^{-1}(eps) / sqrt(n)}; throws unless n >= 1 and eps in (0, 1). */
  public static double theta(int blocklength, double errorProbability) {
    if (blocklength < 1) {
      throw new IllegalArgumentException("FiniteBlocklength.theta: blocklength n must be >= 1, got " + blocklength);
    }
    if (!(errorProbability > 0 && errorProbability < 1)) {
      throw new IllegalArgumentException("FiniteBlocklength.theta: errorProbability must be in (0, 1), got "
          + errorProbability);
    }
    return Special.qInverse(errorProbability) / Math.sqrt(blocklength);
  }

  /**
   * Returns the channel dispersion {@code V(gamma) = 1 - 1 / (1 + gamma)^2} for gamma >= 0, rounded exactly as
   * {@link #dispersion(Tensor)} rounds it (so a bound computed here and a value computed on tensors agree to the bit:
   * USRMNet's check {@code V(phi) <= psi} must hold exactly when both sit at the same clamp).
   */
  public static double dispersion(double gamma) {
    double s = gamma + 1;
    return 1 - 1 / (s * s);
  }

  /** Returns {@code R(gamma) = ln(1 + gamma) - theta sqrt(V(gamma))} in nats per channel use. */
  public static double rate(double gamma, double theta) {
    return Math.log1p(gamma) - theta * Math.sqrt(dispersion(gamma));
  }

  /** Returns {@code R'(gamma) = 1 / (1 + gamma) - theta / ((1 + gamma)^3 sqrt(V(gamma)))} for gamma > 0. */
  public static double rateDerivative(double gamma, double theta) {
    double a = 1 / (1 + gamma);
    return a - theta * a * a * a / Math.sqrt(dispersion(gamma));
  }

  /** Returns the QoS rate {@code (D / n) ln 2} of a D-bit packet in n channel uses, in nats per channel use. */
  public static double qosRate(int packetBits, int blocklength) {
    return packetBits * Math.log(2) / blocklength;
  }

  /**
   * Returns the SINR threshold {@code nu_3 = R^{-1}((D / n) ln 2)}: the unique gamma above the minimum of R with
   * {@code R(gamma) = (D / n) ln 2}, by bisection-safeguarded secant steps on {@code [1e-9, 1e6]} to full double
   * precision; throws if the target is out of that range.
   */
  public static double qosThreshold(int packetBits, int blocklength, double errorProbability) {
    if (packetBits < 1) {
      throw new IllegalArgumentException("FiniteBlocklength.qosThreshold: packetBits D must be >= 1, got "
          + packetBits);
    }
    return inverseRate(qosRate(packetBits, blocklength), theta(blocklength, errorProbability));
  }

  /** Returns nu_2, the zero of R above gamma = 0 (R < 0 on (0, nu_2)), for {@code theta > 0}. */
  public static double zero(double theta) {
    return inverseRate(0, theta);
  }

  /**
   * Returns the gamma above the minimiser of R with {@code R(gamma) = target} (R increases there); throws if
   * {@code target} is below the minimum of R or above R(1e6).
   */
  public static double inverseRate(double target, double theta) {
    if (!(theta >= 0) || !Double.isFinite(theta) || !Double.isFinite(target)) {
      throw new IllegalArgumentException("FiniteBlocklength.inverseRate: need theta >= 0 and a finite target, got "
          + "theta = " + theta + ", target = " + target);
    }
    double lo = argMin(theta), hi = 1e6;
    if (!(rate(lo, theta) <= target && rate(hi, theta) >= target)) {
      throw new IllegalArgumentException("FiniteBlocklength.inverseRate: target " + target + " nats is outside the "
          + "range [" + rate(lo, theta) + ", " + rate(hi, theta) + "] of R on gamma in [" + lo + ", 1e6]");
    }
    for (int it = 0; it < 400 && hi - lo > 4 * Math.ulp(hi); it++) {
      double mid = lo < 1 && hi > 1e3 ? Math.sqrt(Math.max(lo, 1e-9) * hi) : 0.5 * (lo + hi);
      double g = mid - (rate(mid, theta) - target) / rateDerivative(mid, theta);
      double x = g > lo && g < hi ? g : mid;
      double f = rate(x, theta) - target;
      if (f == 0) return x;
      if (f < 0) lo = x;
      else hi = x;
      // a bisection step each round keeps the bracket shrinking geometrically
      double m2 = 0.5 * (lo + hi);
      if (rate(m2, theta) - target < 0) lo = m2;
      else hi = m2;
    }
    return 0.5 * (lo + hi);
  }

  /** Returns the minimiser of R (where R' = 0), 1e-9 when theta = 0 (R increasing everywhere). */
  private static double argMin(double theta) {
    if (theta == 0) return 1e-9;
    double lo = 1e-12, hi = 1e6;
    if (rateDerivative(lo, theta) > 0) return lo;
    for (int it = 0; it < 200; it++) {
      double mid = Math.sqrt(lo * hi);
      if (rateDerivative(mid, theta) < 0) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** Returns {@code V(gamma) = 1 - (1 + gamma)^{-2}} elementwise (differentiable; gamma real, > -1). */
  public static Tensor dispersion(Tensor gamma) {
    return gamma.add(1).square().reciprocal().rsub(1);
  }

  /** Returns {@code R(gamma)} elementwise in nats (differentiable; gamma real, >= 0). */
  public static Tensor rate(Tensor gamma, double theta) {
    return gamma.log1p().sub(dispersion(gamma).sqrt().mul(theta));
  }
}
