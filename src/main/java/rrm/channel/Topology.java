package rrm.channel;

import java.util.Arrays;
import java.util.SplittableRandom;
import rrm.tensor.Random;

/**
 * One drop of an ad-hoc network of M single-antenna transmitter-receiver pairs (paper 002, §IV): transmitter
 * positions {@code tx [M][2]}, receiver positions {@code rx [M][2]} and the amplitude path gains
 * {@code gains [M][M]}.
 *
 * <p>Orientation: {@code gains[i][j] = A_ij = pathLoss(||t_j - r_i||)} is the gain from transmitter j to receiver i
 * (row = receiver, column = transmitter); the diagonal holds the direct links. A topology is an immutable value:
 * accessors return copies.
 */
public final class Topology {
  private final double[][] tx;
  private final double[][] rx;
  private final PathLoss pathLoss;
  private final double[][] gains;

  private Topology(double[][] tx, double[][] rx, PathLoss pathLoss) {
    this.tx = tx;
    this.rx = rx;
    this.pathLoss = pathLoss;
    int m = tx.length;
    this.gains = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) gains[i][j] = pathLoss.gain(dist(tx[j], rx[i]));
    }
  }

  /** Returns the topology with the given positions ({@code [M][2]} each, finite) and path-loss law. */
  public static Topology of(double[][] tx, double[][] rx, PathLoss pathLoss) {
    if (pathLoss == null) throw new IllegalArgumentException("Topology.of: pathLoss must not be null");
    double[][] t = positions("tx", tx);
    double[][] r = positions("rx", rx);
    if (t.length != r.length) {
      throw new IllegalArgumentException("Topology.of: tx has " + t.length + " positions, rx has " + r.length
          + "; every transmitter needs exactly one receiver");
    }
    return new Topology(t, r, pathLoss);
  }

  private static double[][] positions(String arg, double[][] p) {
    if (p == null || p.length < 1) {
      throw new IllegalArgumentException("Topology.of: " + arg + " must hold at least one position (M >= 1)");
    }
    double[][] out = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      if (p[i] == null || p[i].length != 2) {
        throw new IllegalArgumentException("Topology.of: " + arg + "[" + i + "] must have 2 coordinates, got "
            + (p[i] == null ? "null" : p[i].length));
      }
      if (!Double.isFinite(p[i][0]) || !Double.isFinite(p[i][1])) {
        throw new IllegalArgumentException("Topology.of: " + arg + "[" + i + "] = " + Arrays.toString(p[i])
            + " is not finite");
      }
      out[i] = p[i].clone();
    }
    return out;
  }

  /**
   * Drops M pairs as in paper 002 §IV: transmitters uniform on {@code [-N, N]^2} and then divided by the density
   * factor d; each receiver at its transmitter plus an offset uniform on {@code [-N/4, N/4]^2} (the offset is not
   * scaled). Positions are drawn in the order t_1, ..., t_M, o_1, ..., o_M, (x before y).
   *
   * @param m pairs, at least 1
   * @param n area scale N (paper 002 uses N = M = 20)
   * @param d density factor, positive (1 = the paper's base scenario; d > 1 is denser)
   * @param pathLoss the amplitude path-loss law
   */
  public static Topology drop(int m, int n, double d, SplittableRandom rng, PathLoss pathLoss) {
    checkPairs("Topology.drop", m);
    checkArea("Topology.drop", n);
    checkDensity("Topology.drop", d);
    double[][] t = new double[m][2];
    for (int i = 0; i < m; i++) {
      t[i][0] = Random.uniform(rng, -n, n) / d;
      t[i][1] = Random.uniform(rng, -n, n) / d;
    }
    return new Topology(t, receiversNear(t, n, rng), pathLoss);
  }

  /**
   * Density test (paper 002 §IV-E, Fig. 6(a,b)): the transmitters of {@code base} divided by d, receivers redrawn at
   * each scaled transmitter plus an offset uniform on {@code [-N/4, N/4]^2} with N = {@code base.pairs()}.
   */
  public static Topology scaleTx(Topology base, double d, SplittableRandom rng) {
    checkDensity("Topology.scaleTx", d);
    int m = base.pairs();
    double[][] t = new double[m][2];
    for (int i = 0; i < m; i++) {
      t[i][0] = base.tx[i][0] / d;
      t[i][1] = base.tx[i][1] / d;
    }
    return new Topology(t, receiversNear(t, m, rng), base.pathLoss);
  }

  /**
   * Size test (paper 002 §IV-E, Fig. 6(c); details our choice, see the reproduction notes), with N = {@code
   * base.pairs()} and the area fixed at {@code [-N, N]^2}. For M < N a uniformly random subset of M transmitters is
   * kept (in their original order); for M > N the N originals are kept and M - N new transmitters are drawn uniformly
   * on {@code [-N, N]^2}. In every case all receivers are redrawn at their transmitter plus an offset uniform on {@code
   * [-N/4, N/4]^2}.
   */
  public static Topology resize(Topology base, int m, SplittableRandom rng) {
    checkPairs("Topology.resize", m);
    int n = base.pairs();
    double[][] t = new double[m][];
    if (m <= n) {
      int[] perm = Random.permutation(rng, n);
      int[] keep = Arrays.copyOf(perm, m);
      Arrays.sort(keep);
      for (int i = 0; i < m; i++) t[i] = base.tx[keep[i]].clone();
    } else {
      for (int i = 0; i < n; i++) t[i] = base.tx[i].clone();
      for (int i = n; i < m; i++) t[i] = new double[] {Random.uniform(rng, -n, n), Random.uniform(rng, -n, n)};
    }
    return new Topology(t, receiversNear(t, n, rng), base.pathLoss);
  }

  private static double[][] receiversNear(double[][] t, int n, SplittableRandom rng) {
    double q = n / 4.0;
    double[][] r = new double[t.length][2];
    for (int i = 0; i < t.length; i++) {
      r[i][0] = t[i][0] + Random.uniform(rng, -q, q);
      r[i][1] = t[i][1] + Random.uniform(rng, -q, q);
    }
    return r;
  }

  static void checkPairs(String op, int m) {
    if (m < 1) throw new IllegalArgumentException(op + ": the number of pairs M must be >= 1, got " + m);
  }

  private static void checkArea(String op, int n) {
    if (n < 1) throw new IllegalArgumentException(op + ": the area scale N must be >= 1, got " + n);
  }

  private static void checkDensity(String op, double d) {
    if (!(d > 0) || !Double.isFinite(d)) {
      throw new IllegalArgumentException(op + ": the density factor d must be positive and finite, got " + d);
    }
  }

  private static double dist(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  /** Returns the number of pairs M. */
  public int pairs() {
    return tx.length;
  }

  /** Returns a copy of the transmitter positions {@code [M][2]}. */
  public double[][] tx() {
    return deepCopy(tx);
  }

  /** Returns a copy of the receiver positions {@code [M][2]}. */
  public double[][] rx() {
    return deepCopy(rx);
  }

  /** Returns the path-loss law. */
  public PathLoss pathLoss() {
    return pathLoss;
  }

  /** Returns a copy of the amplitude path gains {@code [M][M]}, row = receiver i, column = transmitter j. */
  public double[][] gains() {
    return deepCopy(gains);
  }

  /** Returns the gain from transmitter j to receiver i. */
  public double gain(int i, int j) {
    return gains[i][j];
  }

  /** Returns the distance from transmitter j to receiver i, {@code ||t_j - r_i||}. */
  public double distance(int i, int j) {
    return dist(tx[j], rx[i]);
  }

  /** Returns the direct-link distance {@code ||t_i - r_i||}. */
  public double directDistance(int i) {
    return distance(i, i);
  }

  /** Returns {@code min_{j != i} ||t_i - r_j||}, the distance from transmitter i to the nearest other receiver. */
  public double nearestOtherReceiver(int i) {
    if (pairs() < 2) {
      throw new IllegalStateException("nearestOtherReceiver: a topology with one pair has no other receiver");
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < pairs(); j++) if (j != i) best = Math.min(best, distance(j, i));
    return best;
  }

  /** Returns the gains flattened row-major (package use: the fading sampler reads it without copying twice). */
  double[] gainsFlat() {
    int m = pairs();
    double[] out = new double[m * m];
    for (int i = 0; i < m; i++) System.arraycopy(gains[i], 0, out, i * m, m);
    return out;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topology t && Arrays.deepEquals(tx, t.tx) && Arrays.deepEquals(rx, t.rx)
        && pathLoss.equals(t.pathLoss);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.deepHashCode(tx) + Arrays.deepHashCode(rx)) + pathLoss.hashCode();
  }

  @Override
  public String toString() {
    return "Topology[M=" + pairs() + ", " + pathLoss + "]";
  }
}
