package rrm.paper.p003;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.GaussianIc;
import rrm.model.baseline.Pcnet;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.system.SisoProblem;
import rrm.utility.WeightedSumRate;

/** The Gaussian-IC recipes of paper 003 (Sec. V-A): data, graph, method wrapper, and that training learns. */
class IcTrainingTest {
  private static double meanRate(SisoProblem p, rrm.system.Powers x) {
    return WeightedSumRate.mean(WeightedSumRate.of(p, x));
  }

  @Test
  void drawnSamplesAreThoseOfTheStreamAtTheirIndices() {
    GaussianIc ic = Paper003.gaussian(4, 10);
    SisoProblem p = IcTraining.draw(ic, 3001, new int[] {7, 2, 9});
    assertEquals(3, p.batch());
    assertArrayEquals(ic.samples(3001, 2, 1).amplitudes().data(), p.slice(1, 2).amplitudes().data(), 0);
    assertArrayEquals(ic.samples(3001, 9, 1).amplitudes().data(), p.slice(2, 3).amplitudes().data(), 0);
    assertEquals(ic.noiseVariance(), p.noiseVariance(), 0);
  }

  @Test
  void theGraphIsCompleteWithoutSelfLoops() {
    SisoProblem p = Paper003.gaussian(5, 0).samples(1, 0, 3);
    ChannelGraph g = IcTraining.graph(p);
    assertEquals(3 * 5 * 4, g.graph().edgeCount());
    int[] src = g.graph().edges().src(), dst = g.graph().edges().dst();
    for (int e = 0; e < src.length; e++) {
      assertNotEquals(src[e], dst[e]);
      assertEquals(src[e] / 5, dst[e] / 5, "edges stay inside their instance");
    }
  }

  @Test
  void theMethodEqualsTheNetworkOnChunkedBatches() {
    SisoProblem p = Paper003.gaussian(4, 10).samples(2, 0, 70);
    Wcgcn net = new Wcgcn(2, 8, 6, 5, 1.0, 3);
    double[] whole = net.allocate(IcTraining.graph(p)).tensor().data();
    assertArrayEquals(whole, IcTraining.method(net, "WCGCN").allocate(p).tensor().data(), 1e-12);
    assertEquals("WCGCN", IcTraining.method(net, "WCGCN").name());
  }

  @Test
  void settingsSeparateDepthsAndSnrs() {
    var a = IcTraining.wcgcn(10, 10, 3, 1, 1000).settings();
    assertNotEquals(a, IcTraining.wcgcn(10, 10, 2, 1, 1000).settings());
    assertNotEquals(a, IcTraining.wcgcn(10, 0, 3, 1, 1000).settings());
    assertEquals(a, IcTraining.wcgcn(10, 10, 3, 1, 1000).settings());
  }

  @Test
  void aFineTuneStartsFromTheGivenNetworkAndRecordsItsRecipe() {
    var base = IcTraining.wcgcn(4, 10, 3, 8, 640);
    Wcgcn start = new Wcgcn(3, 32, 32, 16, 1.0, 99);
    var tuned = IcTraining.wcgcnFrom(base, start, 6, 10, 1, 640);
    Wcgcn fresh = tuned.newModel();
    assertEquals(1, fresh.layers());
    start.namedParameters().forEach((name, p) ->
        assertArrayEquals(p.value().data(), fresh.namedParameters().get(name).value().data(), 0, name));
    assertEquals(IcTraining.fineTuneBudget(6).key(), tuned.settings().get("train.budget"));
    var otherBase = IcTraining.wcgcn(4, 0, 3, 8, 640);
    assertNotEquals(tuned.settings(), IcTraining.wcgcnFrom(otherBase, start, 6, 10, 1, 640).settings());
    assertThrows(IllegalArgumentException.class, () -> IcTraining.wcgcnFrom(base, null, 6, 10, 1, 640));
    assertThrows(IllegalArgumentException.class, () -> IcTraining.wcgcnFrom(base, start, 6, 10, 0, 640));
  }

  @Test
  void fineTuneBudgetsAreWholePassesOverTheTrainingSet() {
    TrainingBudget k30 = IcTraining.fineTuneBudget(30), k50 = IcTraining.fineTuneBudget(50);
    assertEquals(Paper003.TRAIN_SAMPLES / 32, k30.stepsPerEpoch());
    assertEquals(Paper003.TRAIN_SAMPLES / 16, k50.stepsPerEpoch());
    assertEquals(Paper003.TRAIN_SAMPLES / 64, IcTraining.WCGCN_BUDGET.stepsPerEpoch());
    assertThrows(IllegalArgumentException.class, () -> IcTraining.fineTuneBudget(0));
  }

  @Test
  void scratchRecipesTrainWholePassesWithTheAuthorsLearningRateStep() {
    var one = IcTraining.wcgcnScratch(50, 10, 1, Paper003.TRAIN_SAMPLES);
    assertEquals(TrainingBudget.named("from scratch", 199, Paper003.TRAIN_SAMPLES / 16).key(),
        one.settings().get("train.budget"));
    assertEquals(one.settings().get("train.budget"),
        IcTraining.wcgcnScratch(50, 10, 2, Paper003.TRAIN_SAMPLES).settings().get("train.budget"));
    assertTrue(one.settings().get("train.schedule").contains("x0.9 every 20 passes"), one.settings().toString());
    assertNotEquals(one.settings(), IcTraining.wcgcnScratch(50, 10, 2, Paper003.TRAIN_SAMPLES).settings());
    assertNotEquals(one.settings(), IcTraining.wcgcn(50, 10, 1, IcTraining.WCGCN_SEED, Paper003.TRAIN_SAMPLES)
        .settings());
    assertThrows(IllegalArgumentException.class, () -> IcTraining.wcgcnScratch(50, 10, 0, Paper003.TRAIN_SAMPLES));
  }

  @Test
  void aScratchDrawIsTheRecipeWithAnotherSeedAndTheCommittedDrawsLoad() {
    var one = IcTraining.wcgcnScratch(50, 10, 1, Paper003.TRAIN_SAMPLES);
    assertEquals(one.settings(), IcTraining.wcgcnScratch(50, 10, 1, Paper003.TRAIN_SAMPLES, 0).settings());
    assertEquals(IcTraining.scratchFile(50, 10, 1), IcTraining.scratchFile(50, 10, 1, 0));
    assertEquals("ic-wcgcn-scratch-K50-10dB-T1-draw2.ckpt", IcTraining.scratchFile(50, 10, 1, 2));
    for (int d = 1; d <= 2; d++) {
      var draw = IcTraining.wcgcnScratch(50, 10, 1, Paper003.TRAIN_SAMPLES, d);
      java.util.TreeSet<String> differ = new java.util.TreeSet<>();
      for (var e : one.settings().entrySet()) if (!e.getValue().equals(draw.settings().get(e.getKey()))) differ.add(e.getKey());
      assertEquals(1, differ.size(), "settings that differ: " + differ);
      assertTrue(differ.first().endsWith("seed"), "settings that differ: " + differ);
      var files = rrm.optim.CheckpointFiles.of(java.nio.file.Path.of("data/checkpoints/003")
          .resolve(IcTraining.scratchFile(50, 10, 1, d)));
      assertTrue(draw.loadIfMatching(files).isPresent(), "no matching checkpoint at " + files.committed());
      assertTrue(one.loadIfMatching(files).isEmpty(), "the committed recipe must not load draw " + d);
    }
    assertThrows(IllegalArgumentException.class, () -> IcTraining.wcgcnScratch(50, 10, 1, Paper003.TRAIN_SAMPLES, -1));
    assertThrows(IllegalArgumentException.class, () -> IcTraining.scratchFile(50, 10, 1, -1));
  }

  @Test
  void wcgcnTrainingRaisesTheSumRateAndIsReproducible() {
    SisoProblem test = Paper003.gaussian(4, 10).samples(Paper003.GAUSSIAN_TEST_SEED, 0, 200);
    var recipe = IcTraining.wcgcn(4, 10, 2, 5, 640).budget(TrainingBudget.of(4, 40));
    double before = meanRate(test, IcTraining.method(recipe.newModel(), "untrained").allocate(test));
    Trained<Wcgcn> t = recipe.train();
    double after = meanRate(test, IcTraining.method(t.model(), "trained").allocate(test));
    assertTrue(after > before + 0.05, "sum-rate " + before + " -> " + after);
    double again = meanRate(test, IcTraining.method(recipe.train().model(), "again").allocate(test));
    assertEquals(after, again, 0);
  }

  @Test
  void pcnetTrainingRaisesTheSumRate() {
    SisoProblem test = Paper003.gaussian(4, 10).samples(Paper003.GAUSSIAN_TEST_SEED, 0, 200);
    var recipe = IcTraining.pcnet(4, 10, 5).batch(64).budget(TrainingBudget.of(2, 15));
    double before = meanRate(test, recipe.newModel().allocate(test));
    Trained<Pcnet> t = recipe.train();
    double after = meanRate(test, t.model().allocate(test));
    assertTrue(after > before + 0.05, "sum-rate " + before + " -> " + after);
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> IcTraining.wcgcn(10, 10, 0, 1, 1000));
    assertThrows(IllegalArgumentException.class, () -> IcTraining.wcgcn(10, 10, 3, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> IcTraining.graph(null));
  }
}
