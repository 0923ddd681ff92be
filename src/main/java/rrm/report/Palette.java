package rrm.report;

import java.awt.Color;

/** Colours shared by the Plotly JSON and the PNG rendering, so both views of a plot match. */
final class Palette {

  /** Series colours, in order (Plotly's default colour way). */
  static final String[] SERIES = {
    "#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff", "#fecb52"
  };

  /** Colour of reference lines and their labels (a neutral grey). */
  static final String REFERENCE = "#555555";

  /** Stops of the Viridis colour scale from low to high, evenly spaced. */
  private static final String[] VIRIDIS = {
    "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"
  };

  private Palette() {}

  /** Returns the hex colour of series {@code i} (cycling). */
  static String series(int i) {
    return SERIES[Math.floorMod(i, SERIES.length)];
  }

  /** Returns the AWT colour of series {@code i} (cycling). */
  static Color seriesColor(int i) {
    return Color.decode(series(i));
  }

  /** Returns the Viridis colour at {@code t} in [0, 1] (clamped), interpolating linearly between stops. */
  static Color viridis(double t) {
    double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min((int) Math.floor(u), VIRIDIS.length - 2);
    double f = u - i;
    Color a = Color.decode(VIRIDIS[i]);
    Color b = Color.decode(VIRIDIS[i + 1]);
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }
}
