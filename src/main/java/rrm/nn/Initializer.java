package rrm.nn;

import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * Creates the initial value of one parameter from its own seed and the fan-in/fan-out of the layer that owns it.
 * Layers pass {@code fanIn = in, fanOut = out} to both the weight and the bias initialiser, as PyTorch does.
 *
 * <p>Any lambda {@code (seed, fanIn, fanOut, shape) -> tensor} is an initialiser; for example Sun et al.'s output layer
 * (truncated normal divided by fan-in, the MLP baseline of paper 002) is
 * {@code (seed, fanIn, fanOut, shape) -> Init.truncatedNormal(seed, 1.0 / fanIn, shape)}.
 */
@FunctionalInterface
public interface Initializer {
  /** Returns a new tensor of the given shape drawn from the stream of {@code seed}. */
  Tensor create(long seed, int fanIn, int fanOut, int... shape);

  /** Glorot (Xavier) uniform U(±sqrt(6 / (fanIn + fanOut))), the Keras/TensorFlow default. */
  static Initializer glorotUniform() {
    return Init::glorotUniform;
  }

  /** PyTorch's default for {@code nn.Linear} weights and biases: U(±1/sqrt(fanIn)). */
  static Initializer torchDefault() {
    return (seed, fanIn, fanOut, shape) -> {
      double a = 1.0 / Math.sqrt(fanIn);
      return Init.uniform(seed, -a, a, shape);
    };
  }

  /** Normal(0, std²) truncated at two standard deviations (TensorFlow's {@code truncated_normal}). */
  static Initializer truncatedNormal(double std) {
    return (seed, fanIn, fanOut, shape) -> Init.truncatedNormal(seed, std, shape);
  }

  /** Truncated normal with standard deviation 1/sqrt(fanIn) (hidden layers of the MLP baseline of paper 002). */
  static Initializer truncatedNormalFanIn() {
    return (seed, fanIn, fanOut, shape) -> Init.truncatedNormal(seed, 1.0 / Math.sqrt(fanIn), shape);
  }

  /** Normal(0, std²). */
  static Initializer normal(double std) {
    return (seed, fanIn, fanOut, shape) -> Init.normal(seed, std, shape);
  }

  /** Every entry equal to {@code value}. */
  static Initializer constant(double value) {
    return (seed, fanIn, fanOut, shape) -> Init.constant(value, shape);
  }

  /** All zeros. */
  static Initializer zeros() {
    return constant(0);
  }

  /** A complex tensor whose real and imaginary parts come from {@code re} and {@code im} on independent streams. */
  static Initializer complex(Initializer re, Initializer im) {
    return (seed, fanIn, fanOut, shape) -> Tensor.complex(re.create(Random.stream(seed, 0), fanIn, fanOut, shape),
        im.create(Random.stream(seed, 1), fanIn, fanOut, shape));
  }

  /** Complex, each part Glorot uniform (Keras applied to the real and imaginary tensors, as for paper 001). */
  static Initializer complexGlorotUniform() {
    return complex(glorotUniform(), glorotUniform());
  }

  /** Circular complex normal CN(0, variance): E|z|² = variance, each part N(0, variance/2) (as for paper 004). */
  static Initializer complexNormal(double variance) {
    double std = Math.sqrt(variance / 2);
    return complex(normal(std), normal(std));
  }

  /** Complex zeros. */
  static Initializer complexZeros() {
    return (seed, fanIn, fanOut, shape) -> Tensor.complexZeros(shape);
  }
}
