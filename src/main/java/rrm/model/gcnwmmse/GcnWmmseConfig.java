package rrm.model.gcnwmmse;

/**
 * Settings of a {@link GcnWmmse} network (Schynol and Pesavento, "Coordinated sum-rate maximization in multicell
 * MU-MIMO with deep unrolling"; paper 004 Tab. I): L layers with separate parameters, F features in each layer's
 * downlink filter, a weight filter of order G, the modReLU bias scale b_S. The defaults ({@link #paper()}: L = 7,
 * F = 4, G = 2) have {@code L (7F + G + 1) + 2 (L - 1) F^2 = 409} real parameters (229 when a complex number counts
 * once, as paper 004 counts them).
 *
 * @param layers L >= 1
 * @param features F >= 1
 * @param order G >= 0, the order of the weight filter (its taps are {@code a_0..a_G})
 * @param biasScale b_S > 0: the modReLU bias of a user of transmitter c is {@code b sqrt(P_c / n_c) / b_S}
 * @param loading eps >= 0 added to the noise of the receive update and to the diagonal of the precoder system (0 in
 *     paper 004)
 * @param normalisedLoss whether the loss divides each sample's sum-rate by its own (detached) value, paper 004's
 *     eq. (16); false is the plain negative mean sum-rate
 * @param lossScale whether that loss is also multiplied by the (detached) batch-mean rate per user, as paper 004's
 *     code does (it matters only through gradient clipping and the optimiser's epsilon)
 * @param seed seed of the parameter initialisation
 */
public record GcnWmmseConfig(int layers, int features, int order, double biasScale, double loading,
    boolean normalisedLoss, boolean lossScale, long seed) {

  public GcnWmmseConfig {
    String op = "GcnWmmseConfig";
    if (layers < 1) throw new IllegalArgumentException(op + ": layers must be >= 1, got " + layers);
    if (features < 1) throw new IllegalArgumentException(op + ": features must be >= 1, got " + features);
    if (order < 0) throw new IllegalArgumentException(op + ": order must be >= 0, got " + order);
    if (!(biasScale > 0) || !Double.isFinite(biasScale)) {
      throw new IllegalArgumentException(op + ": biasScale must be > 0 and finite, got " + biasScale);
    }
    if (!(loading >= 0) || !Double.isFinite(loading)) {
      throw new IllegalArgumentException(op + ": loading must be >= 0 and finite, got " + loading);
    }
  }

  /** Returns paper 004's base network: L = 7, F = 4, G = 2, b_S = 1, no loading, normalised and scaled loss. */
  public static GcnWmmseConfig paper() {
    return new GcnWmmseConfig(7, 4, 2, 1.0, 0.0, true, true, 0L);
  }

  /** Returns a copy with L layers. */
  public GcnWmmseConfig withLayers(int l) {
    return new GcnWmmseConfig(l, features, order, biasScale, loading, normalisedLoss, lossScale, seed);
  }

  /** Returns a copy with F features. */
  public GcnWmmseConfig withFeatures(int f) {
    return new GcnWmmseConfig(layers, f, order, biasScale, loading, normalisedLoss, lossScale, seed);
  }

  /** Returns a copy with a weight filter of order G. */
  public GcnWmmseConfig withOrder(int g) {
    return new GcnWmmseConfig(layers, features, g, biasScale, loading, normalisedLoss, lossScale, seed);
  }

  /** Returns a copy with bias scale b_S (paper 004: the mean of sqrt(P_c / n_c) over the training scenarios). */
  public GcnWmmseConfig withBiasScale(double b) {
    return new GcnWmmseConfig(layers, features, order, b, loading, normalisedLoss, lossScale, seed);
  }

  /** Returns a copy with diagonal loading eps. */
  public GcnWmmseConfig withLoading(double eps) {
    return new GcnWmmseConfig(layers, features, order, biasScale, eps, normalisedLoss, lossScale, seed);
  }

  /** Returns a copy with the given loss: normalised per sample (eq. (16)) or not, scaled by the batch rate or not. */
  public GcnWmmseConfig withLoss(boolean normalised, boolean scaled) {
    return new GcnWmmseConfig(layers, features, order, biasScale, loading, normalised, scaled, seed);
  }

  /** Returns a copy with another initialisation seed. */
  public GcnWmmseConfig withSeed(long s) {
    return new GcnWmmseConfig(layers, features, order, biasScale, loading, normalisedLoss, lossScale, s);
  }

  /** Returns the number of real parameters, {@code L (7F + G + 1) + 2 (L - 1) F^2}. */
  public int parameterCount() {
    return layers * (7 * features + order + 1) + 2 * (layers - 1) * features * features;
  }
}
