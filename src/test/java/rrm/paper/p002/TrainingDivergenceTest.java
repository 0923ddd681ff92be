package rrm.paper.p002;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.AdHocSiso;
import rrm.channel.ChannelSource;
import rrm.channel.Topology;
import rrm.model.uwmmse.Uwmmse;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.optim.Adam;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.StopReason;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingDivergedException;
import rrm.system.SisoProblem;

/**
 * A far too large learning rate collapses UWMMSE (one Adam step clamps every power to 0, after which the sum rate is
 * 0 on every batch and the gradient is exactly zero): training must stop with an error, not "complete".
 */
class TrainingDivergenceTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE);
  private static final Topology TOPO = NET.drop(Paper002.TOPOLOGY_SEED);

  private static Recipe<Uwmmse, SisoProblem> recipe(double lr) {
    return Training.uwmmse(UwmmseConfig.defaults(), ChannelSource.fresh(NET, TOPO, 5))
        .budget(TrainingBudget.of(2, 30)).optimizer(m -> Adam.of(m, lr).tf1());
  }

  @Test
  void uwmmseAtLearningRate1e3DivergesNamingTheStepTheLossAndTheLearningRate(@TempDir Path dir) {
    CheckpointFiles file = CheckpointFiles.of(dir.resolve("uwmmse.ckpt"));
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> recipe(1e3).loadOrTrain(file));
    String m = e.getMessage();
    assertTrue(m.contains("from step 1 to step 20 the loss stayed exactly -0.0 with a zero gradient"), m);
    assertTrue(m.contains("The learning rate was 1000.0 at step 20: lower it"), m);
    assertEquals(StopReason.COLLAPSED, e.history().stopReason());
    assertEquals(21, e.history().stepCount());
    assertFalse(Files.exists(file.committed()), "a diverged run is not saved");
    assertFalse(Files.exists(file.cacheDir()), "a diverged run is not saved, not even in the cache");
  }

  @Test
  void theSameRecipeAtTheDefaultLearningRateCompletes() {
    Trained<Uwmmse> t = recipe(1e-3).train();
    assertEquals("COMPLETED", t.summary().stopReason());
    assertEquals(60, t.history().stepCount());
  }
}
