package rrm.optim;

import java.util.ArrayList;
import java.util.List;
import rrm.nn.Parameter;
import rrm.tensor.Tensor;

/**
 * Updates a fixed list of parameters from their accumulated gradients, one {@link #step()} at a time.
 *
 * <p>Every optimizer works on real tensors ("parts"): a real parameter is one part, a complex parameter two (its
 * real and imaginary arrays), so complex parameters are optimised as pairs of reals with per-component state, as
 * PyTorch does (as paper 004's training needs). The gradient of a complex parameter is dL/dRe + i dL/dIm, so each part
 * gets the derivative with respect to itself. A parameter without a gradient (unused in the last backward) is skipped
 * and its state left unchanged. Subclasses implement {@link #update}; values are updated in place.
 */
public abstract class Optimizer {
  private final List<Parameter> parameters;
  private final int[] partSizes;
  private double learningRate;
  private long steps;

  protected Optimizer(List<Parameter> parameters, double learningRate) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": the parameter list is empty");
    }
    this.parameters = List.copyOf(parameters);
    List<Integer> sizes = new ArrayList<>();
    for (Parameter p : this.parameters) {
      sizes.add(p.value().numel());
      if (p.value().isComplex()) sizes.add(p.value().numel());
    }
    this.partSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
    setLearningRate(learningRate);
  }

  /** Applies one update to every parameter that has a gradient. */
  public final void step() {
    steps++;
    int part = 0;
    for (Parameter p : parameters) {
      Tensor w = p.value();
      Tensor g = p.grad();
      if (g != null) {
        update(part, w.data(), g.data());
        if (w.isComplex()) update(part + 1, w.imagData(), g.isComplex() ? g.imagData() : new double[w.numel()]);
      }
      part += w.isComplex() ? 2 : 1;
    }
  }

  /**
   * Updates one real part in place: {@code w} are its values, {@code g} the gradient of the loss with respect to
   * them; {@code part} indexes per-part state (0 ≤ part < {@link #parts()}).
   */
  protected abstract void update(int part, double[] w, double[] g);

  /** Clears every parameter's gradient. */
  public void zeroGrad() {
    for (Parameter p : parameters) p.zeroGrad();
  }

  /** Returns the current learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** Sets the learning rate (schedules call this before each step). */
  public void setLearningRate(double lr) {
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": the learning rate must be finite and >= 0,"
          + " got " + lr);
    }
    this.learningRate = lr;
  }

  /** Returns the optimised parameters. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Returns the number of {@link #step()} calls so far. */
  public long stepCount() {
    return steps;
  }

  /** Returns the number of real parts (a complex parameter counts twice). */
  protected int parts() {
    return partSizes.length;
  }

  /** Returns the number of values of one part. */
  protected int partSize(int part) {
    return partSizes[part];
  }

  static void check(String optimizer, String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(optimizer + ": " + name + " must lie in [" + lo + ", " + hi + "], got "
          + value);
    }
  }
}
