package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rrm.channel.MimoAdHoc.Fading;
import rrm.channel.MimoAdHoc.Geometry;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class CsiDistortionTest {
  private final MimoAdHoc net = new MimoAdHoc(3, 5, Geometry.HALF_NORMAL, 3.0, Fading.rayleigh(), 1e-11, 1.0);
  private final MimoProblem truth = net.batch(1001, Split.TEST, 6, 0, 5).withBudgets(1, 2, 1, 2, 1, 2);

  /** Returns per sample the number of complex entries that differ between the two problems. */
  private static int[] changed(MimoProblem a, MimoProblem b) {
    double[] ar = a.channels().data(), ai = a.channels().imagData();
    double[] br = b.channels().data(), bi = b.channels().imagData();
    int per = ar.length / a.batch();
    int[] n = new int[a.batch()];
    for (int k = 0; k < ar.length; k++) {
      if (ar[k] != br[k] || ai[k] != bi[k]) n[k / per]++;
    }
    return n;
  }

  @Test
  void exactlyRoundRateTimesEntriesAreDistortedInEverySample() {
    int entries = 6 * 3 * 6 * 5;   // K^2 N_r N_t = 540
    for (double rate : new double[] {0.1, 0.25, 0.5, 0.999, 1.0}) {
      MimoProblem seen = new CsiDistortion(rate, 1e-3).apply(truth, 7);
      int want = (int) Math.round(rate * entries);
      assertEquals(want, new CsiDistortion(rate, 1e-3).count(entries));
      for (int n : changed(truth, seen)) assertEquals(want, n, "rate " + rate);
    }
  }

  @Test
  void distortionKeepsNoiseBudgetsAndShapeAndTouchesCrossAndDirectLinks() {
    MimoProblem seen = new CsiDistortion(0.5, 1e-3).apply(truth, 7);
    assertArrayEquals(truth.channels().shape(), seen.channels().shape());
    assertArrayEquals(truth.noise(), seen.noise());
    assertArrayEquals(truth.budgets(), seen.budgets());
    // Over the 5 samples some distorted entry lies on a direct link (i = j) and some on a cross link.
    double[] a = truth.channels().data(), b = seen.channels().data();
    int direct = 0, cross = 0;
    for (int k = 0; k < a.length; k++) {
      if (a[k] == b[k]) continue;
      int i = (k / (3 * 6 * 5)) % 6, j = (k / 5) % 6;
      if (i == j) direct++; else cross++;
    }
    assertTrue(direct > 0 && cross > 0, direct + " direct, " + cross + " cross");
  }

  @Test
  void perturbationHasStandardDeviationSigmaPerRealComponent() {
    MimoProblem big = net.batch(3, Split.TEST, 10, 0, 20);
    double sigma = 0.5;   // far above the channel amplitudes, so the difference is the perturbation
    MimoProblem seen = new CsiDistortion(1.0, sigma).apply(big, 11);
    double[] ar = big.channels().data(), ai = big.channels().imagData();
    double[] br = seen.channels().data(), bi = seen.channels().imagData();
    double s = 0, s2 = 0;
    for (int k = 0; k < ar.length; k++) {
      double dr = br[k] - ar[k], di = bi[k] - ai[k];
      s += dr + di;
      s2 += dr * dr + di * di;
    }
    int n = 2 * ar.length;   // 30,000 real components
    assertEquals(0, s / n, 0.02);
    assertEquals(sigma, Math.sqrt(s2 / n), 0.01);
  }

  @Test
  void rateZeroIsTheIdentity() {
    MimoProblem seen = new CsiDistortion(0, 1e-3).apply(truth, 7);
    assertArrayEquals(truth.channels().data(), seen.channels().data());
    assertArrayEquals(truth.channels().imagData(), seen.channels().imagData());
  }

  @Test
  void seededDeterministicIndependentOfThreadsAndNestedOverRate() {
    CsiDistortion d = new CsiDistortion(0.3, 1e-4);
    Parallel.setThreads(1);
    Tensor one = d.apply(truth.channels(), 42);
    Parallel.setThreads(2);
    Tensor two = d.apply(truth.channels(), 42);
    assertArrayEquals(one.data(), two.data());
    assertArrayEquals(one.imagData(), two.imagData());
    assertFalse(Arrays.equals(one.data(), d.apply(truth.channels(), 43).data()));
    // Every sample has its own stream: the first two samples distorted alone are the first two of the batch.
    Tensor prefix = d.apply(truth.slice(0, 2).channels(), 42);
    for (int k = 0; k < prefix.numel(); k++) assertEquals(one.data()[k], prefix.data()[k]);
    // A smaller rate distorts a subset of the entries, by the same amounts (same standard draws); sigma scales them.
    Tensor small = new CsiDistortion(0.1, 1e-4).apply(truth.channels(), 42);
    Tensor scaled = new CsiDistortion(0.3, 2e-4).apply(truth.channels(), 42);
    double[] h = truth.channels().data();
    for (int k = 0; k < h.length; k++) {
      if (small.data()[k] != h[k]) assertEquals(one.data()[k], small.data()[k], 0);
      assertEquals(2 * (one.data()[k] - h[k]), scaled.data()[k] - h[k], 1e-15);
    }
  }

  @Test
  void badInputIsRejectedNamingTheArgument() {
    for (double rate : new double[] {-0.1, 1.01, Double.NaN}) {
      var e = assertThrows(IllegalArgumentException.class, () -> new CsiDistortion(rate, 1e-3));
      assertTrue(e.getMessage().contains("rate") && e.getMessage().contains("got " + rate), e.getMessage());
    }
    for (double sigma : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
      var e = assertThrows(IllegalArgumentException.class, () -> new CsiDistortion(0.5, sigma));
      assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("got " + sigma), e.getMessage());
    }
    CsiDistortion d = new CsiDistortion(0.5, 1e-3);
    assertThrows(IllegalArgumentException.class, () -> d.apply((MimoProblem) null, 1));
    var real = assertThrows(IllegalArgumentException.class, () -> d.apply(Tensor.zeros(2, 3), 1));
    assertTrue(real.getMessage().contains("complex"), real.getMessage());
    var shape = assertThrows(IllegalArgumentException.class,
        () -> truth.withChannels(net.channels(1, Split.TEST, 5, 0, 5)));
    assertTrue(shape.getMessage().contains("shape"), shape.getMessage());
    assertEquals(truth.batch(), d.apply(truth, 1).batch());
  }
}
