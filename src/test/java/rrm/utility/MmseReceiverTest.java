package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.channel.UrllcDownlink;
import rrm.system.Beamformers;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class MmseReceiverTest {
  private final UrllcProblem p = UrllcDownlink.of(4, 8, 15, 120, 140, 256, 1e-5, 256).sample(6, 5);

  @Test
  void closedFormSinrEqualsTheSinrOfTheExplicitBeams() {
    int k = 4, nt = 8;
    double[] q = {3, 9, 1, 14};
    MmseReceiver r = MmseReceiver.of(p, 2);
    r.update(q);
    double[] s = new double[k], g = new double[k * k], g2 = new double[k * k], up = new double[k];
    double[] wr = new double[k * nt], wi = new double[k * nt];
    r.sinr(s);
    r.gains(g);
    r.beams(wr, wi);
    r.gains(wr, wi, g2);
    assertArrayEquals(g, g2, 1e-10);
    Duality.uplinkSinr(k, g, q, up);
    assertArrayEquals(s, up, 1e-9);
    for (int u = 0; u < k; u++) {
      double n2 = 0;
      for (int a = 0; a < nt; a++) n2 += wr[u * nt + a] * wr[u * nt + a] + wi[u * nt + a] * wi[u * nt + a];
      assertEquals(1, n2, 1e-12);
    }
  }

  @Test
  void mmseBeamsBeatRandomBeams() {
    int k = 4, nt = 8;
    double[] q = {3, 9, 1, 14};
    MmseReceiver r = MmseReceiver.of(p, 0);
    r.update(q);
    double[] s = new double[k];
    r.sinr(s);
    SplittableRandom rng = new SplittableRandom(1);
    double[] wr = new double[k * nt], wi = new double[k * nt], g = new double[k * k], up = new double[k];
    for (int t = 0; t < 50; t++) {
      for (int i = 0; i < k * nt; i++) {
        wr[i] = rng.nextGaussian();
        wi[i] = rng.nextGaussian();
      }
      for (int u = 0; u < k; u++) {
        double n2 = 0;
        for (int a = 0; a < nt; a++) n2 += wr[u * nt + a] * wr[u * nt + a] + wi[u * nt + a] * wi[u * nt + a];
        for (int a = 0; a < nt; a++) {
          wr[u * nt + a] /= Math.sqrt(n2);
          wi[u * nt + a] /= Math.sqrt(n2);
        }
      }
      r.gains(wr, wi, g);
      Duality.uplinkSinr(k, g, q, up);
      for (int u = 0; u < k; u++) assertTrue(up[u] <= s[u] * (1 + 1e-12));
    }
  }

  @Test
  void sinrJacobianMatchesFiniteDifferences() {
    int k = 4;
    double[] q = {3, 9, 1, 14};
    MmseReceiver r = MmseReceiver.of(p, 3);
    r.update(q);
    double[] jac = new double[k * k], sp = new double[k], sm = new double[k];
    r.sinrJacobian(jac);
    for (int j = 0; j < k; j++) {
      double h = 1e-6 * q[j];
      double[] qp = q.clone(), qm = q.clone();
      qp[j] += h;
      qm[j] -= h;
      r.update(qp);
      r.sinr(sp);
      r.update(qm);
      r.sinr(sm);
      for (int u = 0; u < k; u++) {
        double fd = (sp[u] - sm[u]) / (2 * h);
        assertEquals(fd, jac[u * k + j], 1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  }

  @Test
  void downlinkRecoveryReachesTheUplinkSinrsWithTheSameTotalPower() {
    Tensor q = Tensor.of(new double[] {3, 9, 1, 14, 5, 5, 5, 5, 0, 10, 10, 10, 1, 2, 3, 4, 8, 8, 8, 7, 6, 6, 6, 6},
        6, 4);
    Tensor up = UrllcRates.mmseSinr(p, q);
    Beamformers v = UrllcRates.downlinkFromUplink(p, q);
    Tensor down = UrllcRates.downlinkSinr(p, v);
    assertArrayEquals(up.data(), down.data(), 1e-8);
    double[] per = v.userPowers().data(), qs = q.data();
    for (int b = 0; b < 6; b++) {
      double sp = 0, sq = 0;
      for (int u = 0; u < 4; u++) {
        sp += per[b * 4 + u];
        sq += qs[b * 4 + u];
      }
      assertEquals(sq, sp, 1e-9 * sq);
    }
    assertEquals(0, per[8], 0);
    v.checkFeasible(p);
  }

  @Test
  void weightedSumRateIsTheWeightedFiniteBlocklengthRate() {
    Tensor q = Tensor.full(Math.pow(10, 1.5) / 4, 6, 4);
    Beamformers v = UrllcRates.downlinkFromUplink(p, q);
    double[] s = UrllcRates.mmseSinr(p, q).data(), wsr = UrllcRates.weightedSumRate(p, v).data();
    double th = UrllcRates.theta(p);
    for (int b = 0; b < 6; b++) {
      double want = 0;
      for (int u = 0; u < 4; u++) want += FiniteBlocklength.rate(s[b * 4 + u], th) / 4;
      assertEquals(want, wsr[b], 1e-9);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    UrllcProblem big = UrllcDownlink.of(6, 32, 15, 120, 140, 256, 1e-5, 256).sample(300, 9);
    Tensor q = Tensor.full(5.0, 300, 6);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] a = UrllcRates.mmseSinr(big, q).data();
      Parallel.setThreads(2);
      assertArrayEquals(a, UrllcRates.mmseSinr(big, q).data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void badPowersAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> UrllcRates.mmseSinr(p, Tensor.full(1, 6, 3)));
    assertTrue(e.getMessage().contains("[6, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UrllcRates.mmseSinr(p, Tensor.full(-1, 6, 4)));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
  }
}
