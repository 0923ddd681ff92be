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
import rrm.model.TestChannels;
import rrm.nn.Parameter;
import rrm.nn.ParameterGradCheck;
import rrm.nn.Shift;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

public class RegnnTest {
  @TempDir
  Path dir;

  /**
   * Overwrites the taps with seeded draws that keep the network alive and make every power of S matter: the k = 0
   * tap of hidden layers from U(0.5, 1.5), every other tap from U(-2, 2).
   */
  public static Regnn withTaps(Regnn model, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int l = 0; l < model.layers(); l++) {
      for (int k = 0; k <= model.order(); k++) {
        boolean identity = k == 0 && l < model.layers() - 1;
        double v = identity ? Random.uniform(rng, 0.5, 1.5) : Random.uniform(rng, -2, 2);
        model.filters().get(l).taps().get(k).set(Tensor.full(v, 1, 1));
      }
    }
    return model;
  }

  /** Asserts that the output differs across nodes (the network is not dead). */
  public static void assertAlive(Tensor p) {
    assertTrue(TestChannels.max(p) - TestChannels.min(p) > 1e-3, "the network is dead: constant output");
  }

  /** z_l = relu(Σ_k ν_lk S^k z_{l-1}) with explicit powers of S = Gᵀ / max row sum, looped per sample. */
  private static double[] reference(Regnn r, Tensor g) {
    int batch = g.size(0), m = g.size(1);
    double[] out = new double[batch * m];
    for (int b = 0; b < batch; b++) {
      double[][] s = new double[m][m];
      double bound = 0;
      for (int i = 0; i < m; i++) {
        double row = 0;
        for (int j = 0; j < m; j++) row += g.get(b, j, i);
        bound = Math.max(bound, row);
      }
      for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) s[i][j] = g.get(b, j, i) / bound;
      double[] z = new double[m];
      java.util.Arrays.fill(z, 1);
      for (int l = 0; l < r.layers(); l++) {
        double[] next = new double[m];
        double[] power = z.clone();
        for (int k = 0; k <= r.order(); k++) {
          if (k > 0) {
            double[] q = new double[m];
            for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) q[i] += s[i][j] * power[j];
            power = q;
          }
          double nu = r.filters().get(l).taps().get(k).value().item();
          for (int i = 0; i < m; i++) next[i] += nu * power[i];
        }
        if (l < r.layers() - 1) for (int i = 0; i < m; i++) next[i] = Math.max(next[i], 0);
        z = next;
      }
      for (int i = 0; i < m; i++) out[b * m + i] = r.pmax() / (1 + Math.exp(-z[i]));
    }
    return out;
  }

  @Test
  void defaultsAreTenLayersOfTapsZeroToFourWithFiftyParameters() {
    Regnn r = Regnn.builder().build(1L);
    assertEquals(10, r.layers());
    assertEquals(4, r.order());
    assertEquals(50, r.parameterCount());
    assertEquals("layer9.h4", r.namedParameters().keySet().stream().reduce((a, b) -> b).orElseThrow());
    double sq = 0;
    for (Parameter p : r.parameters()) sq += p.value().item() * p.value().item() / 50;
    assertEquals(0.1, Math.sqrt(sq), 0.03, "taps ~ N(0, 0.1²)");
  }

  @Test
  void normalisedShiftIsTheTransposeOverTheLargestRowSum() {
    Tensor g = TestChannels.paperLike(2L, 3, 5);
    Tensor s = RegnnShift.matrix(g);
    for (int b = 0; b < 3; b++) {
      double largest = 0;
      for (int i = 0; i < 5; i++) {
        double row = 0;
        for (int j = 0; j < 5; j++) row += s.get(b, i, j);
        largest = Math.max(largest, row);
      }
      assertEquals(1, largest, 1e-15);
      assertEquals(g.get(b, 3, 1) / g.get(b, 1, 3), s.get(b, 1, 3) / s.get(b, 3, 1), 1e-12);
    }
    assertArrayEquals(new double[9], RegnnShift.matrix(Tensor.zeros(1, 3, 3)).toArray(), 0);
  }

  @Test
  void forwardIsTheStackOfPolynomialFiltersWithASigmoidOutput() {
    Regnn r = withTaps(Regnn.builder().pmax(2).build(3L), 4L);
    Tensor g = TestChannels.paperLike(5L, 3, 6);
    Tensor p = r.apply(g);
    assertAlive(p);
    assertArrayEquals(new int[] {3, 6}, p.shape());
    assertArrayEquals(reference(r, g), p.toArray(), 1e-13);
    assertTrue(TestChannels.min(p) > 0 && TestChannels.max(p) < 2);
  }

  @Test
  void binaryVariantThresholdsTheSigmoidAtOneHalf() {
    Regnn r = withTaps(Regnn.builder().pmax(1.5).build(6L), 7L);
    Tensor g = TestChannels.paperLike(8L, 4, 8);
    double[] p = r.apply(g).toArray();
    double[] binary = r.applyBinary(g).toArray();
    int on = 0;
    for (int k = 0; k < p.length; k++) {
      assertEquals(p[k] > 0.75 ? 1.5 : 0, binary[k], 0);
      if (binary[k] > 0) on++;
    }
    assertTrue(on > 0 && on < p.length, "both levels occur: " + on + " of " + p.length);
    assertTrue(!r.applyBinary(g).requiresGrad());
  }

  @Test
  void isPermutationEquivariant() {
    Regnn r = withTaps(Regnn.builder().build(9L), 10L);
    Tensor g = TestChannels.paperLike(11L, 4, 12);
    Tensor p = r.apply(g);
    assertAlive(p);
    int[] perm = Random.permutation(new SplittableRandom(12L), 12);
    double err = TestChannels.relativeError(p.gather(1, perm), r.apply(TestChannels.permute(g, perm)));
    assertTrue(err < 1e-12, "relative error " + err);
  }

  @Test
  void oneModelAppliesToAnyNetworkSize() {
    Regnn r = withTaps(Regnn.builder().build(13L), 14L);
    for (int m : new int[] {5, 30}) {
      Tensor g = TestChannels.paperLike(15L + m, 3, m);
      Tensor p = r.apply(g);
      assertArrayEquals(new int[] {3, m}, p.shape());
      assertAlive(p);
      assertArrayEquals(reference(r, g), p.toArray(), 1e-13);
    }
  }

  @Test
  void gradientsOfAllTapsMatchFiniteDifferences() {
    Regnn r = withTaps(Regnn.builder().layers(4).order(3).build(16L), 17L);
    Tensor g = TestChannels.paperLike(18L, 2, 4);
    assertAlive(r.apply(g));
    ParameterGradCheck.of(r).check(() -> r.apply(g));
    Regnn full = withTaps(Regnn.builder().build(19L), 20L);
    assertAlive(full.apply(g));
    ParameterGradCheck.of(full).check(() -> full.apply(g));
  }

  @Test
  void identityStartKeepsEveryLayerAliveWhereTheSpecStartIsMostlyDead() {
    Tensor g = TestChannels.paperLike(21L, 8, 20);
    int dead = 0;
    for (long seed = 0; seed < 20; seed++) {
      Regnn spec = Regnn.builder().build(seed);
      Regnn identity = Regnn.builder().identityStart().build(seed);
      for (int l = 0; l < 10; l++) {
        for (int k = 0; k <= 4; k++) {
          double shift = k == 0 && l < 9 ? 1 : 0;
          assertEquals(spec.filters().get(l).taps().get(k).value().item() + shift,
              identity.filters().get(l).taps().get(k).value().item(), 0);
        }
      }
      assertAlive(identity.logits(RegnnShift.of(g)));
      double[] z = spec.logits(RegnnShift.of(g)).toArray();
      if (java.util.Arrays.stream(z).allMatch(v -> v == 0)) dead++;
    }
    assertTrue(dead >= 10, "the default N(0, 0.1²) start is exactly dead for most seeds, got " + dead + " of 20");
  }

  @Test
  void checkpointRoundTripRebuildsTheModel() {
    Regnn a = withTaps(Regnn.builder().layers(3).order(2).pmax(4).build(22L), 23L);
    Path p = dir.resolve("regnn.ckpt");
    a.save(p, Map.of("trainSeed", "99"));
    Regnn b = Regnn.load(p);
    assertEquals(3, b.layers());
    assertEquals(2, b.order());
    Tensor g = TestChannels.paperLike(24L, 2, 7);
    assertArrayEquals(a.apply(g).toArray(), b.apply(g).toArray(), 0);
  }

  @Test
  void rejectsBadChannelsAndShiftsWithClearMessages() {
    Regnn r = Regnn.builder().build(1L);
    String m = assertThrows(IllegalArgumentException.class, () -> r.apply(Tensor.ones(2, 3, 4))).getMessage();
    assertTrue(m.contains("[B, M, M]") && m.contains("[2, 3, 4]"), m);
    Tensor nan = TestChannels.paperLike(1L, 1, 3);
    nan.data()[4] = Double.NaN;
    m = assertThrows(IllegalArgumentException.class, () -> r.apply(nan)).getMessage();
    assertTrue(m.contains("G[0, 1, 1] = NaN"), m);
    assertThrows(IllegalArgumentException.class, () -> r.logits(Shift.diagonal(Tensor.ones(2, 3))));
    assertThrows(IllegalArgumentException.class, () -> Regnn.builder().layers(0));
    assertThrows(IllegalArgumentException.class, () -> Regnn.builder().pmax(-1));
  }
}
