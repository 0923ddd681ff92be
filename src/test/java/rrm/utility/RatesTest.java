package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class RatesTest {
  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void twoLinkRatesMatchTheFormulaWithRowReceiverOrientation() {
    // G[i][j] = Tx j -> Rx i. Rx 0 hears Tx 1 with amplitude 0.5, Rx 1 hears Tx 0 with amplitude 0.2.
    Tensor g = Tensor.of(new double[] {2, 0.5, 0.2, 1}, 1, 2, 2);
    Tensor p = Tensor.of(new double[] {0.8, 0.3}, 1, 2);
    double s2 = 0.1;
    double c0 = log2(1 + 4 * 0.8 / (s2 + 0.25 * 0.3));
    double c1 = log2(1 + 1 * 0.3 / (s2 + 0.04 * 0.8));
    assertArrayEquals(new double[] {c0, c1}, Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), p).toArray(), 1e-14);
    assertEquals(c0 + c1, Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), p).sum(-1).item(), 1e-14);
    assertArrayEquals(new int[] {1}, Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), p).sum(-1).shape());
  }

  @Test
  void zeroPowerGivesZeroRateAndAStrongLinkKeepsFullPrecision() {
    Tensor g = Tensor.of(new double[] {1e6, 1e-3, 1e-3, 1}, 1, 2, 2);
    assertArrayEquals(new double[] {0, 0}, Rates.rates(SisoProblem.ofAmplitudes(g, 1e-9, 1), Tensor.zeros(1, 2)).toArray(), 0);
    // SINR of link 1 is tiny next to link 0's: the direct off-diagonal sum keeps it exact.
    Tensor p = Tensor.of(new double[] {1, 1e-12}, 1, 2);
    double sinr1 = 1e-12 / (1e-9 + 1e-6);
    assertEquals(sinr1, Rates.sinr(SisoProblem.ofAmplitudes(g, 1e-9, 1), p).get(0, 1), 1e-15 * sinr1);
  }

  @Test
  void gradientsFlowToThePowersNotToTheChannels() {
    SisoProblem problem = SisoProblem.ofAmplitudes(Tensor.rand(3, 2, 4, 4).add(0.2), 0.3, 1);
    Tensor p = Tensor.rand(4, 2, 4).add(0.1);
    GradCheck.of(x -> Rates.rates(problem, x[0])).check(p);
    GradCheck.of(x -> Rates.rates(problem, x[0]).sum(-1)).check(p);
    SisoProblem one = SisoProblem.ofAmplitudes(Tensor.rand(5, 1, 3, 3).add(0.1), 0.3, 1);
    GradCheck.of(x -> Rates.rates(one, x[0])).check(Tensor.rand(6, 1, 3));
    Tensor g = Tensor.rand(7, 1, 3, 3).add(0.1).requiresGrad(true);
    Rates.rates(SisoProblem.ofAmplitudes(g, 0.3, 1), Tensor.rand(8, 1, 3).requiresGrad(true)).sum().backward();
    assertNull(g.grad(), "the channels are data: no gradient flows into them");
  }

  @Test
  void powersOfTheWrongShapeOrAboveTheBudgetAreRefused() {
    SisoProblem problem = SisoProblem.ofAmplitudes(Tensor.ones(2, 3, 3), 1, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> Rates.rates(problem, Tensor.ones(2, 4)));
    assertTrue(e.getMessage().startsWith("Rates.rates: p must be real [2, 3] to match SisoProblem[B=2, M=3"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Rates.rates(problem, Powers.of(Tensor.full(1.5, 2, 3))));
    assertEquals("Powers.checkFeasible: instance 0, transmitter 0 has power 1.5 above its budget 1.0", e.getMessage());
  }
}
