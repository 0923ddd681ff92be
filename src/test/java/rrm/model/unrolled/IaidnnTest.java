package rrm.model.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rrm.model.MimoModelChecks.assertEveryParameterGradientChecks;
import static rrm.model.MimoModelChecks.assertFeasibleAndThreadIndependent;
import static rrm.model.MimoModelChecks.assertRelabellingEquivariant;
import static rrm.model.MimoModelChecks.maxAbsDiff;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.solver.MimoWmmse;
import rrm.solver.WmmseMimo;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/** IAIDNN (Hu et al.): containment of WMMSE, gradients, equivariance, count, feasibility, errors. */
class IaidnnTest {
  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void withExactInversesOnlyEveryLayerIsOneNoiseTraceWmmseIteration() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(3, 4, 6, 3, 6, 4), 0.05, 1.0).withStreams(2);
    for (int layers = 1; layers <= 4; layers++) {
      Iaidnn model = new Iaidnn(IaidnnConfig.paper001().withAntennas(3, 4, 2).withLayers(layers).withImproved(true)
          .withSeed(2));
      for (var e : model.namedParameters().entrySet()) {
        Tensor zero = Tensor.zeros(e.getValue().shape());
        boolean identity = e.getKey().matches(".*\\.[py]\\.re");
        e.getValue().set(identity ? Tensor.eye(e.getValue().shape()[0]) : zero);
      }
      Tensor v;
      try (var off = Autograd.noGrad()) {
        v = model.apply(p);
      }
      Tensor wmmse = new MimoWmmse(layers, new WmmseMimo.Rule(0, WmmseMimo.Multiplier.NOISE_TRACE), false, 64).run(p)
          .beamformers().tensor();
      assertTrue(maxAbsDiff(v, wmmse) < 1e-12, layers + " layers: " + maxAbsDiff(v, wmmse));
      try (var off = Autograd.noGrad()) {
        Tensor learned = new Iaidnn(model.config()).apply(p);
        assertTrue(maxAbsDiff(learned, wmmse) > 1e-6, "random parameters must change the iterates");
      }
    }
  }

  @Test
  void lossGradientMatchesCentralDifferencesForEveryParameter() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(5, 2, 3, 2, 3, 3), 0.1, 1.0);
    for (boolean improved : new boolean[] {false, true}) {
      Iaidnn model = new Iaidnn(IaidnnConfig.paper001().withAntennas(2, 3, 1).withLayers(2).withImproved(improved)
          .withSeed(11));
      assertEveryParameterGradientChecks(model, () -> model.loss(p));
    }
  }

  @Test
  void relabellingThePairsRelabelsThePrecoders() {
    Iaidnn model = new Iaidnn(IaidnnConfig.paper001().withSeed(4));
    assertRelabellingEquivariant(x -> model.apply(x), 1e-9);
  }

  @Test
  void paper001sAdaptationHas982RealParameters() {
    assertEquals(982, new Iaidnn(IaidnnConfig.paper001()).parameterCount());
    for (IaidnnConfig c : new IaidnnConfig[] {IaidnnConfig.paper001().withImproved(true),
        IaidnnConfig.paper001().withAntennas(2, 4, 2).withLayers(3)}) {
      assertEquals(c.parameterCount(), new Iaidnn(c).parameterCount());
    }
  }

  @Test
  void allocateIsFeasibleAndIndependentOfTheThreadCount() {
    Iaidnn model = new Iaidnn(IaidnnConfig.paper001().withSeed(6));
    assertFeasibleAndThreadIndependent(model);
    assertEquals("IAIDNN-7", model.name());
  }

  @Test
  void badInputIsRefusedWithItsName() {
    Iaidnn model = new Iaidnn(IaidnnConfig.paper001());
    MimoProblem wrongAntennas = MimoProblem.of(Tensor.complexRandn(1, 2, 4, 4, 4, 5), 0.1, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> model.allocate(wrongAntennas));
    assertTrue(e.getMessage().contains("R = 3") && e.getMessage().contains("R = 4"), e.getMessage());
    MimoProblem twoStreams = MimoProblem.of(Tensor.complexRandn(1, 2, 4, 3, 4, 5), 0.1, 1).withStreams(2);
    e = assertThrows(IllegalArgumentException.class, () -> model.loss(twoStreams));
    assertTrue(e.getMessage().contains("d = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.apply(null));
    assertTrue(e.getMessage().contains("problem"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IaidnnConfig.paper001().withAntennas(3, 5, 4));
    assertTrue(e.getMessage().contains("streams") && e.getMessage().contains("4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IaidnnConfig.paper001().withLayers(0));
    assertTrue(e.getMessage().contains("layers"), e.getMessage());
  }
}
