package rrm.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class F1ScoreTest {

  private static final double EXACT = 1e-15;

  @Test
  void matchesTheCountsOfAHandWorkedCase() {
    // TP = 2 (0, 1), FP = 1 (2), FN = 1 (3), TN = 1 (4): 2*2 / (4 + 1 + 1)
    boolean[] pred = {true, true, true, false, false};
    boolean[] truth = {true, true, false, true, false};
    assertEquals(4.0 / 6.0, F1Score.of(pred, truth), EXACT);
    // precision 2/3, recall 2/3: their harmonic mean
    assertEquals(2.0 / 3.0, F1Score.of(pred, truth), EXACT);
  }

  @Test
  void edgeCasesNothingToFindScoresOneAndDisjointScoresZero() {
    assertEquals(1.0, F1Score.of(new boolean[] {false, false}, new boolean[] {false, false}), 0);  // TP+FP+FN = 0
    assertEquals(1.0, F1Score.of(new boolean[0], new boolean[0]), 0);
    assertEquals(0.0, F1Score.of(new boolean[] {true, false}, new boolean[] {false, false}), 0);    // only FP
    assertEquals(0.0, F1Score.of(new boolean[] {false, false}, new boolean[] {false, true}), 0);    // only FN
    assertEquals(0.0, F1Score.of(new boolean[] {true, false}, new boolean[] {false, true}), 0);
    assertEquals(1.0, F1Score.of(new boolean[] {true, false}, new boolean[] {true, false}), 0);
  }

  @Test
  void perRowThresholdsStrictlyAndScoresEachRowAlone() {
    double[] w = {1.0, 5.0, 2.0, /* row 2 */ 0.5, 1.0, 1.0};
    double[] p = {0.9, 0.9, 0.1, /* row 2 */ 0.2, 0.3, 0.5};
    // row 1: pred {F, T, T} (1.0 is not > 1), truth {T, T, F} at tau 0.5: TP 1, FP 1, FN 1 -> 0.5
    // row 2: pred all F, truth all F (0.5 is not > 0.5): nothing to find -> 1
    assertArrayEquals(new double[] {0.5, 1.0}, F1Score.perRow(w, 1.0, p, 0.5, 3), EXACT);
    // pred {F (NaN), T, T} against truth {T, F, T}: TP 1, FP 1, FN 1
    assertArrayEquals(new double[] {0.5},
        F1Score.perRow(new double[] {Double.NaN, 2, 3}, 1, new double[] {1, 0, 1}, 0.5, 3), EXACT, "NaN is negative");
    assertEquals(0.5, F1Score.positiveFraction(p, 0.4), EXACT);   // 0.9, 0.9, 0.5 of 6
    assertTrue(Double.isNaN(F1Score.positiveFraction(new double[0], 0)));
  }

  @Test
  void badInputIsRejectedNamingTheArgument() {
    var len = assertThrows(IllegalArgumentException.class, () -> F1Score.of(new boolean[2], new boolean[3]));
    assertTrue(len.getMessage().contains("same length") && len.getMessage().contains("2 and 3"), len.getMessage());
    var nul = assertThrows(IllegalArgumentException.class, () -> F1Score.of(null, new boolean[1]));
    assertTrue(nul.getMessage().contains("predicted"), nul.getMessage());
    var cols = assertThrows(IllegalArgumentException.class,
        () -> F1Score.perRow(new double[4], 1, new double[4], 1, 0));
    assertTrue(cols.getMessage().contains("columns") && cols.getMessage().contains("0"), cols.getMessage());
    var shape = assertThrows(IllegalArgumentException.class,
        () -> F1Score.perRow(new double[6], 1, new double[4], 1, 2));
    assertTrue(shape.getMessage().contains("6 and 4"), shape.getMessage());
    var rows = assertThrows(IllegalArgumentException.class,
        () -> F1Score.perRow(new double[5], 1, new double[5], 1, 2));
    assertTrue(rows.getMessage().contains("rows x 2"), rows.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F1Score.perRow(new double[2], 1, null, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> F1Score.positiveFraction(null, 0));
  }
}
