package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

  private static final double EXACT = 1e-12;

  @Test
  void matchesHandComputedValuesWithPopulationStdAndLinearQuantiles() {
    Stats s = Stats.of(new double[] {4, 1, 3, 2, 10});
    assertEquals(5, s.n());
    assertEquals(4.0, s.mean(), EXACT);
    assertEquals(Math.sqrt((9 + 4 + 1 + 0 + 36) / 5.0), s.std(), EXACT); // population: divide by n
    assertEquals(1, s.min(), EXACT);
    assertEquals(2, s.q25(), EXACT); // position 0.25 * 4 = 1 -> 2
    assertEquals(3, s.median(), EXACT);
    assertEquals(4, s.q75(), EXACT);
    assertEquals(10, s.max(), EXACT);
  }

  @Test
  void interpolatesBetweenOrderStatistics() {
    Stats s = Stats.of(new double[] {1, 2, 3, 4});
    assertEquals(1.75, s.q25(), EXACT); // position 0.75
    assertEquals(2.5, s.median(), EXACT);
    assertEquals(3.25, s.q75(), EXACT);
  }

  @Test
  void skipsNonFiniteValuesAndGivesNaNWhenNothingIsLeft() {
    assertEquals(2, Stats.of(new double[] {1, Double.NaN, 3}).n());
    Stats empty = Stats.of(new double[] {Double.NaN});
    assertEquals(0, empty.n());
    assertTrue(Double.isNaN(empty.mean()));
  }
}
