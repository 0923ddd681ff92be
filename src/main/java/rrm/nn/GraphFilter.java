package rrm.nn;

import java.util.ArrayList;
import java.util.List;
import rrm.tensor.Random;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Polynomial graph filter (graph convolution of order K):
 * <pre>  Y = act( Σ_{k=0}^{K} S^k X H_k + 1 bᵀ )</pre>
 * with shift S {@code [B, N, N]} (or shared {@code [N, N]}, see {@link Shift}), features X {@code [B, N, in]}, taps
 * H_k {@code [in, out]}, optional bias b {@code [out]} and Y {@code [B, N, out]}. This is the GCN layer of paper 004
 * and, with in = out = 1 and no bias, REGNN's single-feature filter z_l = α(Σ_k ν_k S^k z_{l-1}) (paper 002
 * eq. 19). Real or complex (complex taps via a complex initialiser).
 *
 * <p>The sum is evaluated with K products by S on the narrower side: Horner's rule
 * {@code Y = X H_0 + S(X H_1 + S(... + S X H_K))} when out ≤ in, otherwise the powers {@code S^k X} first.
 * Tap k is the parameter {@code h<k>}, seeded with stream k; the bias uses stream K+1.
 */
public final class GraphFilter extends Module {
  private final int order;
  private final int in;
  private final int out;
  private final List<Parameter> taps = new ArrayList<>();
  private final Parameter bias;
  private final Activation activation;

  private GraphFilter(Builder b, long seed) {
    this.order = b.order;
    this.in = b.in;
    this.out = b.out;
    this.activation = b.activation;
    for (int k = 0; k <= order; k++) {
      taps.add(param("h" + k, b.init.weight().create(Random.stream(seed, k), in, out, in, out)));
    }
    bias = b.init.hasBias() ? param("bias", b.init.bias().create(Random.stream(seed, order + 1), in, out, out)) : null;
  }

  /** Starts a filter of order K (taps 0..K) from {@code in} to {@code out} features. */
  public static Builder of(int order, int in, int out) {
    return new Builder(order, in, out);
  }

  /** Returns Y for shift S and features X {@code [B, N, in]}. */
  public Tensor apply(Shift s, Tensor x) {
    if (x.dim() < 2 || x.size(-1) != in) {
      throw new IllegalArgumentException("GraphFilter.apply: features must be [..., N, " + in + "], got shape "
          + Shape.str(x.shape()));
    }
    Tensor y;
    if (out <= in) {
      y = x.matmul(tap(order));
      for (int k = order - 1; k >= 0; k--) y = s.apply(y).add(x.matmul(tap(k)));
    } else {
      y = x.matmul(tap(0));
      Tensor power = x;
      for (int k = 1; k <= order; k++) {
        power = s.apply(power);
        y = y.add(power.matmul(tap(k)));
      }
    }
    if (bias != null) y = y.add(bias.value());
    return activation.apply(y);
  }

  /** Returns Y for a dense shift matrix S {@code [B, N, N]}. */
  public Tensor apply(Tensor s, Tensor x) {
    return apply(Shift.matrix(s), x);
  }

  private Tensor tap(int k) {
    return taps.get(k).value();
  }

  /** Returns the taps H_0..H_K. */
  public List<Parameter> taps() {
    return List.copyOf(taps);
  }

  /** Returns the bias, or null. */
  public Parameter bias() {
    return bias;
  }

  /** Collects the options of a {@link GraphFilter}. */
  public static final class Builder {
    private final int order;
    private final int in;
    private final int out;
    private Activation activation = Activation.IDENTITY;
    private LayerInit init = LayerInit.glorot();

    private Builder(int order, int in, int out) {
      if (order < 0 || in < 1 || out < 1) {
        throw new IllegalArgumentException("GraphFilter.of: needs order >= 0 and widths >= 1, got order = " + order
            + ", in = " + in + ", out = " + out);
      }
      this.order = order;
      this.in = in;
      this.out = out;
    }

    /** Sets the activation act (default identity). */
    public Builder activation(Activation a) {
      this.activation = a;
      return this;
    }

    /** Sets the tap and bias initialisation (default Glorot taps, zero bias; {@code withoutBias()} for none). */
    public Builder init(LayerInit i) {
      this.init = i;
      return this;
    }

    /** Creates the filter with parameters drawn from {@code seed}. */
    public GraphFilter build(long seed) {
      return new GraphFilter(this, seed);
    }
  }
}
