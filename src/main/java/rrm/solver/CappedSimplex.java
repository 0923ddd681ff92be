package rrm.solver;

import java.util.Arrays;

/**
 * Euclidean projection onto the capped simplex {@code {x >= 0, sum x <= c}}: clamp at 0 if that already fits the
 * budget, else {@code x_i = max(0, y_i - tau)} with the threshold tau from the sorted entries (Held, Wolfe and
 * Crowder; O(n log n)).
 */
public final class CappedSimplex {
  private CappedSimplex() {}

  /** Projects {@code y} in place onto {@code {x >= 0, sum x <= cap}} ({@code cap > 0}). */
  public static void project(double[] y, double cap) {
    if (!(cap > 0)) throw new IllegalArgumentException("CappedSimplex.project: cap must be > 0, got " + cap);
    double sum = 0;
    for (double v : y) sum += Math.max(0, v);
    if (sum <= cap) {
      for (int i = 0; i < y.length; i++) y[i] = Math.max(0, y[i]);
      return;
    }
    double[] s = y.clone();
    Arrays.sort(s);
    double acc = 0, tau = 0;
    for (int i = s.length - 1; i >= 0; i--) {
      acc += s[i];
      double t = (acc - cap) / (s.length - i);
      if (i == 0 || s[i - 1] <= t) {
        tau = t;
        break;
      }
    }
    for (int i = 0; i < y.length; i++) y[i] = Math.max(0, y[i] - tau);
  }
}
