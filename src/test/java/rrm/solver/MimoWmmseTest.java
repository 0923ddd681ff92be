package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.channel.Split;
import rrm.paper.p001.Paper001;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;
import rrm.utility.MimoSignals;

class MimoWmmseTest {
  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void textbookWeightedSumRateNeverDecreases() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(41, 6, 6, 3, 6, 4), 0.01, 1.0)
        .withWeights(Tensor.of(new double[] {1.0, 0.5, 2.0, 1.0, 3.0, 0.2}, 6));
    assertMonotone(MimoWmmse.of(40).run(p).sumRates());
    MimoProblem code = Paper001.Profile.CODE.rayleigh().batch(7, Split.TEST, 10, 0, 6);
    assertMonotone(MimoWmmse.of(40).run(code).sumRates());
  }

  @Test
  void textbookWmmseIsMonotoneOnTheBatchWhereTheFastRatesSeemToDrop() {
    // Paper 001's M = 10 test batch, samples 128..159: sample 136 has a receiver whose noise (4e-12) is tiny against
    // its interference (a covariance condition number near 1e12); there MimoRates.rates errs by up to 1e-5 bit/s/Hz
    // and the recorded trajectory seemed to drop by 4e-7 (relative). The precise rates of the same iterates rise.
    MimoProblem p = Paper001.Profile.CODE.rayleigh().batch(Paper001.SEED, Split.TEST, 10, 0, 192).slice(128, 160);
    MimoWmmse.Result r = MimoWmmse.of(100).withPreciseTrajectory().run(p);
    assertMonotone(r.sumRates());
    Tensor last = MimoRates.weighted(p, MimoRates.precise(p, r.beamformers().tensor()));
    assertArrayEquals(last.data(), r.finalSumRate().toArray(), 0);
    assertArrayEquals(r.beamformers().tensor().data(), MimoWmmse.of(100).allocate(p).tensor().data());
  }

  @Test
  void everyRuleKeepsEveryTransmitterWithinItsBudget() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(42, 5, 5, 3, 5, 5), 1e-3, 1.0).withBudgets(1, 2, 0.5, 1, 3);
    for (MimoWmmse m : new MimoWmmse[] {MimoWmmse.of(20), MimoWmmse.of(20).withRule(WmmseMimo.Rule.loaded(1e-2))}) {
      Beamformers v = m.allocate(p);
      v.checkFeasible(p);
      double[] power = v.userPowers().data();
      double[] budgets = p.budgets();
      for (int n = 0; n < power.length; n++) assertTrue(power[n] <= budgets[n % 5] * (1 + 1e-12));
    }
  }

  @Test
  void singleAntennaTextbookWmmseAgreesWithTheSisoSolver() {
    int b = 8, k = 6, t = 100;
    Tensor h = Tensor.complexRandn(43, b, k, 1, k, 1);
    double sigma2 = 0.05;
    MimoWmmse.Result mimo = MimoWmmse.of(t).run(MimoProblem.of(h, sigma2, 1.0));
    WmmseResult siso = Wmmse.of(t).run(SisoProblem.ofAmplitudes(h.abs().reshape(b, k, k), sigma2, 1.0));
    double[] a = mimo.sumRates().data(), s = siso.sumRates().data();
    for (int n = 0; n < a.length; n++) assertEquals(s[n], a[n], 1e-10 * Math.max(1, Math.abs(s[n])));
    double[] pm = mimo.beamformers().userPowers().data(), ps = siso.powers().data();
    for (int n = 0; n < pm.length; n++) assertEquals(ps[n], pm[n], 1e-10);
  }

  @Test
  void resultsDoNotDependOnThreadsOrChunks() {
    MimoProblem p = Paper001.Profile.CODE.rayleigh().batch(8, Split.TEST, 8, 0, 10);
    Parallel.setThreads(1);
    MimoWmmse.Result one = MimoWmmse.of(10).withChunk(3).run(p);
    Parallel.setThreads(2);
    MimoWmmse.Result two = MimoWmmse.of(10).withChunk(3).run(p);
    MimoWmmse.Result whole = MimoWmmse.of(10).withChunk(64).run(p);
    assertArrayEquals(one.beamformers().tensor().data(), two.beamformers().tensor().data());
    assertArrayEquals(one.beamformers().tensor().imagData(), two.beamformers().tensor().imagData());
    assertArrayEquals(one.sumRates().data(), two.sumRates().data());
    assertArrayEquals(one.sumRates().data(), whole.sumRates().data());
  }

  @Test
  void trajectoryStartsAtTheInitialPrecodersAndEndsAtTheResult() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(44, 3, 4, 2, 4, 3), 0.1, 1.0);
    MimoWmmse.Result r = MimoWmmse.of(5).run(p);
    assertArrayEquals(new int[] {3, 6}, r.sumRates().shape());
    Tensor start = MimoRates.sumRate(p, WmmseMimo.initial(rrm.utility.MimoSignals.of(p)));
    assertEquals(start.get(1), r.sumRates().get(1, 0), 1e-12);
    assertEquals(MimoRates.sumRate(p, r.beamformers().tensor()).get(2), r.finalSumRate().get(2), 1e-12);
    assertEquals(6, r.meanSumRate().length);
    assertArrayEquals(r.beamformers().tensor().data(), MimoWmmse.of(5).allocate(p).tensor().data());
  }

  @Test
  void truncatedWmmseIsThePrefixOfTheFullRun() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(45, 2, 4, 2, 4, 3), 0.1, 1.0);
    double[] full = MimoWmmse.of(10).run(p).sumRates().data();
    double[] tr = MimoWmmse.truncated(3).run(p).sumRates().data();
    for (int n = 0; n < 2; n++) for (int t = 0; t <= 3; t++) assertEquals(full[n * 11 + t], tr[n * 4 + t], 0);
    assertEquals("WMMSE-3", MimoWmmse.truncated(3).name());
    assertEquals("WMMSE-loaded-100", Paper001.Profile.CODE.wmmse(100).name());
  }

  @Test
  void badArgumentsAreRejectedNamingThem() {
    var it = assertThrows(IllegalArgumentException.class, () -> MimoWmmse.of(-1));
    assertTrue(it.getMessage().contains("iterations") && it.getMessage().contains("-1"), it.getMessage());
    var learned = assertThrows(IllegalArgumentException.class,
        () -> MimoWmmse.of(3).withRule(new WmmseMimo.Rule(0, WmmseMimo.Multiplier.LEARNED_IDENTITY)));
    assertTrue(learned.getMessage().contains("LEARNED_IDENTITY"), learned.getMessage());
    var chunk = assertThrows(IllegalArgumentException.class, () -> MimoWmmse.of(3).withChunk(0));
    assertTrue(chunk.getMessage().contains("chunk"), chunk.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MimoWmmse.of(3).run(null));
  }

  /**
   * The trace of a run holds, at iteration k, the precoders a k-iteration run returns and the raw weights (6) that
   * a (k-1)-iteration run's precoders give, bit for bit, whatever the chunking; for both rules.
   */
  @Test
  void stepsRecordWhatTruncatedRunsCompute() {
    MimoProblem p = Paper001.Profile.CODE.rayleigh().batch(9, Split.TEST, 6, 0, 5);
    MimoSignals s = MimoSignals.of(p);
    int[] at = {1, 2, 3, 7, 12};
    for (MimoWmmse m : new MimoWmmse[] {Paper001.Profile.CODE.wmmse(12).withChunk(2), MimoWmmse.of(12).withChunk(2)}) {
      List<WmmseMimo.Step> steps = m.steps(p, at);
      assertEquals(at.length, steps.size());
      for (int i = 0; i < at.length; i++) {
        int k = at[i];
        WmmseMimo.Step st = steps.get(i);
        assertArrayEquals(new int[] {5, 6, 1, 1}, st.wHat().shape());
        assertSame(new MimoWmmse(k, m.rule(), false, 64).allocate(p).tensor(), st.v(), m.name() + ", V at " + k);
        Tensor prev = new MimoWmmse(k - 1, m.rule(), false, 64).allocate(p).tensor();
        WmmseMimo.Receive rx = WmmseMimo.receive(s, prev, m.rule().loading());
        assertSame(rx.wHat(), st.wHat(), m.name() + ", w^ at " + k);
        assertSame(rx.u(), st.u(), m.name() + ", U at " + k);
        assertSame(st.wHat(), st.w(), m.name() + ", no transform and no rate weights: w = w^");
        if (m.rule().multiplier() == WmmseMimo.Multiplier.BISECTION) assertArrayEquals(new int[] {5, 6}, st.mu().shape());
        else assertEquals(null, st.mu());
      }
      assertSame(m.allocate(p).tensor(), steps.get(at.length - 1).v(), m.name() + ": the last entry is the result");
    }
  }

  @Test
  void stepsRejectIterationsOutsideTheRunNamingThem() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(46, 2, 3, 2, 3, 2), 0.1, 1.0);
    MimoWmmse m = MimoWmmse.of(5);
    for (int[] at : new int[][] {{}, {0, 1}, {2, 2}, {3, 1}, {1, 6}}) {
      var e = assertThrows(IllegalArgumentException.class, () -> m.steps(p, at));
      assertTrue(e.getMessage().contains("at") && e.getMessage().contains("1..5"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> m.steps(p, (int[]) null));
    var np = assertThrows(IllegalArgumentException.class, () -> m.steps(null, 1));
    assertTrue(np.getMessage().contains("problem"), np.getMessage());
  }

  private static void assertSame(Tensor want, Tensor got, String what) {
    assertArrayEquals(want.shape(), got.shape(), what);
    assertArrayEquals(want.data(), got.data(), what);
    assertArrayEquals(want.imagData(), got.imagData(), what);
  }

  /** Asserts that every instance's objective (rows of {@code rates}, one column per iteration) never decreases. */
  static void assertMonotone(Tensor rates) {
    int b = rates.size(0), t = rates.size(1);
    double[] r = rates.data();
    for (int n = 0; n < b; n++) {
      for (int k = 1; k < t; k++) {
        double prev = r[n * t + k - 1], cur = r[n * t + k];
        assertTrue(cur >= prev - 1e-9 * Math.abs(prev), "instance " + n + ", iteration " + k + ": " + prev + " -> "
            + cur);
      }
    }
  }
}
