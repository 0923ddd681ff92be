package rrm.system;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Weighted sum-rate beamforming for the URLLC downlink: one base station with N_t antennas serves K single-antenna
 * users with short packets of D bits in blocks of n channel uses, at decoding error probability epsilon. The rate of
 * user k is the finite-blocklength (normal approximation) rate of its SINR, and each user must reach D/n bits per
 * channel use (its QoS); the transmit powers share one budget.
 *
 * <p>Channels in the layout of every MIMO problem ({@link rrm.system}): complex {@code H [B, K, 1, 1, N_t]},
 * {@code H[b, k, 0, 0, :]} the channel row {@code h_k^H} from the base station to user k; a {@code [B, K, N_t]}
 * tensor is accepted and given the two unit axes. Noise variance per user, optional rate weights {@code [B, K]}.
 */
public final class UrllcProblem implements Problem {
  private final Tensor channels;
  private final double[] noise;
  private final double pMax;
  private final int blocklength;
  private final double errorProbability;
  private final int packetBits;
  private final Tensor weights;

  private UrllcProblem(Tensor channels, double[] noise, double pMax, int blocklength, double errorProbability,
      int packetBits, Tensor weights) {
    this.channels = channels;
    this.noise = noise;
    this.pMax = pMax;
    this.blocklength = blocklength;
    this.errorProbability = errorProbability;
    this.packetBits = packetBits;
    this.weights = weights;
  }

  /**
   * Returns the problem of complex channels {@code [B, K, 1, 1, N_t]} or {@code [B, K, N_t]}, noise variance
   * {@code >= 0} at every user, total power budget {@code pMax > 0}, blocklength {@code n >= 1}, error probability in
   * (0, 1) and packet size {@code D >= 1} bits.
   */
  public static UrllcProblem of(Tensor channels, double noiseVariance, double pMax, int blocklength,
      double errorProbability, int packetBits) {
    String op = "UrllcProblem.of";
    Checks.notNull(op, "channels", channels);
    Tensor c = channels.dim() == 3
        ? channels.reshape(channels.size(0), channels.size(1), 1, 1, channels.size(2)) : channels;
    Tensor h = Layout.channels(op, c);
    if (h.size(2) != 1 || h.size(3) != 1) {
      throw new IllegalArgumentException(op + ": the URLLC downlink has one base station and single-antenna users, "
          + "so channels must be [B, K, 1, 1, N_t], got " + Shape.str(h.shape()));
    }
    Layout.budget(op, pMax, 1);
    if (blocklength < 1) {
      throw new IllegalArgumentException(op + ": the blocklength n must be >= 1 channel use, got " + blocklength);
    }
    if (!(errorProbability > 0 && errorProbability < 1)) {
      throw new IllegalArgumentException(op + ": the error probability must be in (0, 1), got " + errorProbability);
    }
    if (packetBits < 1) throw new IllegalArgumentException(op + ": the packet size D must be >= 1 bit, got "
        + packetBits);
    return new UrllcProblem(h, Layout.noise(op, noiseVariance, h.size(1)), pMax, blocklength, errorProbability,
        packetBits, null);
  }

  /** Returns a copy with one noise variance per user ({@code K} values, each >= 0). */
  public UrllcProblem withNoise(double... perUser) {
    return new UrllcProblem(channels, Checks.perEntity("UrllcProblem.withNoise", "noise", perUser, users(), true),
        pMax, blocklength, errorProbability, packetBits, weights);
  }

  /** Returns a copy with rate weights {@code [K]} or {@code [B, K]}, each >= 0. */
  public UrllcProblem withWeights(Tensor w) {
    return new UrllcProblem(channels, noise, pMax, blocklength, errorProbability, packetBits,
        Checks.weights("UrllcProblem.withWeights", Checks.notNull("UrllcProblem.withWeights", "weights", w),
            batch(), users()));
  }

  @Override
  public int batch() {
    return channels.size(0);
  }

  /** Returns the number of users K. */
  public int users() {
    return channels.size(1);
  }

  /** Returns N_t, the antennas of the base station. */
  public int txAntennas() {
    return channels.size(4);
  }

  /** Returns the channels {@code H [B, K, 1, 1, N_t]} (complex). */
  public Tensor channels() {
    return channels;
  }

  /** Returns the noise variance of each user, {@code [K]}. */
  public double[] noise() {
    return noise.clone();
  }

  /** Returns the total power budget of the base station. */
  public double pMax() {
    return pMax;
  }

  /** Returns the blocklength n in channel uses. */
  public int blocklength() {
    return blocklength;
  }

  /** Returns the decoding error probability epsilon. */
  public double errorProbability() {
    return errorProbability;
  }

  /** Returns the packet size D in bits; the QoS rate is D / n bits per channel use. */
  public int packetBits() {
    return packetBits;
  }

  /** Returns the rate weights {@code [B, K]}, or null when none were given. */
  public Tensor weights() {
    return weights;
  }

  @Override
  public UrllcProblem slice(int from, int to) {
    Checks.slice("UrllcProblem.slice", from, to, batch());
    if (from == 0 && to == batch()) return this;
    return new UrllcProblem(channels.slice(0, from, to), noise, pMax, blocklength, errorProbability, packetBits,
        Checks.sliceOrSelf(weights, from, to));
  }

  @Override
  public String toString() {
    return "UrllcProblem[B=" + batch() + ", K=" + users() + ", N_t=" + txAntennas() + ", n=" + blocklength
        + ", eps=" + errorProbability + ", D=" + packetBits + "]";
  }
}
