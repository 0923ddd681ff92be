package rrm.model.gcnwmmse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rrm.model.MimoModelChecks.assertEveryParameterGradientChecks;
import static rrm.model.MimoModelChecks.assertFeasibleAndThreadIndependent;
import static rrm.model.MimoModelChecks.assertRelabellingEquivariant;
import static rrm.model.MimoModelChecks.codeProblem;
import static rrm.model.MimoModelChecks.maxAbsDiff;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.solver.MimoWmmse;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/** GCN-WMMSE (paper 004 §III): containment of WMMSE, gradients, equivariance, count, feasibility, errors. */
class GcnWmmseTest {
  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  private static void set(GcnWmmse model, String suffix, double value) {
    for (var e : model.namedParameters().entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        e.getValue().set(Tensor.zeros(e.getValue().shape()).add(value));
      }
    }
  }

  /** Sets F = 1 parameters so that every layer is one textbook WMMSE iteration. */
  private static GcnWmmse asWmmse(GcnWmmseConfig config) {
    GcnWmmse model = new GcnWmmse(config.withFeatures(1));
    set(model, "a1.re", 1);
    for (String s : new String[] {"a1.im", "a0.re", "a0.im", "bias", "c.im", "skip.re", "skip.im"}) set(model, s, 0);
    set(model, "c.re", 1);
    for (var e : model.namedParameters().entrySet()) {
      if (e.getKey().endsWith("taps")) {
        double[] t = new double[config.order() + 1];
        if (t.length > 1) t[1] = 1;
        e.getValue().set(Tensor.of(t, t.length));
      }
    }
    return model;
  }

  @Test
  void withIdentityFiltersEveryLayerIsOneTextbookWmmseIteration() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(3, 4, 6, 3, 6, 4), 0.05, 1.0);
    GcnWmmse model = asWmmse(GcnWmmseConfig.paper().withLayers(4).withSeed(2));
    for (int k = 0; k <= 4; k++) {
      Tensor v;
      try (var off = Autograd.noGrad()) {
        v = model.apply(p, k);
      }
      Tensor wmmse = new MimoWmmse(k, rrm.solver.WmmseMimo.Rule.TEXTBOOK, false, 64).run(p).beamformers().tensor();
      assertTrue(maxAbsDiff(v, wmmse) < 1e-12, "layer " + k + ": " + maxAbsDiff(v, wmmse));
    }
    // two streams: the weight filter acts on 2 x 2 weight matrices (order 2 is then not the identity's degenerate case)
    MimoProblem two = p.withStreams(2);
    GcnWmmse model2 = asWmmse(GcnWmmseConfig.paper().withLayers(2).withSeed(2));
    try (var off = Autograd.noGrad()) {
      Tensor wmmse = new MimoWmmse(2, rrm.solver.WmmseMimo.Rule.TEXTBOOK, false, 64).run(two).beamformers().tensor();
      assertTrue(maxAbsDiff(model2.apply(two, 2), wmmse) < 1e-12);
      Tensor learned = new GcnWmmse(GcnWmmseConfig.paper().withLayers(2)).apply(two, 2);
      assertTrue(maxAbsDiff(learned, wmmse) > 1e-6, "random parameters must change the iterates");
    }
  }

  @Test
  void lossGradientMatchesCentralDifferencesForEveryParameter() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(5, 2, 3, 2, 3, 3), 0.1, 1.0).withStreams(2);
    // the plain loss: eq. (16) divides by a detached copy of the value, which finite differences cannot see
    GcnWmmse model = new GcnWmmse(GcnWmmseConfig.paper().withLayers(2).withFeatures(2).withLoss(false, false)
        .withSeed(11));
    // biases away from 0 so that some modReLU entries are inactive and some active
    for (var e : model.namedParameters().entrySet()) {
      if (e.getKey().endsWith("bias")) e.getValue().set(Tensor.of(new double[] {0.05, -0.02}, 2));
    }
    assertEveryParameterGradientChecks(model, () -> model.loss(p));
  }

  @Test
  void theNormalisedLossWeightsEverySampleByItsOwnSumRate() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(6, 1, 3, 2, 3, 3), 0.1, 1.0);
    GcnWmmseConfig c = GcnWmmseConfig.paper().withLayers(2).withFeatures(2).withSeed(5);
    GcnWmmse plain = new GcnWmmse(c.withLoss(false, false));
    GcnWmmse normalised = new GcnWmmse(c.withLoss(true, false));
    GcnWmmse scaled = new GcnWmmse(c.withLoss(true, true));
    double rate = -plain.loss(p).item();
    plain.loss(p).backward();
    normalised.loss(p).backward();
    Tensor lossScaled = scaled.loss(p);
    assertEquals(-1.0, normalised.loss(p).item(), 1e-12);
    assertEquals(-rate / 3, lossScaled.item(), 1e-9 * rate);
    lossScaled.backward();
    var g0 = plain.namedParameters().get("layer1.c.re").grad().data();
    var g1 = normalised.namedParameters().get("layer1.c.re").grad().data();
    var g2 = scaled.namedParameters().get("layer1.c.re").grad().data();
    for (int n = 0; n < g0.length; n++) {
      assertEquals(g0[n] / rate, g1[n], 1e-9 * Math.abs(g0[n] / rate) + 1e-15);
      assertEquals(g0[n] / 3, g2[n], 1e-9 * Math.abs(g0[n]) + 1e-15);
    }
  }

  @Test
  void relabellingThePairsRelabelsThePrecoders() {
    GcnWmmse model = new GcnWmmse(GcnWmmseConfig.paper().withLayers(3).withSeed(4));
    assertRelabellingEquivariant(x -> model.apply(x, 3), 1e-9);
  }

  @Test
  void thePaperConfigurationHas409RealParameters() {
    GcnWmmse model = new GcnWmmse(GcnWmmseConfig.paper());
    assertEquals(409, model.parameterCount());
    assertEquals(GcnWmmseConfig.paper().parameterCount(), model.parameterCount());
    assertEquals(GcnWmmseConfig.paper().withLayers(3).withFeatures(2).parameterCount(),
        new GcnWmmse(GcnWmmseConfig.paper().withLayers(3).withFeatures(2)).parameterCount());
  }

  @Test
  void allocateIsFeasibleAndIndependentOfTheThreadCount() {
    GcnWmmse model = new GcnWmmse(GcnWmmseConfig.paper().withLayers(2).withSeed(6));
    assertFeasibleAndThreadIndependent(model);
    assertEquals("GCN-WMMSE-2", model.name());
  }

  @Test
  void badInputIsRefusedWithItsName() {
    GcnWmmse model = new GcnWmmse(GcnWmmseConfig.paper());
    var e = assertThrows(IllegalArgumentException.class, () -> model.allocate(null));
    assertTrue(e.getMessage().contains("problem"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model.apply(codeProblem(3, 1, 0), 8));
    assertTrue(e.getMessage().contains("[0, 7]") && e.getMessage().contains("8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GcnWmmseConfig.paper().withFeatures(0));
    assertTrue(e.getMessage().contains("features"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GcnWmmseConfig.paper().withBiasScale(-1));
    assertTrue(e.getMessage().contains("biasScale") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GcnWmmse(null));
    assertTrue(e.getMessage().contains("config"), e.getMessage());
  }
}
