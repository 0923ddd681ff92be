package rrm.model.uwmmse;

import rrm.utility.Utility;

/**
 * Settings of a {@link Uwmmse} network (paper 002 §III; defaults explained in the reproduction notes), with the library
 * defaults: K = 4 layers, hidden width F = 4, F' = 1 node feature (Q = 1), shift S = G^T, separate branch biases on
 * (0.1 each), a learned mu per layer, the sum-rate weight update (eq. 7).
 *
 * <p>Parameter count: per GCN {@code 2F'F + 2F} weights, plus {@code 2F + 2} biases when on; per layer two GCNs
 * plus 1 for mu. So 212 by default, 128 for {@link #paperLiteral()} and 260 for {@link #releasedCode()}. With an
 * REGNN as Ψ ({@link #withPsi}, Fig. 3(c)) each Ψ has 6 taps, so a layer has 12 (+1 for mu); F, the shift and the
 * biases then play no part, and F' must be 1 (the REGNN starts from z_0 = 1).
 *
 * @param layers K >= 1
 * @param hidden F >= 1
 * @param features F' >= 1, the columns of the node features Q
 * @param shift the GCN shift operator
 * @param biases whether each GCN layer has its two branch biases (the authors' code; absent from eqs. 11-12)
 * @param mu whether each layer learns a scalar added to the v-denominator (the authors' code; not in the paper); where
 * a     negative mu makes that denominator non-positive the layer gives full power, not the authors' zero power
 *     ({@link rrm.solver.WmmseSiso}: that jump made training collapse on the paper topology)
 * @param weightUpdate the utility whose gamma' gives the classical weight: sum-rate = eq. (7), else eq. (10)
 * @param seed seed of the parameter initialisation
 * @param psi the network that computes a and b (default {@link PsiKind#GCN})
 */
public record UwmmseConfig(int layers, int hidden, int features, GcnShift shift, boolean biases, boolean mu,
    Utility weightUpdate, long seed, PsiKind psi) {

  public UwmmseConfig {
    if (layers < 1) throw new IllegalArgumentException("UwmmseConfig: layers K must be >= 1, got " + layers);
    if (hidden < 1) throw new IllegalArgumentException("UwmmseConfig: hidden width F must be >= 1, got " + hidden);
    if (features < 1) {
      throw new IllegalArgumentException("UwmmseConfig: the node feature count F' must be >= 1, got " + features);
    }
    if (shift == null) throw new IllegalArgumentException("UwmmseConfig: shift must not be null");
    if (weightUpdate == null) throw new IllegalArgumentException("UwmmseConfig: weightUpdate must not be null");
    if (psi == null) throw new IllegalArgumentException("UwmmseConfig: psi must not be null");
    if (psi.isRegnn() && features != 1) {
      throw new IllegalArgumentException("UwmmseConfig: an REGNN Ψ starts from z0 = 1 and takes no node features, so "
          + "F' must be 1, got " + features);
    }
  }

  /** The settings with the GCN as Ψ (the paper's). */
  public UwmmseConfig(int layers, int hidden, int features, GcnShift shift, boolean biases, boolean mu,
      Utility weightUpdate, long seed) {
    this(layers, hidden, features, shift, biases, mu, weightUpdate, seed, PsiKind.GCN);
  }

  /** Returns the library defaults (212 parameters). */
  public static UwmmseConfig defaults() {
    return new UwmmseConfig(4, 4, 1, GcnShift.TX_ROW, true, true, Utility.sumRate(), 0L);
  }

  /** Returns eqs. (11)-(12) as printed: F = 4, no biases, no mu (128 parameters); shift as the defaults. */
  public static UwmmseConfig paperLiteral() {
    return defaults().withBiases(false).withMu(false);
  }

  /** Returns the authors' released configuration: F = 5, biases, mu (260 parameters). */
  public static UwmmseConfig releasedCode() {
    return defaults().withHidden(5);
  }

  /** Returns a copy with K layers. */
  public UwmmseConfig withLayers(int k) {
    return new UwmmseConfig(k, hidden, features, shift, biases, mu, weightUpdate, seed, psi);
  }

  /** Returns a copy with hidden width F. */
  public UwmmseConfig withHidden(int f) {
    return new UwmmseConfig(layers, f, features, shift, biases, mu, weightUpdate, seed, psi);
  }

  /** Returns a copy with F' node features. */
  public UwmmseConfig withFeatures(int fPrime) {
    return new UwmmseConfig(layers, hidden, fPrime, shift, biases, mu, weightUpdate, seed, psi);
  }

  /** Returns a copy with another GCN shift. */
  public UwmmseConfig withShift(GcnShift s) {
    return new UwmmseConfig(layers, hidden, features, s, biases, mu, weightUpdate, seed, psi);
  }

  /** Returns a copy with the branch biases on or off. */
  public UwmmseConfig withBiases(boolean on) {
    return new UwmmseConfig(layers, hidden, features, shift, on, mu, weightUpdate, seed, psi);
  }

  /** Returns a copy with the per-layer mu on or off. */
  public UwmmseConfig withMu(boolean on) {
    return new UwmmseConfig(layers, hidden, features, shift, biases, on, weightUpdate, seed, psi);
  }

  /** Returns a copy whose weight update uses gamma' of {@code u} (eq. 10; sum-rate = eq. 7). */
  public UwmmseConfig withWeightUpdate(Utility u) {
    return new UwmmseConfig(layers, hidden, features, shift, biases, mu, u, seed, psi);
  }

  /** Returns a copy with another initialisation seed. */
  public UwmmseConfig withSeed(long s) {
    return new UwmmseConfig(layers, hidden, features, shift, biases, mu, weightUpdate, s, psi);
  }

  /** Returns a copy whose coefficients a and b come from another Ψ network (Fig. 3(c)). */
  public UwmmseConfig withPsi(PsiKind kind) {
    return new UwmmseConfig(layers, hidden, features, shift, biases, mu, weightUpdate, seed, kind);
  }

  /** Returns the number of trainable scalars by the formula 2F'F + 2F (+ 2F + 2 biases) per GCN (6 per REGNN Ψ). */
  public int parameterCount() {
    int gcn = 2 * features * hidden + 2 * hidden + (biases ? 2 * hidden + 2 : 0);
    int perPsi = psi.isRegnn() ? 2 * 3 : gcn; // REGNN: 2 layers × taps 0..2
    return layers * (2 * perPsi + (mu ? 1 : 0));
  }
}
