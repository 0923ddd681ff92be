package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.SisoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

class WmmseSisoTest {
  private final Tensor g = Tensor.rand(1, 3, 4, 4).add(0.2);
  private final SisoProblem h = SisoProblem.ofAmplitudes(g, 0.5, 1e6);
  private final Tensor v = Tensor.rand(2, 3, 4).add(0.3);
  private final Tensor a = Tensor.rand(3, 3, 4).mul(0.8).add(0.2);
  private final Tensor b = Tensor.rand(4, 3, 4).mul(0.8).add(0.2);
  private final Tensor mu = Tensor.of(new double[] {0.1}, 1);

  @Test
  void stepIsDifferentiableInAmplitudesCoefficientsAndMu() {
    // pmax = 1e6 keeps every v strictly inside the clamp, so the update is smooth at this point.
    WmmseState s = WmmseSiso.step(h, v, a, b, mu, Utility.sumRate());
    for (double x : s.v().toArray()) assertTrue(x > 0 && x < 1e3, "clamp active at the test point: " + x);
    for (Utility u : new Utility[] {Utility.sumRate(), Utility.sumOfSquares()}) {
      GradCheck.of(x -> WmmseSiso.step(h, x[0], x[1], x[2], x[3], u).v()).check(v, a, b, mu);
      GradCheck.of(x -> WmmseSiso.step(h, x[0], x[1], x[2], x[3], u).w()).check(v, a, b, mu);
      GradCheck.of(x -> WmmseSiso.step(h, x[0], null, null, null, u).u()).check(v);
    }
    SisoProblem one = SisoProblem.ofAmplitudes(Tensor.rand(5, 1, 3, 3).add(0.2), 0.5, 1e6);
    GradCheck.of(x -> WmmseSiso.step(one, x[0], x[1], x[2], x[3], Utility.sumRate()).v())
        .check(Tensor.rand(6, 1, 3).add(0.3), Tensor.rand(7, 1, 3).add(0.2), Tensor.rand(8, 1, 3).add(0.2), mu);
  }

  @Test
  void stepMatchesTheEquationsOnOneSample() {
    Tensor g1 = Tensor.of(new double[] {2, 0.5, 0.2, 1}, 1, 2, 2);
    SisoProblem h1 = SisoProblem.ofAmplitudes(g1, 0.1, 1);
    Tensor v0 = Tensor.of(new double[] {1, 0.5}, 1, 2);
    WmmseState s = WmmseSiso.step(h1, v0, null, null, null, Utility.sumRate());
    double den0 = 0.1 + 4 * 1 + 0.25 * 0.25, den1 = 0.1 + 0.04 * 1 + 1 * 0.25;
    double u0 = 2 * 1 / den0, u1 = 1 * 0.5 / den1;
    double e0 = (0.1 + 0.25 * 0.25) / den0, e1 = (0.1 + 0.04) / den1;
    assertArrayEquals(new double[] {u0, u1}, s.u().toArray(), 1e-15);
    assertArrayEquals(new double[] {e0, e1}, s.e().toArray(), 1e-15);
    double w0 = 1 / e0, w1 = 1 / e1;
    // v_i = G_ii u_i w_i / sum_j G_ji^2 u_j^2 w_j: column i of G.
    double v0n = 2 * u0 * w0 / (4 * u0 * u0 * w0 + 0.04 * u1 * u1 * w1);
    double v1n = 1 * u1 * w1 / (0.25 * u0 * u0 * w0 + 1 * u1 * u1 * w1);
    assertArrayEquals(new double[] {Math.min(v0n, 1), Math.min(v1n, 1)}, s.v().toArray(), 1e-15);
    assertEquals(0, s.guarded());
  }

  @Test
  void aVanishingDenominatorGivesFullPowerWithFiniteGradients() {
    WmmseState plain = WmmseSiso.step(h, v, a, b, null, Utility.sumRate());
    // Cancel the v-denominator of entry [0, 0] exactly with mu.
    Tensor cancel = Tensor.of(new double[] {-denominator(h, plain, 0, 0)}, 1).requiresGrad(true);
    Tensor vv = v.copy().requiresGrad(true);
    WmmseState s = WmmseSiso.step(h, vv, a, b, cancel, Utility.sumRate());
    assertTrue(s.guarded() >= 1, "the cancelled denominator should be guarded");
    assertEquals(1e3, s.v().get(0, 0), 0);
    s.v().sum().backward();
    for (double x : vv.grad().toArray()) assertTrue(Double.isFinite(x));
    assertTrue(Double.isFinite(cancel.grad().item()));
  }

  @Test
  void amplitudeIsContinuousInMuWhereTheDenominatorCrossesZero() {
    // pmax = 1 so the clamp is active: as den + mu falls to 0 the ratio grows past sqrt(pmax), and below 0 the
    // update stays at sqrt(pmax) (the authors' divide-and-clamp would jump to 0 there).
    SisoProblem h1 = SisoProblem.ofAmplitudes(g, 0.5, 1);
    WmmseState plain = WmmseSiso.step(h1, v, a, b, null, Utility.sumRate());
    double den = denominator(h1, plain, 1, 2);
    for (double delta : new double[] {1e-9, 1e-6, 1e-3}) {
      double above = WmmseSiso.step(h1, v, a, b, Tensor.of(new double[] {-den + delta}, 1), Utility.sumRate()).v()
          .get(1, 2);
      double below = WmmseSiso.step(h1, v, a, b, Tensor.of(new double[] {-den - delta}, 1), Utility.sumRate()).v()
          .get(1, 2);
      assertEquals(1.0, above, 0, "den + mu = +" + delta);
      assertEquals(1.0, below, 0, "den + mu = -" + delta);
    }
  }

  @Test
  void newAmplitudeMinimisesTheLinkQuadraticOverTheBoxForAnyMu() {
    // q(t) = (den + mu) t^2 - 2 num t, the v-block objective of WMMSE with mu as the power multiplier.
    SisoProblem h1 = SisoProblem.ofAmplitudes(g, 0.5, 1);
    WmmseState plain = WmmseSiso.step(h1, v, a, b, null, Utility.sumRate());
    for (double muValue : new double[] {0.3, 0, -0.05, -0.5, -5}) {
      WmmseState s = WmmseSiso.step(h1, v, a, b, Tensor.of(new double[] {muValue}, 1), Utility.sumRate());
      for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 4; i++) {
          double c = denominator(h1, plain, k, i) + muValue;
          double num = g.get(k, i, i) * plain.u().get(k, i) * plain.w().get(k, i);
          double vi = s.v().get(k, i);
          double best = c * vi * vi - 2 * num * vi;
          for (int t = 0; t <= 1000; t++) {
            double x = t / 1000.0;
            assertTrue(best <= c * x * x - 2 * num * x + 1e-12, "mu " + muValue + ", entry " + k + "," + i);
          }
        }
      }
    }
  }

  /** Returns sum_j G_ji^2 u_j^2 w_j of sample k, link i (column i of G). */
  private static double denominator(SisoProblem h, WmmseState s, int k, int i) {
    double den = 0;
    for (int j = 0; j < h.links(); j++) {
      double gji = h.amplitudes().get(k, j, i);
      den += gji * gji * s.u().get(k, j) * s.u().get(k, j) * s.w().get(k, j);
    }
    return den;
  }

  @Test
  void initialAmplitudesAreFullPower() {
    assertArrayEquals(new double[] {1e3, 1e3, 1e3, 1e3}, WmmseSiso.initial(h).slice(0, 0, 1).toArray(), 0);
  }

  @Test
  void badInputNamesTheArgumentAndShapes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> WmmseSiso.step(h, Tensor.ones(3, 5), null, null, null, Utility.sumRate()));
    assertEquals("WmmseSiso.step: v must be [3, 4] to match the channels, got [3, 5]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> WmmseSiso.step(h, v, Tensor.ones(4), null, null, Utility.sumRate()));
    assertEquals("WmmseSiso.step: a must be [3, 4] to match the channels, got [4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> WmmseSiso.step(h, v, null, null, Tensor.ones(2), Utility.sumRate()));
    assertEquals("WmmseSiso.step: mu must hold one element, got shape [2]", e.getMessage());
  }
}
