package rrm.model.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.channel.D2dLayout;
import rrm.channel.D2dSamples;
import rrm.channel.InterferenceGraph;
import rrm.channel.MisoD2d;
import rrm.channel.Placement;
import rrm.model.MimoModelChecks;
import rrm.nn.ParameterGradCheck;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;

class WcgcnBeamformingTest {
  private final MisoD2d miso = MisoD2d.of(new D2dLayout(30, 775, 2, 65, 0), 2);

  private static ChannelGraph graph(D2dSamples<MimoProblem> s, BeamScaling sc) {
    return ChannelGraph.beamforming(s.problem(),
        InterferenceGraph.within(s.placements(), 500, InterferenceGraph.Direction.REVERSE), sc);
  }

  @Test
  void thePaperNetworkHas7460ParametersAtTwoAntennas() {
    assertEquals(7460, Wcgcn.beamforming(2, 1).parameterCount());
  }

  @Test
  void lossGradientsMatchFiniteDifferencesEndToEnd() {
    D2dSamples<MimoProblem> s = MisoD2d.of(new D2dLayout(4, 100, 2, 65, 0), 2).samples(3, 0, 2);
    ChannelGraph g = graph(s, BeamScaling.fit(s.problem()));
    assertTrue(g.graph().edgeCount() > 0);
    for (double pmax : new double[] {1, 0.5}) {
      Wcgcn net = Wcgcn.beamforming(3, 2, 8, 6, 5, pmax, 4);
      ParameterGradCheck.of(net).check(() -> net.loss(s.problem(), g));
    }
  }

  @Test
  void theAuthorsStateUpdateHasCheckedGradientsAndDiffersFromTheFirstLayerOnOnly() {
    D2dSamples<MimoProblem> s = MisoD2d.of(new D2dLayout(4, 100, 2, 65, 0), 2).samples(3, 0, 2);
    ChannelGraph g = graph(s, BeamScaling.fit(s.problem()));
    Wcgcn prev = Wcgcn.beamforming(3, 2, 8, 6, 5, 1, Wcgcn.StateUpdate.PREVIOUS_BEAM, 4);
    ParameterGradCheck.of(prev).check(() -> prev.loss(s.problem(), g));
    Wcgcn keep = Wcgcn.beamforming(3, 2, 8, 6, 5, 1, 4);
    assertEquals(Wcgcn.StateUpdate.PREVIOUS_BEAM, prev.stateUpdate());
    assertEquals(Wcgcn.StateUpdate.KEEP_STATIC, keep.stateUpdate());
    assertEquals("previous_beam", prev.settings().get("state_update"));
    assertTrue(!keep.settings().containsKey("state_update"));
    // the same parameters; layer 1 sees the same state [h~_kk, v^(0)], from layer 2 on the state differs
    assertEquals(0, MimoModelChecks.maxAbsDiff(keep.apply(g, 1), prev.apply(g, 1)));
    assertTrue(MimoModelChecks.maxAbsDiff(keep.apply(g, 2), prev.apply(g, 2)) > 1e-6);
  }

  @Test
  void featuresAreScaledDirectChannelsAndLeakageChannels() {
    D2dSamples<MimoProblem> s = miso.samples(1, 0, 2);
    BeamScaling sc = BeamScaling.fit(s.problem());
    ChannelGraph cg = graph(s, sc);
    Tensor h = s.problem().channels();
    for (int n = 0; n < 60; n++) {
      int b = n / 30, k = n % 30;
      for (int a = 0; a < 2; a++) {
        assertEquals(sc.real().direct(h.get(b, k, 0, k, a)), cg.nodes().get(n, a), 0);
        assertEquals(sc.imag().direct(h.getImag(b, k, 0, k, a)), cg.nodes().get(n, 2 + a), 0);
      }
    }
    int[] src = cg.graph().edges().src(), dst = cg.graph().edges().dst();
    for (int e = 0; e < src.length; e++) {
      int b = dst[e] / 30, k = dst[e] % 30, j = src[e] % 30;
      for (int a = 0; a < 2; a++) {
        assertEquals(sc.real().cross(h.get(b, j, 0, k, a)), cg.edges().get(e, a), 0);
        assertEquals(sc.imag().cross(h.getImag(b, j, 0, k, a)), cg.edges().get(e, 2 + a), 0);
      }
    }
  }

  @Test
  void beamsRespectTheBudgetForAnyNetworkSizeAndTheLossIsTheNegativeSumRate() {
    Wcgcn net = Wcgcn.beamforming(3, 2, 16, 16, 8, 2.5, 1);
    BeamScaling sc = BeamScaling.fit(miso.samples(9, 0, 4).problem());
    for (int k : new int[] {1, 10, 200}) {
      D2dSamples<MimoProblem> s = MisoD2d.of(D2dLayout.sameDensity(k, 20000, 2, 65, 0), 2).samples(6, 0, 2);
      ChannelGraph g = graph(s, sc);
      MimoProblem p = s.problem().withBudgets(filled(k, 2.5));
      var v = net.beamformers(g);
      v.checkFeasible(p);
      double[] pw = v.userPowers().data();
      assertEquals(2 * k, pw.length);
      for (double x : pw) assertTrue(x > 0 && x <= 2.5 * (1 + 1e-12), "power " + x);
      double rate = MimoRates.sumRate(p, v.tensor()).mean().item();
      assertEquals(-rate, net.loss(p, g).item(), 1e-9 * Math.abs(rate));
    }
  }

  private static double[] filled(int n, double x) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, x);
    return a;
  }

  @Test
  void relabellingThePairsRelabelsTheBeams() {
    D2dSamples<MimoProblem> s = miso.samples(2, 0, 1);
    Placement pl = s.placements().get(0);
    int k = 30, nt = 2;
    int[] perm = rrm.tensor.Random.permutation(new java.util.SplittableRandom(5), k);
    double[] re = s.problem().channels().data(), im = s.problem().channels().imagData();
    double[] pre = new double[re.length], pim = new double[im.length];
    for (int i = 0; i < k; i++) { // new pair i is old pair perm[i]
      for (int j = 0; j < k; j++) {
        int from = (perm[i] * k + perm[j]) * nt, to = (i * k + j) * nt;
        System.arraycopy(re, from, pre, to, nt);
        System.arraycopy(im, from, pim, to, nt);
      }
    }
    MimoProblem q = MimoProblem.of(Tensor.complex(pre, pim, 1, k, 1, k, nt), 1, 1);
    Placement ql = Placement.of(pl.side(), points(pl.transmitters(), perm), points(pl.receivers(), perm));
    BeamScaling sc = BeamScaling.fit(miso.samples(9, 0, 10).problem());
    InterferenceGraph qg = InterferenceGraph.within(List.of(ql), 500, InterferenceGraph.Direction.REVERSE);
    for (Wcgcn.StateUpdate update : Wcgcn.StateUpdate.values()) {
      Wcgcn net = Wcgcn.beamforming(3, 2, 64, 64, 32, 1, update, 7);
      Tensor v0 = net.beamformers(graph(s, sc)).tensor();
      Tensor v1 = net.beamformers(ChannelGraph.beamforming(q, qg, sc)).tensor();
      double moved = 0;
      for (int i = 0; i < k; i++) {
        for (int a = 0; a < nt; a++) {
          assertEquals(v0.get(0, perm[i], a, 0), v1.get(0, i, a, 0), 1e-12);
          assertEquals(v0.getImag(0, perm[i], a, 0), v1.getImag(0, i, a, 0), 1e-12);
          moved = Math.max(moved, Math.abs(v0.get(0, i, a, 0) - v1.get(0, i, a, 0)));
        }
      }
      assertTrue(moved > 1e-3, update + ", control: without relabelling the beams differ, got " + moved);
    }
  }

  /** Returns the 2-D points {@code xy} reordered so that point i is old point {@code perm[i]}. */
  private static double[] points(double[] xy, int[] perm) {
    double[] out = new double[xy.length];
    for (int i = 0; i < perm.length; i++) System.arraycopy(xy, 2 * perm[i], out, 2 * i, 2);
    return out;
  }

  @Test
  void theFusedInferenceKernelEqualsTheDifferentiablePathAndIgnoresTheThreadCount() {
    D2dSamples<MimoProblem> s = miso.samples(6, 0, 3);
    ChannelGraph g = graph(s, BeamScaling.fit(s.problem()));
    Wcgcn net = Wcgcn.beamforming(2, 5);
    Tensor recorded = net.apply(g);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = net.beamformers(g).tensor();
      Parallel.setThreads(2);
      Tensor two = net.beamformers(g).tensor();
      double[] r = recorded.toArray(), a = one.toArray(), b = two.toArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(r[i], a[i], 1e-12);
        assertEquals(a[i], b[i], 0);
      }
      double[] ri = recorded.imagData(), ai = one.imagData(), bi = two.imagData();
      for (int i = 0; i < ai.length; i++) {
        assertEquals(ri[i], ai[i], 1e-12);
        assertEquals(ai[i], bi[i], 0);
      }
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wcgcn.beamforming(3, 0, 8, 8, 8, 1, 1))
        .getMessage().contains("antennas N_t must be >= 1, got 0"));
    D2dSamples<MimoProblem> s = miso.samples(1, 0, 1);
    ChannelGraph g = graph(s, BeamScaling.fit(s.problem()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wcgcn.paper(1).apply(g)).getMessage()
        .contains("needs 2 node and 2 edge features"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wcgcn.beamforming(1, 3).apply(g)).getMessage()
        .contains("needs 2 node and 2 edge features (ChannelGraph.beamforming with N_t = 1), got 4 and 4"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wcgcn.beamforming(2, 1).allocate(g)).getMessage()
        .contains("use beamformers"));
  }
}
