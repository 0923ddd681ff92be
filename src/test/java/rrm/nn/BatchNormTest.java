package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class BatchNormTest {
  @TempDir
  Path dir;

  /** Rows of a [6, 3] batch whose features have means 1, -2, 0.5 and different spreads. */
  private static Tensor batch() {
    return Tensor.randn(41, 6, 3).mul(Tensor.of(new double[] {0.5, 2, 1}, 3))
        .add(Tensor.of(new double[] {1, -2, 0.5}, 3));
  }

  private static double[] column(Tensor t, int c) {
    int rows = t.size(0), cols = t.size(1);
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) out[r] = t.toArray()[r * cols + c];
    return out;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private static double biasedVar(double[] v) {
    double m = mean(v), s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return s / v.length;
  }

  @Test
  void trainingModeStandardisesEachFeatureOverTheBatchAndTracksRunningStatistics() {
    BatchNorm bn = new BatchNorm(3);
    Tensor x = batch();
    bn.setTraining(true);
    Tensor y = bn.apply(x);
    for (int c = 0; c < 3; c++) {
      double[] col = column(x, c);
      double[] out = column(y, c);
      assertEquals(0, mean(out), 1e-12, "feature " + c);
      double v = biasedVar(col);
      assertEquals(v / (v + BatchNorm.EPS), biasedVar(out), 1e-12, "feature " + c);
      assertEquals(0.1 * mean(col), bn.runningMean().toArray()[c], 1e-14);
      assertEquals(0.9 + 0.1 * v * 6 / 5, bn.runningVar().toArray()[c], 1e-14);
    }
  }

  @Test
  void inferenceModeUsesTheRunningStatisticsScaleAndShiftRowByRow() {
    BatchNorm bn = new BatchNorm(2);
    bn.runningMean().data()[0] = 1;
    bn.runningMean().data()[1] = -1;
    bn.runningVar().data()[0] = 4;
    bn.runningVar().data()[1] = 0.25;
    bn.scale().set(Tensor.of(new double[] {2, 3}, 2));
    bn.shift().set(Tensor.of(new double[] {0.5, -0.5}, 2));
    assertFalse(bn.isTraining(), "a new module is in inference mode");
    Tensor y = bn.apply(Tensor.of(new double[] {3, 0}, 1, 2));
    assertArrayEquals(new double[] {2 * 2 / Math.sqrt(4 + 1e-5) + 0.5, 3 * 1 / Math.sqrt(0.25 + 1e-5) - 0.5},
        y.toArray(), 1e-14);
    assertArrayEquals(new double[] {1, -1}, bn.runningMean().toArray(), 0, "inference leaves the statistics alone");
  }

  @Test
  void leadingAxesArePooledAsOneBatch() {
    BatchNorm bn = new BatchNorm(3);
    bn.setTraining(true);
    Tensor x = batch();
    Tensor pooled = bn.apply(x.reshape(2, 3, 3));
    assertArrayEquals(new int[] {2, 3, 3}, pooled.shape());
    BatchNorm flat = new BatchNorm(3);
    flat.setTraining(true);
    assertArrayEquals(flat.apply(x).toArray(), pooled.toArray(), 1e-15);
  }

  @Test
  void gradientsMatchFiniteDifferencesInBothModes() {
    BatchNorm bn = new BatchNorm(3);
    bn.scale().set(Tensor.of(new double[] {0.7, -1.3, 2}, 3));
    bn.shift().set(Tensor.of(new double[] {0.1, 0.2, -0.3}, 3));
    Tensor x = batch();
    bn.setTraining(true);
    GradCheck.of(in -> bn.apply(in[0])).check(x);
    ParameterGradCheck.of(bn).check(() -> bn.apply(x));
    bn.setTraining(false);
    GradCheck.of(in -> bn.apply(in[0])).check(x);
    ParameterGradCheck.of(bn).check(() -> bn.apply(x));
  }

  @Test
  void anMlpWithBatchNormHasCorrectGradientsEndToEnd() {
    Mlp mlp = Mlp.of(4, 5, 5, 2).batchNorm().output(Activation.SIGMOID).init(LayerInit.torch()).build(7);
    assertEquals(List.of("norm0", "norm1"), mlp.children().keySet().stream().filter(n -> n.startsWith("norm")).toList());
    Tensor x = Tensor.randn(8, 7, 4);
    mlp.setTraining(true);
    assertTrue(mlp.norms().get(1).isTraining(), "the mode reaches the children");
    ParameterGradCheck.of(mlp).check(() -> mlp.apply(x));
    GradCheck.of(in -> mlp.apply(in[0])).check(x);
  }

  @Test
  void badInputIsRefusedNamingTheShape() {
    BatchNorm bn = new BatchNorm(3);
    var wrong = assertThrows(IllegalArgumentException.class, () -> bn.apply(Tensor.zeros(4, 2)));
    assertTrue(wrong.getMessage().contains("[4, 2]") && wrong.getMessage().contains("size 3"), wrong.getMessage());
    var complex = assertThrows(IllegalArgumentException.class, () -> bn.apply(Tensor.complexZeros(4, 3)));
    assertTrue(complex.getMessage().contains("complex"), complex.getMessage());
    bn.setTraining(true);
    var single = assertThrows(IllegalArgumentException.class, () -> bn.apply(Tensor.zeros(1, 3)));
    assertTrue(single.getMessage().contains("at least 2 rows"), single.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0));
  }

  @Test
  void runningStatisticsAreSavedRestoredAndSnapshottedWithTheParameters() {
    Mlp trained = Mlp.of(3, 4, 1).batchNorm().build(3);
    trained.setTraining(true);
    for (int i = 0; i < 5; i++) trained.apply(Tensor.randn(100 + i, 10, 3).add(2));
    trained.setTraining(false);
    Tensor probe = Tensor.randn(9, 5, 3);
    Tensor expected = trained.apply(probe);
    assertEquals(List.of("norm0.runningMean", "norm0.runningVar"), List.copyOf(trained.namedBuffers().keySet()));
    assertTrue(trained.namedState().keySet().containsAll(trained.namedParameters().keySet()));

    Path file = dir.resolve("bn.ckpt");
    Checkpoint.save(trained, file, Map.of("k", "v"));
    Mlp loaded = Mlp.of(3, 4, 1).batchNorm().build(3);
    Checkpoint.load(loaded, file, Map.of("k", "v"));
    assertArrayEquals(expected.toArray(), loaded.apply(probe).toArray(), 0);

    Snapshot before = Snapshot.of(trained);
    trained.setTraining(true);
    trained.apply(Tensor.randn(200, 10, 3));
    trained.setTraining(false);
    assertFalse(java.util.Arrays.equals(expected.toArray(), trained.apply(probe).toArray()), "statistics moved");
    before.restore(trained);
    assertArrayEquals(expected.toArray(), trained.apply(probe).toArray(), 0);
  }

  @Test
  void aCheckpointWithoutTheRunningStatisticsIsRefusedNamingTheBuffers() {
    Mlp plain = Mlp.of(3, 4, 1).build(3);
    Path file = dir.resolve("plain.ckpt");
    Checkpoint.save(plain, file, Map.of());
    Map<String, Tensor> values = new LinkedHashMap<>(Checkpoint.read(file).parameters());
    Mlp normed = Mlp.of(3, 4, 1).batchNorm().build(3);
    var e = assertThrows(CheckpointException.class, () -> Checkpoint.load(normed, file, Map.of()));
    assertTrue(e.getMessage().contains("buffer 'norm0.runningMean' is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("parameter 'norm0.scale' is missing"), e.getMessage());
    assertEquals(values.keySet(), plain.namedState().keySet());
  }
}
