package rrm.paper.p003;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.model.gnn.Wcgcn;
import rrm.optim.TrainingBudget;

class BeamformingTrainingTest {
  @Test
  void theRecipeStreamsSeededLayoutsAndRecordsItsSettings() {
    var r = BeamformingTraining.recipe(2, 65, TrainingBudget.of(1, 2), 4 * BeamformingTraining.PLAN.batch());
    var settings = r.settings();
    assertEquals("wcgcn-beamforming", settings.get("train.recipe"));
    assertEquals("beamforming", settings.get("train.model.head"));
    assertTrue(settings.get("train.data").contains("seed 3021"), settings.get("train.data"));
    assertTrue(settings.containsKey("train.scaling"));
    // one step of two samples: the loss is finite and is minus a positive sum rate
    Wcgcn m = r.newModel();
    var b = BeamformingTraining.batch(BeamformingTraining.scenario(2, 65).samples(Paper003.BF_TRAIN_SEED, 0, 2),
        BeamformingTraining.scaling(2, 65));
    double loss = m.loss(b.problem(), b.graph()).item();
    assertTrue(loss < 0 && Double.isFinite(loss), "loss " + loss);
    // the committed recipe follows the authors' code (their state update); the paper's update has its own settings
    // and file, never the committed model's
    assertEquals("previous_beam", settings.get("train.model.state_update"));
    var paper = BeamformingTraining.recipe(2, 65, BeamformingTraining.PLAN.withBudget(TrainingBudget.of(1, 2))
        .withState(Wcgcn.StateUpdate.KEEP_STATIC), 4 * BeamformingTraining.PLAN.batch());
    assertTrue(!paper.settings().containsKey("train.model.state_update"));
    assertEquals(BeamformingTraining.AUTHORS_PLAN.withState(Wcgcn.StateUpdate.PREVIOUS_BEAM),
        BeamformingTraining.plan(30, 70));
    assertEquals("06-wcgcn-bf-prev-p19-30-70.ckpt", BeamformingTraining.checkpointName(30, 70));
    assertEquals("06-wcgcn-bf-prev-p19-2-65.ckpt", BeamformingTraining.checkpointName(2, 65,
        Wcgcn.StateUpdate.PREVIOUS_BEAM));
    assertEquals("06-wcgcn-bf-p19-2-65.ckpt", BeamformingTraining.checkpointName(2, 65, Wcgcn.StateUpdate.KEEP_STATIC));
  }

  @Test
  void everyBudgetOtherThanTenPassesHasItsOwnFile() {
    assertEquals(1, BeamformingTraining.passes(BeamformingTraining.PLAN));
    assertEquals(5, BeamformingTraining.passes(BeamformingTraining.LONG_PLAN));
    assertEquals(10, BeamformingTraining.passes(BeamformingTraining.TEN_PASS_PLAN));
    assertEquals(19, BeamformingTraining.passes(BeamformingTraining.AUTHORS_PLAN));
    // the authors' plan repeats the ten-pass plan's first steps: only the number of epochs differs
    assertEquals(BeamformingTraining.TEN_PASS_PLAN.budget().stepsPerEpoch(),
        BeamformingTraining.AUTHORS_PLAN.budget().stepsPerEpoch());
    assertEquals(BeamformingTraining.TEN_PASS_PLAN.withBudget(BeamformingTraining.AUTHORS_PLAN.budget()),
        BeamformingTraining.AUTHORS_PLAN);
    assertEquals("06-wcgcn-bf-30-70.ckpt", BeamformingTraining.checkpointName(30, 70,
        BeamformingTraining.TEN_PASS_PLAN));
    assertEquals("06-wcgcn-bf-p19-30-70.ckpt", BeamformingTraining.checkpointName(30, 70,
        BeamformingTraining.AUTHORS_PLAN));
    assertEquals("06-wcgcn-bf-prev-p19-2-65.ckpt", BeamformingTraining.checkpointName(2, 65,
        BeamformingTraining.AUTHORS_PLAN.withState(Wcgcn.StateUpdate.PREVIOUS_BEAM)));
    assertEquals("06-wcgcn-bf-p5-10-50.ckpt", BeamformingTraining.checkpointName(10, 50,
        BeamformingTraining.LONG_PLAN));
    var e = assertThrows(IllegalArgumentException.class,
        () -> BeamformingTraining.checkpointName(2, 65, (BeamformingTraining.Plan) null));
    assertTrue(e.getMessage().contains("plan must not be null"), e.getMessage());
  }

  @Test
  void theCommittedCheckpointOfEveryRangeFollowsItsPlan(@TempDir java.nio.file.Path emptyCache) {
    double[][] ranges = {{2, 65}, {10, 50}, {30, 70}, {30, 30}};
    for (double[] d : ranges) {
      assertFollowsItsPlan(d, Wcgcn.StateUpdate.PREVIOUS_BEAM, emptyCache);
    }
    // notebook 06's diagnostic models: the paper's state update at the same budget, and both updates at ten passes
    for (double[] d : ranges) {
      assertFollowsItsPlan(d, Wcgcn.StateUpdate.KEEP_STATIC, emptyCache);
      var diagnostics = BeamformingTraining.diagnosticPlans(d[0], d[1]);
      assertEquals(java.util.List.of("paper_state_19", "authors_state_10", "paper_state_10"),
          java.util.List.copyOf(diagnostics.keySet()));
      assertEquals(BeamformingTraining.plan(d[0], d[1], Wcgcn.StateUpdate.KEEP_STATIC), diagnostics.get("paper_state_19"));
      assertEquals(BeamformingTraining.TEN_PASS_PLAN, diagnostics.get("paper_state_10"));
      assertEquals(BeamformingTraining.TEN_PASS_PLAN.withState(Wcgcn.StateUpdate.PREVIOUS_BEAM),
          diagnostics.get("authors_state_10"));
      for (var plan : diagnostics.values()) assertFollows(d, plan, emptyCache);
    }
  }


  @Test
  void notebooksGetTheCommittedModelOrTheSmokeStandIn(@TempDir java.nio.file.Path empty) {
    var quiet = new rrm.optim.TrainingCallback() {};
    var dir = java.nio.file.Path.of("data/checkpoints/003");
    var committed = BeamformingTraining.committedOrTrained(dir, 2, 65, Wcgcn.StateUpdate.PREVIOUS_BEAM, true, quiet);
    assertTrue(committed.loaded());
    assertEquals(BeamformingTraining.plan(2, 65).budget().steps(), committed.summary().steps());
    assertEquals("previous_beam", committed.model().settings().get("state_update"));
    var standIn = BeamformingTraining.committedOrTrained(empty, 2, 65, Wcgcn.StateUpdate.KEEP_STATIC, true, quiet);
    assertTrue(!standIn.loaded());
    assertEquals(BeamformingTraining.SMOKE_STEPS, standIn.summary().steps());
    assertTrue(!standIn.model().settings().containsKey("state_update"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> BeamformingTraining.committedOrTrained(dir, 2, 65, (Wcgcn.StateUpdate) null, true, quiet));
    assertTrue(e.getMessage().contains("state"), e.getMessage());
  }

  private static void assertFollowsItsPlan(double[] d, Wcgcn.StateUpdate state, java.nio.file.Path emptyCache) {
    var plan = BeamformingTraining.plan(d[0], d[1], state);
    assertEquals(BeamformingTraining.checkpointName(d[0], d[1], plan),
        BeamformingTraining.checkpointName(d[0], d[1], state));
    assertFollows(d, plan, emptyCache);
  }

  private static void assertFollows(double[] d, BeamformingTraining.Plan plan, java.nio.file.Path emptyCache) {
    var recipe = BeamformingTraining.recipe(d[0], d[1], plan, Paper003.BF_TRAIN_SAMPLES);
    var file = java.nio.file.Path.of("data/checkpoints/003", BeamformingTraining.checkpointName(d[0], d[1], plan));
    // only the committed file can match: the cache is an empty directory, and nothing is trained or written
    var files = new rrm.optim.CheckpointFiles(file, emptyCache, false, false);
    assertTrue(recipe.loadIfMatching(files).isPresent(), file + " was not trained with the recipe of its plan " + plan);
  }

  @Test
  void batchesOfTheSameLayoutsAreIdenticalWhateverTheirCount() {
    var sc = BeamformingTraining.scaling(10, 50);
    var two = BeamformingTraining.batch(BeamformingTraining.scenario(10, 50).samples(Paper003.BF_TRAIN_SEED, 5, 2), sc);
    var one = BeamformingTraining.batch(BeamformingTraining.scenario(10, 50).sample(Paper003.BF_TRAIN_SEED, 6), sc);
    int k = Paper003.BASE_PAIRS, f = 2 * Paper003.BF_ANTENNAS;
    assertArrayEquals(one.graph().nodes().toArray(),
        java.util.Arrays.copyOfRange(two.graph().nodes().toArray(), k * f, 2 * k * f), 0);
  }

  @Test
  void localCsiWmmseEqualsGlobalWhenEveryLinkIsWithinTheRadiusAndIsScoredApart() {
    var model = Wcgcn.beamforming(3, Paper003.BF_ANTENNAS, 8, 8, 4, 1.0, 5);
    var scaling = BeamformingTraining.scaling(2, 65);
    // a 300 m square: every link is shorter than the 500 m radius, so the local CSI is the global CSI
    var small = BeamformingEvaluation.run(model, scaling, Paper003.beamforming(8, 300, 2, 65), 1, 2, true);
    assertArrayEquals(small.wmmse(), small.wmmseLocal(), 0);
    assertEquals(100, small.wmmseLocalPct(), 1e-12);
    // the 1000 m square of Table V: links beyond 500 m are unknown, the beams differ, the scores stay finite
    var wide = BeamformingEvaluation.run(model, scaling, Paper003.beamforming(50, 1000, 2, 65), 1, 2, true);
    assertTrue(wide.wmmseLocal()[0] != wide.wmmse()[0] && Double.isFinite(wide.wmmseLocalPct()));
    assertEquals(0, BeamformingEvaluation.run(model, scaling, Paper003.beamforming(8, 300, 2, 65), 1, 1)
        .wmmseLocal().length);
    assertTrue(Double.isNaN(BeamformingEvaluation.run(model, scaling, Paper003.beamforming(8, 300, 2, 65), 1, 1)
        .wmmseLocalPct()));
  }

  @Test
  void theNetworkAloneScoresTheLayoutsOfARun() {
    var model = Wcgcn.beamforming(3, Paper003.BF_ANTENNAS, 8, 8, 4, 1.0, 5);
    var scaling = BeamformingTraining.scaling(10, 50);
    var scenario = Paper003.beamforming(12, 400, 10, 50);
    var run = BeamformingEvaluation.run(model, scaling, scenario, 7, 3);
    double[] alone = BeamformingEvaluation.networkSumRates(model, scaling, scenario, 7, 3);
    assertArrayEquals(run.wcgcn(), alone, 0);
    assertEquals(run.wcgcnPct(), run.pctOfWmmse(alone), 0);
    assertEquals(100 * rrm.report.Paired.ratioSe(run.wcgcn(), run.wmmse(), 200, 9), run.wcgcnPctSe(200, 9), 0);
    assertTrue(run.wcgcnPctSe(200, 9) > 0, "three layouts with different ratios have a spread");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> run.pctOfWmmse(new double[2])).getMessage()
        .contains("needs 3 sum-rates (one per layout), got 2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BeamformingEvaluation.networkSumRates(model,
        scaling, scenario, 7, 0)).getMessage().contains("layouts n must be >= 1, got 0"));
  }

  @Test
  void theLogLogSlopeOfAPowerLawIsItsExponent() {
    double[] x = {50, 100, 400, 1000}, y = new double[4];
    for (int i = 0; i < 4; i++) y[i] = 3e-4 * Math.pow(x[i], 1.2);
    assertEquals(1.2, BeamformingTiming.logLogSlope(x, y), 1e-12);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BeamformingTiming.logLogSlope(new double[] {1, 2}, new double[] {1, 0})).getMessage()
        .contains("values must be > 0, got x[1] = 2.0, y[1] = 0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BeamformingTraining.recipe(2, 65,
        TrainingBudget.of(1, 1), 3)).getMessage().contains("samples must be >= the batch 64, got 3"));
  }
}
