package rrm.paper.p002;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rrm.channel.ChannelSource;
import rrm.channel.Topology;
import rrm.model.baseline.SupervisedMlp;
import rrm.model.gnn.Igcnet;
import rrm.model.gnn.Regnn;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;

/**
 * The committed checkpoints of notebook 002/4A match the recipes the notebook builds (full profile), so they load
 * instead of retraining: a guard for every change of how settings are derived.
 */
class CommittedCheckpointsTest {
  private static final Path DIR = Path.of("data/checkpoints/002");
  private static final Topology TOPO = Paper002.topology();

  private static ChannelSource source(Regime r) {
    return ChannelSource.fresh(Paper002.scenario(r), TOPO, Paper002.TRAIN_STREAM_SEED);
  }

  private static void assertLoads(Recipe<?, ?> recipe, String file) {
    CheckpointFiles files = CheckpointFiles.of(DIR.resolve(file));
    Optional<? extends Trained<?>> t = recipe.loadIfMatching(files);
    assertTrue(t.isPresent(), file + " does not match the recipe " + recipe + ": " + recipe.settings());
    assertTrue(t.get().note().contains(DIR.resolve(file).toString()), t.get().note());
  }

  @Test
  void the4ACheckpointsMatchTheirRecipes() {
    for (Regime r : Regime.values()) {
      String key = r == Regime.LOW_NOISE ? "low" : "high";
      assertLoads(Training.uwmmse(UwmmseConfig.defaults(), source(r)).budget(Paper002.paperBudget()),
          "4A-uwmmse-" + key + ".ckpt");
      assertLoads(Training.mlp(SupervisedMlp.of(20), 1, source(r), Training.MLP_SAMPLES).batch(1_000)
          .budget(TrainingBudget.of(100, 57)), "4A-mlp-" + key + ".ckpt");
      assertLoads(Training.regnn(Regnn.builder().identityStart(), 1, source(r)).budget(Paper002.reducedBudget()),
          "4A-regnn-" + key + ".ckpt");
      assertLoads(Training.igcnet(Igcnet.builder(), 1, source(r)).budget(TrainingBudget.of(2, 500)),
          "4A-igcnet-" + key + ".ckpt");
    }
  }
}
