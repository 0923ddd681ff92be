package rrm.optim;

import java.util.List;
import rrm.nn.Module;
import rrm.nn.Parameter;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (PyTorch semantics):
 * <pre>
 *   g ← g + λ w                      (weight decay λ, default 0)
 *   b ← μ b + g   (b = g on the first step)      (momentum μ, default 0)
 *   d = g + μ b  if Nesterov, else b
 *   w ← w − lr · d
 * </pre>
 * With μ = 0 this is plain w ← w − lr g.
 */
public final class Sgd extends Optimizer {
  private double momentum;
  private boolean nesterov;
  private double weightDecay;
  private final double[][] buffer;

  private Sgd(List<Parameter> parameters, double lr) {
    super(parameters, lr);
    buffer = new double[parts()][];
  }

  /** SGD over {@code parameters} with learning rate {@code lr}. */
  public static Sgd of(List<Parameter> parameters, double lr) {
    return new Sgd(parameters, lr);
  }

  /** SGD over every parameter of {@code model}. */
  public static Sgd of(Module model, double lr) {
    return new Sgd(model.parameters(), lr);
  }

  /** Sets the momentum μ in [0, 1). */
  public Sgd momentum(double mu) {
    check("Sgd", "momentum", mu, 0, Math.nextDown(1.0));
    this.momentum = mu;
    return this;
  }

  /** Uses Nesterov momentum (needs momentum > 0). */
  public Sgd nesterov() {
    this.nesterov = true;
    return this;
  }

  /** Sets the L2 weight decay λ ≥ 0 (added to the gradient). */
  public Sgd weightDecay(double lambda) {
    check("Sgd", "weight decay", lambda, 0, Double.MAX_VALUE);
    this.weightDecay = lambda;
    return this;
  }

  @Override
  protected void update(int part, double[] w, double[] g) {
    if (nesterov && momentum == 0) throw new IllegalStateException("Sgd: Nesterov momentum needs momentum > 0");
    double lr = learningRate();
    boolean first = buffer[part] == null;
    if (momentum > 0 && first) buffer[part] = new double[w.length];
    double[] b = buffer[part];
    for (int i = 0; i < w.length; i++) {
      double gi = g[i] + weightDecay * w[i];
      if (momentum > 0) {
        b[i] = first ? gi : momentum * b[i] + gi;
        gi = nesterov ? gi + momentum * b[i] : b[i];
      }
      w[i] -= lr * gi;
    }
  }

  /** Describes the optimizer and its settings (recorded in checkpoints, so it must not depend on the instance). */
  @Override
  public String toString() {
    return "sgd lr " + Settings.number(learningRate())
        + (momentum != 0 ? " momentum " + Settings.number(momentum) + (nesterov ? " nesterov" : "") : "")
        + (weightDecay != 0 ? " weight decay " + Settings.number(weightDecay) : "");
  }
}
