package rrm.nn;

/**
 * How a layer initialises its weights and its bias; a null bias initialiser means the layer has no bias.
 *
 * <p>Presets: {@link #glorot()} (Keras: Glorot-uniform weights, zero bias), {@link #torch()} (PyTorch
 * {@code nn.Linear}: weights and bias U(±1/sqrt(fanIn))), {@link #complexGlorot()} (each part Glorot, zero bias).
 * Copies with one part changed come from {@link #withWeight}, {@link #withBias} and {@link #withoutBias}.
 */
public record LayerInit(Initializer weight, Initializer bias) {
  public LayerInit {
    if (weight == null) throw new IllegalArgumentException("LayerInit: the weight initialiser must not be null");
  }

  /** Glorot-uniform weights and a zero bias (the Keras/TensorFlow default). */
  public static LayerInit glorot() {
    return new LayerInit(Initializer.glorotUniform(), Initializer.zeros());
  }

  /** PyTorch's {@code nn.Linear} default: weights and bias U(±1/sqrt(fanIn)). */
  public static LayerInit torch() {
    return new LayerInit(Initializer.torchDefault(), Initializer.torchDefault());
  }

  /** Complex weights with Glorot-uniform real and imaginary parts, complex zero bias. */
  public static LayerInit complexGlorot() {
    return new LayerInit(Initializer.complexGlorotUniform(), Initializer.complexZeros());
  }

  /** Returns a copy with another weight initialiser. */
  public LayerInit withWeight(Initializer w) {
    return new LayerInit(w, bias);
  }

  /** Returns a copy with another bias initialiser. */
  public LayerInit withBias(Initializer b) {
    return new LayerInit(weight, b);
  }

  /** Returns a copy without a bias. */
  public LayerInit withoutBias() {
    return new LayerInit(weight, null);
  }

  /** Returns whether layers built with this create a bias. */
  public boolean hasBias() {
    return bias != null;
  }
}
