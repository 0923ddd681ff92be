package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.AdHocSiso;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

class ScalarWmmseTest {
  private static final ScalarWmmse.Store RX = ScalarWmmse.Store.ROW_RECEIVER;
  private static final ScalarWmmse.Store TX = ScalarWmmse.Store.ROW_TRANSMITTER;

  private static Tensor channels(Regime regime, int m, int batch) {
    AdHocSiso net = Paper002.scenario(regime).withPairs(m);
    return net.sample(net.drop(7), batch, 70);
  }

  private static double maxGap(Tensor a, Tensor b) {
    return a.sub(b).abs().max(1).max(0).item();
  }

  @Test
  void agreesWithTheLibrarySolverInBothRegimesAndBothUtilities() {
    for (Regime regime : Regime.values()) {
      Tensor g = channels(regime, 20, 12);
      double s2 = regime.noiseVariance();
      Tensor lib = Wmmse.of(50).run(SisoProblem.ofAmplitudes(g, s2, 1)).powers();
      double gap = maxGap(lib, ScalarWmmse.powers(g, RX, s2, 1, 50, e -> 1 / e));
      assertTrue(gap < 1e-12, regime + " sum-rate: max |dp| = " + gap);
      Tensor libSq = Wmmse.of(50).withUtility(Utility.sumOfSquares()).run(SisoProblem.ofAmplitudes(g, s2, 1)).powers();
      double gapSq = maxGap(libSq, ScalarWmmse.powers(g, RX, s2, 1, 50, e -> -2 * Math.log(e) / e));
      assertTrue(gapSq < 1e-12, regime + " sum of squares: max |dp| = " + gapSq);
    }
  }

  @Test
  void theTransposedStoreReadWithTransposedIndexingGivesIdenticalPowers() {
    Tensor g = channels(Regime.LOW_NOISE, 9, 5);
    double s2 = Regime.LOW_NOISE.noiseVariance();
    Tensor gt = g.mT();
    assertArrayEquals(ScalarWmmse.powers(g, RX, s2, 1, 40, e -> 1 / e).toArray(),
        ScalarWmmse.powers(gt, TX, s2, 1, 40, e -> 1 / e).toArray(), 0);
    // Reading the transposed store as if it were row = receiver solves a different problem.
    double wrong = maxGap(ScalarWmmse.powers(g, RX, s2, 1, 40, e -> 1 / e),
        ScalarWmmse.powers(gt, RX, s2, 1, 40, e -> 1 / e));
    assertTrue(wrong > 1e-3, "mis-oriented store should change the powers, gap " + wrong);
  }

  @Test
  void aLoneLinkTransmitsAtFullPowerAndZeroIterationsIsFullPower() {
    assertArrayEquals(new double[] {2.0}, ScalarWmmse.powers(new double[][] {{0.3}}, RX, 1e-3, 2.0, 10), 1e-15);
    assertArrayEquals(new double[] {1, 1}, ScalarWmmse.powers(new double[][] {{1, 5}, {5, 1}}, TX, 1, 1, 0), 0);
  }

  @Test
  void badInputIsNamedInSentences() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ScalarWmmse.powers(new double[][] {{1, 2}, {3}}, RX, 1, 1, 3));
    assertTrue(e.getMessage().contains("row 1 has 1 entries"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScalarWmmse.powers(new double[][] {{1}}, RX, -1, 1, 3));
    assertTrue(e.getMessage().contains("noise variance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ScalarWmmse.powers(Tensor.zeros(2, 3), RX, 1, 1, 3, x -> 1 / x));
    assertTrue(e.getMessage().contains("[B, M, M]"), e.getMessage());
  }
}
