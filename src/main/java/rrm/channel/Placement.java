package rrm.channel;

/**
 * Positions of K transmitter-receiver pairs in an {@code A x A} square {@code [0, A]^2} (metres): one drop of a
 * {@link D2dLayout}, or positions given by the caller ({@link #of}). Pair k has transmitter {@code (tx[2k],
 * tx[2k+1])} and receiver {@code (rx[2k], rx[2k+1])}.
 *
 * <p>Distances follow the library's channel orientation (row = receiver): {@link #distances()} returns
 * {@code d[i K + j] = ||tx_j - rx_i||}, the length of the link from transmitter j to receiver i.
 */
public final class Placement {
  private final double side;
  private final double[] tx;
  private final double[] rx;

  private Placement(double side, double[] tx, double[] rx) {
    this.side = side;
    this.tx = tx;
    this.rx = rx;
  }

  /**
   * Returns the placement of {@code K = tx.length / 2} pairs in {@code [0, side]^2}; {@code tx} and {@code rx} hold
   * interleaved (x, y) coordinates. Throws naming the argument if K = 0, the arrays differ in length or have odd
   * length, or a coordinate is NaN, infinite or outside the square.
   */
  public static Placement of(double side, double[] tx, double[] rx) {
    String op = "Placement.of";
    if (!(side > 0) || !Double.isFinite(side)) {
      throw new IllegalArgumentException(op + ": side must be > 0 and finite metres, got " + side);
    }
    if (tx == null || rx == null) throw new IllegalArgumentException(op + ": tx and rx must not be null");
    if (tx.length == 0 || tx.length % 2 != 0 || rx.length != tx.length) {
      throw new IllegalArgumentException(op + ": tx and rx must hold (x, y) pairs for the same K >= 1 pairs, got "
          + tx.length + " and " + rx.length + " coordinates");
    }
    inside(op, "tx", tx, side);
    inside(op, "rx", rx, side);
    return new Placement(side, tx.clone(), rx.clone());
  }

  /** Wraps arrays the caller hands over (already checked by the layout that drew them). */
  static Placement owned(double side, double[] tx, double[] rx) {
    return new Placement(side, tx, rx);
  }

  private static void inside(String op, String arg, double[] xy, double side) {
    for (int i = 0; i < xy.length; i++) {
      if (!(xy[i] >= 0 && xy[i] <= side)) {
        throw new IllegalArgumentException(op + ": " + arg + " coordinate " + i + " (pair " + i / 2 + ", "
            + (i % 2 == 0 ? "x" : "y") + ") must lie in [0, " + side + "], got " + xy[i]);
      }
    }
  }

  /** Returns the number of pairs K. */
  public int pairs() {
    return tx.length / 2;
  }

  /** Returns the side A of the square, metres. */
  public double side() {
    return side;
  }

  /** Returns a copy of the transmitter coordinates {@code [x_0, y_0, x_1, y_1, ...]}. */
  public double[] transmitters() {
    return tx.clone();
  }

  /** Returns a copy of the receiver coordinates {@code [x_0, y_0, x_1, y_1, ...]}. */
  public double[] receivers() {
    return rx.clone();
  }

  /** Returns {@code ||tx_j - rx_i||}, the length of the link from transmitter j to receiver i, metres. */
  public double distance(int j, int i) {
    return Math.hypot(tx[2 * j] - rx[2 * i], tx[2 * j + 1] - rx[2 * i + 1]);
  }

  /** Returns all link lengths {@code d [K * K]}, row = receiver: {@code d[i K + j] = ||tx_j - rx_i||}. */
  public double[] distances() {
    int k = pairs();
    double[] d = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) d[i * k + j] = distance(j, i);
    }
    return d;
  }

  @Override
  public String toString() {
    return "Placement[K=" + pairs() + ", side " + side + " m]";
  }
}
