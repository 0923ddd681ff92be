package rrm.model.uwmmse;

import static rrm.model.MimoModelChecks.codeProblem;
import static rrm.model.MimoModelChecks.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rrm.model.MimoModelChecks.codeProblem;
import static rrm.model.MimoModelChecks.maxAbsDiff;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.nn.GradientCheck;
import rrm.nn.Parameter;
import rrm.paper.p001.Paper001;
import rrm.solver.MimoWmmse;
import rrm.solver.WmmseMimo;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/** UWMMSE for MU-MIMO (paper 001 §III): containment of WMMSE, gradients, equivariance, size, feasibility, errors. */
class MimoUwmmseTest {
  private static final MimoUwmmseConfig CODE = MimoUwmmseConfig.code();

  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  private static void zero(MimoUwmmse model, String prefix) {
    for (var e : model.namedParameters().entrySet()) {
      if (e.getKey().startsWith(prefix)) e.getValue().set(Tensor.zeros(e.getValue().shape()));
    }
  }

  @Test
  void withTheSecondGcnLayerAndMuZeroEveryLayerIsOneLoadedWmmseIteration() {
    MimoProblem p = codeProblem(8, 6, 0);
    MimoUwmmse model = new MimoUwmmse(CODE.withSeed(3)).withoutLearnedWeight();
    zero(model, "mu.");
    for (int k = 0; k <= 4; k++) {
      Tensor v;
      try (var off = Autograd.noGrad()) {
        v = model.apply(p, k);
      }
      Tensor truncated = new MimoWmmse(k, WmmseMimo.Rule.loaded(1e-4), false, 64).run(p).beamformers().tensor();
      assertTrue(maxAbsDiff(v, truncated) < 1e-12, "layer " + k + ": " + maxAbsDiff(v, truncated));
    }
    MimoUwmmse untouched = new MimoUwmmse(CODE.withSeed(3));
    try (var off = Autograd.noGrad()) {
      Tensor learned = untouched.apply(p, 3);
      Tensor truncated = new MimoWmmse(3, WmmseMimo.Rule.loaded(1e-4), false, 64).run(p).beamformers().tensor();
      assertTrue(maxAbsDiff(learned, truncated) > 1e-6, "random parameters must change the iterates");
    }
  }

  @Test
  void lossGradientMatchesCentralDifferencesForEveryParameter() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(5, 2, 3, 2, 3, 3), 0.1, 1.0);
    MimoUwmmse model = new MimoUwmmse(CODE.withAntennas(2, 3).withLayers(2, 3).withSeed(11));
    List<GradientCheck.Result> r = GradientCheck.run(model, () -> model.loss(p), 1e-5);
    assertEquals(26, r.size());
    for (GradientCheck.Result x : r) {
      boolean dead = x.parameter().startsWith("graph_bias");
      if (dead) {
        assertTrue(x.maxAbsGradient() < 1e-12, x.toString());
        continue;
      }
      assertTrue(x.maxAbsGradient() > 0, "no gradient reaches " + x);
      assertTrue(x.relativeError() < 1e-6, x.toString());
    }
  }

  @Test
  void relabellingThePairsRelabelsThePrecoders() {
    MimoProblem p = codeProblem(7, 3, 1);
    int[] perm = {3, 0, 6, 1, 5, 2, 4};
    Tensor hp;
    try (var off = Autograd.noGrad()) {
      hp = p.channels().gather(1, perm).gather(3, perm);
    }
    MimoProblem q = MimoProblem.of(hp, Paper001.NOISE_CODE, Paper001.P_MAX);
    MimoUwmmse model = new MimoUwmmse(CODE.withSeed(4));
    for (int layers : new int[] {1, 3}) {
      try (var off = Autograd.noGrad()) {
        Tensor v = model.apply(p, layers).gather(1, perm);
        Tensor vq = model.apply(q, layers);
        double scale = Math.sqrt(v.abs2().sum().item());
        assertTrue(maxAbsDiff(v, vq) < 1e-10 * scale, layers + " layers: " + maxAbsDiff(v, vq));
      }
    }
  }

  @Test
  void theCodeProfileHas3302RealParametersIn26Tensors() {
    MimoUwmmse model = new MimoUwmmse(CODE);
    assertEquals(3302, model.parameterCount());
    assertEquals(26, model.parameters().size());
    int r = 3, t = 5, f = r + t;
    assertEquals(2 * (r * t + 1 + 2 + 2 * (f * 32 + 32) + 2 * (32 * 16 + 16) + 1), model.parameterCount());
  }

  @Test
  void allocateIsFeasibleAndIndependentOfTheThreadCount() {
    MimoProblem p = codeProblem(10, 40, 2);
    MimoUwmmse model = new MimoUwmmse(CODE.withSeed(6));
    Parallel.setThreads(1);
    Beamformers one = model.allocate(p);
    Parallel.setThreads(2);
    Beamformers two = model.allocate(p);
    one.checkFeasible(p);
    double[] power = one.userPowers().data();
    for (double x : power) assertTrue(x <= Paper001.P_MAX * (1 + 1e-12), "power " + x);
    assertEquals(0.0, maxAbsDiff(one.tensor(), two.tensor()));
    assertEquals(40, one.batch());
    assertEquals("UWMMSE-3", model.name());
  }

  @Test
  void aCopyAtAnotherDepthSharesTheParametersAndTheTrajectory() {
    MimoProblem p = codeProblem(6, 3, 4);
    MimoUwmmse model = new MimoUwmmse(CODE.withSeed(8));
    MimoUwmmse deep = model.withInferenceLayers(5);
    assertEquals(5, deep.config().layers());
    assertEquals(CODE.trainLayers(), deep.config().trainLayers());
    try (var off = Autograd.noGrad()) {
      List<WmmseMimo.Step> steps = model.steps(p, 5);
      assertEquals(0, maxAbsDiff(deep.allocate(p).tensor(), steps.get(4).v()));
      assertEquals(0, maxAbsDiff(model.allocate(p).tensor(), steps.get(2).v()));
    }
    assertThrows(IllegalArgumentException.class, () -> model.withInferenceLayers(0));
  }

  @Test
  void withoutTheLearnedWeightEveryLayerKeepsWmmsesWeightAndTheOriginalIsUntouched() {
    MimoProblem p = codeProblem(6, 3, 5);
    MimoUwmmse model = new MimoUwmmse(CODE.withSeed(9));
    Tensor before;
    try (var off = Autograd.noGrad()) {
      before = model.allocate(p).tensor();
    }
    MimoUwmmse plain = model.withoutLearnedWeight();
    assertEquals(model.config(), plain.config());
    try (var off = Autograd.noGrad()) {
      List<WmmseMimo.Step> steps = plain.steps(p, 3);
      for (WmmseMimo.Step s : steps) assertEquals(0, maxAbsDiff(s.w(), s.wHat()));
      assertTrue(maxAbsDiff(steps.get(2).v(), before) > 1e-6, "the learned weight must matter for random parameters");
      assertEquals(0, maxAbsDiff(model.allocate(p).tensor(), before), "the original keeps its parameters");
    }
    // only the second GCN layer is zeroed: mu and the rest are kept (with mu zeroed too, the first test above shows
    // loaded WMMSE)
    for (var e : model.namedParameters().entrySet()) {
      Tensor expected = e.getKey().startsWith("gcn2.") ? Tensor.zeros(e.getValue().shape()) : e.getValue().value();
      assertArrayEquals(expected.toArray(), plain.namedParameters().get(e.getKey()).value().toArray(), e.getKey());
    }
  }

  /** Layer k of a 3-layer trace (weights of (8), raw weights, precoders) is what a k-layer run computes. */
  @Test
  void layerKOfTheTraceEqualsAKLayerRun() {
    MimoProblem p = codeProblem(6, 5, 6);
    MimoUwmmse model = new MimoUwmmse(CODE.withSeed(9));
    try (var off = Autograd.noGrad()) {
      List<WmmseMimo.Step> trace = model.steps(p, 3);
      for (int k = 1; k <= 3; k++) {
        WmmseMimo.Step own = model.steps(p, k).get(k - 1);
        assertEquals(0, maxAbsDiff(own.w(), trace.get(k - 1).w()), "w at layer " + k);
        assertEquals(0, maxAbsDiff(own.wHat(), trace.get(k - 1).wHat()), "w^ at layer " + k);
        assertEquals(0, maxAbsDiff(model.withInferenceLayers(k).allocate(p).tensor(), trace.get(k - 1).v()),
            "V at layer " + k);
      }
    }
  }

  /** The backward kernels run in parallel over instances: the gradients do not depend on the thread count. */
  @Test
  void lossGradientsAreIdenticalForOneAndTwoThreads() {
    MimoProblem p = codeProblem(6, 24, 2);
    MimoUwmmse model = new MimoUwmmse(CODE.withLayers(2, 3).withSeed(5));
    double[][] first = null;
    for (int threads : new int[] {1, 2}) {
      Parallel.setThreads(threads);
      model.zeroGrad();
      model.loss(p).backward();
      List<Parameter> ps = model.parameters();
      double[][] g = new double[ps.size()][];
      for (int i = 0; i < g.length; i++) g[i] = ps.get(i).grad().data().clone();
      if (first == null) {
        first = g;
      } else {
        for (int i = 0; i < g.length; i++) assertArrayEquals(first[i], g[i], 0, ps.get(i).name());
      }
    }
  }

  @Test
  void badInputIsRefusedWithItsName() {
    MimoUwmmse model = new MimoUwmmse(CODE);
    MimoProblem wrongAntennas = MimoProblem.of(Tensor.complexRandn(1, 2, 4, 4, 4, 5), 0.1, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> model.allocate(wrongAntennas));
    assertTrue(e.getMessage().contains("N_r = 3") && e.getMessage().contains("N_r = 4"), e.getMessage());
    MimoProblem twoStreams = MimoProblem.of(Tensor.complexRandn(1, 2, 4, 3, 4, 5), 0.1, 1).withStreams(2);
    e = assertThrows(IllegalArgumentException.class, () -> model.loss(twoStreams));
    assertTrue(e.getMessage().contains("d = 2"), e.getMessage());
    MimoProblem single = MimoProblem.of(Tensor.complexRandn(1, 2, 1, 3, 1, 5), 0.1, 1);
    e = assertThrows(IllegalArgumentException.class, () -> model.allocate(single));
    assertTrue(e.getMessage().contains("M = 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.apply(null, 1));
    assertTrue(e.getMessage().contains("problem"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.apply(codeProblem(3, 1, 0), -1));
    assertTrue(e.getMessage().contains("layers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CODE.withRule(WmmseMimo.Rule.loaded(1e-4)));
    assertTrue(e.getMessage().contains("ZERO"), e.getMessage());
  }

  @Test
  void parametersAreSeededAndDistinct() {
    Parameter a = new MimoUwmmse(CODE.withSeed(1)).namedParameters().get("omega.re");
    Parameter b = new MimoUwmmse(CODE.withSeed(1)).namedParameters().get("omega.re");
    Parameter c = new MimoUwmmse(CODE.withSeed(2)).namedParameters().get("omega.re");
    assertEquals(0.0, maxAbsDiff(a.value().mul(Tensor.complex(Tensor.ones(1), Tensor.zeros(1))),
        b.value().mul(Tensor.complex(Tensor.ones(1), Tensor.zeros(1)))));
    assertTrue(a.value().sub(c.value()).abs().sum().item() > 0);
  }
}
