package rrm.nn;

/**
 * Complex dense affine layer y = x W + b with complex W {@code [in, out]} and complex b {@code [out]}; x is
 * {@code [..., in]}, real or complex, and y is complex {@code [..., out]}.
 *
 * <p>The parameters are complex tensors; optimizers treat their real and imaginary parts as two real tensors and
 * their gradients follow the conjugate-Wirtinger convention (dL/dRe + i dL/dIm). Default initialisation: each part
 * Glorot uniform, zero bias ({@link LayerInit#complexGlorot()}); paper 004 uses {@link Initializer#complexNormal}.
 */
public class ComplexLinear extends Linear {
  /** A layer with Glorot-uniform real and imaginary weight parts and a zero bias. */
  public ComplexLinear(int in, int out, long seed) {
    this(in, out, seed, LayerInit.complexGlorot());
  }

  /** A layer initialised by {@code init}, whose initialisers must produce complex tensors. */
  public ComplexLinear(int in, int out, long seed, LayerInit init) {
    super(in, out, seed, init);
    if (!weight().value().isComplex() || (bias() != null && !bias().value().isComplex())) {
      throw new IllegalArgumentException("ComplexLinear: the initialisers must produce complex tensors (use"
          + " Initializer.complexGlorotUniform(), complexNormal(...) or complexZeros()); use Linear for real weights");
    }
  }
}
