package rrm.paper.p002;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.AdHocSiso;
import rrm.channel.ChannelSource;
import rrm.channel.Topology;
import rrm.model.baseline.SupervisedMlp;
import rrm.model.gnn.Igcnet;
import rrm.model.gnn.Regnn;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingSummary;
import rrm.solver.Wmmse;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/** The baseline recipes of paper 002 §IV-A on a small network (M = 6): they train, reproduce and round-trip. */
class BaselineTrainingTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE).withPairs(6);
  private static final Topology TOPO = NET.drop(1);
  private static final ChannelSource SOURCE = ChannelSource.fresh(NET, TOPO, 11);

  @Test
  void regnnTrainsReproduciblyAndLoadsFromItsCheckpoint(@TempDir Path dir) {
    Recipe<Regnn, SisoProblem> recipe = Training.regnn(Regnn.builder().identityStart(), 4L, SOURCE)
        .budget(TrainingBudget.of(2, 10));
    Trained<Regnn> a = recipe.loadOrTrain(CheckpointFiles.of(dir.resolve("regnn.ckpt")));
    Trained<Regnn> b = recipe.train();
    assertFalse(a.loaded());
    assertTrue(TrainingTest.sameParameters(a.model(), b.model()));
    assertFalse(TrainingTest.sameParameters(a.model(), recipe.newModel()), "training moved the taps");
    Trained<Regnn> c = recipe.loadOrTrain(CheckpointFiles.of(dir.resolve("regnn.ckpt")));
    assertTrue(c.loaded(), c.note());
    assertTrue(TrainingTest.sameParameters(a.model(), c.model()));
    assertEquals(a.summary(), c.summary());
    Map<String, String> s = recipe.settings();
    assertEquals("regnn", s.get("train.recipe"));
    assertEquals("10", s.get("train.model.layers"));
    assertEquals("mean training loss", a.summary().selection());
  }

  @Test
  void igcnetFitsItsScalerOnTheSourceAndRestoresIt(@TempDir Path dir) {
    Recipe<Igcnet, SisoProblem> recipe = Training.igcnet(Igcnet.builder(), 2L, SOURCE, 64)
        .budget(TrainingBudget.of(1, 4)).batch(8);
    Trained<Igcnet> a = recipe.loadOrTrain(CheckpointFiles.of(dir.resolve("igcnet.ckpt")));
    assertTrue(a.model().features().isFitted());
    assertEquals(64, a.model().features().samples());
    Trained<Igcnet> b = recipe.loadOrTrain(CheckpointFiles.of(dir.resolve("igcnet.ckpt")));
    assertTrue(b.loaded(), b.note());
    assertEquals(a.model().features(), b.model().features());
    Tensor g = SOURCE.batch(50, 8).amplitudes();
    assertEquals(java.util.Arrays.toString(a.model().apply(g).toArray()),
        java.util.Arrays.toString(b.model().apply(g).toArray()));
  }

  @Test
  void mlpLearnsTowardTheWmmseLabelsAndKeepsTheBestValidationEpoch(@TempDir Path dir) {
    Recipe<SupervisedMlp, Tensor[]> recipe = Training.mlp(SupervisedMlp.of(6).hidden(32, 16), 3L, SOURCE, 400)
        .batch(60).budget(TrainingBudget.of(6, 6));
    Trained<SupervisedMlp> t = recipe.loadOrTrain(CheckpointFiles.of(dir.resolve("mlp.ckpt")));
    TrainingSummary s = t.summary();
    assertEquals("validation MSE", s.selection());
    assertEquals(6, s.selectionValues().length);
    double min = java.util.Arrays.stream(s.selectionValues()).min().orElseThrow();
    assertEquals(min, s.bestValue());
    assertTrue(s.dataSeconds() > 0, "labelling time is recorded apart");

    SisoProblem all = SOURCE.batch(0, 400);
    Tensor held = all.amplitudes().slice(0, 360, 400);
    Tensor labels = Wmmse.of(100).allocate(all.slice(360, 400)).tensor();
    SupervisedMlp untrained = recipe.newModel().fitFeatures(all.amplitudes().slice(0, 0, 360));
    double before = SupervisedMlp.mseLoss(untrained.apply(held), labels).item();
    double after = SupervisedMlp.mseLoss(t.model().apply(held), labels).item();
    assertEquals(min, after, 1e-12, "the kept model's validation MSE is the best epoch's");
    assertTrue(after < before, "validation MSE " + after + " vs untrained " + before);

    Trained<SupervisedMlp> loaded = recipe.loadOrTrain(CheckpointFiles.of(dir.resolve("mlp.ckpt")));
    assertTrue(loaded.loaded(), loaded.note());
    assertEquals(after, SupervisedMlp.mseLoss(loaded.model().apply(held), labels).item());
  }
}
