package rrm.system;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Downlink beamforming in a multicell MU-MIMO network: C base stations with N_t antennas, each serving its own users
 * (U in all, N_r antennas and d streams each); every base station's signal reaches every user.
 *
 * <p>Channels in the layout of every MIMO problem ({@link rrm.system}): complex {@code H [B, U, N_r, C, N_t]},
 * {@code H[b, u, :, c, :]} the channel from base station c to user u. {@code servingCell[u]} is the base station of
 * user u. Noise variance per user, power budget per base station ({@code sum_{u in c} ||V_u||_F^2 <= pmax_c}),
 * optional rate weights {@code [B, U]}.
 */
public final class MulticellProblem implements Problem {
  private final Tensor channels;
  private final int[] servingCell;
  private final double[] noise;
  private final double[] budgets;
  private final Tensor weights;
  private final int streams;

  private MulticellProblem(Tensor channels, int[] servingCell, double[] noise, double[] budgets, Tensor weights,
      int streams) {
    this.channels = channels;
    this.servingCell = servingCell;
    this.noise = noise;
    this.budgets = budgets;
    this.weights = weights;
    this.streams = streams;
  }

  /**
   * Returns the problem of complex channels {@code [B, U, N_r, C, N_t]} (or one instance), the serving base station
   * of each user ({@code U} entries in {@code [0, C)}), a noise variance {@code >= 0} at every user and a power
   * budget {@code > 0} at every base station, one stream per user.
   */
  public static MulticellProblem of(Tensor channels, int[] servingCell, double noiseVariance, double pMax) {
    String op = "MulticellProblem.of";
    Tensor h = Layout.channels(op, channels);
    int u = h.size(1), c = h.size(3);
    if (servingCell == null || servingCell.length != u) {
      throw new IllegalArgumentException(op + ": servingCell must have one entry per user (" + u + "), got "
          + (servingCell == null ? "null" : servingCell.length + " entries"));
    }
    for (int i = 0; i < u; i++) {
      if (servingCell[i] < 0 || servingCell[i] >= c) {
        throw new IllegalArgumentException(op + ": servingCell[" + i + "] must name a base station in [0, " + c
            + "), got " + servingCell[i] + " (channels " + Shape.str(h.shape()) + ")");
      }
    }
    return new MulticellProblem(h, servingCell.clone(), Layout.noise(op, noiseVariance, u),
        Layout.budget(op, pMax, c), null, 1);
  }

  /** Returns a copy with one noise variance per user ({@code U} values, each >= 0). */
  public MulticellProblem withNoise(double... perUser) {
    return new MulticellProblem(channels, servingCell,
        Checks.perEntity("MulticellProblem.withNoise", "noise", perUser, users(), true), budgets, weights, streams);
  }

  /** Returns a copy with one power budget per base station ({@code C} values, each > 0). */
  public MulticellProblem withBudgets(double... perCell) {
    return new MulticellProblem(channels, servingCell, noise,
        Checks.perEntity("MulticellProblem.withBudgets", "budgets", perCell, cells(), false), weights, streams);
  }

  /** Returns a copy with rate weights {@code [U]} or {@code [B, U]}, each >= 0. */
  public MulticellProblem withWeights(Tensor w) {
    return new MulticellProblem(channels, servingCell, noise, budgets, Checks.weights("MulticellProblem.withWeights",
        Checks.notNull("MulticellProblem.withWeights", "weights", w), batch(), users()), streams);
  }

  /** Returns a copy with d streams per user, {@code 1 <= d <= min(N_r, N_t)}. */
  public MulticellProblem withStreams(int d) {
    Layout.streams("MulticellProblem.withStreams", d, rxAntennas(), txAntennas());
    return new MulticellProblem(channels, servingCell, noise, budgets, weights, d);
  }

  @Override
  public int batch() {
    return channels.size(0);
  }

  /** Returns the number of users U. */
  public int users() {
    return channels.size(1);
  }

  /** Returns the number of base stations C. */
  public int cells() {
    return channels.size(3);
  }

  /** Returns N_r, the antennas of each user. */
  public int rxAntennas() {
    return channels.size(2);
  }

  /** Returns N_t, the antennas of each base station. */
  public int txAntennas() {
    return channels.size(4);
  }

  /** Returns d, the streams of each user. */
  public int streams() {
    return streams;
  }

  /** Returns the channels {@code H [B, U, N_r, C, N_t]} (complex). */
  public Tensor channels() {
    return channels;
  }

  /** Returns the serving base station of each user, {@code [U]}. */
  public int[] servingCell() {
    return servingCell.clone();
  }

  /** Returns the noise variance of each user, {@code [U]}. */
  public double[] noise() {
    return noise.clone();
  }

  /** Returns the power budget of each base station, {@code [C]}. */
  public double[] budgets() {
    return budgets.clone();
  }

  /** Returns the rate weights {@code [B, U]}, or null when none were given. */
  public Tensor weights() {
    return weights;
  }

  @Override
  public MulticellProblem slice(int from, int to) {
    Checks.slice("MulticellProblem.slice", from, to, batch());
    if (from == 0 && to == batch()) return this;
    return new MulticellProblem(channels.slice(0, from, to), servingCell, noise, budgets,
        Checks.sliceOrSelf(weights, from, to), streams);
  }

  @Override
  public String toString() {
    return "MulticellProblem[B=" + batch() + ", U=" + users() + ", C=" + cells() + ", N_r=" + rxAntennas()
        + ", N_t=" + txAntennas() + ", d=" + streams + "]";
  }
}
