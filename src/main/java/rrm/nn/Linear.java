package rrm.nn;

import rrm.tensor.Random;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Dense affine layer y = x W + b.
 *
 * <p>Shapes: x {@code [..., in]} (any leading axes, or just {@code [in]}), W {@code [in, out]}, b {@code [out]},
 * y {@code [..., out]}. W is stored input-major so that {@code x.matmul(W)} shares one weight matrix across all
 * leading axes without copying. Real or complex: the kind of W and b follows the initialiser; a complex W with a
 * real x gives a complex y.
 *
 * <p>Seeding: W is drawn from stream 0 of the layer seed and b from stream 1 ({@link Random#stream}).
 */
public class Linear extends Module {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  /** A layer with Glorot-uniform weights and a zero bias. */
  public Linear(int in, int out, long seed) {
    this(in, out, seed, LayerInit.glorot());
  }

  /** A layer initialised by {@code init} (no bias if {@code init} has none). */
  public Linear(int in, int out, long seed, LayerInit init) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Linear: in and out must be >= 1, got in = " + in + ", out = " + out);
    }
    this.in = in;
    this.out = out;
    this.weight = param("weight", init.weight().create(Random.stream(seed, 0), in, out, in, out));
    this.bias = init.hasBias() ? param("bias", init.bias().create(Random.stream(seed, 1), in, out, out)) : null;
  }

  /** Returns x W + b for x {@code [..., in]}. */
  public Tensor apply(Tensor x) {
    if (x.dim() == 0 || x.size(-1) != in) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ".apply: input has shape "
          + Shape.str(x.shape()) + ", expected a last axis of size " + in);
    }
    Tensor y = x.dim() == 1 ? x.unsqueeze(0).matmul(weight.value()).squeeze(0) : x.matmul(weight.value());
    return bias == null ? y : y.add(bias.value());
  }

  /** Returns the input width. */
  public int in() {
    return in;
  }

  /** Returns the output width. */
  public int out() {
    return out;
  }

  /** Returns the weight W {@code [in, out]}. */
  public Parameter weight() {
    return weight;
  }

  /** Returns the bias b {@code [out]}, or null. */
  public Parameter bias() {
    return bias;
  }
}
