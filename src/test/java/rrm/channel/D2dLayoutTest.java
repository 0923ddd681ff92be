package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class D2dLayoutTest {
  @Test
  void directLinksLieInTheRangeAndEveryoneIsInsideTheSquare() {
    D2dLayout l = new D2dLayout(60, 400, 10, 50, 1);
    for (int s = 0; s < 20; s++) {
      Placement p = l.drop(new SplittableRandom(s));
      assertEquals(60, p.pairs());
      for (int k = 0; k < 60; k++) {
        double d = p.distance(k, k);
        assertTrue(d >= 10 && d <= 50, "direct link " + d);
      }
      for (double x : p.transmitters()) assertTrue(x >= 0 && x <= 400);
      for (double x : p.receivers()) assertTrue(x >= 0 && x <= 400);
      double[] all = p.distances();
      for (int i = 0; i < 60; i++) {
        for (int j = 0; j < 60; j++) {
          assertEquals(p.distance(j, i), all[i * 60 + j], 0);
          if (i != j) assertTrue(all[i * 60 + j] > 1);
        }
      }
    }
  }

  @Test
  void equalBoundsGiveExactlyThatDirectDistance() {
    Placement p = new D2dLayout(20, 300, 30, 30, 0).drop(new SplittableRandom(4));
    for (int k = 0; k < 20; k++) assertEquals(30, p.distance(k, k), 1e-9);
  }

  @Test
  void theCrossDistanceRuleRedrawsReceiversUntilNoLinkIsTooShort() {
    // 40 pairs in a 60 m square: many cross links under 1 m would occur without the rule
    D2dLayout l = new D2dLayout(40, 60, 2, 10, 1);
    for (int s = 0; s < 10; s++) {
      double[] d = l.drop(new SplittableRandom(s)).distances();
      for (int i = 0; i < 40; i++) for (int j = 0; j < 40; j++) if (i != j) assertTrue(d[i * 40 + j] > 1);
    }
  }

  @Test
  void sameDensityKeepsTheAreaPerPair() {
    D2dLayout l = D2dLayout.sameDensity(1000, 20000, 2, 65, 1);
    assertEquals(Math.sqrt(2e7), l.side(), 1e-9);
    assertEquals(20000, l.areaPerPair(), 1e-6);
    assertEquals(1000, l.side() * 0 + new D2dLayout(50, 1000, 2, 65, 1).withPairs(500).side(), 0);
  }

  @Test
  void oneGeneratorStateGivesOnePlacement() {
    D2dLayout l = new D2dLayout(30, 500, 2, 65, 1);
    Placement a = l.drop(new SplittableRandom(9)), b = l.drop(new SplittableRandom(9));
    assertArrayEquals(a.transmitters(), b.transmitters(), 0);
    assertArrayEquals(a.receivers(), b.receivers(), 0);
  }

  @Test
  void badLayoutsAndPositionsAreNamed() {
    assertTrue(msg(() -> new D2dLayout(0, 1000, 2, 65, 1)).contains("pairs K must be >= 1, got 0"));
    assertTrue(msg(() -> new D2dLayout(5, 1000, 70, 30, 1)).contains("dMin must not exceed dMax"));
    assertTrue(msg(() -> new D2dLayout(5, 100, 2, 90, 1)).contains("dMax must not exceed A / sqrt(2)"));
    assertTrue(msg(() -> new D2dLayout(5, Double.NaN, 2, 65, 1)).contains("side A"));
    assertTrue(msg(() -> D2dLayout.sameDensity(0, 20000, 2, 65, 1)).contains("pairs K"));
    double[] ok = {1, 1, 2, 2};
    assertTrue(msg(() -> Placement.of(10, new double[] {1, Double.NaN, 2, 2}, ok))
        .contains("tx coordinate 1 (pair 0, y) must lie in [0, 10.0], got NaN"));
    assertTrue(msg(() -> Placement.of(10, ok, new double[] {1, 1, 12, 2}))
        .contains("rx coordinate 2 (pair 1, x) must lie in [0, 10.0], got 12.0"));
    assertTrue(msg(() -> Placement.of(10, new double[0], new double[0])).contains("K >= 1"));
  }

  private static String msg(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }
}
