package rrm.optim;

import java.util.List;
import rrm.nn.Module;
import rrm.nn.Parameter;

/**
 * NovoGrad (Ginsburg et al.) as TensorFlow Addons runs it with its defaults (the optimiser of paper 001): a
 * <em>scalar</em> second moment per real tensor (a complex parameter is two real tensors, each with its own v):
 * <pre>
 *   v ← ‖g‖²  on the first step,   v ← β2 v + (1 − β2) ‖g‖²  afterwards
 *   ĝ = g / (sqrt(v) + ε) + λ w                (weight decay λ, default 0)
 *   m ← β1 m − lr ĝ,   w ← w + m               (Keras momentum form)
 * </pre>
 * Defaults β1 = 0.9, β2 = 0.999, ε = 1e-7. Gradient averaging and AMSGrad are not implemented (off in paper 001's
 * setting).
 */
public final class NovoGrad extends Optimizer {
  private double beta1 = 0.9;
  private double beta2 = 0.999;
  private double eps = 1e-7;
  private double weightDecay;
  private final double[][] m;
  private final double[] v;
  private final boolean[] started;

  private NovoGrad(List<Parameter> parameters, double lr) {
    super(parameters, lr);
    m = new double[parts()][];
    v = new double[parts()];
    started = new boolean[parts()];
  }

  /** NovoGrad over {@code parameters} with learning rate {@code lr}. */
  public static NovoGrad of(List<Parameter> parameters, double lr) {
    return new NovoGrad(parameters, lr);
  }

  /** NovoGrad over every parameter of {@code model}. */
  public static NovoGrad of(Module model, double lr) {
    return new NovoGrad(model.parameters(), lr);
  }

  /** Sets β1 and β2, each in [0, 1). */
  public NovoGrad betas(double b1, double b2) {
    check("NovoGrad", "beta1", b1, 0, Math.nextDown(1.0));
    check("NovoGrad", "beta2", b2, 0, Math.nextDown(1.0));
    this.beta1 = b1;
    this.beta2 = b2;
    return this;
  }

  /** Sets ε > 0. */
  public NovoGrad eps(double e) {
    check("NovoGrad", "eps", e, Double.MIN_VALUE, 1);
    this.eps = e;
    return this;
  }

  /** Sets the weight decay λ ≥ 0. */
  public NovoGrad weightDecay(double lambda) {
    check("NovoGrad", "weight decay", lambda, 0, Double.MAX_VALUE);
    this.weightDecay = lambda;
    return this;
  }

  @Override
  protected void update(int part, double[] w, double[] g) {
    double sq = 0;
    for (double gi : g) sq += gi * gi;
    v[part] = started[part] ? beta2 * v[part] + (1 - beta2) * sq : sq;
    started[part] = true;
    if (m[part] == null) m[part] = new double[w.length];
    double[] mp = m[part];
    double scale = 1 / (Math.sqrt(v[part]) + eps);
    double lr = learningRate();
    for (int i = 0; i < w.length; i++) {
      mp[i] = beta1 * mp[i] - lr * (g[i] * scale + weightDecay * w[i]);
      w[i] += mp[i];
    }
  }

  /** Returns the optimizer and its hyperparameters as checkpoint settings record them ("novograd lr 0.01 ..."). */
  @Override
  public String toString() {
    return "novograd lr " + Settings.number(learningRate()) + " betas " + Settings.number(beta1) + "/"
        + Settings.number(beta2) + " eps " + Settings.number(eps)
        + (weightDecay != 0 ? " weight decay " + Settings.number(weightDecay) : "");
  }
}
