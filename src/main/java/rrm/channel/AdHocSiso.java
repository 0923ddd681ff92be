package rrm.channel;

import java.util.SplittableRandom;
import java.util.function.Function;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The ad-hoc SISO interference network (paper 002 §II, §IV): M single-antenna transmitter-receiver
 * pairs, real channel amplitudes {@code G = A ∘ F} with distance path gains A (fixed by the {@link Topology}) and
 * Rayleigh(1) fading F drawn independently for every ordered pair and every sample.
 *
 * <p>Orientation: a channel batch is a tensor {@code [B, M, M]} with {@code G[b][i][j]} the amplitude from
 * transmitter j to receiver i (row = receiver, column = transmitter); the diagonal holds the direct links.
 *
 * <p>Seeding: sample k of a stream with seed s is drawn from its own generator
 * {@code new SplittableRandom(Random.stream(s, k))}: first any per-sample topology redraw, then the M*M fading
 * amplitudes row-major. So sample k is the same whatever the batch split and the number of threads, and
 * {@code sample(topo, s, k, 1)} reproduces it alone.
 *
 * <pre>{@code
 * AdHocSiso net = new AdHocSiso(20, 6.76e-10, 1.0, new PathLoss(2.2, 0));
 * Topology topo = net.drop(101);
 * Tensor g = net.sample(topo, 64, 99);              // amplitudes [64, 20, 20]
 * SisoProblem problem = net.problem(g);
 * }</pre>
 *
 * @param pairs M, the number of pairs of a {@link #drop} (sampling uses the topology's own M)
 * @param noiseVariance sigma^2 at every receiver, >= 0
 * @param pMax per-transmitter power budget, > 0
 * @param pathLoss the amplitude path-loss law
 */
public record AdHocSiso(int pairs, double noiseVariance, double pMax, PathLoss pathLoss) {
  public AdHocSiso {
    Topology.checkPairs("AdHocSiso", pairs);
    if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
      throw new IllegalArgumentException("AdHocSiso: noiseVariance must be >= 0 and finite, got " + noiseVariance);
    }
    if (!(pMax > 0) || !Double.isFinite(pMax)) {
      throw new IllegalArgumentException("AdHocSiso: pMax must be positive and finite, got " + pMax);
    }
    if (pathLoss == null) throw new IllegalArgumentException("AdHocSiso: pathLoss must not be null");
  }

  /** Returns the problem of channel amplitudes {@code g [B, M, M]} with this scenario's noise and budget. */
  public SisoProblem problem(Tensor g) {
    return SisoProblem.ofAmplitudes(g, noiseVariance, pMax);
  }

  /** Returns a copy with another number of pairs. */
  public AdHocSiso withPairs(int m) {
    return new AdHocSiso(m, noiseVariance, pMax, pathLoss);
  }

  /** Returns a copy with another noise variance. */
  public AdHocSiso withNoiseVariance(double sigma2) {
    return new AdHocSiso(pairs, sigma2, pMax, pathLoss);
  }

  /** Returns a copy with another power budget. */
  public AdHocSiso withPMax(double p) {
    return new AdHocSiso(pairs, noiseVariance, p, pathLoss);
  }

  /** Returns a copy with another path-loss law. */
  public AdHocSiso withPathLoss(PathLoss law) {
    return new AdHocSiso(pairs, noiseVariance, pMax, law);
  }

  // ---------------------------------------------------------------------------------------------- topologies

  /** Returns the topology drawn from {@code seed}: {@link Topology#drop} with M = N = pairs(), d = 1. */
  public Topology drop(long seed) {
    return Topology.drop(pairs, pairs, 1.0, new SplittableRandom(seed), pathLoss);
  }

  // ---------------------------------------------------------------------------------------------- fixed topology

  /** Returns samples {@code [0, batch)} of the stream {@code seed} on a fixed topology: {@code [batch, M, M]}. */
  public Tensor sample(Topology topology, int batch, long seed) {
    return sample(topology, seed, 0, batch);
  }

  /**
   * Returns samples {@code [from, from + count)} of the stream {@code seed} on a fixed topology,
   * {@code [count, M, M]}; for example training batch k of size B is {@code sample(topo, seed, k * B, B)}.
   */
  public Tensor sample(Topology topology, long seed, int from, int count) {
    requireTopology("sample", topology);
    return generate("sample", topology.pairs(), seed, from, count, rng -> topology);
  }

  // ---------------------------------------------------------------------------------------------- generalisation tests

  /**
   * Density test (paper 002 §IV-E; per-sample redraw is our choice): per sample, the base transmitters divided by d and
   * the receivers redrawn ({@link Topology#scaleTx}), then fresh fading. Returns {@code [batch, M, M]}.
   */
  public Tensor sampleScaled(Topology base, double d, int batch, long seed) {
    requireTopology("sampleScaled", base);
    return generate("sampleScaled", base.pairs(), seed, 0, batch, rng -> Topology.scaleTx(base, d, rng));
  }

  /**
   * Size test (paper 002 §IV-E; per-sample subset is our choice): per sample, a resized copy of the base ({@link
   * Topology#resize}: random subset or added pairs, receivers redrawn), then fresh fading. Returns {@code [batch, m,
   * m]}.
   */
  public Tensor sampleResized(Topology base, int m, int batch, long seed) {
    requireTopology("sampleResized", base);
    Topology.checkPairs("sampleResized", m);
    return generate("sampleResized", m, seed, 0, batch, rng -> Topology.resize(base, m, rng));
  }

  // ---------------------------------------------------------------------------------------------- Ro-UWMMSE streams

  /**
   * Ro-UWMMSE density training stream (paper 002 §IV-E): samples {@code [from, from + count)}, each on a fresh topology
   * {@code Topology.drop(M, M, d)} with its own {@code d ~ U[dMin, dMax)} (the paper: [0.5, 5]). Returns
   * {@code [count, M, M]} with M = pairs().
   */
  public Tensor sampleRandomDensity(long seed, int from, int count, double dMin, double dMax) {
    if (!(dMin > 0) || !(dMax >= dMin) || !Double.isFinite(dMax)) {
      throw new IllegalArgumentException("sampleRandomDensity: need 0 < dMin <= dMax < inf, got [" + dMin + ", "
          + dMax + "]");
    }
    return generate("sampleRandomDensity", pairs, seed, from, count,
        rng -> Topology.drop(pairs, pairs, Random.uniform(rng, dMin, dMax), rng, pathLoss));
  }

  /**
   * Returns the network size of Ro-UWMMSE size-training batch {@code step}: uniform on {@code {mMin, ..., mMax}},
   * drawn from a stream derived from {@code seed} and separate from the samples' streams.
   */
  public static int randomSize(long seed, int step, int mMin, int mMax) {
    if (mMin < 1 || mMax < mMin) {
      throw new IllegalArgumentException("randomSize: need 1 <= mMin <= mMax, got [" + mMin + ", " + mMax + "]");
    }
    SplittableRandom rng = new SplittableRandom(Random.stream(Random.stream(seed, -1), step));
    return mMin + rng.nextInt(mMax - mMin + 1);
  }

  /**
   * Ro-UWMMSE size training batch {@code step} (paper 002 §IV-E; one size per batch is our choice): one size {@code m =
   * randomSize(seed, step, mMin, mMax)} for the whole batch, and per sample a fresh topology {@code Topology.drop(m, N,
   * 1)} with the area fixed by N = pairs() (20 in the paper). Sample b is sample {@code step * batch + b} of the
   * stream. Returns {@code [batch, m, m]}.
   */
  public Tensor sampleRandomSize(long seed, int step, int batch, int mMin, int mMax) {
    int m = randomSize(seed, step, mMin, mMax);
    return generate("sampleRandomSize", m, seed, Math.multiplyExact(step, batch), batch,
        rng -> Topology.drop(m, pairs, 1.0, rng, pathLoss));
  }

  // ---------------------------------------------------------------------------------------------- test sets

  /** Returns the fixed test set of {@code size} samples of stream {@code seed} on {@code topology}. */
  public TestSet testSet(Topology topology, int size, long seed) {
    return new TestSet(topology, sample(topology, seed, 0, size), noiseVariance, pMax, seed);
  }

  // ---------------------------------------------------------------------------------------------- core

  private static void requireTopology(String op, Topology t) {
    if (t == null) throw new IllegalArgumentException("AdHocSiso." + op + ": topology must not be null");
  }

  /**
   * Draws samples {@code [from, from + count)} of stream {@code seed}; sample k first asks {@code topologyOf} for its
   * topology (which may draw from the sample's generator), then draws its M*M Rayleigh(1) amplitudes row-major.
   */
  private static Tensor generate(String op, int m, long seed, int from, int count,
      Function<SplittableRandom, Topology> topologyOf) {
    if (count < 0 || from < 0) {
      throw new IllegalArgumentException("AdHocSiso." + op + ": need from >= 0 and count >= 0, got from = " + from
          + ", count = " + count);
    }
    int mm = m * m;
    double[] out = new double[Math.multiplyExact(count, mm)];
    Parallel.forRange(count, Parallel.grain(40L * mm), (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        SplittableRandom rng = new SplittableRandom(Random.stream(seed, (long) from + b));
        double[] a = topologyOf.apply(rng).gainsFlat();
        int o = b * mm;
        for (int k = 0; k < mm; k++) out[o + k] = a[k] * Random.rayleigh(rng, 1.0);
      }
    });
    return Tensor.of(out, count, m, m);
  }
}
