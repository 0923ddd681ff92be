package rrm.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * Multilayer perceptron over the last axis: for widths (d0, d1, ..., dL),
 * {@code x_l = act_l(x_{l-1} W_l + b_l)} with W_l {@code [d_{l-1}, d_l]}; hidden layers use the hidden activation
 * and the last layer the output activation. Shapes: {@code [..., d0] -> [..., dL]}.
 *
 * <p>Build with {@code Mlp.of(5, 32, 32).hidden(Activation.RELU).output(Activation.RELU).init(LayerInit.torch())
 * .build(seed)}. Layer l is a {@link Linear} child named {@code layer<l-1>} seeded with stream l-1 of the seed.
 * With {@link Builder#batchNorm()}, every hidden layer normalises before its activation,
 * {@code x_l = act(BN_l(x_{l-1} W_l + b_l))}, with a {@link BatchNorm} child named {@code norm<l-1>}.
 */
public final class Mlp extends Module {
  private final int[] widths;
  private final List<Linear> layers = new ArrayList<>();
  private final List<BatchNorm> norms = new ArrayList<>();
  private final Activation hidden;
  private final Activation output;

  private Mlp(Builder b, long seed) {
    this.widths = b.widths.clone();
    this.hidden = b.hidden;
    this.output = b.output;
    int n = widths.length - 1;
    for (int l = 0; l < n; l++) {
      LayerInit init = l == n - 1 && b.outputInit != null ? b.outputInit : b.init;
      layers.add(child("layer" + l, new Linear(widths[l], widths[l + 1], Random.stream(seed, l), init)));
      if (b.batchNorm && l < n - 1) norms.add(child("norm" + l, new BatchNorm(widths[l + 1])));
    }
  }

  /** Starts an MLP with the given widths (input first, at least two); defaults: ReLU hidden, identity output. */
  public static Builder of(int... widths) {
    return new Builder(widths);
  }

  /** Applies the layers: {@code [..., d0] -> [..., dL]}. */
  public Tensor apply(Tensor x) {
    for (int l = 0; l < layers.size(); l++) {
      x = layers.get(l).apply(x);
      if (l < norms.size()) x = norms.get(l).apply(x);
      x = (l == layers.size() - 1 ? output : hidden).apply(x);
    }
    return x;
  }

  /** Returns the widths (input first). */
  public int[] widths() {
    return widths.clone();
  }

  /** Returns the linear layers in order. */
  public List<Linear> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** Returns the batch normalisations of the hidden layers in order (empty without {@link Builder#batchNorm()}). */
  public List<BatchNorm> norms() {
    return Collections.unmodifiableList(norms);
  }

  /** Returns the hidden activation. */
  public Activation hiddenActivation() {
    return hidden;
  }

  /** Returns the output activation. */
  public Activation outputActivation() {
    return output;
  }

  @Override
  public String toString() {
    return "Mlp " + Arrays.toString(widths) + ", hidden " + hidden.name() + (norms.isEmpty() ? "" : " after batch"
        + " normalisation") + ", output " + output.name() + "\n"
        + super.toString();
  }

  /** Collects the options of an {@link Mlp}. */
  public static final class Builder {
    private final int[] widths;
    private Activation hidden = Activation.RELU;
    private Activation output = Activation.IDENTITY;
    private LayerInit init = LayerInit.glorot();
    private LayerInit outputInit;
    private boolean batchNorm;

    private Builder(int[] widths) {
      if (widths.length < 2) {
        throw new IllegalArgumentException("Mlp.of: needs at least an input and an output width, got "
            + Arrays.toString(widths));
      }
      for (int w : widths) {
        if (w < 1) throw new IllegalArgumentException("Mlp.of: widths must be >= 1, got " + Arrays.toString(widths));
      }
      this.widths = widths.clone();
    }

    /** Sets the activation after every layer but the last. */
    public Builder hidden(Activation a) {
      this.hidden = a;
      return this;
    }

    /** Sets the activation after the last layer. */
    public Builder output(Activation a) {
      this.output = a;
      return this;
    }

    /** Sets the initialisation of every layer (default Glorot weights, zero bias). */
    public Builder init(LayerInit i) {
      this.init = i;
      return this;
    }

    /** Sets a different initialisation for the last layer only. */
    public Builder outputInit(LayerInit i) {
      this.outputInit = i;
      return this;
    }

    /** Puts a {@link BatchNorm} between every hidden layer's affine map and its activation. */
    public Builder batchNorm() {
      this.batchNorm = true;
      return this;
    }

    /** Creates the MLP with parameters drawn from {@code seed}. */
    public Mlp build(long seed) {
      return new Mlp(this, seed);
    }
  }
}
