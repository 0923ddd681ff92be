package rrm.nn;

import java.util.SplittableRandom;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/** Seeded initialisers. Every draw comes from the stream of an explicit seed. */
public final class Init {
  private Init() {}

  /** Glorot (Xavier) uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
  public static Tensor glorotUniform(long seed, int fanIn, int fanOut, int... shape) {
    double a = Math.sqrt(6.0 / (fanIn + fanOut));
    return uniform(seed, -a, a, shape);
  }

  /** Uniform on {@code [lo, hi)}. */
  public static Tensor uniform(long seed, double lo, double hi, int... shape) {
    return Tensor.rand(seed, shape).mul(hi - lo).add(lo);
  }

  /** Normal with mean 0 and the given standard deviation. */
  public static Tensor normal(long seed, double std, int... shape) {
    return Tensor.randn(seed, shape).mul(std);
  }

  /** Normal with mean 0 and the given standard deviation, redrawn until within two standard deviations. */
  public static Tensor truncatedNormal(long seed, double std, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] d = new double[rrm.tensor.Shape.size(shape)];
    for (int i = 0; i < d.length; i++) {
      double z;
      do {
        z = Random.normal(rng);
      } while (Math.abs(z) > 2);
      d[i] = std * z;
    }
    return Tensor.of(d, shape);
  }

  /** A constant tensor. */
  public static Tensor constant(double value, int... shape) {
    return Tensor.full(value, shape);
  }
}
