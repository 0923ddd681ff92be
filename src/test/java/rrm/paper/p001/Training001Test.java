package rrm.paper.p001;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.Split;
import rrm.model.uwmmse.MimoUwmmse;
import rrm.model.uwmmse.MimoUwmmseConfig;
import rrm.nn.Module;
import rrm.optim.CheckpointFiles;
import rrm.optim.NovoGrad;
import rrm.optim.Optimizer;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingCallback;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;

/** The UWMMSE recipe of paper 001 §IV-B: a few dozen steps improve the loss; runs are reproducible. */
class Training001Test {
  private static final int[] SIZES = {6, 8};

  private static Recipe<MimoUwmmse, MimoProblem> recipe(long seed, TrainingBudget b) {
    return Training001.uwmmse(MimoUwmmseConfig.code(), Paper001.network(), SIZES, seed).budget(b).batch(16);
  }

  private static double testLoss(MimoUwmmse model, MimoProblem test) {
    try (var off = Autograd.noGrad()) {
      return model.loss(test).item();
    }
  }

  @Test
  void fortyStepsLowerTheLossOnUnseenChannels() {
    MimoProblem test = Paper001.network().batch(99, Split.TEST, 8, 0, 64);
    Recipe<MimoUwmmse, MimoProblem> r = recipe(3, TrainingBudget.of(2, 20));
    double before = testLoss(r.newModel(), test);
    Trained<MimoUwmmse> t = r.train();
    double after = testLoss(t.model(), test);
    assertTrue(after < before, "test loss after " + after + " vs before " + before);
    assertEquals(40, t.summary().steps());
  }

  @Test
  void sameSeedGivesTheSameModel() {
    TrainingBudget b = TrainingBudget.of(1, 5);
    MimoUwmmse one = recipe(4, b).train().model();
    MimoUwmmse two = recipe(4, b).train().model();
    MimoUwmmse other = recipe(5, b).train().model();
    assertTrue(same(one, two));
    assertTrue(!same(one, other));
  }

  @Test
  void mismatchedAntennasAreRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Training001.uwmmse(MimoUwmmseConfig.code().withAntennas(2, 4), Paper001.network(), SIZES, 1));
    assertTrue(e.getMessage().contains("N_r = 3") && e.getMessage().contains("N_r = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Training001.uwmmse(MimoUwmmseConfig.code(), Paper001.network(), new int[] {1}, 1));
    assertTrue(e.getMessage().contains("sizes") || e.getMessage().contains("size M"), e.getMessage());
  }

  /**
   * The committed checkpoint is found by the committed recipe: its settings (the optimizer's included) are the same
   * in every run, so notebooks load it instead of training.
   */
  @Test
  void theCommittedCheckpointMatchesTheCommittedRecipe() {
    assertEquals(Training001.committed().settings(), Training001.committed().settings());
    assertTrue(Training001.committed().settings().get("train.optimizer").startsWith("novograd lr 0.01"));
    var files = CheckpointFiles.of(Path.of("data/checkpoints/001").resolve(Training001.COMMITTED_FILE));
    var loaded = Training001.committed().loadIfMatching(files);
    assertTrue(loaded.isPresent(), "no matching checkpoint at " + files.committed());
    assertEquals(3302, loaded.get().model().parameterCount());
    assertEquals(Training001.COMMITTED_EPOCHS * Training001.STEPS_PER_EPOCH, loaded.get().summary().steps());
    assertEquals(Training001.committedBudget().key(), Training001.committed().settings().get(Recipe.TRAIN + "budget"));
    assertTrue(Training001.committedBudget().steps() <= Training001.paperBudget().steps(),
        "the committed budget exceeds the paper's: " + Training001.committedBudget());
  }

  /**
   * The committed Rician checkpoint (UWMMSE_ric of Fig. 3(c)) is found by the recipe the notebooks build,
   * {@code committed(TrainedOn.RICIAN)}; it differs from the Rayleigh recipe only in the training channels.
   */
  @Test
  void theCommittedRicianCheckpointMatchesTheRicianRecipe() {
    var rician = Training001.committed(Training001.TrainedOn.RICIAN);
    var rayleigh = Training001.committed(Training001.TrainedOn.RAYLEIGH);
    assertEquals(Training001.committed().settings(), rayleigh.settings());
    assertTrue(rician.settings().get(Recipe.TRAIN + "data").startsWith(Paper001.Profile.CODE.rician().toString()),
        rician.settings().get(Recipe.TRAIN + "data"));
    for (var e : rayleigh.settings().entrySet()) {
      if (!e.getKey().equals(Recipe.TRAIN + "data")) {
        assertEquals(e.getValue(), rician.settings().get(e.getKey()), "setting " + e.getKey());
      }
    }
    assertEquals(rayleigh.settings().keySet(), rician.settings().keySet());
    var files = CheckpointFiles.of(Path.of("data/checkpoints/001").resolve(Training001.TrainedOn.RICIAN.file()));
    var loaded = rician.loadIfMatching(files);
    assertTrue(loaded.isPresent(), "no matching checkpoint at " + files.committed());
    assertEquals(3302, loaded.get().model().parameterCount());
    assertEquals(Training001.COMMITTED_EPOCHS * Training001.STEPS_PER_EPOCH, loaded.get().summary().steps());
    assertTrue(rayleigh.loadIfMatching(files).isEmpty(), "the Rayleigh recipe must not load the Rician checkpoint");
  }

  /**
   * A draw is the committed recipe with another initialisation seed and nothing else; draw 0 is the committed recipe,
   * and the committed draws of notebook 04 load (never train) for theirs.
   */
  @Test
  void aDrawIsTheCommittedRecipeWithAnotherInitialisationSeed() {
    var committed = Training001.committed(Training001.TrainedOn.RAYLEIGH);
    assertEquals(committed.settings(), Training001.draw(Training001.TrainedOn.RAYLEIGH, 0).settings());
    assertEquals(Training001.COMMITTED_FILE, Training001.drawFile(Training001.TrainedOn.RAYLEIGH, 0));
    assertEquals("uwmmse-rayleigh-draw2.ckpt", Training001.drawFile(Training001.TrainedOn.RAYLEIGH, 2));
    for (int d = 1; d <= 2; d++) {
      var draw = Training001.draw(Training001.TrainedOn.RAYLEIGH, d);
      java.util.TreeSet<String> differ = new java.util.TreeSet<>();
      for (var e : committed.settings().entrySet()) {
        if (!e.getValue().equals(draw.settings().get(e.getKey()))) differ.add(e.getKey());
      }
      assertEquals(1, differ.size(), "settings that differ: " + differ);
      assertTrue(differ.first().endsWith("seed"), "settings that differ: " + differ);
      var files = CheckpointFiles.of(Path.of("data/checkpoints/001").resolve(
          Training001.drawFile(Training001.TrainedOn.RAYLEIGH, d)));
      assertTrue(draw.loadIfMatching(files).isPresent(), "no matching checkpoint at " + files.committed());
      assertTrue(committed.loadIfMatching(files).isEmpty(), "the committed recipe must not load draw " + d);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Training001.draw(Training001.TrainedOn.RAYLEIGH, -1));
    assertEquals("Training001.draw: draw must be >= 0, got -1", e.getMessage());
  }

  /**
   * Both committed models keep the epoch with the best loss on the fixed validation batches (the authors' selection),
   * and that is what their checkpoints record: the kept epoch is the one with the smallest recorded validation loss.
   */
  @Test
  void theCommittedModelsKeepTheirBestValidationEpoch() {
    for (var fading : Training001.TrainedOn.values()) {
      var recipe = Training001.committed(fading);
      assertTrue(recipe.settings().get(Recipe.TRAIN + "selection").startsWith("best epoch by validation loss"),
          recipe.settings().get(Recipe.TRAIN + "selection"));
      var files = CheckpointFiles.of(Path.of("data/checkpoints/001").resolve(fading.file()));
      var summary = recipe.loadIfMatching(files).orElseThrow().summary();
      assertEquals("validation loss", summary.selection());
      double[] v = summary.selectionValues();
      int best = 0;
      for (int i = 1; i < v.length; i++) if (v[i] < v[best]) best = i;
      assertEquals(best, summary.bestIndex(), fading + ": kept epoch");
    }
  }

  @Test
  void notebooksGetTheCommittedModelOrTheSmokeStandIn(@TempDir Path dir) {
    TrainingCallback quiet = new TrainingCallback() {};
    var committed = Training001.committedOrTrained(Training001.TrainedOn.RAYLEIGH,
        CheckpointFiles.of(Path.of("data/checkpoints/001").resolve(Training001.COMMITTED_FILE)), true, quiet);
    assertTrue(committed.loaded());
    assertEquals(Training001.COMMITTED_EPOCHS * Training001.STEPS_PER_EPOCH, committed.summary().steps());
    var standIn = Training001.committedOrTrained(Training001.TrainedOn.RAYLEIGH,
        CheckpointFiles.of(dir.resolve("missing.ckpt")), true, quiet);
    assertTrue(!standIn.loaded());
    assertEquals(20, standIn.summary().steps());
    assertThrows(IllegalArgumentException.class, () -> Training001.committedOrTrained(Training001.TrainedOn.RAYLEIGH, null, true,
        quiet));
  }

  @Test
  void theTrainingProgramRefusesABadStepCount() {
    var e = assertThrows(IllegalArgumentException.class, () -> Training001.main(new String[] {"0"}));
    assertTrue(e.getMessage().contains("step count") && e.getMessage().contains("got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Training001.main(new String[] {"1", "2"}));
    assertTrue(e.getMessage().contains("got 2 arguments"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Training001.main(new String[] {"rician", "0"}));
    assertTrue(e.getMessage().contains("step count") && e.getMessage().contains("got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Training001.main(new String[] {"nakagami"}));
    assertTrue(e.getMessage().contains("rayleigh or rician") && e.getMessage().contains("nakagami"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Training001.main(new String[] {"rician", "1", "2"}));
    assertTrue(e.getMessage().contains("got 3 arguments"), e.getMessage());
  }

  /** Prints the mean time of one training step at M = 20, batch 64, one layer (forward, backward, NovoGrad). */
  @Test
  @Tag("slow")
  void trainingStepTimeAtTwentyPairs() {
    MimoUwmmse model = new MimoUwmmse(MimoUwmmseConfig.code());
    Optimizer opt = NovoGrad.of(model, Training001.LEARNING_RATE);
    MimoProblem[] batches = new MimoProblem[8];
    for (int i = 0; i < batches.length; i++) batches[i] = Paper001.network().batch(1, Split.TRAIN, 20, i, 64);
    for (int i = 0; i < 20; i++) step(model, opt, batches[i % batches.length]);
    int n = 60;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) step(model, opt, batches[i % batches.length]);
    double ms = (System.nanoTime() - t0) / 1e6 / n;
    System.out.printf("UWMMSE-MIMO training step, M = 20, batch 64, 1 layer: %.2f ms%n", ms);
    assertTrue(ms > 0);
  }

  private static void step(MimoUwmmse model, Optimizer opt, MimoProblem p) {
    model.zeroGrad();
    model.loss(p).backward();
    opt.step();
  }

  private static boolean same(Module a, Module b) {
    var pa = a.parameters();
    var pb = b.parameters();
    for (int i = 0; i < pa.size(); i++) {
      if (!java.util.Arrays.equals(pa.get(i).value().data(), pb.get(i).value().data())) return false;
    }
    return true;
  }
}
