package rrm.model;

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
import rrm.model.uwmmse.UwmmseTrainingTest;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingSummary;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.solver.Wmmse;
import rrm.tensor.Tensor;

/** The baseline recipes of spec 002 §3.3-3.5 on a small network (M = 6): they train, reproduce and round-trip. */
class BaselineTrainingTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE).withPairs(6);
  private static final Topology TOPO = NET.drop(1);
  private static final ChannelSource SOURCE = ChannelSource.fresh(NET, TOPO, 11);

  @Test
  void regnnTrainsReproduciblyAndLoadsFromItsCheckpoint(@TempDir Path dir) {
    BaselineTraining<Regnn> recipe = BaselineTraining.regnn(Regnn.builder().identityStart(), 4L, SOURCE)
        .budget(TrainingBudget.of(2, 10));
    Trained<Regnn> a = recipe.loadOrTrain(dir.resolve("regnn.ckpt"), false);
    Trained<Regnn> b = recipe.train();
    assertFalse(a.loaded());
    assertTrue(UwmmseTrainingTest.sameParameters(a.model(), b.model()));
    assertFalse(UwmmseTrainingTest.sameParameters(a.model(), recipe.newModel()), "training moved the taps");
    Trained<Regnn> c = recipe.loadOrTrain(dir.resolve("regnn.ckpt"), false);
    assertTrue(c.loaded(), c.note());
    assertTrue(UwmmseTrainingTest.sameParameters(a.model(), c.model()));
    assertEquals(a.summary(), c.summary());
    Map<String, String> s = recipe.settings();
    assertEquals("regnn", s.get("train.recipe"));
    assertEquals("10", s.get("train.model.layers"));
    assertEquals("mean training loss", a.summary().selection());
  }

  @Test
  void igcnetFitsItsScalerOnTheSourceAndRestoresIt(@TempDir Path dir) {
    BaselineTraining<Igcnet> recipe = BaselineTraining.igcnet(Igcnet.builder(), 2L, SOURCE).fitSamples(64)
        .budget(TrainingBudget.of(1, 4)).batch(8);
    Trained<Igcnet> a = recipe.loadOrTrain(dir.resolve("igcnet.ckpt"), false);
    assertTrue(a.model().features().isFitted());
    assertEquals(64, a.model().features().samples());
    Trained<Igcnet> b = recipe.loadOrTrain(dir.resolve("igcnet.ckpt"), false);
    assertTrue(b.loaded(), b.note());
    assertEquals(a.model().features(), b.model().features());
    Tensor g = SOURCE.batch(50, 8);
    assertEquals(java.util.Arrays.toString(a.model().apply(g).toArray()),
        java.util.Arrays.toString(b.model().apply(g).toArray()));
  }

  @Test
  void mlpLearnsTowardTheWmmseLabelsAndKeepsTheBestValidationEpoch(@TempDir Path dir) {
    BaselineTraining<SupervisedMlp> recipe = BaselineTraining.mlp(SupervisedMlp.of(6).hidden(32, 16), 3L, SOURCE)
        .trainingSamples(400).batch(60).budget(TrainingBudget.of(6, 6));
    Trained<SupervisedMlp> t = recipe.loadOrTrain(dir.resolve("mlp.ckpt"), false);
    TrainingSummary s = t.summary();
    assertEquals("validation MSE", s.selection());
    assertEquals(6, s.selectionValues().length);
    double min = java.util.Arrays.stream(s.selectionValues()).min().orElseThrow();
    assertEquals(min, s.bestValue());
    assertTrue(s.dataSeconds() > 0, "labelling time is recorded apart");

    Tensor held = SOURCE.batch(0, 400).slice(0, 360, 400);
    Tensor labels = Wmmse.of(100).powers(held, NET.noiseVariance(), NET.pMax());
    SupervisedMlp untrained = recipe.newModel().fitFeatures(SOURCE.batch(0, 400).slice(0, 0, 360));
    double before = SupervisedMlp.mseLoss(untrained.apply(held), labels).item();
    double after = SupervisedMlp.mseLoss(t.model().apply(held), labels).item();
    assertEquals(min, after, 1e-12, "the kept model's validation MSE is the best epoch's");
    assertTrue(after < before, "validation MSE " + after + " vs untrained " + before);

    Trained<SupervisedMlp> loaded = recipe.loadOrTrain(dir.resolve("mlp.ckpt"), false);
    assertTrue(loaded.loaded(), loaded.note());
    assertEquals(after, SupervisedMlp.mseLoss(loaded.model().apply(held), labels).item());
  }
}
