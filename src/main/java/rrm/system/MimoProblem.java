package rrm.system;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Beamforming in the MISO/MIMO interference channel: K transmitters with N_t antennas each serve their own receiver
 * with N_r antennas and d streams, all in one band; MISO is N_r = 1.
 *
 * <p>Channels in the layout of every MIMO problem ({@link rrm.system}): complex {@code H [B, K, N_r, K, N_t]},
 * {@code H[b, i, :, j, :]} the channel from transmitter j to receiver i; a single {@code [K, N_r, K, N_t]} instance is
 * a batch of one. Noise variance per receiver, power budget per transmitter ({@code ||V_j||_F^2 <= pmax_j}),
 * optional rate weights {@code [B, K]}.
 */
public final class MimoProblem implements Problem {
  private final Tensor channels;
  private final double[] noise;
  private final double[] budgets;
  private final Tensor weights;
  private final int streams;

  private MimoProblem(Tensor channels, double[] noise, double[] budgets, Tensor weights, int streams) {
    this.channels = channels;
    this.noise = noise;
    this.budgets = budgets;
    this.weights = weights;
    this.streams = streams;
  }

  /**
   * Returns the problem of complex channels {@code [B, K, N_r, K, N_t]} (or one instance {@code [K, N_r, K, N_t]}),
   * noise variance {@code >= 0} at every receiver and power budget {@code > 0} at every transmitter, one stream.
   */
  public static MimoProblem of(Tensor channels, double noiseVariance, double pMax) {
    String op = "MimoProblem.of";
    Tensor h = Layout.channels(op, channels);
    if (h.size(1) != h.size(3)) {
      throw new IllegalArgumentException(op + ": an interference channel pairs transmitter i with receiver i, so "
          + "the receiver axis (1) and the transmitter axis (3) must have the same size K, got "
          + Shape.str(h.shape()) + " (for base stations serving several users use MulticellProblem)");
    }
    int k = h.size(1);
    return new MimoProblem(h, Layout.noise(op, noiseVariance, k), Layout.budget(op, pMax, k), null, 1);
  }

  /**
   * Returns a copy with other channels of the same shape {@code [B, K, N_r, K, N_t]} (for example an imperfect
   * estimate of these channels), keeping the noise, budgets, weights and streams.
   */
  public MimoProblem withChannels(Tensor h) {
    String op = "MimoProblem.withChannels";
    Tensor c = Layout.channels(op, Checks.notNull(op, "channels", h));
    if (!java.util.Arrays.equals(c.shape(), channels.shape())) {
      throw new IllegalArgumentException(op + ": channels must keep the shape " + Shape.str(channels.shape())
          + ", got " + Shape.str(c.shape()));
    }
    return new MimoProblem(c, noise, budgets, weights, streams);
  }

  /** Returns a copy with one noise variance per receiver ({@code K} values, each >= 0). */
  public MimoProblem withNoise(double... perReceiver) {
    return new MimoProblem(channels, Checks.perEntity("MimoProblem.withNoise", "noise", perReceiver, users(), true),
        budgets, weights, streams);
  }

  /** Returns a copy with one power budget per transmitter ({@code K} values, each > 0). */
  public MimoProblem withBudgets(double... perTransmitter) {
    return new MimoProblem(channels, noise,
        Checks.perEntity("MimoProblem.withBudgets", "budgets", perTransmitter, users(), false), weights, streams);
  }

  /** Returns a copy with rate weights {@code [K]} or {@code [B, K]}, each >= 0. */
  public MimoProblem withWeights(Tensor w) {
    return new MimoProblem(channels, noise, budgets, Checks.weights("MimoProblem.withWeights",
        Checks.notNull("MimoProblem.withWeights", "weights", w), batch(), users()), streams);
  }

  /** Returns a copy with d streams per link, {@code 1 <= d <= min(N_r, N_t)}. */
  public MimoProblem withStreams(int d) {
    Layout.streams("MimoProblem.withStreams", d, rxAntennas(), txAntennas());
    return new MimoProblem(channels, noise, budgets, weights, d);
  }

  @Override
  public int batch() {
    return channels.size(0);
  }

  /** Returns the number of transmitter-receiver pairs K. */
  public int users() {
    return channels.size(1);
  }

  /** Returns N_r, the antennas of each receiver. */
  public int rxAntennas() {
    return channels.size(2);
  }

  /** Returns N_t, the antennas of each transmitter. */
  public int txAntennas() {
    return channels.size(4);
  }

  /** Returns d, the streams of each link. */
  public int streams() {
    return streams;
  }

  /** Returns the channels {@code H [B, K, N_r, K, N_t]} (complex). */
  public Tensor channels() {
    return channels;
  }

  /** Returns the noise variance of each receiver, {@code [K]}. */
  public double[] noise() {
    return noise.clone();
  }

  /** Returns the power budget of each transmitter, {@code [K]}. */
  public double[] budgets() {
    return budgets.clone();
  }

  /** Returns the rate weights {@code [B, K]}, or null when none were given. */
  public Tensor weights() {
    return weights;
  }

  @Override
  public MimoProblem slice(int from, int to) {
    Checks.slice("MimoProblem.slice", from, to, batch());
    if (from == 0 && to == batch()) return this;
    return new MimoProblem(channels.slice(0, from, to), noise, budgets, Checks.sliceOrSelf(weights, from, to),
        streams);
  }

  @Override
  public String toString() {
    return "MimoProblem[B=" + batch() + ", K=" + users() + ", N_r=" + rxAntennas() + ", N_t=" + txAntennas()
        + ", d=" + streams + (weights == null ? "" : ", weighted") + "]";
  }
}
