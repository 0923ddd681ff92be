package rrm.channel;

/**
 * The ITU-R P.1411 line-of-sight path loss for short-range outdoor links, two-slope form with a breakpoint, as used by
 * the D2D power-control experiments of paper 003 (Sec. V-B, "channel model from [19]", in the form the authors' code
 * implements):
 *
 * <pre>
 *   lambda = c / f,   R_bp = 4 h_1 h_2 / lambda,   L_bp = |20 log10(lambda^2 / (8 pi h_1 h_2))|
 *   PL(d) = L_bp + 6 + 20 log10(d / R_bp)    for d <= R_bp
 *   PL(d) = L_bp + 6 + 40 log10(d / R_bp)    for d >  R_bp                                 (dB, d in metres)
 * </pre>
 *
 * and a direct-link antenna gain {@code directGainDb} added to the links of a pair. At 2.4 GHz with 1.5 m antennas
 * {@code R_bp = 72.05 m} and {@code L_bp = 71.18 dB}.
 *
 * @param carrierHz carrier frequency f, > 0
 * @param txHeight transmitter antenna height h_1 in metres, > 0
 * @param rxHeight receiver antenna height h_2 in metres, > 0
 * @param directGainDb gain added to the direct (own-pair) links, dB, finite
 */
public record Itu1411(double carrierHz, double txHeight, double rxHeight, double directGainDb) {
  /** The speed of light used for the wavelength, m/s (three significant digits beyond 2.99, as in the paper's code). */
  public static final double SPEED_OF_LIGHT = 2.998e8;

  /** The D2D setting of paper 003 Sec. V-B: 2.4 GHz, both antennas at 1.5 m, 2.5 dB direct-link gain. */
  public static final Itu1411 D2D = new Itu1411(2.4e9, 1.5, 1.5, 2.5);

  public Itu1411 {
    positive("carrierHz", carrierHz);
    positive("txHeight", txHeight);
    positive("rxHeight", rxHeight);
    if (!Double.isFinite(directGainDb)) {
      throw new IllegalArgumentException("Itu1411: directGainDb must be finite, got " + directGainDb);
    }
  }

  private static void positive(String arg, double x) {
    if (!(x > 0) || !Double.isFinite(x)) {
      throw new IllegalArgumentException("Itu1411: " + arg + " must be > 0 and finite, got " + x);
    }
  }

  /** Returns the wavelength {@code c / f} in metres. */
  public double wavelength() {
    return SPEED_OF_LIGHT / carrierHz;
  }

  /** Returns the breakpoint distance {@code R_bp = 4 h_1 h_2 / lambda} in metres. */
  public double breakpoint() {
    return 4 * txHeight * rxHeight / wavelength();
  }

  /** Returns the basic transmission loss at the breakpoint {@code L_bp} in dB. */
  public double breakpointLossDb() {
    double l = wavelength();
    return Math.abs(20 * Math.log10(l * l / (8 * Math.PI * txHeight * rxHeight)));
  }

  /** Returns the path loss {@code PL(d)} in dB at distance {@code d > 0} metres. */
  public double lossDb(double d) {
    if (!(d > 0) || !Double.isFinite(d)) {
      throw new IllegalArgumentException("Itu1411.lossDb: the distance d must be > 0 and finite metres, got " + d);
    }
    double rbp = breakpoint();
    double slope = d <= rbp ? 20 : 40;
    return breakpointLossDb() + 6 + slope * Math.log10(d / rbp);
  }

  /** Returns the large-scale gain in dB: {@code -PL(d)}, plus {@link #directGainDb} for a direct link. */
  public double gainDb(double d, boolean direct) {
    return -lossDb(d) + (direct ? directGainDb : 0);
  }
}
