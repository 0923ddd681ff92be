package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedTest {
  @Test
  void ratioAndWinRateOfASmallExample() {
    double[] a = {2, 4, 6}, b = {1, 5, 3};
    assertEquals(12.0 / 9.0, Paired.ratioOfMeans(a, b), 1e-15);
    assertEquals(2.0 / 3.0, Paired.winRate(a, b), 1e-15);
    assertEquals(0, Paired.ratioSe(a, a, 100, 1), 1e-15);   // identical methods: every resampled ratio is 1
  }

  @Test
  void bootstrapSeMatchesTheDeltaMethodForALargeSample() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 2000;
    double[] a = new double[n], b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = 50 + 10 * rng.nextGaussian();
      a[i] = 1.2 * b[i] + 5 * rng.nextGaussian();   // paired: a follows b
    }
    // Delta method: SE of mean(a)/mean(b) = sd(a - r b) / (sqrt(n) mean(b)).
    double r = Paired.ratioOfMeans(a, b), mb = 0, s2 = 0;
    for (double v : b) mb += v / n;
    for (int i = 0; i < n; i++) s2 += Math.pow(a[i] - r * b[i], 2) / n;
    double delta = Math.sqrt(s2 / n) / mb;
    assertEquals(delta, Paired.ratioSe(a, b, 2000, 9), 0.1 * delta);
  }

  @Test
  void badInputIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Paired.ratioOfMeans(new double[2], new double[3]));
    assertTrue(e.getMessage().contains("2 and 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Paired.winRate(new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Paired.ratioSe(new double[] {1}, new double[] {1}, 1, 0));
  }
}
