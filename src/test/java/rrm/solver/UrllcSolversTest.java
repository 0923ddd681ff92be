package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.channel.UrllcDownlink;
import rrm.system.Beamformers;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.utility.Duality;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

class UrllcSolversTest {
  private final UrllcDownlink net = UrllcDownlink.of(4, 32, 15, 120, 140, 256, 1e-5, 256);
  private final UrllcProblem p = net.sample(6, 21);
  private final double nu3 = UrllcRates.qosThreshold(p);

  @Test
  void minPowerInitMeetsEveryTargetExactlyWithEqualUplinkAndDownlinkPower() {
    UrllcSolution s = new MinPowerInit().solve(p);
    double[] down = UrllcRates.downlinkSinr(p, s.beamformers()).data();
    for (double v : down) assertEquals(nu3, v, 1e-8 * nu3);
    double[] per = s.beamformers().userPowers().data(), q = s.uplinkPowers().data();
    for (int b = 0; b < 6; b++) {
      double sp = 0, sq = 0;
      for (int u = 0; u < 4; u++) {
        sp += per[b * 4 + u];
        sq += q[b * 4 + u];
      }
      assertEquals(sq, sp, 1e-9 * sq);
      assertTrue(s.qosFeasible()[b]);
    }
    // the rate of the initial point is the QoS rate D/n ln 2 for every user
    assertEquals(256 * Math.log(2) / 256, s.meanRate(), 1e-7);
  }

  @Test
  void minPowerInitGivesTheLeastPowers() {
    MmseReceiver r = MmseReceiver.of(p, 1);
    MinPowerInit.Point pt = MinPowerInit.point(r, nu3, p.pMax());
    double[] s = new double[4];
    for (int u = 0; u < 4; u++) {
      double[] q = pt.uplink().clone();
      q[u] *= 0.999; // lowering any one power breaks that user's target (its SINR is linear in its own power)
      r.update(q);
      r.sinr(s);
      assertTrue(s[u] < nu3);
    }
  }

  @Test
  void unreachableTargetsAreFlaggedWithFiniteRates() {
    UrllcProblem hard = UrllcDownlink.of(6, 4, -10, 120, 140, 128, 1e-5, 256).sample(3, 5);
    for (UrllcSolution s : new UrllcSolution[] {new MinPowerInit().solve(hard), Hebf.defaults().solve(hard),
        PgaMmse.defaults().solve(hard), new EqualPowerMmse().solve(hard)}) {
      assertEquals(0, s.feasibleFraction(), 0);
      for (double v : s.weightedSumRate().data()) assertTrue(Double.isFinite(v));
      assertTrue(Double.isNaN(s.meanFeasibleRate()));
    }
  }

  @Test
  void hebfIsFeasibleAndAtLeastAsGoodAsTheStartAndEqualPower() {
    UrllcSolution h = Hebf.defaults().solve(p);
    UrllcSolution ep = new EqualPowerMmse().solve(p);
    double[] hr = h.weightedSumRate().data(), er = ep.weightedSumRate().data(), s = h.sinr().data();
    double[] q = h.uplinkPowers().data();
    for (int b = 0; b < 6; b++) {
      assertTrue(h.qosFeasible()[b]);
      double sum = 0;
      for (int u = 0; u < 4; u++) {
        sum += q[b * 4 + u];
        assertTrue(s[b * 4 + u] >= nu3 * (1 - 1e-6));
      }
      assertTrue(sum <= p.pMax() * (1 + 1e-9));
      assertTrue(hr[b] > Math.log(2) + 1.0);
      assertTrue(hr[b] >= er[b] * (1 - 1e-3), "instance " + b + ": HeBF " + hr[b] + " vs EP " + er[b]);
    }
    h.beamformers().checkFeasible(p);
    double[] down = UrllcRates.downlinkSinr(p, h.beamformers()).data();
    assertArrayEquals(s, down, 1e-7);
  }

  @Test
  void scaValuesRiseWithinAnOuterPassAndTheSubproblemsMeetKkt() {
    Hebf.Trace t = Hebf.defaults().trace(p, 2);
    int at = 0;
    for (int pass : t.passes()) {
      for (int i = at + 1; i < at + pass; i++) {
        assertTrue(t.tau().get(i) >= t.tau().get(i - 1) - 1e-6, "tau " + t.tau());
      }
      at += pass;
    }
    assertTrue(t.zeta().get(1) > t.zeta().get(0) + 1);
    // one subproblem at the initial point: KKT residuals
    int k = 4;
    MmseReceiver r = MmseReceiver.of(p, 2);
    MinPowerInit.Point init = MinPowerInit.point(r, nu3, p.pMax());
    double[] g = new double[k * k], target = new double[k], cap = new double[k], psi = new double[k];
    double[] alpha = {0.25, 0.25, 0.25, 0.25};
    r.update(init.uplink());
    r.gains(g);
    Arrays.fill(target, nu3);
    double[] qMin = Duality.powersForSinr(k, g, target, false);
    for (int u = 0; u < k; u++) {
      cap[u] = p.pMax() * r.channelGain(u);
      psi[u] = FiniteBlocklength.dispersion(nu3);
    }
    ConvexProgram sca = ScaSubproblem.build(k, g, alpha, cap, qMin, psi, p.pMax(), nu3, UrllcRates.theta(p));
    double[] z0 = ScaSubproblem.start(k, g, cap, qMin, psi, p.pMax(), nu3);
    assertTrue(sca.maxViolation(z0) < 0);
    ConvexSolution sol = BarrierSolver.defaults().solve(sca, z0);
    assertTrue(sol.optimal());
    assertTrue(sol.maxViolation() < 0);
    assertTrue(sol.stationarity() < 1e-7, "stationarity " + sol.stationarity());
    assertTrue(sol.gap() <= 1e-8);
    // from an infeasible start, Phase I reaches the same optimum
    ConvexSolution cold = BarrierSolver.defaults().solve(sca, null);
    assertEquals(sol.objective(), cold.objective(), 1e-7);
    // the primal-dual method reaches the same optimum with its own KKT residuals small
    ConvexSolution pd = PrimalDualSolver.defaults().solve(sca, z0);
    assertTrue(pd.optimal());
    assertEquals(sol.objective(), pd.objective(), 1e-7);
    assertTrue(pd.stationarity() <= 1e-8 && pd.gap() <= 1e-8 && pd.maxViolation() < 0);
    assertTrue(pd.newtonSteps() < sol.newtonSteps());
  }

  @Test
  void pgaFindsAtLeastEqualPowerAndAgreesWithHebf() {
    UrllcSolution pga = PgaMmse.defaults().solve(p);
    UrllcSolution ep = new EqualPowerMmse().solve(p);
    UrllcSolution h = Hebf.defaults().solve(p);
    double[] pr = pga.weightedSumRate().data(), er = ep.weightedSumRate().data(), hr = h.weightedSumRate().data();
    for (int b = 0; b < 6; b++) {
      assertTrue(pga.qosFeasible()[b]);
      assertTrue(pr[b] >= er[b] - 1e-9);
      assertEquals(hr[b], pr[b], 5e-3 * hr[b]);
    }
  }

  @Test
  void cappedSimplexProjectionIsTheNearestPoint() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 200; t++) {
      int n = 1 + rng.nextInt(6);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) y[i] = rng.nextGaussian() * 3;
      double cap = rng.nextDouble(0.1, 5);
      double[] x = y.clone();
      CappedSimplex.project(x, cap);
      double sum = 0;
      for (double v : x) {
        assertTrue(v >= 0);
        sum += v;
      }
      assertTrue(sum <= cap * (1 + 1e-12));
      for (int j = 0; j < 20; j++) { // obtuse-angle test: (y - x).(c - x) <= 0 for feasible c
        double[] c = new double[n];
        double cs = 0;
        for (int i = 0; i < n; i++) cs += c[i] = rng.nextDouble();
        double scale = rng.nextDouble() * cap / cs, dot = 0;
        for (int i = 0; i < n; i++) dot += (y[i] - x[i]) * (c[i] * scale - x[i]);
        assertTrue(dot <= 1e-9, "dot " + dot);
      }
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] a = Hebf.defaults().solve(p.slice(0, 3)).weightedSumRate().data();
      Parallel.setThreads(2);
      assertArrayEquals(a, Hebf.defaults().solve(p.slice(0, 3)).weightedSumRate().data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void methodsReturnDownlinkBeamformersAndRejectBadSettings() {
    Beamformers v = new EqualPowerMmse().allocate(p);
    assertArrayEquals(new int[] {6, 4, 32, 1}, v.tensor().shape());
    assertEquals("HeBF", Hebf.defaults().name());
    var e = assertThrows(IllegalArgumentException.class, () -> new Hebf(0, 10, 1e-2, BarrierSolver.defaults()));
    assertTrue(e.getMessage().contains("maxOuter"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PgaMmse(10, 0));
    assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CappedSimplex.project(new double[] {1}, 0));
    assertTrue(e.getMessage().contains("cap"), e.getMessage());
    assertFalse(UrllcSolution.QOS_TOLERANCE > 1e-3);
  }
}
