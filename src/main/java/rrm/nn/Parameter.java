package rrm.nn;

import java.util.Arrays;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/** A named trainable tensor: a leaf that requires a gradient. Optimizers update {@link #value()} in place. */
public final class Parameter {
  private final String name;
  private final Tensor value;

  private Parameter(String name, Tensor value) {
    this.name = name;
    this.value = value;
  }

  /** Returns a parameter holding a copy of {@code init}. */
  public static Parameter of(String name, Tensor init) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Parameter.of: name must not be blank");
    return new Parameter(name, init.copy().requiresGrad(true));
  }

  /** Returns the name, unique within its module tree (for example {@code layer1.gcnA.w1}). */
  public String name() {
    return name;
  }

  /** Returns the live tensor (use it in forward passes; its gradient fills on backward). */
  public Tensor value() {
    return value;
  }

  /** Returns the accumulated gradient, or null. */
  public Tensor grad() {
    return value.grad();
  }

  /** Clears the accumulated gradient. */
  public void zeroGrad() {
    value.zeroGrad();
  }

  /** Returns the shape. */
  public int[] shape() {
    return value.shape();
  }

  /** Returns the number of real scalars (complex entries count twice). */
  public int count() {
    return value.numel() * (value.isComplex() ? 2 : 1);
  }

  /** Overwrites the values with those of {@code t}, which must have the same shape and kind. */
  public void set(Tensor t) {
    if (!Arrays.equals(t.shape(), value.shape()) || t.isComplex() != value.isComplex()) {
      throw new IllegalArgumentException("Parameter.set: " + name + " has shape " + Shape.str(value.shape())
          + (value.isComplex() ? " complex" : " real") + ", got " + Shape.str(t.shape())
          + (t.isComplex() ? " complex" : " real"));
    }
    System.arraycopy(t.data(), 0, value.data(), 0, t.numel());
    if (t.isComplex()) System.arraycopy(t.imagData(), 0, value.imagData(), 0, t.numel());
  }

  @Override
  public String toString() {
    return name + " " + Shape.str(value.shape()) + (value.isComplex() ? " complex" : "");
  }
}
