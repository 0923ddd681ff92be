package rrm.model.uwmmse;

import rrm.solver.WmmseMimo;

/**
 * Settings of a {@link MimoUwmmse} network (paper 001 §III), with the defaults of the authors' released code
 * ({@link #code()}): N_r = 3, N_t = 5, GCN widths F = 32 (hidden) and G = 16 (output), a weight MLP with 5 hidden units
 * (so G = 3 * 5 + 1), leaky-ReLU slope 0.2, 0.001 added to every entry of the neighbour operator, loading 1e-4 in both
 * inverses and the learned multiplier as {@code K mu 1 1^T}; one layer when training and three at inference (§IV-B).
 *
 * <p>Parameter count (real): {@code 2 (N_r N_t + 1 + 2 + 2 (F'F + F) + 2 (F G + G) + 1)} with {@code F' = N_r + N_t},
 * which is 3302 for the defaults (§III-E).
 *
 * @param rxAntennas N_r of the problems the network runs on
 * @param txAntennas N_t of the problems the network runs on
 * @param hidden F, the width of the first GCN layer
 * @param mlpHidden the hidden units of the weight MLP; the GCN output width is {@code G = 3 mlpHidden + 1}
 * @param slope the leaky-ReLU slope of the GCN and of the MLP's hidden layer
 * @param offset the constant added to every entry of the neighbour operator
 * @param rule loading and multiplier of every layer's update (the multiplier must be a learned one)
 * @param trainLayers layers unrolled by {@link MimoUwmmse#loss}
 * @param layers layers unrolled by {@link MimoUwmmse#allocate}
 * @param perUserLoss whether the loss is the per-user mean rate (the authors' code) rather than the sum-rate (eq. 14)
 * @param seed seed of the parameter initialisation
 */
public record MimoUwmmseConfig(int rxAntennas, int txAntennas, int hidden, int mlpHidden, double slope, double offset,
    WmmseMimo.Rule rule, int trainLayers, int layers, boolean perUserLoss, long seed) {

  public MimoUwmmseConfig {
    String op = "MimoUwmmseConfig";
    positive(op, "rxAntennas", rxAntennas);
    positive(op, "txAntennas", txAntennas);
    positive(op, "hidden", hidden);
    positive(op, "mlpHidden", mlpHidden);
    positive(op, "trainLayers", trainLayers);
    positive(op, "layers", layers);
    if (!(slope >= 0 && slope <= 1)) throw new IllegalArgumentException(op + ": slope must be in [0, 1], got " + slope);
    if (!Double.isFinite(offset)) throw new IllegalArgumentException(op + ": offset must be finite, got " + offset);
    if (rule == null) throw new IllegalArgumentException(op + ": rule must not be null");
    if (rule.multiplier() != WmmseMimo.Multiplier.LEARNED_ALL_ONES
        && rule.multiplier() != WmmseMimo.Multiplier.LEARNED_IDENTITY) {
      throw new IllegalArgumentException(op + ": the network learns mu, so rule must use LEARNED_ALL_ONES or "
          + "LEARNED_IDENTITY, got " + rule.multiplier());
    }
  }

  /** Returns the released code's settings (3302 parameters for N_r = 3, N_t = 5). */
  public static MimoUwmmseConfig code() {
    return new MimoUwmmseConfig(3, 5, 32, 5, 0.2, 1e-3,
        new WmmseMimo.Rule(1e-4, WmmseMimo.Multiplier.LEARNED_ALL_ONES), 1, 3, true, 0L);
  }

  /** Returns a copy for other antenna counts. */
  public MimoUwmmseConfig withAntennas(int nr, int nt) {
    return new MimoUwmmseConfig(nr, nt, hidden, mlpHidden, slope, offset, rule, trainLayers, layers, perUserLoss, seed);
  }

  /** Returns a copy with other training and inference depths. */
  public MimoUwmmseConfig withLayers(int train, int inference) {
    return new MimoUwmmseConfig(rxAntennas, txAntennas, hidden, mlpHidden, slope, offset, rule, train, inference,
        perUserLoss, seed);
  }

  /** Returns a copy with another update rule. */
  public MimoUwmmseConfig withRule(WmmseMimo.Rule r) {
    return new MimoUwmmseConfig(rxAntennas, txAntennas, hidden, mlpHidden, slope, offset, r, trainLayers, layers,
        perUserLoss, seed);
  }

  /** Returns a copy with another initialisation seed. */
  public MimoUwmmseConfig withSeed(long s) {
    return new MimoUwmmseConfig(rxAntennas, txAntennas, hidden, mlpHidden, slope, offset, rule, trainLayers, layers,
        perUserLoss, s);
  }

  /** Returns a copy whose loss is the negative mean sum-rate (true) or per-user mean rate (false). */
  public MimoUwmmseConfig withSumRateLoss(boolean sum) {
    return new MimoUwmmseConfig(rxAntennas, txAntennas, hidden, mlpHidden, slope, offset, rule, trainLayers, layers,
        !sum, seed);
  }

  /** Returns F' = N_r + N_t, the node features (receiver stacked on precoder). */
  public int features() {
    return rxAntennas + txAntennas;
  }

  /** Returns G = 3 mlpHidden + 1, the GCN output width (the weight MLP's parameters per node). */
  public int output() {
    return 3 * mlpHidden + 1;
  }

  private static void positive(String op, String name, int v) {
    if (v < 1) throw new IllegalArgumentException(op + ": " + name + " must be >= 1, got " + v);
  }
}
