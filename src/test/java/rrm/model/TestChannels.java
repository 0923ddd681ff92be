package rrm.model;

import java.util.SplittableRandom;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * Seeded channel batches for the model tests, shaped like paper 002 §IV without depending on rrm.channel: one
 * topology (Tx uniform in [-M, M]², Rx within ±M/4 of its Tx), amplitudes d^-2.2 times Rayleigh(1) fading per sample,
 * G {@code [B, M, M]} with row = receiver. Entries span several orders of magnitude, as in the paper.
 */
public final class TestChannels {
  private TestChannels() {}

  public static Tensor paperLike(long seed, int batch, int m) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] tx = new double[2 * m];
    double[] rx = new double[2 * m];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < 2; c++) {
        tx[2 * i + c] = Random.uniform(rng, -m, m);
        rx[2 * i + c] = tx[2 * i + c] + Random.uniform(rng, -m / 4.0, m / 4.0);
      }
    }
    double[] g = new double[batch * m * m];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          double d = Math.hypot(tx[2 * j] - rx[2 * i], tx[2 * j + 1] - rx[2 * i + 1]);
          g[(b * m + i) * m + j] = Math.pow(d, -2.2) * Random.rayleigh(rng, 1);
        }
      }
    }
    return Tensor.of(g, batch, m, m);
  }

  /** Returns ΠGΠᵀ for G {@code [B, M, M]}: entry (i, j) is G[π(i), π(j)]. */
  public static Tensor permute(Tensor g, int[] perm) {
    return g.gather(1, perm).gather(2, perm);
  }

  /** Returns max |a - b| / max |a|. */
  public static double relativeError(Tensor a, Tensor b) {
    double[] x = a.toArray(), y = b.toArray();
    double num = 0, den = 0;
    for (int k = 0; k < x.length; k++) {
      num = Math.max(num, Math.abs(x[k] - y[k]));
      den = Math.max(den, Math.abs(x[k]));
    }
    return num / den;
  }

  public static double min(Tensor t) {
    return java.util.Arrays.stream(t.toArray()).min().orElseThrow();
  }

  public static double max(Tensor t) {
    return java.util.Arrays.stream(t.toArray()).max().orElseThrow();
  }
}
