package rrm.utility;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import rrm.tensor.Tensor;

/** The standard {@link Utility} instances, each a pair of tensor functions (beta, gamma'). */
final class Utilities {
  private Utilities() {}

  /** A utility given by its two functions. */
  record Of(String name, UnaryOperator<Tensor> betaFn, UnaryOperator<Tensor> gammaPrimeFn) implements Utility {
    @Override
    public Tensor beta(Tensor rates) {
      return betaFn.apply(rates);
    }

    @Override
    public Tensor gammaPrime(Tensor e) {
      return gammaPrimeFn.apply(e);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final Utility SUM_RATE = new Of("sum-rate", c -> c, Tensor::reciprocal);

  static final Utility PROPORTIONAL_FAIR =
      new Of("proportional fairness", Tensor::log, e -> e.mul(e.log().neg()).reciprocal());

  static final Utility HARMONIC =
      new Of("harmonic", c -> c.reciprocal().neg(), e -> e.mul(e.log().square()).reciprocal());

  static final Utility SUM_OF_SQUARES =
      new Of("sum of squares", Tensor::square, e -> e.log().mul(-2.0).div(e));

  static Utility weighted(double[] alpha) {
    if (alpha == null || alpha.length == 0) {
      throw new IllegalArgumentException("Utility.weightedSumRate: give one weight per link, got none");
    }
    for (int i = 0; i < alpha.length; i++) {
      if (!(alpha[i] > 0) || !Double.isFinite(alpha[i])) {
        throw new IllegalArgumentException("Utility.weightedSumRate: weight " + i + " must be positive and finite, got "
            + alpha[i]);
      }
    }
    Tensor a = Tensor.of(alpha.clone(), alpha.length);
    return new Of("weighted sum-rate " + Arrays.toString(alpha), c -> c.mul(checked(a, c)),
        e -> checked(a, e).div(e));
  }

  private static Tensor checked(Tensor alpha, Tensor x) {
    if (x.size(-1) != alpha.numel()) {
      throw new IllegalArgumentException("Utility.weightedSumRate: the utility has " + alpha.numel()
          + " weights but the rates have " + x.size(-1) + " links (shape " + Arrays.toString(x.shape()) + ")");
    }
    return alpha;
  }
}
