package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.channel.AdHocSiso;
import rrm.channel.NodeFeatures;
import rrm.channel.Topology;
import rrm.model.TestChannels;
import rrm.nn.Parameter;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.solver.Wmmse;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

class UwmmseTest {
  private static final double S2 = Regime.LOW_NOISE.noiseVariance();
  private final AdHocSiso net = Paper002.scenario(Regime.LOW_NOISE);
  private final Topology topo = net.drop(1);
  private final Tensor g = net.sample(topo, 8, 21);

  @Test
  void parameterCountsMatchTheSpec() {
    assertEquals(212, new Uwmmse(UwmmseConfig.defaults()).parameterCount());
    assertEquals(128, new Uwmmse(UwmmseConfig.paperLiteral()).parameterCount());
    assertEquals(260, new Uwmmse(UwmmseConfig.releasedCode()).parameterCount());
    UwmmseConfig threeFeatures = UwmmseConfig.defaults().withFeatures(3);
    assertEquals(212 + 4 * 4 * 2 * 4, new Uwmmse(threeFeatures).parameterCount());
    assertEquals(threeFeatures.parameterCount(), new Uwmmse(threeFeatures).parameterCount());
    UwmmseConfig odd = UwmmseConfig.defaults().withLayers(5).withHidden(7).withMu(false);
    assertEquals(odd.parameterCount(), new Uwmmse(odd).parameterCount());
    assertTrue(new Uwmmse(UwmmseConfig.defaults()).toString().contains("(212 parameters)"));
  }

  @Test
  void networkAndGcnArePermutationEquivariant() {
    Tensor q3 = NodeFeatures.ONES_PLUS_DISTANCES.tensor(topo);
    for (GcnShift shift : GcnShift.values()) {
      Uwmmse ones = new Uwmmse(UwmmseConfig.defaults().withShift(shift).withSeed(3));
      Uwmmse three = new Uwmmse(UwmmseConfig.defaults().withShift(shift).withFeatures(3).withSeed(4));
      Gcn psi = new Gcn(3, 4, true, 5);
      try (var off = Autograd.noGrad()) {
        Tensor base1 = ones.apply(SisoProblem.ofAmplitudes(g, S2, 1)).powers();
        Tensor base3 = three.apply(SisoProblem.ofAmplitudes(g, S2, 1), q3).powers();
        Tensor basePsi = psi.apply(g, q3, shift);
        SplittableRandom rng = new SplittableRandom(9);
        for (int r = 0; r < 10; r++) {
          int[] pi = Random.permutation(rng, 20);
          Tensor gp = TestChannels.permute(g, pi);
          Tensor qp = q3.gather(0, pi);
          assertTrue(TestChannels.relativeError(base1.gather(1, pi), ones.apply(SisoProblem.ofAmplitudes(gp, S2, 1)).powers()) < 1e-12);
          assertTrue(TestChannels.relativeError(base3.gather(1, pi), three.apply(SisoProblem.ofAmplitudes(gp, S2, 1), qp).powers()) < 1e-12);
          assertTrue(TestChannels.relativeError(basePsi.gather(1, pi), psi.apply(gp, qp, shift)) < 1e-12);
        }
      }
    }
  }

  @Test
  void forcingAOneBZeroMuZeroGivesTruncatedWmmse() {
    for (Utility u : new Utility[] {Utility.sumRate(), Utility.sumOfSquares()}) {
      Uwmmse model = new Uwmmse(UwmmseConfig.defaults().withWeightUpdate(u));
      Trajectory t = model.applyAsWmmse(SisoProblem.ofAmplitudes(g, S2, 1));
      for (int k = 1; k <= 4; k++) {
        Tensor want = Wmmse.of(k).withUtility(u).run(SisoProblem.ofAmplitudes(g, S2, 1)).powers();
        double gap = want.sub(t.layer(k).powers()).abs().max(1).max(0).item();
        assertTrue(gap < 1e-13, u.name() + " layer " + k + ": max |dp| = " + gap);
      }
      assertArrayEquals(new double[160], t.last().b().toArray(), 0);
    }
    // The learned network is not WMMSE: its output differs.
    Uwmmse learned = new Uwmmse(UwmmseConfig.defaults());
    double gap = Wmmse.of(4).run(SisoProblem.ofAmplitudes(g, S2, 1)).powers().sub(learned.apply(SisoProblem.ofAmplitudes(g, S2, 1)).powers()).abs().max(1).max(0).item();
    assertTrue(gap > 1e-3, "an initialised UWMMSE should differ from Tr-WMMSE, gap " + gap);
  }

  @Test
  void trajectoryHoldsEveryLayerAndCoefficientsInTheUnitInterval() {
    Trajectory t = new Uwmmse(UwmmseConfig.defaults().withLayers(3)).apply(SisoProblem.ofAmplitudes(g, S2, 1));
    assertEquals(3, t.size());
    for (LayerState s : t.layers()) {
      for (Tensor x : new Tensor[] {s.a(), s.b(), s.u(), s.w(), s.v()}) assertArrayEquals(new int[] {8, 20}, x.shape());
      for (double x : s.a().toArray()) assertTrue(x > 0 && x < 1);
      for (double x : s.v().toArray()) assertTrue(x >= 0 && x <= 1);
    }
    assertArrayEquals(t.layer(3).v().square().toArray(), t.powers().toArray(), 0);
  }

  @Test
  void shiftSwitchChangesTheGcnOutput() {
    Gcn psi = new Gcn(1, 4, true, 5);
    Tensor q = Tensor.ones(20, 1);
    double gap = TestChannels.relativeError(psi.apply(g, q, GcnShift.TX_ROW), psi.apply(g, q, GcnShift.RX_ROW));
    assertTrue(gap > 1e-6, "TX_ROW and RX_ROW should differ, gap " + gap);
  }

  @Test
  void noGradChunkedInferenceEqualsTheRecordedForwardBitForBit() {
    Tensor big = net.sample(topo, 150, 22);
    Tensor q = NodeFeatures.ONES_PLUS_DISTANCES.tensor(topo);
    Uwmmse model = new Uwmmse(UwmmseConfig.defaults().withFeatures(3));
    Trajectory recorded = model.apply(SisoProblem.ofAmplitudes(big, S2, 1), q);
    Trajectory chunked;
    try (var off = Autograd.noGrad()) {
      chunked = model.apply(SisoProblem.ofAmplitudes(big, S2, 1), q);
    }
    for (int k = 1; k <= 4; k++) {
      assertArrayEquals(recorded.layer(k).a().toArray(), chunked.layer(k).a().toArray(), 0);
      assertArrayEquals(recorded.layer(k).v().toArray(), chunked.layer(k).v().toArray(), 0);
    }
    assertArrayEquals(recorded.powers().toArray(), model.allocate(SisoProblem.ofAmplitudes(big, S2, 1), q).tensor().toArray(), 0);
  }

  @Test
  void gradientsDoNotDependOnTheThreadCount() {
    Tensor big = net.sample(topo, 64, 23);
    Uwmmse model = new Uwmmse(UwmmseConfig.defaults());
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = gradients(model, big);
      Parallel.setThreads(3);
      assertArrayEquals(one, gradients(model, big), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  private static double[] gradients(Uwmmse model, Tensor g) {
    model.zeroGrad();
    Utility.sumRate().loss(SisoProblem.ofAmplitudes(g, S2, 1), model.apply(SisoProblem.ofAmplitudes(g, S2, 1)).powers()).backward();
    return model.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.grad().toArray())).toArray();
  }

  @Test
  void badInputNamesTheProblem() {
    Uwmmse model = new Uwmmse(UwmmseConfig.defaults());
    var e = assertThrows(IllegalArgumentException.class, () -> model.apply(SisoProblem.ofAmplitudes(g, S2, 1), Tensor.ones(20, 3)));
    assertEquals("Uwmmse.apply: features have 3 columns, the model was built for 1 (UwmmseConfig.features)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.apply(SisoProblem.ofAmplitudes(g, S2, 1), Tensor.ones(19, 1)));
    assertEquals("Uwmmse.apply: features must be [20, F'] or [8, 20, F'] to match channels of shape [8, 20, 20], "
        + "got [19, 1]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Uwmmse(UwmmseConfig.defaults().withFeatures(3)).apply(SisoProblem.ofAmplitudes(g, S2, 1)));
    assertTrue(e.getMessage().contains("expects 3 node features per node"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UwmmseConfig.defaults().withHidden(0));
    assertEquals("UwmmseConfig: hidden width F must be >= 1, got 0", e.getMessage());
  }

  @Test
  void parametersAreSeededAndNamed() {
    Uwmmse a = new Uwmmse(UwmmseConfig.defaults().withSeed(7));
    Uwmmse b = new Uwmmse(UwmmseConfig.defaults().withSeed(7));
    Uwmmse c = new Uwmmse(UwmmseConfig.defaults().withSeed(8));
    Parameter pa = a.namedParameters().get("layer2.b.omega12");
    assertArrayEquals(pa.value().toArray(), b.namedParameters().get("layer2.b.omega12").value().toArray(), 0);
    assertTrue(pa.value().get(0, 0) != c.namedParameters().get("layer2.b.omega12").value().get(0, 0));
    assertEquals(0.1, a.namedParameters().get("layer1.a.bias11").value().get(0), 0);
    assertEquals(0.0, a.namedParameters().get("layer4.mu").value().get(0), 0);
    double bound = Math.sqrt(6.0 / 5);
    for (double x : a.namedParameters().get("layer1.a.omega21").value().toArray()) assertTrue(Math.abs(x) <= bound);
  }
}
