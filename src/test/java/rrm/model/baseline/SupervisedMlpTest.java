package rrm.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.model.ChannelFeatures;
import rrm.model.TestChannels;
import rrm.model.gnn.Regnn;
import rrm.nn.Checkpoint;
import rrm.nn.CheckpointException;
import rrm.nn.Linear;
import rrm.nn.ParameterGradCheck;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class SupervisedMlpTest {
  @TempDir
  Path dir;

  private static SupervisedMlp fitted(int m, long seed) {
    return SupervisedMlp.of(m).build(seed).fitFeatures(TestChannels.paperLike(seed, 40, m));
  }

  @Test
  void parameterCountIsSunsNetworkForAnyM() {
    // (M² + 1)·200 + 201·80 + 81·80 + 81·M
    assertEquals(104_380, SupervisedMlp.of(20).build(1L).parameterCount());
    assertEquals(24_803, SupervisedMlp.of(3).build(1L).parameterCount());
    assertArrayEquals(new int[] {400, 200, 80, 80, 20}, SupervisedMlp.of(20).build(1L).network().widths());
  }

  @Test
  void initialisationFollowsSun() {
    SupervisedMlp mlp = SupervisedMlp.of(10).build(2L);
    for (int l = 0; l < 4; l++) {
      Linear layer = mlp.network().layers().get(l);
      for (double b : layer.bias().value().toArray()) assertEquals(0.1, b, 0);
      double scale = l < 3 ? 1 / Math.sqrt(layer.in()) : 1.0 / layer.in();
      double[] w = layer.weight().value().toArray();
      double sq = 0;
      for (double v : w) {
        assertTrue(Math.abs(v) <= 2 * scale, "layer " + l + " weight beyond two standard deviations");
        sq += v * v / w.length;
      }
      // Standard deviation of N(0, 1) truncated at ±2 is 0.8796; at least 1,600 draws per layer.
      assertEquals(0.8796 * scale, Math.sqrt(sq), 0.05 * scale, "layer " + l);
    }
  }

  @Test
  void forwardFlattensRowMajorThroughTheScalerAndScalesRelu6ByPmax() {
    SupervisedMlp mlp = SupervisedMlp.of(3).pmax(2.5).build(3L).fitFeatures(TestChannels.paperLike(3L, 40, 3));
    Tensor g = TestChannels.paperLike(4L, 5, 3);
    Tensor x = mlp.features().apply(g);
    double[] flat = new double[5 * 9];
    for (int b = 0; b < 5; b++) {
      for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) flat[b * 9 + i * 3 + j] = x.get(b, i, j);
    }
    Tensor h = Tensor.of(flat, 5, 9);
    for (int l = 0; l < 3; l++) h = mlp.network().layers().get(l).apply(h).relu();
    Tensor expected = mlp.network().layers().get(3).apply(h).clamp(0, 6).div(6).mul(2.5);
    Tensor p = mlp.apply(g);
    assertArrayEquals(new int[] {5, 3}, p.shape());
    assertArrayEquals(expected.toArray(), p.toArray(), 1e-15);
  }

  @Test
  void powersStayWithinZeroAndPmaxEvenWhenTheOutputSaturates() {
    SupervisedMlp mlp = SupervisedMlp.of(4).pmax(3).features(ChannelFeatures.raw()).build(5L);
    Tensor g = TestChannels.paperLike(6L, 200, 4).mul(1e4);
    Tensor p = mlp.apply(g);
    assertTrue(TestChannels.min(p) >= 0 && TestChannels.max(p) <= 3, TestChannels.min(p) + " " + TestChannels.max(p));
    assertEquals(0, TestChannels.min(p), 0, "some outputs saturate at 0");
    assertEquals(3, TestChannels.max(p), 0, "some outputs saturate at pmax");
  }

  @Test
  void rawFeaturesFeedTheAmplitudesUnchanged() {
    SupervisedMlp raw = SupervisedMlp.of(3).features(ChannelFeatures.raw()).build(7L);
    Tensor g = TestChannels.paperLike(7L, 2, 3);
    assertArrayEquals(raw.network().apply(g.reshape(2, 9)).toArray(), raw.apply(g).toArray(), 0);
  }

  @Test
  void mseLossIsTheMeanSquaredErrorAndDifferentiatesOnlyThePrediction() {
    Tensor p = Tensor.of(new double[] {0.5, 1, 0, 0.25}, 2, 2);
    Tensor y = Tensor.of(new double[] {0, 1, 1, 0.75}, 2, 2);
    assertEquals((0.25 + 0 + 1 + 0.25) / 4, SupervisedMlp.mseLoss(p, y).item(), 1e-16);
    GradCheck.of(in -> SupervisedMlp.mseLoss(in[0], y)).check(p);
    assertThrows(IllegalArgumentException.class, () -> SupervisedMlp.mseLoss(p, Tensor.zeros(2, 3)));
  }

  @Test
  void gradientsOfAllParametersMatchFiniteDifferences() {
    SupervisedMlp mlp = SupervisedMlp.of(3).hidden(12, 8).build(8L).fitFeatures(TestChannels.paperLike(8L, 30, 3));
    Tensor g = awayFromKinks(mlp, TestChannels.paperLike(9L, 50, 3), 2);
    Tensor labels = Tensor.rand(10L, 2, 3);
    ParameterGradCheck.of(mlp).check(() -> mlp.apply(g));
    ParameterGradCheck.of(mlp).check(() -> SupervisedMlp.mseLoss(mlp.apply(g), labels));
    SupervisedMlp full = fitted(3, 11L);
    Tensor h = awayFromKinks(full, TestChannels.paperLike(9L, 50, 3), 2);
    ParameterGradCheck.of(full).check(() -> full.apply(h));
  }

  /**
   * Returns the first {@code want} samples of {@code candidates} whose pre-activations all lie at least 1e-3 from
   * a kink of ReLU (0) or relu6 (0 and 6): finite differences are only meaningful where the map is smooth.
   */
  private static Tensor awayFromKinks(SupervisedMlp mlp, Tensor candidates, int want) {
    int m = mlp.size();
    java.util.List<Tensor> kept = new java.util.ArrayList<>();
    for (int b = 0; b < candidates.size(0) && kept.size() < want; b++) {
      Tensor g = candidates.slice(0, b, b + 1);
      Tensor h = mlp.features().apply(g).reshape(1, m * m);
      boolean smooth = true;
      for (Linear layer : mlp.network().layers()) {
        Tensor pre = layer.apply(h);
        for (double v : pre.toArray()) smooth &= Math.abs(v) > 1e-3 && Math.abs(v - 6) > 1e-3;
        h = pre.relu();
      }
      if (smooth) kept.add(g);
    }
    assertEquals(want, kept.size(), "not enough smooth samples among the candidates");
    return Tensor.concat(0, kept.toArray(new Tensor[0]));
  }

  @Test
  void checkpointRoundTripRestoresArchitectureScalerAndParameters() {
    SupervisedMlp a = SupervisedMlp.of(4).pmax(2).hidden(16, 8).build(12L)
        .fitFeatures(TestChannels.paperLike(12L, 30, 4));
    Path p = dir.resolve("mlp.ckpt");
    a.save(p, Map.of("seed", "12"));
    SupervisedMlp b = SupervisedMlp.load(p);
    assertEquals(a.features(), b.features());
    assertEquals(2.0, b.pmax());
    assertArrayEquals(new int[] {16, 16, 8, 4}, b.network().widths());
    Tensor g = TestChannels.paperLike(13L, 3, 4);
    assertArrayEquals(a.apply(g).toArray(), b.apply(g).toArray(), 0);
    assertEquals("12", Checkpoint.read(p).settings().get("seed"));
    assertThrows(IllegalArgumentException.class, () -> a.settings(Map.of("pmax", "3")));
    String m = assertThrows(CheckpointException.class, () -> Regnn.load(p)).getMessage();
    assertTrue(m.contains("not a rrm.model.gnn.Regnn"), m);
  }

  @Test
  void rejectsBadChannelsWrongMAndAnUnfittedScalerWithClearMessages() {
    SupervisedMlp mlp = fitted(3, 14L);
    String m = assertThrows(IllegalArgumentException.class, () -> mlp.apply(TestChannels.paperLike(1L, 2, 4)))
        .getMessage();
    assertTrue(m.contains("SupervisedMlp.apply") && m.contains("M = 3") && m.contains("[2, 4, 4]"), m);
    m = assertThrows(IllegalArgumentException.class, () -> mlp.apply(Tensor.ones(2, 3, 4))).getMessage();
    assertTrue(m.contains("[B, M, M]") && m.contains("[2, 3, 4]"), m);
    m = assertThrows(IllegalArgumentException.class, () -> mlp.apply(Tensor.ones(3, 3))).getMessage();
    assertTrue(m.contains("[3, 3]"), m);
    Tensor nan = TestChannels.paperLike(1L, 2, 3);
    nan.data()[13] = Double.NaN;
    m = assertThrows(IllegalArgumentException.class, () -> mlp.apply(nan)).getMessage();
    assertTrue(m.contains("G[1, 1, 1] = NaN"), m);
    SupervisedMlp unfitted = SupervisedMlp.of(3).build(1L);
    m = assertThrows(IllegalStateException.class, () -> unfitted.apply(TestChannels.paperLike(1L, 1, 3)))
        .getMessage();
    assertTrue(m.contains("not fitted") && m.contains("fitFeatures"), m);
    assertThrows(IllegalArgumentException.class, () -> unfitted.fitFeatures(TestChannels.paperLike(1L, 4, 5)));
    assertThrows(IllegalArgumentException.class, () -> SupervisedMlp.of(3)
        .features(ChannelFeatures.logZScore(ChannelFeatures.Pooling.DIRECT_AND_CROSS)).build(1L));
    assertThrows(IllegalArgumentException.class, () -> SupervisedMlp.of(3).pmax(0));
  }
}
