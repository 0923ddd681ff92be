package rrm.report;

import java.util.Arrays;

/**
 * Descriptive statistics of a sample, as used by {@link Tables#summary} and box plots.
 *
 * @param n number of finite values
 * @param mean arithmetic mean
 * @param std population standard deviation (divides by n)
 * @param min smallest value
 * @param q25 first quartile
 * @param median second quartile
 * @param q75 third quartile
 * @param max largest value
 */
public record Stats(int n, double mean, double std, double min, double q25, double median, double q75, double max) {

  /**
   * Returns the statistics of the finite values in {@code values}; {@code std} is the population standard
   * deviation and quantiles interpolate linearly between order statistics (position q·(n−1), as NumPy's
   * default). All fields but {@code n} are NaN when no value is finite.
   */
  public static Stats of(double[] values) {
    double[] x = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    int n = x.length;
    if (n == 0) {
      double nan = Double.NaN;
      return new Stats(0, nan, nan, nan, nan, nan, nan, nan);
    }
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return new Stats(
        n, mean, Math.sqrt(ss / n), x[0], quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75), x[n - 1]);
  }

  /** Returns the q-quantile of sorted, non-empty {@code x} by linear interpolation at q·(n−1). */
  static double quantile(double[] x, double q) {
    double pos = q * (x.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, x.length - 1);
    return x[lo] + (pos - lo) * (x[hi] - x[lo]);
  }
}
