package rrm.optim;

import java.util.List;
import rrm.nn.Module;
import rrm.nn.Parameter;

/**
 * RMSProp in two flavours, chosen by the factory:
 * <pre>
 *   s ← ρ s + (1 − ρ) g²
 *   {@link #torch}: w ← w − lr · g / (sqrt(s) + ε),      s₀ = 0, ρ = 0.99, ε = 1e-8  (PyTorch defaults)
 *   {@link #tf1}:   w ← w − lr · g / sqrt(s + ε),        s₀ = 1, ρ = 0.9,  ε = 1e-10 (TensorFlow 1 RMSPropOptimizer)
 * </pre>
 * Sun et al.'s MLP (the baseline [23] of paper 002) trained with TF1's {@code RMSPropOptimizer(lr, 0.9)}: use {@code
 * RmsProp.tf1}. Both flavours accept momentum μ (a velocity b ← μ b + step; w ← w − b), default 0.
 */
public final class RmsProp extends Optimizer {
  private double decay;
  private double eps;
  private double momentum;
  private final boolean tfStyle;
  private final double[][] s;
  private final double[][] velocity;

  private RmsProp(List<Parameter> parameters, double lr, boolean tfStyle) {
    super(parameters, lr);
    this.tfStyle = tfStyle;
    this.decay = tfStyle ? 0.9 : 0.99;
    this.eps = tfStyle ? 1e-10 : 1e-8;
    s = new double[parts()][];
    velocity = new double[parts()][];
  }

  /** PyTorch's RMSprop (ρ = 0.99, ε = 1e-8 outside the root, zero initial mean square). */
  public static RmsProp torch(List<Parameter> parameters, double lr) {
    return new RmsProp(parameters, lr, false);
  }

  /** TensorFlow 1's RMSPropOptimizer (ρ = 0.9, ε = 1e-10 inside the root, mean square starting at 1). */
  public static RmsProp tf1(List<Parameter> parameters, double lr) {
    return new RmsProp(parameters, lr, true);
  }

  /** TensorFlow 1 flavour over every parameter of {@code model}. */
  public static RmsProp tf1(Module model, double lr) {
    return tf1(model.parameters(), lr);
  }

  /** PyTorch flavour over every parameter of {@code model}. */
  public static RmsProp torch(Module model, double lr) {
    return torch(model.parameters(), lr);
  }

  /** Sets the decay ρ in [0, 1). */
  public RmsProp decay(double rho) {
    check("RmsProp", "decay", rho, 0, Math.nextDown(1.0));
    this.decay = rho;
    return this;
  }

  /** Sets ε > 0. */
  public RmsProp eps(double e) {
    check("RmsProp", "eps", e, Double.MIN_VALUE, 1);
    this.eps = e;
    return this;
  }

  /** Sets the momentum μ in [0, 1). */
  public RmsProp momentum(double mu) {
    check("RmsProp", "momentum", mu, 0, Math.nextDown(1.0));
    this.momentum = mu;
    return this;
  }

  @Override
  protected void update(int part, double[] w, double[] g) {
    if (s[part] == null) {
      s[part] = new double[w.length];
      if (tfStyle) java.util.Arrays.fill(s[part], 1.0);
      if (momentum > 0) velocity[part] = new double[w.length];
    }
    double[] sp = s[part], vel = velocity[part];
    double lr = learningRate();
    for (int i = 0; i < w.length; i++) {
      sp[i] = decay * sp[i] + (1 - decay) * g[i] * g[i];
      double d = lr * g[i] / (tfStyle ? Math.sqrt(sp[i] + eps) : Math.sqrt(sp[i]) + eps);
      if (vel != null) {
        vel[i] = momentum * vel[i] + d;
        d = vel[i];
      }
      w[i] -= d;
    }
  }

  /** Returns the optimizer and its hyperparameters as checkpoint settings record them ("rmsprop-tf1 lr ..."). */
  @Override
  public String toString() {
    return "rmsprop" + (tfStyle ? "-tf1" : "") + " lr " + Settings.number(learningRate()) + " decay "
        + Settings.number(decay) + " eps " + Settings.number(eps)
        + (momentum != 0 ? " momentum " + Settings.number(momentum) : "");
  }
}
