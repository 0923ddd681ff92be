package rrm.channel;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/**
 * A fixed set of channel samples on one topology, so every method of a notebook is compared on identical channels
 * (paper 002 §IV: 6400 test samples).
 *
 * <p>Files: {@link #save} writes the channels as a NumPy {@code .npy} array ({@code [B, M, M]} float64, row =
 * receiver; {@code np.load} reads it) and a JSON sidecar with M, B, noiseVariance, pMax, seed, the path-loss law and
 * the tx and rx positions; the path gains are recomputed from the positions on load (see {@code TestSetFormat}).
 *
 * @param topology the topology the samples were drawn on
 * @param channels {@code [B, M, M]} amplitudes
 * @param noiseVariance sigma^2 of the scenario
 * @param pMax the power budget of the scenario
 * @param seed the stream seed the samples came from
 */
public record TestSet(Topology topology, Tensor channels, double noiseVariance, double pMax, long seed) {
  public TestSet {
    if (topology == null || channels == null) {
      throw new IllegalArgumentException("TestSet: topology and channels must not be null");
    }
    int m = topology.pairs();
    if (channels.dim() != 3 || channels.size(1) != m || channels.size(2) != m) {
      throw new IllegalArgumentException("TestSet: channels must have shape [B, " + m + ", " + m + "] to match the "
          + "topology, got " + Arrays.toString(channels.shape()));
    }
  }

  /** Returns the number of samples B. */
  public int size() {
    return channels.size(0);
  }

  /** Returns the number of pairs M. */
  public int pairs() {
    return topology.pairs();
  }

  /** Returns samples {@code [from, from + count)} as {@code [count, M, M]}. */
  public Tensor slice(int from, int count) {
    return channels.slice(0, from, from + count);
  }

  /** Returns the whole set as a problem (the set's noise variance and power budget). */
  public SisoProblem problem() {
    return SisoProblem.ofAmplitudes(channels, noiseVariance, pMax);
  }

  /** Returns samples {@code [from, from + count)} as a problem. */
  public SisoProblem problem(int from, int count) {
    return SisoProblem.ofAmplitudes(slice(from, count), noiseVariance, pMax);
  }

  /**
   * Writes the set to {@code path}, conventionally {@code name.npy}: the channels as a NumPy {@code .npy} file there,
   * and the other fields in the JSON sidecar {@code name.json} (parent directories are created; each file is written
   * atomically, the sidecar first).
   */
  public void save(Path path) {
    TestSetFormat.save(this, path);
  }

  /**
   * Reads a set written by {@link #save}. Throws an {@link UncheckedIOException} naming the path when the channel
   * file or its sidecar is missing or unreadable, and an {@link IllegalArgumentException} when either is not a test
   * set, is truncated, has trailing bytes, the two disagree, or they hold invalid values.
   */
  public static TestSet load(Path path) {
    return TestSetFormat.load(path);
  }

  /**
   * Returns the set stored at {@code path} if it exists and matches {@code expected} in M, B, seed, noise, pMax and
   * topology; writes {@code expected}'s set there when the file is missing. A file that exists but differs throws,
   * naming the difference, rather than being overwritten.
   */
  public static TestSet cached(Path path, AdHocSiso scenario, Topology topology, int size, long seed) {
    if (!Files.exists(path)) {
      TestSet t = scenario.testSet(topology, size, seed);
      t.save(path);
      return t;
    }
    TestSet t = load(path);
    String diff = t.size() != size ? "size " + t.size() + " vs " + size
        : t.seed() != seed ? "seed " + t.seed() + " vs " + seed
        : t.noiseVariance() != scenario.noiseVariance() ? "noiseVariance " + t.noiseVariance() + " vs "
            + scenario.noiseVariance()
        : t.pMax() != scenario.pMax() ? "pMax " + t.pMax() + " vs " + scenario.pMax()
        : !t.topology().equals(topology) ? "topology" : null;
    if (diff != null) {
      throw new IllegalStateException("TestSet.cached: the file " + path + " holds a different test set (" + diff
          + "); delete it or choose another path");
    }
    return t;
  }
}
