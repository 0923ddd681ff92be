package rrm.paper.p001;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import rrm.model.gcnwmmse.GcnWmmse;
import rrm.model.gcnwmmse.GcnWmmseConfig;
import rrm.model.unrolled.Iaidnn;
import rrm.model.unrolled.IaidnnConfig;
import rrm.optim.CheckpointFiles;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;

/** The baseline recipes of paper 001: settings, the step schedule, reproducibility, errors, committed files. */
class Baselines001Test {
  private static final int[] SIZES = {4, 5};
  private static final Path DIR = Path.of("data/checkpoints/001");

  /**
   * The committed checkpoints of both baselines, Rayleigh and Rician (Fig. 2(c)), are found by
   * {@code committedIaidnn} and {@code committedGcnWmmse} (the recipes notebook 03 builds in its full profile); the
   * Rician recipes differ from the Rayleigh ones only in the training channels, so they never load a Rayleigh file.
   */
  @Test
  void theCommittedRecipesFindTheCommittedCheckpoints() {
    var ray = Training001.TrainedOn.RAYLEIGH;
    var ric = Training001.TrainedOn.RICIAN;
    for (var fading : Training001.TrainedOn.values()) {
      var iaidnn = Baselines001.committedIaidnn(fading).loadIfMatching(CheckpointFiles.of(DIR.resolve(
          Baselines001.iaidnnFile(fading))));
      assertTrue(iaidnn.isPresent(), "no matching IAIDNN checkpoint for " + fading);
      assertEquals(Baselines001.IAIDNN_COMMITTED.steps(), iaidnn.get().summary().steps());
      var gcn = Baselines001.committedGcnWmmse(fading).loadIfMatching(CheckpointFiles.of(DIR.resolve(
          Baselines001.gcnWmmseFile(fading))));
      assertTrue(gcn.isPresent(), "no matching GCN-WMMSE checkpoint for " + fading);
      assertEquals(Baselines001.GCN_COMMITTED.steps(), gcn.get().summary().steps());
    }
    assertTrue(Baselines001.committedIaidnn(ric).loadIfMatching(CheckpointFiles.of(DIR.resolve(
        Baselines001.iaidnnFile(ray)))).isEmpty(), "the Rician recipe must not load the Rayleigh IAIDNN");
    assertTrue(!Baselines001.iaidnnFile(ric).equals(Baselines001.iaidnnFile(ray)));
    assertTrue(!Baselines001.gcnWmmseFile(ric).equals(Baselines001.gcnWmmseFile(ray)));
  }

  @Test
  void theTrainingProgramRefusesBadArguments() {
    var e = assertThrows(IllegalArgumentException.class, () -> Baselines001.main(new String[0]));
    assertTrue(e.getMessage().contains("got 0 arguments"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Baselines001.main(new String[] {"wmmse", "rician"}));
    assertTrue(e.getMessage().contains("iaidnn or gcn-wmmse") && e.getMessage().contains("wmmse"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Baselines001.main(new String[] {"iaidnn", "rice"}));
    assertTrue(e.getMessage().contains("rayleigh or rician") && e.getMessage().contains("rice"), e.getMessage());
  }

  @Test
  void gcnWmmseDropsTheLearningRateAtAQuarterHalfAndThreeQuartersAndIsReproducible() {
    GcnWmmseConfig c = GcnWmmseConfig.paper().withLayers(2).withFeatures(2);
    TrainingBudget b = TrainingBudget.of(2, 4);
    var recipe = Baselines001.gcnWmmse(c, Paper001.network(), SIZES, b, 3).batch(4);
    assertEquals("x0.1 at steps [2, 4, 6]", recipe.settings().get("train.schedule"));
    Trained<GcnWmmse> one = recipe.train();
    double[] lr = one.history().learningRates();
    assertEquals(8, lr.length);
    double[] want = {1e-2, 1e-2, 1e-3, 1e-3, 1e-4, 1e-4, 1e-5, 1e-5};
    for (int s = 0; s < 8; s++) assertEquals(want[s], lr[s], 1e-15, "step " + s);
    Trained<GcnWmmse> two = Baselines001.gcnWmmse(c, Paper001.network(), SIZES, b, 3).batch(4).train();
    assertTrue(one.history().sameRecord(two.history()));
  }

  @Test
  void iaidnnTrainsWithAConstantRateOnTheGivenSizes() {
    IaidnnConfig c = IaidnnConfig.paper001().withLayers(2);
    var recipe = Baselines001.iaidnn(c, Paper001.network(), SIZES, TrainingBudget.of(1, 3), 7).batch(4);
    assertTrue(recipe.settings().get("train.data").contains("[4, 5]"), recipe.settings().toString());
    assertEquals(null, recipe.settings().get("train.schedule"));
    Trained<Iaidnn> t = recipe.train();
    for (double lr : t.history().learningRates()) assertEquals(Baselines001.IAIDNN_LEARNING_RATE, lr, 0);
    for (double loss : t.history().losses()) assertTrue(Double.isFinite(loss) && loss < 0, "loss " + loss);
  }

  @Test
  void badArgumentsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Baselines001.iaidnn(IaidnnConfig.paper001(), Paper001.network(), new int[0], Baselines001.paperBudget(), 1));
    assertTrue(e.getMessage().contains("sizes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Baselines001.iaidnn(IaidnnConfig.paper001().withAntennas(2, 5, 1), Paper001.network(), SIZES,
            Baselines001.paperBudget(), 1));
    assertTrue(e.getMessage().contains("R = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Baselines001.gcnWmmse(null, Baselines001.paperBudget(), 1));
    assertTrue(e.getMessage().contains("config"), e.getMessage());
    assertEquals(10_000, Baselines001.paperBudget().steps());
  }
}
