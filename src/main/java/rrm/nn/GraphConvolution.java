package rrm.nn;

import java.util.ArrayList;
import java.util.List;
import rrm.tensor.Random;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Graph convolution with several shift operators, each with its own weight:
 * <pre>  Z = act( Σ_s S_s X Ω_s + b )</pre>
 * with shifts S_s (dense {@code [B, N, N]} or diagonal {@code [B, N]}, see {@link Shift}), features X
 * {@code [B, N, in]}, weights Ω_s {@code [in, out]} and Z {@code [B, N, out]}. With shifts (diag(G), Gᵀ) this is
 * the GCN form Z = act(D X Ω1 + S X Ω2 + b) of UWMMSE's Ψ (paper 002 eq. 12) and of the UWMMSE-MIMO GCN
 * (paper 001); the paper-specific wiring stays in the model package.
 *
 * <p>Bias: one vector b {@code [out]} by default, or one per shift ({@link Builder#biasPerShift()}, parameters
 * b0, b1, ...) to reproduce code that adds a bias after each branch (the authors' code of paper 002: same function,
 * different Adam dynamics). Each product is taken on the narrower side: S (X Ω) when out ≤ in, (S X) Ω otherwise.
 * Weight s is parameter {@code w<s>} (stream s); the biases use streams shifts, shifts+1, ...
 */
public final class GraphConvolution extends Module {
  private final int shifts;
  private final int in;
  private final int out;
  private final List<Parameter> weights = new ArrayList<>();
  private final List<Parameter> biases = new ArrayList<>();
  private final Activation activation;

  private GraphConvolution(Builder b, long seed) {
    this.shifts = b.shifts;
    this.in = b.in;
    this.out = b.out;
    this.activation = b.activation;
    for (int s = 0; s < shifts; s++) {
      weights.add(param("w" + s, b.init.weight().create(Random.stream(seed, s), in, out, in, out)));
    }
    if (b.init.hasBias()) {
      int count = b.biasPerShift ? shifts : 1;
      for (int s = 0; s < count; s++) {
        String name = b.biasPerShift ? "b" + s : "bias";
        biases.add(param(name, b.init.bias().create(Random.stream(seed, shifts + s), in, out, out)));
      }
    }
  }

  /** Starts a convolution from {@code in} to {@code out} features (default: two shifts, identity activation). */
  public static Builder of(int in, int out) {
    return new Builder(in, out);
  }

  /** Returns Z for features X {@code [B, N, in]} and one shift per weight, in the order of the weights. */
  public Tensor apply(Tensor x, Shift... s) {
    if (s.length != shifts) {
      throw new IllegalArgumentException("GraphConvolution.apply: the layer has " + shifts + " shift weights, got "
          + s.length + " shifts");
    }
    if (x.dim() < 2 || x.size(-1) != in) {
      throw new IllegalArgumentException("GraphConvolution.apply: features must be [..., N, " + in + "], got shape "
          + Shape.str(x.shape()));
    }
    Tensor z = null;
    for (int k = 0; k < shifts; k++) {
      Tensor w = weights.get(k).value();
      Tensor term = out <= in ? s[k].apply(x.matmul(w)) : s[k].apply(x).matmul(w);
      z = z == null ? term : z.add(term);
    }
    for (Parameter b : biases) z = z.add(b.value());
    return activation.apply(z);
  }

  /** Returns the weights Ω_s. */
  public List<Parameter> weights() {
    return List.copyOf(weights);
  }

  /** Returns the bias vectors (empty, one, or one per shift). */
  public List<Parameter> biases() {
    return List.copyOf(biases);
  }

  /** Collects the options of a {@link GraphConvolution}. */
  public static final class Builder {
    private final int in;
    private final int out;
    private int shifts = 2;
    private Activation activation = Activation.IDENTITY;
    private LayerInit init = LayerInit.glorot();
    private boolean biasPerShift;

    private Builder(int in, int out) {
      if (in < 1 || out < 1) {
        throw new IllegalArgumentException("GraphConvolution.of: widths must be >= 1, got in = " + in + ", out = "
            + out);
      }
      this.in = in;
      this.out = out;
    }

    /** Sets the number of shift operators (default 2). */
    public Builder shifts(int n) {
      if (n < 1) throw new IllegalArgumentException("GraphConvolution: shifts must be >= 1, got " + n);
      this.shifts = n;
      return this;
    }

    /** Sets the activation (default identity). */
    public Builder activation(Activation a) {
      this.activation = a;
      return this;
    }

    /** Sets the weight and bias initialisation (default Glorot weights, zero bias). */
    public Builder init(LayerInit i) {
      this.init = i;
      return this;
    }

    /** Keeps one bias vector per shift instead of one in total. */
    public Builder biasPerShift() {
      this.biasPerShift = true;
      return this;
    }

    /** Creates the layer with parameters drawn from {@code seed}. */
    public GraphConvolution build(long seed) {
      return new GraphConvolution(this, seed);
    }
  }
}
