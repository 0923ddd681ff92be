package rrm.report;

import java.util.Locale;

/** Number and text formatting shared by the report helpers. */
final class Format {

  private Format() {}

  /**
   * Formats a number for people: integers as integers, other values with four significant digits, in
   * scientific notation below 1e-3 or from 1e6 in magnitude; NaN as an empty string.
   */
  static String number(double x) {
    if (Double.isNaN(x)) {
      return "";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "∞" : "-∞";
    }
    double a = Math.abs(x);
    if (x == Math.rint(x) && a < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) x);
    }
    if (a < 1e-3 || a >= 1e6) {
      return String.format(Locale.ROOT, "%.3e", x);
    }
    int digitsBeforePoint = (int) Math.floor(Math.log10(a)) + 1; // zero or negative below 1
    int decimals = Math.max(0, 4 - digitsBeforePoint);
    String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /**
   * Formats an axis tick from {@link Ticks#nice}: like {@link #number}, but with every digit the value has (ticks
   * are short decimals such as 3.8332), so that ticks of a narrow range do not print alike.
   */
  static String tick(double x) {
    double a = Math.abs(x);
    if (!Double.isFinite(x) || x == Math.rint(x) || a < 1e-3 || a >= 1e6) {
      return number(x);
    }
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.12g", x)).stripTrailingZeros().toPlainString();
  }

  /** Escapes text for HTML element content and attribute values. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Formats a duration in seconds as {@code 12.3 s}, {@code 4 min 05 s} or {@code 1 h 02 min}. */
  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
