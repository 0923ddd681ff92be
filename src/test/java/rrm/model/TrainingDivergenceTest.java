package rrm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.AdHocSiso;
import rrm.channel.Regime;
import rrm.channel.Topology;
import rrm.optim.StopReason;
import rrm.optim.TrainingDivergedException;

/**
 * A far too large learning rate collapses UWMMSE (one Adam step clamps every power to 0, after which the sum rate is
 * 0 on every batch and the gradient is exactly zero): training must stop with an error, not "complete".
 */
class TrainingDivergenceTest {
  private static final AdHocSiso NET = AdHocSiso.paper002(Regime.LOW_NOISE);
  private static final Topology TOPO = NET.drop(AdHocSiso.PAPER_TOPOLOGY_SEED);

  private static UwmmseTraining recipe(double lr) {
    return UwmmseTraining.of(UwmmseConfig.defaults(), ChannelSource.fresh(NET, TOPO, 5))
        .budget(TrainingBudget.of(2, 30)).learningRate(lr);
  }

  @Test
  void uwmmseAtLearningRate1e3DivergesNamingTheStepTheLossAndTheLearningRate(@TempDir Path dir) {
    Path file = dir.resolve("uwmmse.ckpt");
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> recipe(1e3).loadOrTrain(file, false));
    String m = e.getMessage();
    assertTrue(m.contains("from step 1 to step 20 the loss stayed exactly -0.0 with a zero gradient"), m);
    assertTrue(m.contains("The learning rate was 1000.0 at step 20: lower it"), m);
    assertEquals(StopReason.COLLAPSED, e.history().stopReason());
    assertEquals(21, e.history().stepCount());
    assertFalse(Files.exists(file), "a diverged run is not saved");
  }

  @Test
  void theSameRecipeAtTheDefaultLearningRateCompletes() {
    Trained<Uwmmse> t = recipe(1e-3).train();
    assertEquals("COMPLETED", t.summary().stopReason());
    assertEquals(60, t.history().stepCount());
  }
}
