package rrm.report;

import java.util.ArrayList;
import java.util.List;

/** "Nice" axis ticks (1, 2, 2.5, 5 × 10^k steps) for the static renderer. */
final class Ticks {

  private Ticks() {}

  /** Returns about {@code target} tick values covering [lo, hi], all inside the range. */
  static List<Double> nice(double lo, double hi, int target) {
    List<Double> ticks = new ArrayList<>();
    if (!(hi > lo)) {
      ticks.add(lo);
      return ticks;
    }
    double step = step((hi - lo) / Math.max(1, target));
    long first = (long) Math.ceil(lo / step - 1e-9);
    for (long k = first; k * step <= hi + step * 1e-9; k++) {
      ticks.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", k * step)) + 0.0);
    }
    return ticks;
  }

  /** Returns the nice step nearest above {@code raw}. */
  static double step(double raw) {
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= raw * (1 - 1e-9)) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  /** Returns [lo, hi] widened by a small margin, or by ±1 when the range is empty. */
  static double[] pad(double lo, double hi, double fraction) {
    if (!(hi > lo)) {
      double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      return new double[] {lo - d, hi + d};
    }
    double d = (hi - lo) * fraction;
    return new double[] {lo - d, hi + d};
  }
}
