package rrm.paper.p002;

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
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/** Reusing another notebook's checkpoint: load it when it matches, leave it alone when it does not. */
class LoadIfMatchingTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE);
  private static final Topology TOPO = NET.drop(Paper002.TOPOLOGY_SEED);
  private static final double S2 = NET.noiseVariance();
  private static final ChannelSource SRC = ChannelSource.fresh(NET, TOPO, 7);
  private final Tensor g = NET.sample(TOPO, 4, 8);
  private final SisoProblem problem = NET.problem(g);

  private static String fingerprint(Recipe<?, ?> r) {
    return CheckpointFiles.fingerprint(r.settings());
  }

  @Test
  void uwmmseLoadsAMatchingCheckpointAndNeverTouchesAnotherOne(@TempDir Path dir) throws IOException {
    CheckpointFiles file = CheckpointFiles.of(dir.resolve("base.ckpt"));
    Recipe<Uwmmse, SisoProblem> recipe = Training.uwmmse(UwmmseConfig.defaults().withLayers(2), SRC)
        .budget(TrainingBudget.of(1, 3));
    Path cached = file.cacheFile(fingerprint(recipe));
    assertTrue(recipe.loadIfMatching(file).isEmpty(), "no file: nothing to load");
    assertFalse(Files.exists(cached), "loadIfMatching must not train or write");
    Trained<Uwmmse> saved = recipe.loadOrTrain(file);
    Optional<Trained<Uwmmse>> found = recipe.loadIfMatching(file);
    assertTrue(found.isPresent() && found.get().loaded());
    assertArrayEquals(saved.model().allocate(problem).tensor().toArray(),
        found.get().model().allocate(problem).tensor().toArray(), 0);
    byte[] before = Files.readAllBytes(cached);
    Recipe<Uwmmse, SisoProblem> longer = Training.uwmmse(UwmmseConfig.defaults().withLayers(2), SRC)
        .budget(TrainingBudget.of(1, 4));
    assertTrue(longer.loadIfMatching(file).isEmpty(), "another budget must not match");
    assertArrayEquals(before, Files.readAllBytes(cached), "a non-matching checkpoint must stay as it was");
    assertThrows(IllegalArgumentException.class, () -> recipe.loadIfMatching(null));
  }

  @Test
  void baselineLoadsAMatchingCheckpointOnly(@TempDir Path dir) throws IOException {
    CheckpointFiles file = CheckpointFiles.of(dir.resolve("regnn.ckpt"));
    Recipe<Regnn, SisoProblem> recipe = Training.regnn(Regnn.builder().layers(2).order(1), 3L, SRC)
        .budget(TrainingBudget.of(1, 2));
    assertTrue(recipe.loadIfMatching(file).isEmpty());
    Trained<Regnn> saved = recipe.loadOrTrain(file);
    Path cached = file.cacheFile(fingerprint(recipe));
    Optional<Trained<Regnn>> found = recipe.loadIfMatching(file);
    assertTrue(found.isPresent() && found.get().loaded());
    assertArrayEquals(saved.model().apply(g).toArray(), found.get().model().apply(g).toArray(), 0);
    byte[] before = Files.readAllBytes(cached);
    assertTrue(Training.regnn(Regnn.builder().layers(2).order(1), 4L, SRC).budget(TrainingBudget.of(1, 2))
        .loadIfMatching(file).isEmpty(), "another seed must not match");
    assertArrayEquals(before, Files.readAllBytes(cached));
  }
}
