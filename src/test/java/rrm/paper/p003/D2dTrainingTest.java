package rrm.paper.p003;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import rrm.channel.D2dPowerControl;
import rrm.model.gnn.AmplitudeScaling;
import rrm.model.gnn.Wcgcn;
import rrm.nn.Aggregation;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.tensor.Autograd;

class D2dTrainingTest {
  /** K = 10 at the base density (A = 447 m): small enough to train in a test. */
  private final D2dPowerControl small = Paper003.powerControlSameDensity(10, 2, 65);

  @Test
  void everyEpochVisitsEachTrainingLayoutOnceInItsOwnOrder() {
    int n = 100, size = 32, perEpoch = n / size;
    for (int epoch = 0; epoch < 2; epoch++) {
      Set<Long> seen = new HashSet<>();
      for (int s = 0; s < perEpoch; s++) {
        for (long i : D2dTraining.order(n, size, epoch * perEpoch + s)) {
          assertTrue(i >= 0 && i < n, "index " + i);
          assertTrue(seen.add(i), "index " + i + " twice in epoch " + epoch);
        }
      }
      assertEquals(perEpoch * size, seen.size());
    }
    assertNotEquals(Arrays.toString(D2dTraining.order(n, size, 0)), Arrays.toString(D2dTraining.order(n, size,
        perEpoch)), "a new order per epoch");
    assertArrayEquals(D2dTraining.order(n, size, 5), D2dTraining.order(n, size, 5));
  }

  @Test
  void aShuffledBatchHoldsExactlyTheIndexedSamples() {
    AmplitudeScaling sc = D2dTraining.scaling(small, 20);
    D2dTraining.Batch b = D2dTraining.batch(small, 3011, new long[] {7, 2}, sc);
    D2dTraining.Batch seven = D2dTraining.batch(small, 3011, 7, 1, sc);
    D2dTraining.Batch two = D2dTraining.batch(small, 3011, 2, 1, sc);
    double[] a = b.problem().amplitudes().data(), w = b.problem().weights().data();
    assertArrayEquals(seven.problem().amplitudes().data(), Arrays.copyOfRange(a, 0, 100), 0);
    assertArrayEquals(two.problem().amplitudes().data(), Arrays.copyOfRange(a, 100, 200), 0);
    assertArrayEquals(two.problem().weights().data(), Arrays.copyOfRange(w, 10, 20), 0);
    assertEquals(seven.graph().graph().edgeCount() + two.graph().graph().edgeCount(), b.graph().graph().edgeCount());
  }

  @Test
  void theScalingIsFittedOnTheFirstTrainingLayoutsStreamed() {
    AmplitudeScaling streamed = D2dTraining.scaling(small, 600); // three chunks: 250, 250, 100
    AmplitudeScaling once = AmplitudeScaling.fit(small.samples(Paper003.D2D_TRAIN_SEED, 0, 600).problem());
    assertEquals(once.directMean(), streamed.directMean(), 1e-12 * once.directMean());
    assertEquals(once.directRms(), streamed.directRms(), 1e-12 * once.directRms());
    assertEquals(once.crossMean(), streamed.crossMean(), 1e-12 * once.crossMean());
    assertEquals(once.crossRms(), streamed.crossRms(), 1e-12 * once.crossRms());
    assertEquals(D2dTraining.scaling(small, D2dTraining.SCALING_SAMPLES), D2dTraining.scaling(small, 10_000),
        "capped at SCALING_SAMPLES layouts");
  }

  @Test
  void theRecipeIsIdentifiedByScenarioSizeBudgetAndScaling() {
    Map<String, String> s = D2dTraining.recipe(small, 64, 2).settings();
    assertEquals(s, D2dTraining.recipe(small, 64, 2).settings());
    assertTrue(s.get("train.data").contains("samples [0, 64) of stream 3011"), s.get("train.data"));
    assertTrue(s.get("train.scaling").contains("AmplitudeScaling["), s.get("train.scaling"));
    assertEquals("32", s.get("train.batch"));
    assertNotEquals(s, D2dTraining.recipe(small, 64, 3).settings());
    assertNotEquals(s, D2dTraining.recipe(Paper003.powerControlSameDensity(10, 30, 30), 64, 2).settings());
    assertEquals("04-wcgcn-d2d-10-50.ckpt", D2dTraining.checkpointName(10, 50));
    // the aggregation ablation: its own settings and file; max is the paper's recipe unchanged
    AmplitudeScaling sc = D2dTraining.scaling(small, 64);
    assertEquals(s, D2dTraining.recipe(small, 64, 2, sc, Aggregation.MAX).settings());
    assertNotEquals(s, D2dTraining.recipe(small, 64, 2, sc, Aggregation.SUM).settings());
    assertEquals("05-wcgcn-d2d-sum-10-50.ckpt", D2dTraining.checkpointName(10, 50, Aggregation.SUM));
    // another budget never takes a committed model's file
    assertEquals("04-wcgcn-d2d-10-50.ckpt", D2dTraining.checkpointName(10, 50, Aggregation.MAX, D2dTraining.EPOCHS));
    assertEquals("05-wcgcn-d2d-e200-30-30.ckpt", D2dTraining.checkpointName(30, 30, Aggregation.MAX, 200));
    assertEquals("05-wcgcn-d2d-mean-e10-10-50.ckpt", D2dTraining.checkpointName(10, 50, Aggregation.MEAN, 10));
    assertEquals(Aggregation.MEAN, D2dTraining.recipe(small, 64, 2, sc, Aggregation.MEAN).newModel()
        .aggregation());
  }

  @Test
  void trainingRaisesTheWeightedSumRateOfTheTrainingLayouts() {
    Recipe<Wcgcn, D2dTraining.Batch> r = D2dTraining.recipe(small, 64, 10);
    D2dTraining.Batch train = D2dTraining.batch(small, Paper003.D2D_TRAIN_SEED, 0, 64,
        D2dTraining.scaling(small, 64));
    Trained<Wcgcn> t = r.train();
    double before, after;
    try (var off = Autograd.noGrad()) {
      before = r.newModel().loss(train.problem(), train.graph()).item();
      after = t.model().loss(train.problem(), train.graph()).item();
    }
    assertTrue(after < before - 0.01 * Math.abs(before), "loss " + before + " -> " + after);
  }

  @Test
  void theCommittedCheckpointsFollowTheRecipesOfNotebooks04And05(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path emptyCache) {
    for (double[] d : Paper003.DISTANCE_RANGES) {
      D2dPowerControl scenario = Paper003.powerControl(d[0], d[1]);
      AmplitudeScaling scaling = D2dTraining.scaling(scenario, Paper003.TRAIN_SAMPLES);
      // notebook 04's four models (max, the paper's), notebook 05's sum and mean ablations and longer runs for the
      // ranges of Tables III-IV
      boolean ablation = (d[0] == 10 && d[1] == 50) || (d[0] == 30 && d[1] == 30);
      for (Aggregation a : ablation ? Aggregation.values() : new Aggregation[] {Aggregation.MAX}) {
        assertCommitted(scenario, scaling, a, D2dTraining.EPOCHS, d, emptyCache);
      }
      // notebook 05's budget diagnostic: the paper's network, four times the passes
      if (ablation) assertCommitted(scenario, scaling, Aggregation.MAX, D2dTraining.LONG_EPOCHS, d, emptyCache);
    }
  }

  /** The committed file of range {@code d} matches its recipe (an empty cache: nothing is trained or written). */
  private static void assertCommitted(D2dPowerControl scenario, AmplitudeScaling scaling, Aggregation a, int epochs,
      double[] d, java.nio.file.Path emptyCache) {
    var recipe = D2dTraining.recipe(scenario, Paper003.TRAIN_SAMPLES, epochs, scaling, a);
    var file = java.nio.file.Path.of("data/checkpoints/003", D2dTraining.checkpointName(d[0], d[1], a, epochs));
    var files = new rrm.optim.CheckpointFiles(file, emptyCache, false, false);
    assertTrue(recipe.loadIfMatching(files).isPresent(), file + " was not trained with its recipe");
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(msg(() -> D2dTraining.recipe(small, 0, 1)).contains("trainSamples must be >= 1, got 0"));
    assertTrue(msg(() -> D2dTraining.recipe(small, 10, 0)).contains("epochs must be >= 1, got 0"));
    assertTrue(msg(() -> D2dTraining.recipe(null, 10, 1)).contains("scenario must not be null"));
    assertTrue(msg(() -> D2dTraining.recipe(small, 10, 1, null)).contains("scaling must not be null"));
    assertTrue(msg(() -> D2dTraining.recipe(small, 10, 1, AmplitudeScaling.RAW, null))
        .contains("aggregation must not be null"));
    assertTrue(msg(() -> D2dTraining.scaling(small, -3)).contains("trainSamples must be >= 1, got -3"));
    assertTrue(msg(() -> D2dTraining.checkpointName(10, 50, Aggregation.MAX, 0)).contains("epochs must be >= 1, got 0"));
    assertTrue(msg(() -> D2dTraining.checkpointName(10, 50, null)).contains("aggregation must not be null"));
    assertTrue(msg(() -> D2dTraining.batch(small, 1, new long[] {0, -2}, AmplitudeScaling.RAW))
        .contains("indices[1] must be >= 0, got -2"));
    assertTrue(msg(() -> D2dTraining.batch(small, 1, new long[0], AmplitudeScaling.RAW))
        .contains("at least one sample index"));
    assertTrue(msg(() -> D2dTraining.of(null, AmplitudeScaling.RAW)).contains("samples and scaling"));
    assertTrue(msg(() -> AmplitudeScaling.fit(0, c -> null)).contains("chunks must be >= 1, got 0"));
    assertTrue(msg(() -> AmplitudeScaling.fit(2, c -> c == 0 ? small.samples(1, 0, 1).problem() : null))
        .contains("chunk 1 is null"));
  }

  private static String msg(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }
}
