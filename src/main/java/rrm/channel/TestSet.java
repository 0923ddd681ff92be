package rrm.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/**
 * A fixed set of channel samples on one topology, so every method of a notebook is compared on identical channels
 * (spec §2.2, §2.5, §9.3).
 *
 * <p>File format (big-endian): the magic {@code RRMTEST1}, then M, B (ints), noiseVariance, pMax (doubles), seed
 * (long), path-loss exponent and minDistance (doubles), tx and rx positions ({@code 2M} doubles each), and the
 * channels ({@code B*M*M} float64, row-major {@code [B, M, M]}, row = receiver). The path gains are recomputed from
 * the positions on load.
 *
 * @param topology the topology the samples were drawn on
 * @param channels {@code [B, M, M]} amplitudes
 * @param noiseVariance sigma^2 of the scenario
 * @param pMax the power budget of the scenario
 * @param seed the stream seed the samples came from
 */
public record TestSet(Topology topology, Tensor channels, double noiseVariance, double pMax, long seed) {
  private static final byte[] MAGIC = "RRMTEST1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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

  /** Writes the set to {@code path} (parent directories are created). */
  public void save(Path path) {
    try {
      if (path.getParent() != null) Files.createDirectories(path.getParent());
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16))) {
        out.write(MAGIC);
        int m = pairs();
        out.writeInt(m);
        out.writeInt(size());
        out.writeDouble(noiseVariance);
        out.writeDouble(pMax);
        out.writeLong(seed);
        out.writeDouble(topology.pathLoss().exponent());
        out.writeDouble(topology.pathLoss().minDistance());
        for (double[][] pos : new double[][][] {topology.tx(), topology.rx()}) {
          for (double[] p : pos) {
            out.writeDouble(p[0]);
            out.writeDouble(p[1]);
          }
        }
        for (double v : channels.data()) out.writeDouble(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("TestSet.save: cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a set written by {@link #save}. Throws an {@link UncheckedIOException} naming the path when the file is
   * missing or unreadable, and an {@link IllegalArgumentException} when it is not a test set, is truncated, has
   * trailing bytes or holds invalid values.
   */
  public static TestSet load(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new UncheckedIOException("TestSet.load: no test set file at " + path,
          new NoSuchFileException(path.toString()));
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupt(path, "it does not start with the test-set magic RRMTEST1");
      }
      int m = in.readInt();
      int b = in.readInt();
      if (m < 1 || b < 0 || (long) m * m * b > Integer.MAX_VALUE) {
        throw corrupt(path, "its header has M = " + m + ", B = " + b);
      }
      double sigma2 = in.readDouble();
      double pMax = in.readDouble();
      long seed = in.readLong();
      PathLoss law;
      double[][] tx = new double[m][2];
      double[][] rx = new double[m][2];
      double[] g = new double[m * m * b];
      try {
        law = new PathLoss(in.readDouble(), in.readDouble());
        for (double[][] pos : new double[][][] {tx, rx}) {
          for (double[] p : pos) {
            p[0] = in.readDouble();
            p[1] = in.readDouble();
          }
        }
        for (int k = 0; k < g.length; k++) g[k] = in.readDouble();
      } catch (IllegalArgumentException e) {
        throw corrupt(path, e.getMessage());
      }
      if (in.read() != -1) throw corrupt(path, "it has bytes after the " + b + " samples its header announces");
      try {
        return new TestSet(Topology.of(tx, rx, law), Tensor.of(g, b, m, m), sigma2, pMax, seed);
      } catch (IllegalArgumentException e) {
        throw corrupt(path, e.getMessage());
      }
    } catch (EOFException e) {
      throw corrupt(path, "it is truncated (ends before the data its header announces)");
    } catch (IOException e) {
      throw new UncheckedIOException("TestSet.load: cannot read " + path + ": " + e.getMessage(), e);
    }
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

  private static IllegalArgumentException corrupt(Path path, String why) {
    return new IllegalArgumentException("TestSet.load: " + path + " is not a valid test set: " + why);
  }
}
