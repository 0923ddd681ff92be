package rrm.model.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.channel.D2dLayout;
import rrm.channel.D2dPowerControl;
import rrm.channel.D2dSamples;
import rrm.channel.GaussianIc;
import rrm.channel.InterferenceGraph;
import rrm.channel.Placement;
import rrm.nn.Aggregation;
import rrm.nn.ParameterGradCheck;
import rrm.system.SisoProblem;
import rrm.tensor.EdgeList;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class WcgcnTest {
  private final D2dPowerControl d2d = D2dPowerControl.of(new D2dLayout(40, 894, 2, 65, 1), true);

  @Test
  void thePaperNetworkHas1841Parameters() {
    assertEquals(1841, Wcgcn.paper(1).parameterCount());
  }

  @Test
  void lossGradientsMatchFiniteDifferencesEndToEnd() {
    SisoProblem p = new GaussianIc(4, 10).samples(3, 0, 2)
        .withWeights(Tensor.of(new double[] {0.2, 0.9, 0.5, 0.7, 1, 0.3, 0.6, 0.4}, 2, 4));
    ChannelGraph g = ChannelGraph.powerControl(p, InterferenceGraph.complete(2, 4), AmplitudeScaling.RAW);
    Wcgcn net = new Wcgcn(3, 8, 6, 5, 1.0, 4);
    ParameterGradCheck.of(net).check(() -> net.loss(p, g));
  }

  @Test
  void theSumAndMeanAblationsHaveFiniteDifferenceGradientsEndToEnd() {
    SisoProblem p = new GaussianIc(4, 10).samples(3, 0, 1)
        .withWeights(Tensor.of(new double[] {0.2, 0.9, 0.5, 0.7}, 1, 4));
    // an incomplete graph, so that nodes differ in in-degree (node 3 has none)
    ChannelGraph g = ChannelGraph.powerControl(p, InterferenceGraph.of(4, new int[] {1, 2, 0, 2, 0, 1, 3},
        new int[] {0, 0, 1, 1, 2, 2, 0}), AmplitudeScaling.RAW);
    for (Aggregation a : new Aggregation[] {Aggregation.SUM, Aggregation.MEAN}) {
      Wcgcn net = new Wcgcn(3, 8, 6, 5, 1.0, a, 4);
      ParameterGradCheck.of(net).check(() -> net.loss(p, g));
    }
  }

  @Test
  void theSumAndMeanAblationsEqualTheLiteralMessagePassing() {
    D2dSamples<SisoProblem> s = d2d.samples(4, 0, 3);
    ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    for (Aggregation a : new Aggregation[] {Aggregation.SUM, Aggregation.MEAN}) {
      Wcgcn net = Wcgcn.paper(a, 3);
      double[] literal = literalPowers(net, g, a).toArray();
      assertArrayEquals(literal, net.allocate(g).tensor().data(), 1e-12);
      assertArrayEquals(literal, net.apply(g).toArray(), 1e-12);
    }
    // the ablation changes the output: it is not the max network under another name
    double[] max = Wcgcn.paper(3).allocate(g).tensor().data(), sum = Wcgcn.paper(Aggregation.SUM, 3).allocate(g)
        .tensor().data();
    double diff = 0;
    for (int i = 0; i < max.length; i++) diff = Math.max(diff, Math.abs(max[i] - sum[i]));
    assertTrue(diff > 1e-3, "sum and max aggregation gave the same powers (max difference " + diff + ")");
  }

  @Test
  void theAggregationIsRecordedOnlyWhenItIsNotThePapers() {
    assertEquals(Aggregation.MAX, Wcgcn.paper(1).aggregation());
    assertTrue(!Wcgcn.paper(1).settings().containsKey("aggregation"));
    assertEquals("sum", Wcgcn.paper(Aggregation.SUM, 1).settings().get("aggregation"));
    assertEquals("mean", Wcgcn.paper(Aggregation.MEAN, 1).settings().get("aggregation"));
    assertEquals(Wcgcn.paper(1).parameterCount(), Wcgcn.paper(Aggregation.SUM, 1).parameterCount());
  }

  @Test
  void relabellingThePairsRelabelsThePowers() {
    D2dSamples<SisoProblem> s = d2d.samples(2, 0, 1);
    Placement pl = s.placements().get(0);
    int k = 40;
    int[] perm = rrm.tensor.Random.permutation(new java.util.SplittableRandom(5), k);
    double[] tx = pl.transmitters(), rx = pl.receivers(), ptx = new double[2 * k], prx = new double[2 * k];
    double[] a = s.problem().amplitudes().data(), pa = new double[k * k];
    double[] w = s.problem().weights().data(), pw = new double[k];
    for (int i = 0; i < k; i++) {
      int o = perm[i]; // new pair i is old pair o
      ptx[2 * i] = tx[2 * o];
      ptx[2 * i + 1] = tx[2 * o + 1];
      prx[2 * i] = rx[2 * o];
      prx[2 * i + 1] = rx[2 * o + 1];
      pw[i] = w[o];
      for (int j = 0; j < k; j++) pa[i * k + j] = a[o * k + perm[j]];
    }
    SisoProblem q = SisoProblem.ofAmplitudes(Tensor.of(pa, 1, k, k), s.problem().noiseVariance(), 1)
        .withWeights(Tensor.of(pw, 1, k));
    Placement ql = Placement.of(pl.side(), ptx, prx);
    AmplitudeScaling sc = AmplitudeScaling.fit(d2d.samples(9, 0, 20).problem());
    Wcgcn net = Wcgcn.paper(7);
    double[] p0 = net.allocate(ChannelGraph.powerControl(s.problem(), s.graph(500), sc)).tensor().data();
    InterferenceGraph qg = InterferenceGraph.within(List.of(ql), 500, InterferenceGraph.Direction.FORWARD);
    double[] p1 = net.allocate(ChannelGraph.powerControl(q, qg, sc)).tensor().data();
    for (int i = 0; i < k; i++) assertEquals(p0[perm[i]], p1[i], 1e-12);
  }

  @Test
  void theCachedEdgeSplitEqualsTheLiteralMessagePassing() {
    D2dSamples<SisoProblem> s = d2d.samples(4, 0, 3);
    ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    Wcgcn net = Wcgcn.paper(3);
    assertArrayEquals(literal(net, g), net.allocate(g).tensor().data(), 1e-12);
  }

  @Test
  void aNaNEdgeFeatureReachesTheSamePowersAsInTheLiteralMessagePassing() {
    D2dSamples<SisoProblem> s = d2d.samples(4, 0, 3);
    ChannelGraph g0 = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    double[] e = g0.edges().toArray();
    e[0] = Double.NaN;
    ChannelGraph g = new ChannelGraph(g0.graph(), g0.nodes(), Tensor.of(e, g0.edges().shape()));
    Wcgcn net = Wcgcn.paper(3);
    double[] literal = literal(net, g), recorded = net.apply(g).toArray(), fused;
    try (var off = rrm.tensor.Autograd.noGrad()) {    // allocate() would reject the NaN powers
      fused = net.apply(g).toArray();
    }
    int nan = 0;
    for (int i = 0; i < literal.length; i++) {
      if (Double.isNaN(literal[i])) nan++;
      assertEquals(Double.isNaN(literal[i]), Double.isNaN(fused[i]), "fused, power " + i);
      assertEquals(Double.isNaN(literal[i]), Double.isNaN(recorded[i]), "recorded, power " + i);
    }
    assertTrue(nan > 0, "the NaN must reach some powers");
  }

  @Test
  void theFusedInferenceKernelEqualsTheDifferentiablePath() {
    D2dSamples<SisoProblem> s = d2d.samples(6, 0, 3);
    ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    Wcgcn net = Wcgcn.paper(5);
    double[] recorded = net.apply(g).toArray(), fused = net.allocate(g).tensor().data();
    for (int i = 0; i < fused.length; i++) assertEquals(recorded[i], fused[i], 1e-12);
  }

  @Test
  void theFusedTrainingKernelHasTheGradientsOfTheLiteralMessagePassing() {
    D2dSamples<SisoProblem> s = d2d.samples(11, 0, 3);
    ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    Wcgcn net = Wcgcn.paper(12);
    double[] viaLiteral = gradients(net, () -> rrm.utility.WeightedSumRate.of(s.problem(),
        literalPowers(net, g).reshape(3, 40)).mean().neg());
    double[] viaKernel = gradients(net, () -> net.loss(s.problem(), g));
    double scale = 0;
    for (double x : viaLiteral) scale = Math.max(scale, Math.abs(x));
    assertTrue(scale > 1e-3, "the check must see non-zero gradients, max " + scale);
    assertArrayEquals(viaLiteral, viaKernel, 1e-10 * scale);
  }

  @Test
  void trainingGradientsDoNotDependOnTheThreadCount() {
    D2dSamples<SisoProblem> s = d2d.samples(13, 0, 4);
    ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    Wcgcn net = Wcgcn.paper(14);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = gradients(net, () -> net.loss(s.problem(), g));
      Parallel.setThreads(2);
      assertArrayEquals(one, gradients(net, () -> net.loss(s.problem(), g)), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  /** Returns every parameter gradient of {@code loss}, concatenated in parameter order. */
  private static double[] gradients(Wcgcn net, java.util.function.Supplier<Tensor> loss) {
    for (rrm.nn.Parameter q : net.parameters()) q.zeroGrad();
    loss.get().backward();
    return net.parameters().stream().flatMapToDouble(q -> java.util.Arrays.stream(q.grad().toArray())).toArray();
  }

  /** eq. (8) as written: MLP1 on the concatenated [x_j, e_jk] of every edge, then max, MLP2, sigmoid. */
  private static double[] literal(Wcgcn net, ChannelGraph g) {
    return literalPowers(net, g).toArray();
  }

  private static Tensor literalPowers(Wcgcn net, ChannelGraph g) {
    return literalPowers(net, g, Aggregation.MAX);
  }

  private static Tensor literalPowers(Wcgcn net, ChannelGraph g, Aggregation aggregation) {
    EdgeList edges = g.graph().edges();
    rrm.nn.Mlp m1 = (rrm.nn.Mlp) net.children().get("message"), m2 = (rrm.nn.Mlp) net.children().get("update");
    Tensor p = Tensor.ones(edges.nodes(), 1);
    for (int t = 0; t < 3; t++) {
      Tensor x = Tensor.concat(1, g.nodes(), p);
      Tensor msg = m1.apply(Tensor.concat(1, edges.gatherSource(x), g.edges()));
      Tensor agg = switch (aggregation) {
        case MAX -> edges.scatterMax(msg);
        case SUM -> edges.scatterSum(msg);
        case MEAN -> edges.scatterMean(msg);
      };
      p = m2.apply(Tensor.concat(1, x, agg)).sigmoid();
    }
    return p;
  }

  @Test
  void powersAreStrictlyInsideTheBudgetForAnyNetworkSize() {
    Wcgcn net = new Wcgcn(3, 32, 32, 16, 2.5, 1);
    for (int k : new int[] {1, 10, 200}) {
      D2dSamples<SisoProblem> s = D2dPowerControl.of(D2dLayout.sameDensity(k, 20000, 2, 65, 1), true)
          .samples(6, 0, 2);
      ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.RAW);
      double[] p = net.allocate(g).tensor().data();
      assertEquals(2 * k, p.length);
      for (double x : p) assertTrue(x > 0 && x < 2.5, "power " + x);
    }
  }

  @Test
  void droppingTheInEdgesThatAreMaximalInNoChannelLeavesTheOutputUnchanged() {
    // Thm. III.1: with max aggregation only the critical edges (argmax in some channel) matter; one layer, node 0
    int k = 12;
    SisoProblem p = new GaussianIc(k, 10).samples(8, 0, 1);
    Wcgcn net = new Wcgcn(1, 8, 3, 4, 1.0, 2);
    ChannelGraph full = ChannelGraph.powerControl(p, InterferenceGraph.complete(1, k), AmplitudeScaling.RAW);
    EdgeList edges = full.graph().edges();
    rrm.nn.Mlp m1 = (rrm.nn.Mlp) net.children().get("message");
    Tensor x = Tensor.concat(1, full.nodes(), Tensor.ones(k, 1));
    Tensor msg = m1.apply(Tensor.concat(1, edges.gatherSource(x), full.edges()));
    int[] src = edges.src(), dst = edges.dst();
    java.util.Set<Integer> critical = new java.util.HashSet<>();
    for (int c = 0; c < 3; c++) {
      int best = -1;
      for (int e = 0; e < src.length; e++) {
        if (dst[e] == 0 && (best < 0 || msg.get(e, c) > msg.get(best, c))) best = e;
      }
      critical.add(src[best]);
    }
    int[] keepSrc = new int[src.length], keepDst = new int[src.length];
    int n = 0;
    for (int e = 0; e < src.length; e++) {
      if (dst[e] == 0 && !critical.contains(src[e])) continue;
      keepSrc[n] = src[e];
      keepDst[n++] = dst[e];
    }
    assertTrue(src.length - n >= k - 1 - 3, "dropped " + (src.length - n) + " edges");
    InterferenceGraph kept = InterferenceGraph.of(k, java.util.Arrays.copyOf(keepSrc, n),
        java.util.Arrays.copyOf(keepDst, n));
    double[] before = net.allocate(full).tensor().data();
    double[] after = net.allocate(ChannelGraph.powerControl(p, kept, AmplitudeScaling.RAW)).tensor().data();
    assertArrayEquals(before, after, 0);
  }

  private static ChannelGraph graph(SisoProblem p, int[] src, int[] dst) {
    return ChannelGraph.powerControl(p, InterferenceGraph.of(3, src, dst), AmplitudeScaling.RAW);
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    D2dSamples<SisoProblem> s = d2d.samples(5, 0, 4);
    ChannelGraph g = ChannelGraph.powerControl(s.problem(), s.graph(500), AmplitudeScaling.fit(s.problem()));
    Wcgcn net = Wcgcn.paper(9);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = net.allocate(g).tensor().data();
      Parallel.setThreads(2);
      assertArrayEquals(one, net.allocate(g).tensor().data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Wcgcn(0, 32, 32, 16, 1, 1)).getMessage()
        .contains("layers T must be >= 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wcgcn.paper(null, 1)).getMessage()
        .contains("aggregation must not be null"));
    SisoProblem p = new GaussianIc(3, 10).samples(8, 0, 1);
    ChannelGraph g = graph(p, new int[] {1}, new int[] {0});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wcgcn.paper(1).apply(g, 4)).getMessage()
        .contains("layers t must be in [1, 3], got 4"));
  }
}
