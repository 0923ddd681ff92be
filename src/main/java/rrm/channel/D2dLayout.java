package rrm.channel;

import java.util.SplittableRandom;
import rrm.tensor.Random;

/**
 * The random geometry of a device-to-device network (paper 003 Sec. V-B, V-C): K transmitter-receiver pairs in an
 * {@code A x A} square. Each transmitter is uniform in {@code [0, A]^2}; its receiver is at distance
 * {@code d ~ U[dMin, dMax]} in a direction uniform in {@code [0, 2 pi)}, drawn again (that receiver only) until it
 * falls inside the square. If {@code minDistance > 0}, all receivers are then drawn again (transmitters kept) until
 * every cross link {@code ||tx_j - rx_i||, j != i}, exceeds {@code minDistance} (the authors' code uses 1 m for the
 * power-control data and no such rule for beamforming).
 *
 * <p>Draw order from the generator: the 2K transmitter coordinates, then per receiver the (distance, angle) pairs
 * until accepted, repeated for all receivers on a rejected cross distance. So one generator state gives one
 * placement, whatever the thread count.
 *
 * <p>Sizes: the paper's base setting is K = 50 in a 1000 m square; same-density growth keeps {@code A^2 / K} fixed
 * ({@link #sameDensity}), fixed-area growth keeps A ({@link #withPairs}).
 *
 * @param pairs K >= 1
 * @param side A in metres, > 0
 * @param dMin the shortest direct link, metres, >= 0
 * @param dMax the longest direct link, metres, {@code dMin <= dMax <= side / sqrt(2)}
 * @param minDistance every cross link must be longer than this, metres; 0 turns the rule off
 */
public record D2dLayout(int pairs, double side, double dMin, double dMax, double minDistance) {
  /** Redraws of all receivers allowed by the cross-distance rule before giving up. */
  public static final int MAX_REDRAWS = 10_000;

  public D2dLayout {
    String op = "D2dLayout";
    if (pairs < 1) throw new IllegalArgumentException(op + ": pairs K must be >= 1, got " + pairs);
    if (!(side > 0) || !Double.isFinite(side)) {
      throw new IllegalArgumentException(op + ": side A must be > 0 and finite metres, got " + side);
    }
    if (!(dMin >= 0) || !Double.isFinite(dMin)) {
      throw new IllegalArgumentException(op + ": dMin must be >= 0 and finite metres, got " + dMin);
    }
    if (!(dMax >= dMin) || !Double.isFinite(dMax)) {
      throw new IllegalArgumentException(op + ": dMin must not exceed dMax, got dMin = " + dMin + " m, dMax = "
          + dMax + " m");
    }
    if (dMax > side / Math.sqrt(2)) {
      throw new IllegalArgumentException(op + ": dMax must not exceed A / sqrt(2) (so that a receiver fits in the "
          + "square wherever its transmitter is), got dMax = " + dMax + " m, side A = " + side + " m");
    }
    if (!(minDistance >= 0) || !Double.isFinite(minDistance)) {
      throw new IllegalArgumentException(op + ": minDistance must be >= 0 and finite metres, got " + minDistance);
    }
  }

  /** Returns the layout of K pairs in a square of side {@code sqrt(areaPerPair K)} (e.g. 20000 m^2 per pair). */
  public static D2dLayout sameDensity(int pairs, double areaPerPair, double dMin, double dMax, double minDistance) {
    if (pairs < 1) throw new IllegalArgumentException("D2dLayout.sameDensity: pairs K must be >= 1, got " + pairs);
    if (!(areaPerPair > 0) || !Double.isFinite(areaPerPair)) {
      throw new IllegalArgumentException("D2dLayout.sameDensity: areaPerPair must be > 0 and finite m^2, got "
          + areaPerPair);
    }
    return new D2dLayout(pairs, Math.sqrt(areaPerPair * pairs), dMin, dMax, minDistance);
  }

  /** Returns a copy with another number of pairs in the same square (fixed-area growth). */
  public D2dLayout withPairs(int k) {
    return new D2dLayout(k, side, dMin, dMax, minDistance);
  }

  /** Returns a copy with another cross-distance rule. */
  public D2dLayout withMinDistance(double d) {
    return new D2dLayout(pairs, side, dMin, dMax, d);
  }

  /** Returns the area per pair {@code A^2 / K}, m^2. */
  public double areaPerPair() {
    return side * side / pairs;
  }

  /** Returns one placement drawn from {@code rng} (see the class comment for the draw order). */
  public Placement drop(SplittableRandom rng) {
    int k = pairs;
    double[] tx = new double[2 * k], rx = new double[2 * k];
    for (int i = 0; i < 2 * k; i++) tx[i] = Random.uniform(rng, 0, side);
    for (int attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
      for (int i = 0; i < k; i++) placeReceiver(rng, tx, rx, i);
      if (minDistance == 0 || crossLinksClear(tx, rx)) return Placement.owned(side, tx, rx);
    }
    throw new IllegalStateException("D2dLayout.drop: no placement with every cross link longer than " + minDistance
        + " m after " + MAX_REDRAWS + " redraws of the receivers (" + this + ")");
  }

  private void placeReceiver(SplittableRandom rng, double[] tx, double[] rx, int i) {
    while (true) {
      double d = Random.uniform(rng, dMin, dMax);
      double angle = Random.uniform(rng, 0, 2 * Math.PI);
      double x = tx[2 * i] + d * Math.cos(angle), y = tx[2 * i + 1] + d * Math.sin(angle);
      if (x >= 0 && x <= side && y >= 0 && y <= side) {
        rx[2 * i] = x;
        rx[2 * i + 1] = y;
        return;
      }
    }
  }

  private boolean crossLinksClear(double[] tx, double[] rx) {
    double m2 = minDistance * minDistance;
    for (int i = 0; i < pairs; i++) {
      for (int j = 0; j < pairs; j++) {
        if (i == j) continue;
        double dx = tx[2 * j] - rx[2 * i], dy = tx[2 * j + 1] - rx[2 * i + 1];
        if (dx * dx + dy * dy <= m2) return false;
      }
    }
    return true;
  }
}
