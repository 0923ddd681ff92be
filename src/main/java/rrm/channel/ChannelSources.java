package rrm.channel;

import java.util.SplittableRandom;
import rrm.system.SisoProblem;
import rrm.tensor.Random;

/** The {@link ChannelSource} implementations. */
final class ChannelSources {
  private ChannelSources() {}

  /** A source drawing from one {@link AdHocSiso} scenario, whose noise variance and power budget it reports. */
  private interface OnNet extends ChannelSource {
    AdHocSiso net();

    @Override
    default double noiseVariance() {
      return net().noiseVariance();
    }

    @Override
    default double pMax() {
      return net().pMax();
    }
  }

  record Fresh(AdHocSiso net, Topology topology, long seed) implements OnNet {
    Fresh {
      require("fresh", net, topology);
    }

    @Override
    public SisoProblem batch(int step, int size) {
      return net.problem(net.sample(topology, seed, Math.multiplyExact(checkStep(step), size), size));
    }

    @Override
    public String description() {
      return "fresh(" + scenario(net) + ", topology " + fingerprint(topology) + ", seed " + seed + ")";
    }
  }

  record Pool(AdHocSiso net, Topology topology, long seed, int batches) implements OnNet {
    Pool {
      require("pool", net, topology);
      if (batches < 1) throw new IllegalArgumentException("ChannelSource.pool: needs at least 1 batch, got " + batches);
    }

    @Override
    public SisoProblem batch(int step, int size) {
      int pass = checkStep(step) / batches;
      int[] order = Random.permutation(new SplittableRandom(Random.stream(Random.stream(seed, -2), pass)), batches);
      return net.problem(net.sample(topology, seed, Math.multiplyExact(order[step % batches], size), size));
    }

    @Override
    public String description() {
      return "pool(" + scenario(net) + ", topology " + fingerprint(topology) + ", seed " + seed + ", " + batches
          + " batches)";
    }
  }

  record RandomDensity(AdHocSiso net, long seed, double dMin, double dMax) implements OnNet {
    RandomDensity {
      if (net == null) throw new IllegalArgumentException("ChannelSource.randomDensity: net must not be null");
      if (!(dMin > 0) || !(dMax >= dMin) || !Double.isFinite(dMax)) {
        throw new IllegalArgumentException("ChannelSource.randomDensity: need 0 < dMin <= dMax < inf, got [" + dMin
            + ", " + dMax + "]");
      }
    }

    @Override
    public SisoProblem batch(int step, int size) {
      return net.problem(net.sampleRandomDensity(seed, Math.multiplyExact(checkStep(step), size), size, dMin, dMax));
    }

    @Override
    public String description() {
      return "randomDensity(" + scenario(net) + ", d in [" + dMin + ", " + dMax + "), seed " + seed + ")";
    }
  }

  record RandomSize(AdHocSiso net, long seed, int mMin, int mMax) implements OnNet {
    RandomSize {
      if (net == null) throw new IllegalArgumentException("ChannelSource.randomSize: net must not be null");
      if (mMin < 1 || mMax < mMin) {
        throw new IllegalArgumentException("ChannelSource.randomSize: need 1 <= mMin <= mMax, got [" + mMin + ", "
            + mMax + "]");
      }
    }

    @Override
    public SisoProblem batch(int step, int size) {
      return net.problem(net.sampleRandomSize(seed, checkStep(step), size, mMin, mMax));
    }

    @Override
    public String description() {
      return "randomSize(" + scenario(net) + ", M in [" + mMin + ", " + mMax + "], seed " + seed + ")";
    }
  }

  private static void require(String op, AdHocSiso net, Topology topology) {
    if (net == null || topology == null) {
      throw new IllegalArgumentException("ChannelSource." + op + ": net and topology must not be null");
    }
  }

  private static int checkStep(int step) {
    if (step < 0) throw new IllegalArgumentException("ChannelSource.batch: step must be >= 0, got " + step);
    return step;
  }

  private static String scenario(AdHocSiso net) {
    return "N " + net.pairs() + ", sigma2 " + net.noiseVariance() + ", pmax " + net.pMax() + ", path loss "
        + net.pathLoss().exponent() + "/" + net.pathLoss().minDistance();
  }

  /** Returns a 64-bit FNV-1a hash of the topology's positions and path loss, in hex: equal topologies, equal text. */
  static String fingerprint(Topology t) {
    long h = 0xcbf29ce484222325L;
    for (double[][] pos : new double[][][] {t.tx(), t.rx()}) {
      for (double[] p : pos) {
        for (double x : p) h = mix(h, Double.doubleToLongBits(x));
      }
    }
    h = mix(h, Double.doubleToLongBits(t.pathLoss().exponent()));
    h = mix(h, Double.doubleToLongBits(t.pathLoss().minDistance()));
    return "M" + t.pairs() + "-" + Long.toHexString(h);
  }

  private static long mix(long h, long bits) {
    for (int k = 0; k < 8; k++) {
      h ^= (bits >>> (8 * k)) & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
