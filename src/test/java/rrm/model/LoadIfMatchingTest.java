package rrm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.AdHocSiso;
import rrm.channel.ChannelSource;
import rrm.channel.Topology;
import rrm.model.gnn.Regnn;
import rrm.model.uwmmse.Uwmmse;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.tensor.Tensor;

/** Reusing another notebook's checkpoint: load it when it matches, leave it alone when it does not. */
class LoadIfMatchingTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE);
  private static final Topology TOPO = NET.drop(Paper002.TOPOLOGY_SEED);
  private static final double S2 = NET.noiseVariance();
  private static final ChannelSource SRC = ChannelSource.fresh(NET, TOPO, 7);
  private final Tensor g = NET.sample(TOPO, 4, 8);

  @Test
  void uwmmseLoadsAMatchingCheckpointAndNeverTouchesAnotherOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("base.ckpt");
    UwmmseTraining recipe = UwmmseTraining.of(UwmmseConfig.defaults().withLayers(2), SRC)
        .budget(TrainingBudget.of(1, 3));
    assertTrue(recipe.loadIfMatching(file).isEmpty(), "no file: nothing to load");
    assertFalse(Files.exists(file), "loadIfMatching must not train or write");
    Trained<Uwmmse> saved = recipe.loadOrTrain(file, false);
    Optional<Trained<Uwmmse>> found = recipe.loadIfMatching(file);
    assertTrue(found.isPresent() && found.get().loaded());
    assertArrayEquals(saved.model().powers(g, S2, 1).toArray(), found.get().model().powers(g, S2, 1).toArray(), 0);
    byte[] before = Files.readAllBytes(file);
    UwmmseTraining longer = UwmmseTraining.of(UwmmseConfig.defaults().withLayers(2), SRC)
        .budget(TrainingBudget.of(1, 4));
    assertTrue(longer.loadIfMatching(file).isEmpty(), "another budget must not match");
    assertArrayEquals(before, Files.readAllBytes(file), "a non-matching checkpoint must stay as it was");
    assertThrows(IllegalArgumentException.class, () -> recipe.loadIfMatching(null));
  }

  @Test
  void baselineLoadsAMatchingCheckpointOnly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("regnn.ckpt");
    BaselineTraining<Regnn> recipe = BaselineTraining.regnn(Regnn.builder().layers(2).order(1), 3L, SRC)
        .budget(TrainingBudget.of(1, 2));
    assertTrue(recipe.loadIfMatching(file).isEmpty());
    Trained<Regnn> saved = recipe.loadOrTrain(file, false);
    Optional<Trained<Regnn>> found = recipe.loadIfMatching(file);
    assertTrue(found.isPresent() && found.get().loaded());
    assertArrayEquals(saved.model().apply(g).toArray(), found.get().model().apply(g).toArray(), 0);
    byte[] before = Files.readAllBytes(file);
    assertTrue(BaselineTraining.regnn(Regnn.builder().layers(2).order(1), 4L, SRC).budget(TrainingBudget.of(1, 2))
        .loadIfMatching(file).isEmpty(), "another seed must not match");
    assertArrayEquals(before, Files.readAllBytes(file));
  }
}
