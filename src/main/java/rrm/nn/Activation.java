package rrm.nn;

import java.util.function.UnaryOperator;
import rrm.tensor.Tensor;

/**
 * An elementwise nonlinearity with a name (the name goes into {@code toString} and checkpoint settings).
 *
 * <p>On complex tensors {@link #RELU} and {@link #leakyRelu} act on the real and imaginary parts separately
 * (Cartesian, as paper 001 needs); the others need real input. For the modulus-based complex ReLU see {@link ModRelu}.
 */
public interface Activation {
  /** Applies the nonlinearity elementwise. */
  Tensor apply(Tensor x);

  /** Returns the name, for example {@code relu} or {@code leakyRelu(0.2)}. */
  String name();

  /** Returns an activation from a name and a function. */
  static Activation of(String name, UnaryOperator<Tensor> f) {
    return new Activation() {
      @Override
      public Tensor apply(Tensor x) {
        return f.apply(x);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** y = x. */
  Activation IDENTITY = of("identity", x -> x);
  /** y = max(x, 0); gradient 0 at 0. */
  Activation RELU = of("relu", Tensor::relu);
  /** y = 1 / (1 + e^-x), computed stably. */
  Activation SIGMOID = of("sigmoid", Tensor::sigmoid);
  /** y = tanh(x). */
  Activation TANH = of("tanh", Tensor::tanh);
  /** y = log(1 + e^x), computed stably. */
  Activation SOFTPLUS = of("softplus", Tensor::softplus);
  /** y = min(max(x, 0), 6) / 6 in [0, 1]: the output of Sun et al.'s MLP (paper 002 ref. [23]). */
  Activation RELU6_OVER_6 = of("relu6/6", x -> x.clamp(0, 6).div(6));

  /** y = x for x > 0, slope * x otherwise. */
  static Activation leakyRelu(double slope) {
    return of("leakyRelu(" + slope + ")", x -> x.leakyRelu(slope));
  }
}
