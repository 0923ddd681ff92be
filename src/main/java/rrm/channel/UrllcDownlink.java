package rrm.channel;

import java.util.SplittableRandom;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The single-cell URLLC downlink of He et al. (paper 000, §III-A and §IV): one base station with N_t antennas at the
 * centre, K single-antenna users at distances {@code d_k ~ U[dMin, dMax]} (uniform in distance, i.e. an annulus
 * sampled radially), path gain {@code rho_k = 1 / (1 + (d_k / d0)^exponent)}, Rayleigh fading
 * {@code h~_k ~ CN(0, I_{N_t})}, and channel {@code h_k = sqrt(rho_k) h~_k}. Noise variance 1 at every user, so the
 * power budget is {@code P = 10^(snrDb / 10)}. The rate weights are {@code 1 / K} (the weighted sum-rate is the average
 * per-user rate, as the paper reports it).
 *
 * <p>Seeding: sample j of a stream with seed s is drawn from {@code new SplittableRandom(Random.stream(s, j))}: first
 * the K distances, then the K*N_t complex fading coefficients user by user (real part, then imaginary part, each
 * {@code N(0, 1/2)}). So sample j is the same whatever the batch split and the number of threads, and
 * {@link #distances} returns exactly the distances behind {@link #sample}.
 *
 * @param users K, >= 1
 * @param antennas N_t, >= 1
 * @param snrDb transmit SNR in dB (P / sigma^2, sigma^2 = 1), finite
 * @param dMin inner radius of the annulus in metres, >= 0
 * @param dMax outer radius in metres, > dMin
 * @param blocklength n in channel uses, >= 1
 * @param errorProbability decoding error probability epsilon in (0, 1)
 * @param packetBits D bits per packet, >= 1
 * @param d0 reference distance of the path gain in metres, > 0
 * @param exponent path-loss exponent, > 0
 */
public record UrllcDownlink(int users, int antennas, double snrDb, double dMin, double dMax, int blocklength,
    double errorProbability, int packetBits, double d0, double exponent) {

  /** Reference distance d0 = 50 m of the path gain (paper §IV). */
  public static final double D0 = 50;
  /** Path-loss exponent 3 (paper §IV). */
  public static final double EXPONENT = 3;

  public UrllcDownlink {
    String op = "UrllcDownlink";
    if (users < 1) throw new IllegalArgumentException(op + ": users K must be >= 1, got " + users);
    if (antennas < 1) throw new IllegalArgumentException(op + ": antennas N_t must be >= 1, got " + antennas);
    if (!Double.isFinite(snrDb)) throw new IllegalArgumentException(op + ": snrDb must be finite, got " + snrDb);
    if (!(dMin >= 0) || !Double.isFinite(dMin)) {
      throw new IllegalArgumentException(op + ": dMin (r_min) must be >= 0 and finite, got " + dMin);
    }
    if (!(dMax > dMin) || !Double.isFinite(dMax)) {
      throw new IllegalArgumentException(op + ": the annulus needs r_min < r_max (finite), got dMin = " + dMin
          + ", dMax = " + dMax);
    }
    if (blocklength < 1) {
      throw new IllegalArgumentException(op + ": blocklength n must be >= 1 channel use, got " + blocklength);
    }
    if (!(errorProbability > 0 && errorProbability < 1)) {
      throw new IllegalArgumentException(op + ": errorProbability must be in (0, 1), got " + errorProbability);
    }
    if (packetBits < 1) throw new IllegalArgumentException(op + ": packetBits D must be >= 1, got " + packetBits);
    if (!(d0 > 0) || !Double.isFinite(d0)) {
      throw new IllegalArgumentException(op + ": reference distance d0 must be > 0 and finite, got " + d0);
    }
    if (!(exponent > 0) || !Double.isFinite(exponent)) {
      throw new IllegalArgumentException(op + ": path-loss exponent must be > 0 and finite, got " + exponent);
    }
  }

  /** Returns the scenario with the paper's path gain (d0 = 50 m, exponent 3). */
  public static UrllcDownlink of(int users, int antennas, double snrDb, double dMin, double dMax, int blocklength,
      double errorProbability, int packetBits) {
    return new UrllcDownlink(users, antennas, snrDb, dMin, dMax, blocklength, errorProbability, packetBits, D0,
        EXPONENT);
  }

  /** Returns a copy with another annulus {@code [dMin, dMax]}. */
  public UrllcDownlink withAnnulus(double min, double max) {
    return new UrllcDownlink(users, antennas, snrDb, min, max, blocklength, errorProbability, packetBits, d0,
        exponent);
  }

  /** Returns a copy with another number of users. */
  public UrllcDownlink withUsers(int k) {
    return new UrllcDownlink(k, antennas, snrDb, dMin, dMax, blocklength, errorProbability, packetBits, d0,
        exponent);
  }

  /** Returns the power budget {@code P = 10^(snrDb / 10)} (noise variance 1). */
  public double pMax() {
    return Math.pow(10, snrDb / 10);
  }

  /** Returns the path gain {@code 1 / (1 + (d / d0)^exponent)} at distance {@code d}. */
  public double pathGain(double d) {
    return 1 / (1 + Math.pow(d / d0, exponent));
  }

  /** Returns samples {@code [0, batch)} of stream {@code seed} as a problem with channels {@code [batch, K, 1, 1, N_t]}. */
  public UrllcProblem sample(int batch, long seed) {
    return sample(seed, 0, batch);
  }

  /** Returns samples {@code [from, from + count)} of stream {@code seed} as one problem. */
  public UrllcProblem sample(long seed, int from, int count) {
    check("sample", from, count);
    int k = users, nt = antennas, per = k * nt;
    double[] re = new double[Math.multiplyExact(count, per)];
    double[] im = new double[re.length];
    double s = Math.sqrt(0.5);
    Parallel.forRange(count, Parallel.grain(60L * per), (lo, hi) -> {
      double[] d = new double[k];
      for (int b = lo; b < hi; b++) {
        SplittableRandom rng = new SplittableRandom(Random.stream(seed, from + (long) b));
        for (int u = 0; u < k; u++) d[u] = Random.uniform(rng, dMin, dMax);
        for (int u = 0; u < k; u++) {
          double amp = Math.sqrt(pathGain(d[u])) * s;
          int o = b * per + u * nt;
          for (int a = 0; a < nt; a++) {
            re[o + a] = amp * Random.normal(rng);
            im[o + a] = amp * Random.normal(rng);
          }
        }
      }
    });
    Tensor h = Tensor.complex(re, im, count, k, 1, 1, nt);
    Tensor w = Tensor.full(1.0 / k, k);
    return UrllcProblem.of(h, 1.0, pMax(), blocklength, errorProbability, packetBits).withWeights(w);
  }

  /** Returns the user distances {@code [count, K]} (metres) behind {@code sample(seed, from, count)}. */
  public Tensor distances(long seed, int from, int count) {
    check("distances", from, count);
    double[] d = new double[Math.multiplyExact(count, users)];
    for (int b = 0; b < count; b++) {
      SplittableRandom rng = new SplittableRandom(Random.stream(seed, from + (long) b));
      for (int u = 0; u < users; u++) d[b * users + u] = Random.uniform(rng, dMin, dMax);
    }
    return Tensor.of(d, count, users);
  }

  private static void check(String op, int from, int count) {
    if (from < 0 || count < 1) {
      throw new IllegalArgumentException("UrllcDownlink." + op + ": need from >= 0 and count >= 1, got from = "
          + from + ", count = " + count);
    }
  }

  @Override
  public String toString() {
    return "UrllcDownlink[K=" + users + ", N_t=" + antennas + ", SNR=" + snrDb + " dB, d in [" + dMin + ", " + dMax
        + "] m, n=" + blocklength + ", eps=" + errorProbability + ", D=" + packetBits + "]";
  }
}
