package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.AdHocSiso;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.Rates;
import rrm.utility.Utility;

class WmmseTest {
  private static Tensor channels(Regime regime, long topologySeed, int batch) {
    AdHocSiso net = Paper002.scenario(regime);
    return net.sample(net.drop(topologySeed), batch, 1000 + topologySeed);
  }

  private static void assertNonDecreasing(Tensor perSample, String what) {
    int b = perSample.size(0), t = perSample.size(1);
    double worst = 0;
    for (int i = 0; i < b; i++) {
      for (int k = 1; k < t; k++) {
        double prev = perSample.get(i, k - 1), next = perSample.get(i, k);
        worst = Math.max(worst, (prev - next) / Math.abs(prev));
      }
    }
    assertTrue(worst <= 1e-9, what + ": worst relative decrease " + worst + " > 1e-9");
  }

  @Test
  void sumRateNeverDecreasesOverIterationsInBothRegimes() {
    for (Regime regime : Regime.values()) {
      for (long seed = 0; seed < 3; seed++) {
        WmmseResult r = Wmmse.of(100).run(SisoProblem.ofAmplitudes(channels(regime, seed, 64), regime.noiseVariance(), 1.0));
        assertArrayEquals(new int[] {64, 101}, r.sumRates().shape());
        assertNonDecreasing(r.sumRates(), regime + " topology " + seed);
      }
    }
  }

  @Test
  void sumOfSquaresNeverDecreasesWithTheModifiedWeightAndBeatsTheSumRateWeight() {
    Tensor g = channels(Regime.LOW_NOISE, 4, 64);
    double s2 = Regime.LOW_NOISE.noiseVariance();
    WmmseResult eq10 = Wmmse.of(100).withUtility(Utility.sumOfSquares()).run(SisoProblem.ofAmplitudes(g, s2, 1.0));
    assertNonDecreasing(eq10.utilities(), "sum of squares with eq. (10)");
    double withEq10 = Utility.sumOfSquares().of(SisoProblem.ofAmplitudes(g, s2, 1), Powers.of(eq10.powers())).mean().item();
    double withEq7 = Utility.sumOfSquares().of(SisoProblem.ofAmplitudes(g, s2, 1), Powers.of(Wmmse.of(100).run(SisoProblem.ofAmplitudes(g, s2, 1.0)).powers())).mean().item();
    assertTrue(withEq10 > withEq7, "eq. (10) " + withEq10 + " should beat eq. (7) " + withEq7 + " in sum c^2");
  }

  @Test
  void powersAreFeasible() {
    Tensor g = channels(Regime.LOW_NOISE, 1, 64);
    for (double pMax : new double[] {1.0, 0.3}) {
      double[] p = Wmmse.of(20).run(SisoProblem.ofAmplitudes(g, 1e-9, pMax)).powers().toArray();
      for (double x : p) {
        assertTrue(x >= 0 && x <= pMax + Math.ulp(pMax), "power " + x + " outside [0, " + pMax + "]");
      }
    }
  }

  @Test
  void oneLinkTransmitsAtFullPower() {
    Tensor g = Tensor.of(new double[] {0.3, 2.0, 1e-3}, 3, 1, 1);
    Tensor p = Wmmse.of(10).run(SisoProblem.ofAmplitudes(g, 0.5, 2.0)).powers();
    // p = v^2 with v = sqrt(pmax): equal to pmax up to the rounding of sqrt(2)^2.
    assertArrayEquals(new double[] {2, 2, 2}, p.toArray(), Math.ulp(2.0));
  }

  @Test
  void twoSymmetricWeaklyCoupledLinksBothTransmitAtFullPowerWhichIsOptimal() {
    double c = 0.1, s2 = 0.1;
    Tensor g = Tensor.of(new double[] {1, c, c, 1}, 1, 2, 2);
    Tensor p = Wmmse.of(50).run(SisoProblem.ofAmplitudes(g, s2, 1.0)).powers();
    assertArrayEquals(new double[] {1, 1}, p.toArray(), 0);
    // Brute force over a grid: full power is the global optimum of the sum-rate.
    double best = -1;
    for (int i = 0; i <= 100; i++) {
      for (int j = 0; j <= 100; j++) {
        double r = Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), Tensor.of(new double[] {i / 100.0, j / 100.0}, 1, 2)).sum(-1).item();
        best = Math.max(best, r);
      }
    }
    assertEquals(best, Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), p).sum(-1).item(), 1e-12);
  }

  /**
   * Orientation self-check (paper 002 eqs. 6, 8 vs the transposed store of §IV): the scalar-loop reference WMMSE
   * ({@link ScalarWmmse}) on the transposed store Hc (row = transmitter, Hc[i][j] = Tx i -> Rx j, the paper's §IV and
   * the authors' convention), indexed accordingly, agrees with the library's row = receiver implementation.
   */
  @Test
  void transposedStoreWithTransposedIndexingGivesTheSameResult() {
    for (Regime regime : Regime.values()) {
      Tensor g = channels(regime, 2, 16);
      double s2 = regime.noiseVariance();
      int b = 16, m = 20, t = 30;
      double[] p = Wmmse.of(t).run(SisoProblem.ofAmplitudes(g, s2, 1.0)).powers().toArray();
      for (int k = 0; k < b; k++) {
        double[][] hc = new double[m][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) hc[i][j] = g.get(k, j, i);
        double[] ref = ScalarWmmse.powers(hc, ScalarWmmse.Store.ROW_TRANSMITTER, s2, 1.0, t);
        for (int i = 0; i < m; i++) {
          double want = ref[i];
          assertEquals(want, p[k * m + i], 1e-12 * Math.max(1e-3, want), regime + " sample " + k + " link " + i);
        }
      }
    }
  }

  @Test
  void trajectoryColumnTIsTheSumRateOfTIterations() {
    Tensor g = channels(Regime.LOW_NOISE, 3, 32);
    double s2 = Regime.LOW_NOISE.noiseVariance();
    WmmseResult w100 = Wmmse.of(100).run(SisoProblem.ofAmplitudes(g, s2, 1.0));
    WmmseResult tr4 = Wmmse.truncated(4).run(SisoProblem.ofAmplitudes(g, s2, 1.0));
    double[] direct = Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), tr4.powers()).sum(-1).toArray();
    for (int i = 0; i < 32; i++) {
      assertEquals(direct[i], w100.sumRates().get(i, 4), 1e-12 * direct[i]);
      assertEquals(direct[i], tr4.finalSumRate().get(i), 1e-12 * direct[i]);
    }
    double full = Rates.rates(SisoProblem.ofAmplitudes(g, s2, 1), Tensor.ones(32, 20)).sum(-1).mean().item();
    assertEquals(full, w100.meanSumRate()[0], 1e-12 * full);
    assertArrayEquals(w100.meanSumRate(), w100.meanUtility(), 0);
  }

  @Test
  void resultsDoNotDependOnBatchSplitOrThreadCount() {
    Tensor g = channels(Regime.LOW_NOISE, 5, 150);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      WmmseResult one = Wmmse.of(30).run(SisoProblem.ofAmplitudes(g, 1e-9, 1.0));
      Parallel.setThreads(3);
      WmmseResult many = Wmmse.of(30).run(SisoProblem.ofAmplitudes(g, 1e-9, 1.0));
      assertArrayEquals(one.powers().toArray(), many.powers().toArray(), 0);
      assertArrayEquals(one.sumRates().toArray(), many.sumRates().toArray(), 0);
      WmmseResult part = Wmmse.of(30).run(SisoProblem.ofAmplitudes(g.slice(0, 70, 100), 1e-9, 1.0));
      assertArrayEquals(part.powers().toArray(), one.powers().slice(0, 70, 100).toArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void stoppingRuleFreezesSamplesThatNoLongerImprove() {
    Tensor g = channels(Regime.LOW_NOISE, 6, 40);
    double s2 = Regime.LOW_NOISE.noiseVariance();
    WmmseResult huge = Wmmse.of(100).withStopRule(1e9).run(SisoProblem.ofAmplitudes(g, s2, 1.0));
    assertArrayEquals(Wmmse.of(1).run(SisoProblem.ofAmplitudes(g, s2, 1.0)).powers().toArray(), huge.powers().toArray(), 0);
    for (int its : huge.iterations()) assertEquals(1, its);

    WmmseResult sun = Wmmse.of(100).withStopRule(1e-3).run(SisoProblem.ofAmplitudes(g, s2, 1.0));
    WmmseResult full = Wmmse.of(100).run(SisoProblem.ofAmplitudes(g, s2, 1.0));
    for (int i = 0; i < 40; i++) {
      int k = sun.iterations()[i];
      assertTrue(k >= 1 && k <= 100);
      double frozen = sun.finalSumRate().get(i);
      assertEquals(full.sumRates().get(i, k), frozen, 1e-12 * frozen, "sample " + i + " froze at iteration " + k);
      if (k < 100) assertTrue(full.sumRates().get(i, k + 1) - full.sumRates().get(i, k) <= 1e-3);
    }
    assertNonDecreasing(sun.sumRates(), "stopped run");
  }

  @Test
  void powersWithoutTrajectoryMatchTheTrackedRun() {
    Tensor g = channels(Regime.HIGH_NOISE, 0, 20);
    Wmmse w = Wmmse.of(10);
    assertArrayEquals(w.run(SisoProblem.ofAmplitudes(g, 1, 1)).powers().toArray(), w.allocate(SisoProblem.ofAmplitudes(g, 1, 1)).tensor().toArray(), 0);
    var e = assertThrows(IllegalStateException.class, () -> w.withoutTrajectory().run(SisoProblem.ofAmplitudes(g, 1, 1)).meanSumRate());
    assertTrue(e.getMessage().contains("did not track its trajectory"), e.getMessage());
    assertEquals("WMMSE-10", w.name());
  }

  @Test
  void badInputNamesTheProblem() {
    var e = assertThrows(IllegalArgumentException.class, () -> Wmmse.of(5).run(null));
    assertEquals("Wmmse.run: problem must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Wmmse.of(-1));
    assertEquals("Wmmse: iterations must be >= 0, got -1", e.getMessage());
  }
}
