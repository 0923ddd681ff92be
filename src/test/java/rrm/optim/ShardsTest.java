package rrm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.model.MimoModelChecks;
import rrm.model.uwmmse.MimoUwmmse;
import rrm.model.uwmmse.MimoUwmmseConfig;
import rrm.nn.Linear;
import rrm.nn.Mlp;
import rrm.nn.Parameter;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

class ShardsTest {
  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  /** Rows {@code [from, to)} of a regression batch: inputs [n, 3] and targets [n, 1]. */
  record Rows(Tensor x, Tensor y) {
    static Rows draw(long seed, int n) {
      Tensor x = Tensor.randn(seed, n, 3);
      return new Rows(x, x.matmul(Tensor.of(new double[] {1, -2, 0.5}, 3, 1)).add(0.3));
    }

    int size() {
      return x.size(0);
    }

    Rows slice(int from, int to) {
      return new Rows(x.slice(0, from, to), y.slice(0, from, to));
    }
  }

  private static final Shards.Sharding<Rows> ROWS = Shards.Sharding.of(Rows::size, Rows::slice);
  private static final Shards.Sharding<MimoProblem> SAMPLES =
      Shards.Sharding.of(MimoProblem::batch, MimoProblem::slice);

  private static Tensor mse(Linear m, Rows b) {
    return m.apply(b.x()).sub(b.y()).abs2().mean();
  }

  private static List<double[]> gradients(Map<String, Parameter> params) {
    List<double[]> out = new ArrayList<>();
    params.values().forEach(p -> {
      out.add(p.grad().toArray());
      if (p.grad().isComplex()) out.add(p.grad().toImagArray());
    });
    return out;
  }

  @Test
  void shardedLossAndGradientEqualTheWholeBatchsForAMeanLoss() {
    Rows batch = Rows.draw(3, 7);
    Linear whole = new Linear(3, 1, 1L);
    Tensor l = mse(whole, batch);
    l.backward();
    for (int count : new int[] {1, 2, 3, 7, 20}) {
      Linear model = new Linear(3, 1, 1L);
      double value = Shards.of(count, () -> new Linear(3, 1, 99L), ROWS).lossAndGradient(model, batch,
          ShardsTest::mse);
      assertEquals(l.item(), value, 1e-14, "S = " + count);
      List<double[]> expected = gradients(whole.namedParameters()), got = gradients(model.namedParameters());
      for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), got.get(i), 1e-14, "S = " + count);
    }
  }

  @Test
  void uwmmseMimoGradientsFromTwoShardsMatchTheWholeBatch() {
    MimoProblem p = MimoModelChecks.codeProblem(6, 10, 2);
    MimoUwmmseConfig config = MimoUwmmseConfig.code().withSeed(5);
    MimoUwmmse whole = new MimoUwmmse(config);
    whole.loss(p).backward();
    MimoUwmmse model = new MimoUwmmse(config);
    double value = Shards.of(2, () -> new MimoUwmmse(config.withSeed(8)), SAMPLES).lossAndGradient(model, p,
        MimoUwmmse::loss);
    MimoUwmmse again = new MimoUwmmse(config);
    assertEquals(again.loss(p).item(), value, 1e-12);
    List<double[]> expected = gradients(whole.namedParameters()), got = gradients(model.namedParameters());
    for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), got.get(i), 1e-11);
  }

  @Test
  void aShardedRunIsBitIdenticalOnOneAndTwoThreads() {
    double[][] runs = new double[2][];
    for (int threads : new int[] {1, 2}) {
      Parallel.setThreads(threads);
      Linear model = new Linear(3, 1, 1L);
      History h = Trainer.of(model, Adam.of(model, 0.05))
          .batches(step -> Rows.draw(Random.stream(5L, step), 16))
          .loss(ShardsTest::mse)
          .shards(3, () -> new Linear(3, 1, 1L), ROWS)
          .steps(30).fit();
      assertEquals(30, h.stepCount());
      runs[threads - 1] = new double[] {model.weight().value().toArray()[0], model.weight().value().toArray()[1],
          model.weight().value().toArray()[2], model.bias().value().toArray()[0]};
    }
    assertArrayEquals(runs[0], runs[1], 0);
  }

  @Test
  void aNonFiniteShardLossSkipsTheStepAndLeavesTheGradientsAlone() {
    Rows batch = Rows.draw(3, 8);
    Linear model = new Linear(3, 1, 1L);
    double value = Shards.of(2, () -> new Linear(3, 1, 1L), ROWS).lossAndGradient(model, batch,
        (m, b) -> b.size() == 4 && b.x().toArray()[0] == batch.x().toArray()[0] ? mse(m, b).div(0.0) : mse(m, b));
    assertFalse(Double.isFinite(value));
    assertEquals(null, model.weight().grad());
  }

  @Test
  void refusesModelsWithBuffersAndReplicasOfAnotherShape() {
    Mlp normed = Mlp.of(3, 4, 1).batchNorm().build(1);
    var buffers = assertThrows(IllegalArgumentException.class, () -> Shards.<Mlp, Rows>of(2,
        () -> Mlp.of(3, 4, 1).batchNorm().build(1), ROWS).lossAndGradient(normed, Rows.draw(1, 4),
            (m, b) -> m.apply(b.x()).mean()));
    assertTrue(buffers.getMessage().contains("runningMean"), buffers.getMessage());
    var shape = assertThrows(IllegalArgumentException.class, () -> Shards.<Linear, Rows>of(2,
        () -> new Linear(3, 2, 1L), ROWS).lossAndGradient(new Linear(3, 1, 1L), Rows.draw(1, 4), ShardsTest::mse));
    assertTrue(shape.getMessage().contains("weight"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Shards.of(0, () -> new Linear(3, 1, 1L), ROWS));
  }

  @Test
  void aRecipeRecordsItsShardCountAboveOne() {
    Recipe<Linear, Rows> r = Recipe.<Linear, Rows>named("regression")
        .model(() -> new Linear(3, 1, 1L), Map.of())
        .optimizer(m -> Adam.of(m, 0.05))
        .data("regression rows", (step, size) -> Rows.draw(Random.stream(5L, step), size)).batch(16)
        .loss(ShardsTest::mse).budget(TrainingBudget.of(2, 10));
    assertFalse(r.settings().containsKey("train.shards"));
    Linear unsharded = r.train().model();
    r.shards(2, ROWS);
    assertEquals("2", r.settings().get("train.shards"));
    Linear sharded = r.train().model();
    assertArrayEquals(unsharded.weight().value().toArray(), sharded.weight().value().toArray(), 1e-12);
  }
}
