package rrm.model.uwmmse;

import java.util.LinkedHashMap;
import java.util.Map;
import rrm.model.gnn.Regnn;
import rrm.nn.Module;
import rrm.nn.Shift;
import rrm.tensor.Tensor;

/**
 * REGNN used as UWMMSE's coefficient network Ψ (paper 002 §IV-B, Fig. 3(c)): a small {@link Regnn} whose
 * sigmoid output is taken as it is,
 * <pre>  Ψ(G) = σ(z_2),   z_l = α_l( Σ_{k=0}^{2} ν_{lk} S^k z_{l-1} ),   z_0 = 1</pre>
 * with the normalised shift S of {@link RegnnShift}, ReLU after layer 1 and the sigmoid after layer 2.
 * Shapes: G {@code [B, M, M]} (row = receiver) to {@code [B, M]} in (0, 1); any M; permutation-equivariant
 * (Ψ(ΠGΠᵀ) = ΠΨ(G), which UWMMSE's Prop. 1 needs).
 *
 * <p>Our choice where the paper is silent (see the reproduction notes, notebooks/002-uwmmse-power/README.md): 2 layers
 * of taps k = 0..2, 2 × 3 = 6 parameters per Ψ; initialisation ν ~ N(0, 0.1²) as for the standalone REGNN. At that
 * start Ψ ≈ 0.5 at every node, and it is exactly 0.5 with zero gradients when the first layer's three taps make it
 * output 0 everywhere (measured: 76 of 200 seeds on paper-like channels, M = 20; see {@link Regnn}). {@link
 * #RegnnPsi(Regnn)} accepts another start, for example {@code new
 * RegnnPsi(Regnn.builder().layers(2).order(2).identityStart().build(seed))}. Parameters {@code regnn.layer<l>.h<k>}
 * {@code [1, 1]}.
 *
 * <pre>
 * Shift s = RegnnShift.of(g);                 // once per batch, shared by the 2K Ψ modules
 * Tensor a = psiA.apply(s), b = psiB.apply(s); // [B, M] each
 * </pre>
 */
public final class RegnnPsi extends Module {
  private final Regnn regnn;

  /** A Ψ with our default 2 layers of taps 0..2, drawn from {@code seed}. */
  public RegnnPsi(long seed) {
    this(2, 2, seed);
  }

  /** A Ψ with {@code layers} layers of taps 0..{@code order}, ν ~ N(0, 0.1²) drawn from {@code seed}. */
  public RegnnPsi(int layers, int order, long seed) {
    this.regnn = child("regnn", Regnn.builder().layers(layers).order(order).pmax(1.0).build(seed));
  }

  /** A Ψ around a given REGNN (for another initialisation); its pmax must be 1 so that Ψ lies in (0, 1). */
  public RegnnPsi(Regnn regnn) {
    if (regnn.pmax() != 1.0) {
      throw new IllegalArgumentException("RegnnPsi: the REGNN must have pmax = 1 (Ψ is in (0, 1)), got pmax = "
          + regnn.pmax());
    }
    this.regnn = child("regnn", regnn);
  }

  /** Returns Ψ(G) {@code [B, M]} in (0, 1) for G {@code [B, M, M]}. */
  public Tensor apply(Tensor g) {
    return regnn.apply(g);
  }

  /** Returns Ψ for a precomputed shift {@code RegnnShift.of(g)}. */
  public Tensor apply(Shift s) {
    return regnn.apply(s);
  }

  /** Returns the underlying REGNN (pmax 1). */
  public Regnn regnn() {
    return regnn;
  }

  /** Returns the settings that describe this Ψ: layers and order. */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("psi", "regnn");
    s.put("psi.layers", Integer.toString(regnn.layers()));
    s.put("psi.order", Integer.toString(regnn.order()));
    return s;
  }

  @Override
  public String toString() {
    return "RegnnPsi " + regnn.layers() + " layers, taps 0.." + regnn.order() + "\n" + super.toString();
  }
}
