package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.tensor.Special;
import rrm.tensor.Tensor;

class FiniteBlocklengthTest {
  @Test
  void constantsOfThePaperAreReproduced() {
    assertEquals(4.264890793922825, Special.qInverse(1e-5), 1e-14);
    assertEquals(0.376967, FiniteBlocklength.theta(128, 1e-5), 1e-6);
    assertEquals(0.266556, FiniteBlocklength.theta(256, 1e-5), 1e-6);
    double nu128 = FiniteBlocklength.qosThreshold(256, 128, 1e-5);
    double nu256 = FiniteBlocklength.qosThreshold(256, 256, 1e-5);
    assertEquals(4.79857966, nu128, 5e-9);
    assertEquals(1.55603272, nu256, 5e-9);
    assertEquals(0.970259, FiniteBlocklength.dispersion(nu128), 1e-6);
    assertEquals(0.846938, FiniteBlocklength.dispersion(nu256), 1e-6);
    assertEquals(0.25632, FiniteBlocklength.zero(FiniteBlocklength.theta(128, 1e-5)), 1e-5);
    assertEquals(0.13389, FiniteBlocklength.zero(FiniteBlocklength.theta(256, 1e-5)), 1e-5);
  }

  @Test
  void scalarAndTensorDispersionAgreeToTheBit() {
    // a clamp bound computed on scalars (psi <= V(gamma~)) and the same V computed on tensors (V(phi) at phi = gamma~)
    // must be equal, or a point sitting on both clamps reads as a violation of 1 ulp
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    double[] g = new double[10_000];
    for (int i = 0; i < g.length; i++) g[i] = i < 100 ? i * 0.37 : Math.exp(r.nextDouble(-12, 12));
    double[] t = FiniteBlocklength.dispersion(Tensor.of(g, g.length)).data();
    int differ = 0;
    for (int i = 0; i < g.length; i++) if (t[i] != FiniteBlocklength.dispersion(g[i])) differ++;
    assertEquals(0, differ, "entries where the scalar and tensor dispersion differ");
  }

  @Test
  void thresholdSolvesTheQosEquationToRoundOff() {
    for (int n : new int[] {64, 128, 256, 512}) {
      double th = FiniteBlocklength.theta(n, 1e-5);
      double nu = FiniteBlocklength.qosThreshold(256, n, 1e-5);
      assertEquals(256 * Math.log(2) / n, FiniteBlocklength.rate(nu, th), 1e-13);
      assertTrue(FiniteBlocklength.rateDerivative(nu, th) > 0);
    }
  }

  @Test
  void thresholdAgreesWithTheLambertSeriesOfTheAuthors() {
    // nu_3 from a truncated Lambert-W series is an independent check; here: bisection on the scalar rate
    double th = FiniteBlocklength.theta(128, 1e-5), target = 2 * Math.log(2);
    double lo = 1, hi = 100;
    for (int i = 0; i < 200; i++) {
      double m = 0.5 * (lo + hi);
      if (FiniteBlocklength.rate(m, th) < target) lo = m;
      else hi = m;
    }
    assertEquals(lo, FiniteBlocklength.qosThreshold(256, 128, 1e-5), 1e-12);
  }

  @Test
  void tensorRateMatchesScalarsAndItsGradientMatchesFiniteDifferences() {
    double th = 0.3;
    double[] g = {0.05, 0.7, 3.0, 14.0, 250.0};
    Tensor x = Tensor.of(g, 5).requiresGrad(true);
    Tensor r = FiniteBlocklength.rate(x, th);
    r.sum().backward();
    for (int i = 0; i < g.length; i++) {
      assertEquals(FiniteBlocklength.rate(g[i], th), r.get(i), 1e-14);
      double h = 1e-6 * Math.max(1, g[i]);
      double fd = (FiniteBlocklength.rate(g[i] + h, th) - FiniteBlocklength.rate(g[i] - h, th)) / (2 * h);
      assertEquals(fd, x.grad().get(i), 1e-7 * Math.max(1, Math.abs(fd)));
      assertEquals(FiniteBlocklength.rateDerivative(g[i], th), x.grad().get(i), 1e-12);
    }
  }

  @Test
  void badArgumentsAreRejectedNamingThem() {
    var e = assertThrows(IllegalArgumentException.class, () -> FiniteBlocklength.theta(0, 1e-5));
    assertTrue(e.getMessage().contains("blocklength"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FiniteBlocklength.theta(128, 1.5));
    assertTrue(e.getMessage().contains("errorProbability"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FiniteBlocklength.qosThreshold(0, 128, 1e-5));
    assertTrue(e.getMessage().contains("packetBits"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FiniteBlocklength.inverseRate(100, 0.3));
    assertTrue(e.getMessage().contains("outside the range"), e.getMessage());
  }
}
