package rrm.nn;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Batch normalisation over the last axis (Ioffe and Szegedy, 2015): each of the C features is centred and scaled by
 * statistics over every other axis, then given a learned scale γ and shift β,
 *
 * <pre>  y = γ (x - μ) / sqrt(σ² + ε) + β,   x {@code [..., C]}</pre>
 *
 * <ul>
 *   <li><b>Training mode</b> ({@link Module#setTraining}): μ and σ² are the mean and biased variance of the batch
 *       (all leading axes together), gradients flow through them, and every forward pass moves the running
 *       statistics toward them: {@code m <- (1 - α) m + α μ}, {@code v <- (1 - α) v + α σ² n / (n - 1)} with
 *       momentum α and the unbiased variance of the n rows.</li>
 *   <li><b>Inference mode</b> (the default): μ and σ² are the running statistics, so an output depends on its own
 *       input only.</li>
 * </ul>
 * γ starts at 1 and β at 0; the running mean at 0 and the running variance at 1. ε = 1e-5 and α = 0.1, as in
 * PyTorch's {@code BatchNorm1d}. The running statistics are buffers: saved and restored with the parameters.
 * Real inputs only.
 */
public final class BatchNorm extends Module {
  /** The ε added to the variance. */
  public static final double EPS = 1e-5;
  /** The momentum α of the running statistics. */
  public static final double MOMENTUM = 0.1;

  private final int features;
  private final Parameter scale;
  private final Parameter shift;
  private final Tensor runningMean;
  private final Tensor runningVar;

  /** Returns batch normalisation of C features. */
  public BatchNorm(int features) {
    if (features < 1) throw new IllegalArgumentException("BatchNorm: features must be >= 1, got " + features);
    this.features = features;
    this.scale = param("scale", Tensor.full(1.0, features));
    this.shift = param("shift", Tensor.zeros(features));
    this.runningMean = buffer("runningMean", Tensor.zeros(features));
    this.runningVar = buffer("runningVar", Tensor.full(1.0, features));
  }

  /** Returns the normalised x {@code [..., C]}, with the batch's statistics in training mode (see the class). */
  public Tensor apply(Tensor x) {
    if (x.dim() == 0 || x.size(-1) != features || x.isComplex()) {
      throw new IllegalArgumentException("BatchNorm.apply: input has shape " + Shape.str(x.shape())
          + (x.isComplex() ? " complex" : "") + ", expected a real tensor with a last axis of size " + features);
    }
    int rows = x.numel() / features;
    Tensor flat = x.reshape(rows, features);
    Tensor normalised;
    if (isTraining()) {
      if (rows < 2) {
        throw new IllegalArgumentException("BatchNorm.apply: training mode needs at least 2 rows per feature to"
            + " estimate a variance, got input shape " + Shape.str(x.shape()));
      }
      Tensor mean = flat.mean(0);
      Tensor centred = flat.sub(mean);
      Tensor var = centred.square().mean(0);
      normalised = centred.div(var.add(EPS).sqrt());
      track(mean.data(), var.data(), rows);
    } else {
      normalised = flat.sub(runningMean).div(runningVar.add(EPS).sqrt());
    }
    return normalised.mul(scale.value()).add(shift.value()).reshape(x.shape());
  }

  private void track(double[] mean, double[] var, int rows) {
    double[] m = runningMean.data();
    double[] v = runningVar.data();
    double unbiased = rows / (rows - 1.0);
    for (int c = 0; c < features; c++) {
      m[c] = (1 - MOMENTUM) * m[c] + MOMENTUM * mean[c];
      v[c] = (1 - MOMENTUM) * v[c] + MOMENTUM * var[c] * unbiased;
    }
  }

  /** Returns C. */
  public int features() {
    return features;
  }

  /** Returns γ {@code [C]}. */
  public Parameter scale() {
    return scale;
  }

  /** Returns β {@code [C]}. */
  public Parameter shift() {
    return shift;
  }

  /** Returns the running mean {@code [C]} (the live buffer). */
  public Tensor runningMean() {
    return runningMean;
  }

  /** Returns the running variance {@code [C]} (the live buffer). */
  public Tensor runningVar() {
    return runningVar;
  }
}
