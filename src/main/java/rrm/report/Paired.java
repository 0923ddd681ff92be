package rrm.report;

import java.util.SplittableRandom;

/**
 * Paired comparisons of two methods evaluated on the same samples ({@code a[i]} and {@code b[i]} on sample i): the
 * ratio of their means, its paired bootstrap standard error and the win rate.
 *
 * <pre>{@code
 * double r = Paired.ratioOfMeans(uwmmse, wmmse);
 * double se = Paired.ratioSe(uwmmse, wmmse, 1000, seed);   // same resampled indices for both methods
 * }</pre>
 */
public final class Paired {
  private Paired() {}

  /** Returns {@code mean(a) / mean(b)}. */
  public static double ratioOfMeans(double[] a, double[] b) {
    check("Paired.ratioOfMeans", a, b);
    double sa = 0, sb = 0;
    for (int i = 0; i < a.length; i++) {
      sa += a[i];
      sb += b[i];
    }
    return sa / sb;
  }

  /**
   * Returns the paired bootstrap standard error of {@code mean(a) / mean(b)}: the population standard deviation of
   * the ratio over {@code resamples} (>= 2) resamples of the sample indices with replacement, the same indices for
   * both arrays, drawn from {@code seed}.
   */
  public static double ratioSe(double[] a, double[] b, int resamples, long seed) {
    check("Paired.ratioSe", a, b);
    if (resamples < 2) {
      throw new IllegalArgumentException("Paired.ratioSe: resamples must be >= 2, got " + resamples);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] r = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      double sa = 0, sb = 0;
      for (int i = 0; i < a.length; i++) {
        int j = rng.nextInt(a.length);
        sa += a[j];
        sb += b[j];
      }
      r[k] = sa / sb;
    }
    return Stats.of(r).std();
  }

  /** Returns the fraction of samples on which {@code a[i] > b[i]}. */
  public static double winRate(double[] a, double[] b) {
    check("Paired.winRate", a, b);
    int w = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) w++;
    }
    return (double) w / a.length;
  }

  private static void check(String op, double[] a, double[] b) {
    if (a == null || b == null) throw new IllegalArgumentException(op + ": a and b must not be null");
    if (a.length == 0 || a.length != b.length) {
      throw new IllegalArgumentException(op + ": a and b must hold the same number (>= 1) of paired samples, got "
          + a.length + " and " + b.length);
    }
  }
}
