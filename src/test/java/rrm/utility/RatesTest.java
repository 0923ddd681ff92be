package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
    assertArrayEquals(new double[] {c0, c1}, Rates.rates(g, p, s2).toArray(), 1e-14);
    assertEquals(c0 + c1, Rates.sumRate(g, p, s2).item(), 1e-14);
    assertArrayEquals(new int[] {1}, Rates.sumRate(g, p, s2).shape());
  }

  @Test
  void zeroPowerGivesZeroRateAndAStrongLinkKeepsFullPrecision() {
    Tensor g = Tensor.of(new double[] {1e6, 1e-3, 1e-3, 1}, 1, 2, 2);
    assertArrayEquals(new double[] {0, 0}, Rates.rates(g, Tensor.zeros(1, 2), 1e-9).toArray(), 0);
    // SINR of link 1 is tiny next to link 0's: the direct off-diagonal sum keeps it exact.
    Tensor p = Tensor.of(new double[] {1, 1e-12}, 1, 2);
    double sinr1 = 1e-12 / (1e-9 + 1e-6);
    assertEquals(sinr1, Rates.sinr(g, p, 1e-9).get(0, 1), 1e-15 * sinr1);
  }

  @Test
  void gradientsFlowToPowersAndChannels() {
    Tensor g = Tensor.rand(3, 2, 4, 4).add(0.2);
    Tensor p = Tensor.rand(4, 2, 4).add(0.1);
    GradCheck.of(x -> Rates.rates(x[0], x[1], 0.3)).check(g, p);
    GradCheck.of(x -> Rates.sumRate(x[0], x[1], 0.3)).check(g, p);
    GradCheck.of(x -> Rates.rates(x[0], x[1], 0.3)).check(Tensor.rand(5, 1, 3, 3).add(0.1), Tensor.rand(6, 1, 3));
  }

  @Test
  void badInputNamesTheArgumentTheExpectationAndWhatWasGiven() {
    Tensor g = Tensor.ones(2, 3, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> Rates.rates(Tensor.ones(2, 3, 4), Tensor.ones(2, 3), 1));
    assertEquals("Rates.rates: g must be [B, M, M] (square per sample), got [2, 3, 4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Rates.sumRate(g, Tensor.ones(2, 4), 1));
    assertEquals("Rates.sumRate: p must be [2, 3] to match g [2, 3, 3], got [2, 4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Rates.rates(g, Tensor.ones(2, 3), -1));
    assertEquals("Rates.rates: the noise variance sigma2 must be >= 0 and finite, got -1.0", e.getMessage());
    Tensor nan = Tensor.of(new double[] {1, Double.NaN, 1, 1}, 1, 2, 2);
    e = assertThrows(IllegalArgumentException.class, () -> Rates.rates(nan, Tensor.ones(1, 2), 1));
    assertTrue(e.getMessage().startsWith("Rates.rates: g of shape [1, 2, 2] contains a non-finite value (NaN)"),
        e.getMessage());
  }
}
