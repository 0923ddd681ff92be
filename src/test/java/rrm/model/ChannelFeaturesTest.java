package rrm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rrm.model.ChannelFeatures.Pooling;
import rrm.nn.CheckpointException;
import rrm.tensor.Tensor;

class ChannelFeaturesTest {
  @Test
  void perEntryScoresStandardiseEveryPositionOfTheTrainingSet() {
    Tensor g = TestChannels.paperLike(1L, 50, 4);
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.PER_ENTRY).fit(g);
    double[] x = f.apply(g).toArray();
    for (int p = 0; p < 16; p++) {
      double mean = 0, sq = 0;
      for (int b = 0; b < 50; b++) mean += x[b * 16 + p] / 50;
      for (int b = 0; b < 50; b++) sq += (x[b * 16 + p] - mean) * (x[b * 16 + p] - mean) / 50;
      assertEquals(0, mean, 1e-13, "position " + p);
      assertEquals(1, Math.sqrt(sq), 1e-13, "position " + p);
    }
    assertEquals(50, f.samples());
    assertEquals(16, f.mean().length);
  }

  @Test
  void directAndCrossPoolsTheDiagonalAndTheOffDiagonalEntries() {
    // Two 2x2 samples: diagonal log10 values {0, 1, 2, -1}, off-diagonal {-2, -3, -1, -2}.
    Tensor g = Tensor.of(new double[] {1, 1e-2, 1e-3, 10, 100, 1e-1, 1e-2, 1e-1}, 2, 2, 2);
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.DIRECT_AND_CROSS).fit(g);
    double direct = 0.5, cross = -2;
    double directStd = Math.sqrt((0.25 + 0.25 + 2.25 + 2.25) / 4);
    double crossStd = Math.sqrt((0 + 1 + 1 + 0) / 4.0);
    assertArrayEquals(new double[] {direct, cross}, f.mean(), 1e-15);
    assertArrayEquals(new double[] {directStd, crossStd}, f.std(), 1e-15);
    Tensor x = f.apply(Tensor.of(new double[] {10, 1e-3, 1e-1, 1e-2, 1, 1, 1, 1, 1}, 1, 3, 3));
    assertEquals((1 - direct) / directStd, x.get(0, 0, 0), 1e-14);
    assertEquals((-3 - cross) / crossStd, x.get(0, 0, 1), 1e-14);
    assertEquals((-1 - cross) / crossStd, x.get(0, 0, 2), 1e-14);
    assertEquals((0 - direct) / directStd, x.get(0, 2, 2), 1e-14);
  }

  @Test
  void directAndCrossIsPermutationEquivariantAndWorksForAnyM() {
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.DIRECT_AND_CROSS).fit(TestChannels.paperLike(2L, 20, 6));
    Tensor g = TestChannels.paperLike(3L, 3, 9);
    int[] perm = {4, 0, 8, 2, 7, 1, 3, 6, 5};
    assertArrayEquals(TestChannels.permute(f.apply(g), perm).toArray(), f.apply(TestChannels.permute(g, perm))
        .toArray(), 0);
  }

  @Test
  void rawIsTheIdentityAndNeedsNoFit() {
    ChannelFeatures raw = ChannelFeatures.raw();
    Tensor g = TestChannels.paperLike(4L, 2, 3);
    assertTrue(raw.isFitted());
    assertSame(raw, raw.fit(g));
    assertArrayEquals(g.toArray(), raw.apply(g).toArray(), 0);
    assertNull(raw.mean());
  }

  @Test
  void unfittedScalerRefusesToApplyAndSaysHowToFitIt() {
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.PER_ENTRY);
    assertFalse(f.isFitted());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> f.apply(TestChannels.paperLike(1L, 1, 2)));
    assertTrue(e.getMessage().contains("not fitted") && e.getMessage().contains("fit("), e.getMessage());
  }

  @Test
  void perEntryScalerRefusesAnotherM() {
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.PER_ENTRY).fit(TestChannels.paperLike(1L, 4, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.apply(TestChannels.paperLike(1L, 4, 4)));
    assertTrue(e.getMessage().contains("M = 3") && e.getMessage().contains("M = 4"), e.getMessage());
  }

  @Test
  void zeroAmplitudesAreFlooredToAFiniteFeature() {
    Tensor g = Tensor.of(new double[] {1, 0, 2, 3, 1, 1, 4, 2}, 2, 2, 2);
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.DIRECT_AND_CROSS).fit(g);
    for (double v : f.apply(g).toArray()) assertTrue(Double.isFinite(v));
    assertEquals(-12, (f.apply(g).get(0, 0, 1) * f.std()[1]) + f.mean()[1], 1e-12);
  }

  @Test
  void constantFeatureIsOnlyCentred() {
    Tensor g = Tensor.full(0.01, 3, 2, 2);
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.PER_ENTRY).fit(g);
    assertArrayEquals(new double[] {1, 1, 1, 1}, f.std(), 0);
    assertArrayEquals(new double[12], f.apply(g).toArray(), 1e-15);
  }

  @Test
  void fitRejectsNonFiniteNegativeAndMisshapenChannels() {
    ChannelFeatures f = ChannelFeatures.logZScore(Pooling.PER_ENTRY);
    Tensor nan = Tensor.of(new double[] {1, Double.NaN, 1, 1}, 1, 2, 2);
    String m = assertThrows(IllegalArgumentException.class, () -> f.fit(nan)).getMessage();
    assertTrue(m.contains("ChannelFeatures.fit") && m.contains("G[0, 0, 1] = NaN"), m);
    Tensor negative = Tensor.of(new double[] {1, -1, 1, 1}, 1, 2, 2);
    assertThrows(IllegalArgumentException.class, () -> f.fit(negative));
    m = assertThrows(IllegalArgumentException.class, () -> f.fit(Tensor.ones(2, 2, 3))).getMessage();
    assertTrue(m.contains("[B, M, M]") && m.contains("[2, 2, 3]"), m);
    assertThrows(IllegalArgumentException.class,
        () -> ChannelFeatures.logZScore(Pooling.DIRECT_AND_CROSS).fit(Tensor.ones(3, 1, 1)));
  }

  @Test
  void settingsRestoreTheFitBitForBit() {
    Tensor g = TestChannels.paperLike(5L, 30, 3);
    for (ChannelFeatures f : new ChannelFeatures[] {ChannelFeatures.logZScore(Pooling.PER_ENTRY).fit(g),
        ChannelFeatures.logZScore(Pooling.DIRECT_AND_CROSS).fit(g), ChannelFeatures.logZScore(Pooling.PER_ENTRY),
        ChannelFeatures.raw()}) {
      Map<String, String> s = f.toSettings("features.");
      ChannelFeatures back = ChannelFeatures.fromSettings(s, "features.");
      assertEquals(f, back, f.toString());
      assertEquals(f.isFitted(), back.isFitted());
      if (f.isFitted()) assertArrayEquals(f.apply(g).toArray(), back.apply(g).toArray(), 0);
    }
    assertThrows(CheckpointException.class, () -> ChannelFeatures.fromSettings(Map.of(), "features."));
    assertThrows(CheckpointException.class,
        () -> ChannelFeatures.fromSettings(Map.of("features.transform", "LOG"), "features."));
  }
}
