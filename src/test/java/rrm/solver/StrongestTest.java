package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

class StrongestTest {
  // two instances of 4 pairs; direct amplitudes 0.5, 2, 1, 3 and 1, 1, 4, 2
  private final SisoProblem p = SisoProblem.ofAmplitudes(Tensor.of(new double[] {
      0.5, 9, 9, 9, 9, 2, 9, 9, 9, 9, 1, 9, 9, 9, 9, 3,
      1, 9, 9, 9, 9, 1, 9, 9, 9, 9, 4, 9, 9, 9, 9, 2}, 2, 4, 4), 1, 2);

  @Test
  void theStrongestDirectLinksTransmitAtFullPower() {
    double[] x = new Strongest(2).allocate(p).tensor().data();
    assertArrayEquals(new double[] {0, 2, 0, 2, 0, 0, 2, 2}, x, 0);
  }

  @Test
  void ranksByWeightTimesDirectGainWithTiesToTheLowerIndex() {
    SisoProblem w = p.withWeights(Tensor.of(new double[] {1, 1, 8, 0.1, 1, 1, 0, 1}, 2, 4));
    // scores: 0.25, 4, 8, 0.9 and 1, 1, 0, 4
    assertArrayEquals(new double[] {0, 2, 2, 0, 2, 0, 0, 2}, new Strongest(2).allocate(w).tensor().data(), 0);
  }

  @Test
  void calibratedCountIsTheFloorOfTheMeanTotalReferencePower() {
    Powers ref = Powers.of(Tensor.of(new double[] {2, 2, 1.9, 0, 2, 2, 2, 1.9}, 2, 4)); // 5.9 and 7.9 -> 6.9 / 2
    assertEquals(3, Strongest.calibrated(p, ref).active());
    assertEquals(0, Strongest.calibrated(p, Powers.of(Tensor.zeros(2, 4))).active());
    assertEquals(4, Strongest.calibrated(p, Powers.of(Tensor.full(2, 2, 4))).active());
  }

  @Test
  void moreActivePairsThanPairsMeansEveryoneTransmits() {
    for (double x : new Strongest(9).allocate(p).tensor().data()) assertEquals(2, x, 0);
    for (double x : new Strongest(0).allocate(p).tensor().data()) assertEquals(0, x, 0);
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Strongest(-1)).getMessage()
        .contains("active must be >= 0, got -1"));
  }
}
