package rrm.model.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.model.ChannelFeatures;
import rrm.model.TestChannels;
import rrm.nn.ParameterGradCheck;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

class IgcnetTest {
  @TempDir
  Path dir;

  private static Igcnet fitted(long seed) {
    return Igcnet.builder().build(seed).fitFeatures(TestChannels.paperLike(seed, 30, 6));
  }

  /** Node-by-node evaluation of §3.5 with explicit loops over senders j ≠ i. */
  private static double[] reference(Igcnet net, Tensor g) {
    int batch = g.size(0), m = g.size(1);
    Tensor f = net.features().apply(g);
    double[] out = new double[batch * m];
    for (int b = 0; b < batch; b++) {
      double[] p = new double[m];
      java.util.Arrays.fill(p, 1);
      for (int t = 0; t < net.iterations(); t++) {
        double[] next = new double[m];
        for (int i = 0; i < m; i++) {
          double[] agg = new double[32];
          java.util.Arrays.fill(agg, Double.NEGATIVE_INFINITY);
          for (int j = 0; j < m; j++) {
            if (j == i) continue;
            Tensor in = Tensor.of(new double[] {f.get(b, j, j), 1, p[j], f.get(b, i, j), f.get(b, j, i)}, 5);
            double[] msg = net.layer().message().apply(in).toArray();
            for (int c = 0; c < 32; c++) agg[c] = Math.max(agg[c], msg[c]);
          }
          double[] x = new double[35];
          x[0] = f.get(b, i, i);
          x[1] = 1;
          x[2] = p[i];
          System.arraycopy(agg, 0, x, 3, 32);
          next[i] = net.layer().update().apply(Tensor.of(x, 35)).item();
        }
        p = next;
      }
      for (int i = 0; i < m; i++) out[b * m + i] = net.pmax() * p[i];
    }
    return out;
  }

  @Test
  void hasTheSpecWidthsAndParameterCount() {
    Igcnet net = Igcnet.builder().build(1L);
    assertEquals(1248 + 593, net.parameterCount());
    assertArrayEquals(new int[] {5, 32, 32}, net.layer().message().widths());
    assertArrayEquals(new int[] {35, 16, 1}, net.layer().update().widths());
    assertEquals(3, net.iterations());
    assertEquals(rrm.nn.Aggregation.MAX, net.layer().aggregation());
  }

  @Test
  void forwardMatchesNodeByNodeMessagePassingThreeTimesWithSharedWeights() {
    Igcnet net = Igcnet.builder().pmax(2).build(2L).fitFeatures(TestChannels.paperLike(2L, 30, 5));
    Tensor g = TestChannels.paperLike(3L, 2, 5);
    Tensor p = net.apply(g);
    assertArrayEquals(new int[] {2, 5}, p.shape());
    assertArrayEquals(reference(net, g), p.toArray(), 1e-13);
    assertTrue(TestChannels.min(p) > 0 && TestChannels.max(p) < 2);
    RegnnTest.assertAlive(p);
  }

  @Test
  void rawFeaturesUseTheAmplitudesUnchanged() {
    Igcnet net = Igcnet.builder().features(ChannelFeatures.raw()).iterations(2).build(4L);
    Tensor g = TestChannels.paperLike(5L, 2, 4);
    assertArrayEquals(reference(net, g), net.apply(g).toArray(), 1e-13);
  }

  @Test
  void isPermutationEquivariant() {
    Igcnet net = fitted(6L);
    Tensor g = TestChannels.paperLike(7L, 3, 11);
    int[] perm = Random.permutation(new SplittableRandom(8L), 11);
    Tensor p = net.apply(g);
    RegnnTest.assertAlive(p);
    double err = TestChannels.relativeError(p.gather(1, perm), net.apply(TestChannels.permute(g, perm)));
    assertTrue(err < 1e-12, "relative error " + err);
  }

  @Test
  void oneModelAppliesToAnyNetworkSize() {
    Igcnet net = fitted(9L);
    for (int m : new int[] {5, 30}) {
      Tensor g = TestChannels.paperLike(10L + m, 2, m);
      Tensor p = net.apply(g);
      assertArrayEquals(new int[] {2, m}, p.shape());
      RegnnTest.assertAlive(p);
    }
    Tensor small = TestChannels.paperLike(11L, 2, 3);
    assertArrayEquals(reference(net, small), net.apply(small).toArray(), 1e-13);
  }

  @Test
  void gradientsOfAllParametersMatchFiniteDifferences() {
    Igcnet net = fitted(12L);
    Tensor g = TestChannels.paperLike(13L, 2, 3);
    ParameterGradCheck.of(net).check(() -> net.apply(g));
    Igcnet once = Igcnet.builder().iterations(1).build(14L).fitFeatures(TestChannels.paperLike(14L, 30, 4));
    Tensor h = TestChannels.paperLike(15L, 1, 4);
    ParameterGradCheck.of(once).check(() -> once.apply(h));
  }

  @Test
  void checkpointRoundTripRestoresTheScalerAndParameters() {
    Igcnet a = Igcnet.builder().pmax(3).iterations(2).build(16L).fitFeatures(TestChannels.paperLike(16L, 30, 5));
    Path p = dir.resolve("igcnet.ckpt");
    a.save(p, Map.of("regime", "low noise"));
    Igcnet b = Igcnet.load(p);
    assertEquals(a.features(), b.features());
    assertEquals(2, b.iterations());
    Tensor g = TestChannels.paperLike(17L, 2, 8);
    assertArrayEquals(a.apply(g).toArray(), b.apply(g).toArray(), 0);
    Igcnet raw = Igcnet.builder().features(ChannelFeatures.raw()).build(18L);
    raw.save(dir.resolve("raw.ckpt"), Map.of());
    assertEquals(ChannelFeatures.raw(), Igcnet.load(dir.resolve("raw.ckpt")).features());
  }

  @Test
  void rejectsBadChannelsAndAnUnfittedScalerWithClearMessages() {
    Igcnet net = fitted(19L);
    String m = assertThrows(IllegalArgumentException.class, () -> net.apply(Tensor.ones(2, 4, 3))).getMessage();
    assertTrue(m.contains("Igcnet.apply") && m.contains("[2, 4, 3]"), m);
    Tensor nan = TestChannels.paperLike(1L, 1, 3);
    nan.data()[2] = Double.NaN;
    m = assertThrows(IllegalArgumentException.class, () -> net.apply(nan)).getMessage();
    assertTrue(m.contains("G[0, 0, 2] = NaN"), m);
    m = assertThrows(IllegalStateException.class,
        () -> Igcnet.builder().build(1L).apply(TestChannels.paperLike(1L, 1, 3))).getMessage();
    assertTrue(m.contains("not fitted") && m.contains("fitFeatures"), m);
    assertThrows(IllegalArgumentException.class, () -> Igcnet.builder()
        .features(ChannelFeatures.logZScore(ChannelFeatures.Pooling.PER_ENTRY)).build(1L));
    assertThrows(IllegalArgumentException.class, () -> Igcnet.builder().iterations(0));
  }
}
