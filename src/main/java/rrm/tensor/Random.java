package rrm.tensor;

import java.util.SplittableRandom;

/** Seeded draws shared by tensor factories and generators: every stream starts from an explicit seed. */
public final class Random {
  private Random() {}

  /** Returns a standard normal draw (Box-Muller on two uniforms of {@code rng}). */
  public static double normal(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble(); // (0, 1]
    double v = rng.nextDouble();
    return boxMuller(u, v);
  }

  /** The Box-Muller transform of {@code u} in (0, 1] and {@code v} in [0, 1): one standard normal. */
  private static double boxMuller(double u, double v) {
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Draws per block of {@link #normals}: the uniforms of a block first, then their transforms. */
  private static final int BLOCK = 256;

  /**
   * Writes {@code out[i] = normal(rng)} for i = {@code from}, ..., {@code to - 1} in turn: the same draws from
   * {@code rng} in the same order, the same values bit for bit as that loop of {@link #normal} calls, and {@code rng}
   * ends in the same state. It is faster (about 1.4x on one core) because it draws the uniforms of a block first and
   * then transforms them in a loop free of the generator's dependency chain, so the logarithms and cosines of
   * neighbouring draws overlap. Generators that consume normals in a fixed order draw them with it in bulk.
   */
  public static void normals(SplittableRandom rng, double[] out, int from, int to) {
    if (rng == null || out == null) throw new IllegalArgumentException("Random.normals: rng and out must not be null");
    if (from < 0 || to > out.length || from > to) {
      throw new IllegalArgumentException("Random.normals: need 0 <= from <= to <= out.length = " + out.length
          + ", got from = " + from + ", to = " + to);
    }
    double[] v = new double[Math.min(BLOCK, to - from)];
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      for (int i = start; i < end; i++) {
        out[i] = 1.0 - rng.nextDouble(); // (0, 1], as in normal
        v[i - start] = rng.nextDouble();
      }
      for (int i = start; i < end; i++) {
        out[i] = boxMuller(out[i], v[i - start]);
      }
    }
  }

  /** Returns a Rayleigh(scale) draw, {@code scale * sqrt(-2 ln U)} with U uniform on (0, 1]. */
  public static double rayleigh(SplittableRandom rng, double scale) {
    return scale * Math.sqrt(-2.0 * Math.log(1.0 - rng.nextDouble()));
  }

  /** Returns a uniform draw in {@code [lo, hi)}. */
  public static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  /** Returns a uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
  public static int[] permutation(SplittableRandom rng, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * Returns the seed of stream {@code index} derived from {@code seed}: independent streams for samples or purposes
   * (a SplitMix64 mix, so neighbouring indices give unrelated seeds).
   */
  public static long stream(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
