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

  /**
   * Returns ticks for a logarithmic axis spanning [lo, hi] in decades (log10 units), as log10 values: the
   * powers of ten inside the range, plus 2 and 5 times them when the range spans fewer than three decades.
   */
  static List<Double> logarithmic(double lo, double hi) {
    List<Double> ticks = new ArrayList<>();
    double[] mantissas = hi - lo < 3 ? new double[] {1, 2, 5} : new double[] {1};
    for (long k = (long) Math.floor(lo); k <= (long) Math.ceil(hi); k++) {
      for (double m : mantissas) {
        double t = k + Math.log10(m);
        if (t >= lo - 1e-9 && t <= hi + 1e-9) {
          ticks.add(t);
        }
      }
    }
    return ticks;
  }

  /** Returns integer ticks in [lo, hi] with a step of 1, 2 or 5 × 10^k giving at most about 8 ticks (heat maps). */
  static List<Double> integers(double lo, double hi) {
    long step = 1;
    for (long mag = 1; step * 8 < hi - lo; mag *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        step = m * mag;
        if (step * 8 >= hi - lo) {
          break;
        }
      }
    }
    List<Double> out = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      out.add(t);
    }
    return out;
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
