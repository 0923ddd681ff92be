package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecialTest {
  /** Relative accuracy promised for erfc, Φ, Q and Φ^{-1}. */
  private static final double REL = 4e-15;

  private static void assertRelative(double expected, double actual, double rel) {
    assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected),
        "expected " + expected + ", got " + actual + " (relative error " + Math.abs(actual - expected) / Math.abs(expected)
            + ")");
  }

  @Test
  void qInverseOfTenToTheMinusFiveMatchesTheKnownValue() {
    assertEquals(4.264890793922825, Special.qInverse(1e-5), 1e-12);
    assertRelative(5.9978070150076865, Special.qInverse(1e-9), REL);
  }

  @Test
  void erfcMatchesReferenceValuesOnBothSidesOfTheSeriesSwitch() {
    // Reference values: the C library's erfc (CPython math.erfc), accurate to about one ulp.
    double[][] ref = {
        {-3, 1.9999779095030015}, {-1, 1.842700792949715}, {0, 1.0}, {0.3, 0.6713732405408726},
        {1, 0.15729920705028513}, {1.2, 0.08968602177036465}, {1.25, 0.07709987174354177},
        {2, 0.004677734981047265}, {3.5, 7.430983723414128e-07}, {5, 1.5374597944280351e-12},
        {8, 1.1224297172982928e-29}, {12, 1.3562611692059042e-64}, {26, 5.663192408856143e-296}};
    for (double[] r : ref) assertRelative(r[1], Special.erfc(r[0]), REL);
    assertEquals(0, Special.erfc(30), 0);
    assertEquals(2, Special.erfc(-30), 0);
  }

  @Test
  void normalCdfAndTailMatchReferenceValues() {
    assertRelative(0.02275013194817921, Special.normalCdf(-2), REL);
    assertRelative(0.6914624612740131, Special.normalCdf(0.5), REL);
    assertRelative(0.9331927987311419, Special.normalCdf(1.5), REL);
    assertRelative(9.865876450376946e-10, Special.q(6), 2e-14);
    assertEquals(0.5, Special.q(0), 0);
  }

  @Test
  void normalQuantileMatchesReferenceValuesAcrossBothRegions() {
    double[][] ref = {
        {1e-300, -37.0470962993612}, {1e-10, -6.361340902404056}, {1e-5, -4.2648907939228256},
        {0.001, -3.090232306167813}, {0.02, -2.0537489106318225}, {0.3, -0.5244005127080407}, {0.5, 0},
        {0.7, 0.5244005127080407}, {0.975, 1.9599639845400536}, {0.999999, 4.753424308817089}};
    for (double[] r : ref) {
      if (r[1] == 0) assertEquals(0, Special.normalQuantile(r[0]), 0);
      else assertRelative(r[1], Special.normalQuantile(r[0]), r[0] < 1e-200 ? 1e-8 : REL);
    }
    assertEquals(Double.NEGATIVE_INFINITY, Special.normalQuantile(0));
    assertEquals(Double.POSITIVE_INFINITY, Special.normalQuantile(1));
  }

  @Test
  void quantileInvertsTheCdf() {
    for (double p = 1e-12; p < 1; p = p < 0.01 ? p * 7 : p + 0.0137) {
      double x = Special.normalQuantile(p);
      double back = p < 0.5 ? Special.normalCdf(x) : 1 - Special.q(x);
      assertRelative(p, back, 1e-14);
    }
  }

  @Test
  void outOfRangeProbabilitiesAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Special.normalQuantile(1.5));
    assertEquals("normalQuantile: p must lie in [0, 1], got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Special.qInverse(Double.NaN));
    assertEquals("qInverse: eps must lie in [0, 1], got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {0.2, -0.1}, 2).normalQuantile());
    assertEquals("normalQuantile: entry 1 of a tensor of shape [2] is -0.1, outside [0, 1]", e.getMessage());
  }

  @Test
  void tensorVersionsMatchTheScalarsAndHaveGradients() {
    Tensor x = Tensor.randn(1, 2, 5).mul(2.0);
    Tensor y = x.qFunction();
    for (int k = 0; k < 10; k++) assertEquals(Special.q(x.data()[k]), y.data()[k], 0);
    GradCheck.of(t -> t[0].erfc()).check(Tensor.randn(2, 2, 4).mul(1.5));
    GradCheck.of(t -> t[0].normalCdf()).check(Tensor.randn(3, 7).mul(2.0));
    GradCheck.of(t -> t[0].qFunction()).check(Tensor.randn(4, 3, 2).mul(2.0));
    GradCheck.of(t -> t[0].normalQuantile()).check(Tensor.rand(5, 6).mul(0.9).add(0.05));
  }

  @Test
  void complexInputIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.complexRandn(1, 2).erfc());
    assertEquals("erfc: expects a real tensor, got a complex one of shape [2]", e.getMessage());
  }
}
