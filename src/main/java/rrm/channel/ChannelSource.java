package rrm.channel;

import rrm.system.SisoProblem;

/**
 * Where a training recipe gets its problem batches: a function from the 0-based step to that step's batch of
 * SISO problems (channel amplitudes {@code [size, M, M]}, row = receiver), seeded, so the same source gives the same
 * batches in every run and on any number of threads. Also carries the scenario's noise variance and power budget, and a
 * description that checkpoints record.
 *
 * <p>The sources (paper 002 uses all four):
 * <ul>
 *   <li>{@link #fresh}: new fading every step on one fixed topology, batch k = samples {@code [k·B, (k+1)·B)} of
 *       the training stream (statistically equal to the authors' 640k-sample pool);
 *   <li>{@link #pool}: a finite pool of N batches of that same stream, visited in a new random order on each pass
 *       (the authors' finite data set, and UWMMSE-Ld's half-size pool, paper 002 Fig. 4);
 *   <li>{@link #randomDensity}: Ro-UWMMSE for Fig. 6(a,b): every sample on a fresh topology with its own density
 *       {@code d ~ U[dMin, dMax)} (paper 002 §IV-E);
 *   <li>{@link #randomSize}: Ro-UWMMSE for Fig. 6(c): one size {@code M ~ U{mMin..mMax}} per batch, a fresh
 *       topology per sample, the area fixed (paper 002 §IV-E).
 * </ul>
 */
public interface ChannelSource {
  /** Returns the problems of training step {@code step}: {@code size} instances. */
  SisoProblem batch(int step, int size);

  /** Returns sigma^2 of the scenario. */
  double noiseVariance();

  /** Returns the per-transmitter power budget. */
  double pMax();

  /** Returns a description of the source (kind, scenario, topology fingerprint, seeds) for checkpoint settings. */
  String description();

  /** Fresh fading on a fixed topology: step k is {@code net.sample(topology, seed, k·size, size)}. */
  static ChannelSource fresh(AdHocSiso net, Topology topology, long seed) {
    return new ChannelSources.Fresh(net, topology, seed);
  }

  /**
   * A finite pool of {@code batches} batches of the stream of {@link #fresh} (pool batch j = samples
   * {@code [j·size, (j+1)·size)}), visited in passes of {@code batches} steps, each pass in its own random order
   * drawn from {@code seed}. Batches are regenerated from their seeds, not stored.
   */
  static ChannelSource pool(AdHocSiso net, Topology topology, long seed, int batches) {
    return new ChannelSources.Pool(net, topology, seed, batches);
  }

  /** Ro-UWMMSE density stream: {@link AdHocSiso#sampleRandomDensity} with {@code d ~ U[dMin, dMax)} per sample. */
  static ChannelSource randomDensity(AdHocSiso net, long seed, double dMin, double dMax) {
    return new ChannelSources.RandomDensity(net, seed, dMin, dMax);
  }

  /** Ro-UWMMSE size stream: {@link AdHocSiso#sampleRandomSize}, one M per batch in {@code [mMin, mMax]}. */
  static ChannelSource randomSize(AdHocSiso net, long seed, int mMin, int mMax) {
    return new ChannelSources.RandomSize(net, seed, mMin, mMax);
  }
}
