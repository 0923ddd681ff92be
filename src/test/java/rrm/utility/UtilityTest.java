package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class UtilityTest {
  private static double apply(java.util.function.UnaryOperator<Tensor> f, double x) {
    return f.apply(Tensor.of(new double[] {x}, 1, 1)).item();
  }

  @Test
  void betaMatchesItsDefinition() {
    double z = 2.5;
    assertEquals(z, apply(Utility.sumRate()::beta, z), 0);
    assertEquals(Math.log(z), apply(Utility.proportionalFair()::beta, z), 1e-15);
    assertEquals(-1 / z, apply(Utility.harmonic()::beta, z), 1e-15);
    assertEquals(z * z, apply(Utility.sumOfSquares()::beta, z), 1e-15);
  }

  @Test
  void gammaPrimeIsTheDerivativeOfMinusBetaOfMinusLog() {
    // gamma(z) = -beta(-ln z); check gamma'(e) against a central difference of gamma at several e in (0, 1).
    List<Utility> all = List.of(Utility.sumRate(), Utility.proportionalFair(), Utility.harmonic(),
        Utility.sumOfSquares(), Utility.weightedSumRate(3.0));
    for (Utility u : all) {
      DoubleUnaryOperator gamma = z -> -apply(u::beta, -Math.log(z));
      for (double e : new double[] {0.01, 0.2, 0.7, 0.95}) {
        double h = 1e-6 * e;
        double numeric = (gamma.applyAsDouble(e + h) - gamma.applyAsDouble(e - h)) / (2 * h);
        double analytic = apply(u::gammaPrime, e);
        assertEquals(numeric, analytic, 1e-6 * Math.abs(analytic), u.name() + " at e = " + e);
      }
    }
    assertEquals(-2 * Math.log(0.3) / 0.3, apply(Utility.sumOfSquares()::gammaPrime, 0.3), 1e-14);
    assertEquals(1 / 0.3, apply(Utility.sumRate()::gammaPrime, 0.3), 1e-14);
  }

  @Test
  void utilitiesAreDifferentiable() {
    Tensor rates = Tensor.rand(1, 2, 3).add(0.5);
    Tensor e = Tensor.rand(2, 2, 3).mul(0.8).add(0.1);
    for (Utility u : List.of(Utility.sumRate(), Utility.proportionalFair(), Utility.harmonic(),
        Utility.sumOfSquares(), Utility.weightedSumRate(1, 2, 3))) {
      GradCheck.of(x -> u.total(x[0])).check(rates);
      GradCheck.of(x -> u.gammaPrime(x[0])).check(e);
    }
  }

  @Test
  void utilityOfPowersIsTheSumOfBetaOfRates() {
    Tensor g = Tensor.rand(3, 2, 3, 3).add(0.2);
    Tensor p = Tensor.rand(4, 2, 3);
    Tensor c = Rates.rates(SisoProblem.ofAmplitudes(g, 0.1, 1), p);
    double[] want = c.square().sum(-1).toArray();
    assertArrayEquals(want, Utility.sumOfSquares().of(SisoProblem.ofAmplitudes(g, 0.1, 1), Powers.of(p)).toArray(), 1e-14);
    assertEquals(-(want[0] + want[1]) / 2, Utility.sumOfSquares().loss(SisoProblem.ofAmplitudes(g, 0.1, 1), p).item(), 1e-14);
    Tensor w = Utility.weightedSumRate(1, 2, 3).of(SisoProblem.ofAmplitudes(g, 0.1, 1), Powers.of(p));
    double w0 = c.get(0, 0) + 2 * c.get(0, 1) + 3 * c.get(0, 2);
    assertEquals(w0, w.get(0), 1e-14);
  }

  @Test
  void weightedUtilityChecksItsWeights() {
    var e = assertThrows(IllegalArgumentException.class, () -> Utility.weightedSumRate(1, -2));
    assertEquals("Utility.weightedSumRate: weight 1 must be positive and finite, got -2.0", e.getMessage());
    var f = assertThrows(IllegalArgumentException.class,
        () -> Utility.weightedSumRate(1, 2).total(Tensor.ones(1, 3)));
    assertTrue(f.getMessage().contains("has 2 weights but the rates have 3 links"), f.getMessage());
  }
}
