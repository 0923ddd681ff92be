package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;

class GaussianIcTest {
  @Test
  void noiseFollowsTheSnrWithUnitBudgetAndNoWeights() {
    SisoProblem p = new GaussianIc(10, 10).samples(1, 0, 4);
    assertArrayEquals(new int[] {4, 10, 10}, p.amplitudes().shape());
    assertEquals(0.1, p.noiseVariance(), 1e-15);
    assertEquals(1.0, new GaussianIc(10, 0).noiseVariance(), 0);
    assertEquals(1.0, p.pMax(), 0);
    assertNull(p.weights());
  }

  @Test
  void powerGainsAreUnitMeanExponential() {
    double[] a = new GaussianIc(30, 0).samples(3, 0, 200).amplitudes().data();
    double s = 0, s2 = 0;
    for (double x : a) {
      s += x * x;
      s2 += x * x * x * x;
    }
    int n = a.length;
    // |h|^2 ~ Exp(1): mean 1, second moment 2; 180000 draws give standard errors 0.0024 and 0.011
    assertEquals(1.0, s / n, 0.012);
    assertEquals(2.0, s2 / n, 0.06);
  }

  @Test
  void anySampleIsReproducibleAloneAndIndependentOfThreads() {
    GaussianIc ic = new GaussianIc(7, 10);
    double[] all = ic.samples(5, 0, 6).amplitudes().data();
    double[] third = ic.samples(5, 3, 1).amplitudes().data();
    for (int e = 0; e < 49; e++) assertEquals(all[3 * 49 + e], third[e], 0);
    assertArrayEquals(ic.batch(5, 1, 3).amplitudes().data(), java.util.Arrays.copyOfRange(all, 147, 294), 0);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = ic.samples(5, 0, 6).amplitudes().data();
      Parallel.setThreads(2);
      assertArrayEquals(one, ic.samples(5, 0, 6).amplitudes().data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
    assertNotEquals(all[0], ic.samples(6, 0, 1).amplitudes().data()[0]);
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianIc(0, 10)).getMessage()
        .contains("pairs K must be >= 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianIc(5, Double.NaN)).getMessage()
        .contains("snrDb"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianIc(5, 0).samples(1, 0, 0))
        .getMessage().contains("count"));
  }
}
