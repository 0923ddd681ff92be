package rrm.model.uwmmse;

/**
 * Which network computes a UWMMSE layer's coefficients {@code a^(k) = Ψ(G; θ_a^(k))}, {@code b^(k) = Ψ(G; θ_b^(k))}
 * (paper 002 eq. 5). Fig. 3(c) compares the paper's GCN with an REGNN in that role (paper 002 §IV-B; its form is our
 * choice, see the reproduction notes).
 */
public enum PsiKind {
  /** The two-layer GCN of eqs. (11)-(12) ({@link Gcn}): the paper's Ψ and the default. */
  GCN,
  /**
   * An REGNN of 2 layers with taps 0..2 on the normalised shift, z_0 = 1, ReLU hidden and sigmoid output
   * ({@link RegnnPsi}, 6 parameters per Ψ, our choice where the paper is silent), with the default start ν ~ N(0,
   * 0.1²). At that start a Ψ whose first-layer taps make it output 0 everywhere stays at 0.5 with exactly zero gradient
   * (see {@link RegnnPsi}).
   */
  REGNN,
  /**
   * As {@link #REGNN}, started with {@link Regnn.Builder#identityStart()}: 1 is added to the k = 0 tap of the hidden
   * layer, so that no Ψ starts dead.
   */
  REGNN_IDENTITY_START;

  /** Returns whether this Ψ is an REGNN (either start). */
  public boolean isRegnn() {
    return this != GCN;
  }
}
