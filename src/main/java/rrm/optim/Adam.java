package rrm.optim;

import java.util.List;
import rrm.nn.Module;
import rrm.nn.Parameter;

/**
 * Adam (Kingma and Ba) with PyTorch semantics by default; t counts this part's updates:
 * <pre>
 *   g ← g + λ w                                   (coupled L2 weight decay λ, default 0; see {@link AdamW})
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²
 *   w ← w − lr · m̂ / (sqrt(v̂) + ε),   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
 * </pre>
 * Defaults β1 = 0.9, β2 = 0.999, ε = 1e-8.
 *
 * <p>{@link #tf1()} switches to TensorFlow 1's form, which the authors' code of paper 002 ran:
 * {@code lr_t = lr · sqrt(1 − β2^t) / (1 − β1^t)} and {@code w ← w − lr_t · m / (sqrt(v) + ε)}. This is the
 * PyTorch form with ε replaced by ε / sqrt(1 − β2^t), so the two differ only while that factor is far from 1
 * (the first few thousand steps with β2 = 0.999) and only where sqrt(v̂) is not much larger than ε.
 */
public class Adam extends Optimizer {
  private double beta1 = 0.9;
  private double beta2 = 0.999;
  private double eps = 1e-8;
  private double weightDecay;
  private boolean tf1;
  private final double[][] m;
  private final double[][] v;
  private final long[] t;

  Adam(List<Parameter> parameters, double lr) {
    super(parameters, lr);
    m = new double[parts()][];
    v = new double[parts()][];
    t = new long[parts()];
  }

  /** Adam over {@code parameters} with learning rate {@code lr}. */
  public static Adam of(List<Parameter> parameters, double lr) {
    return new Adam(parameters, lr);
  }

  /** Adam over every parameter of {@code model}. */
  public static Adam of(Module model, double lr) {
    return new Adam(model.parameters(), lr);
  }

  /** Sets β1 and β2, each in [0, 1). */
  public Adam betas(double b1, double b2) {
    check(name(), "beta1", b1, 0, Math.nextDown(1.0));
    check(name(), "beta2", b2, 0, Math.nextDown(1.0));
    this.beta1 = b1;
    this.beta2 = b2;
    return this;
  }

  /** Sets ε > 0. */
  public Adam eps(double e) {
    check(name(), "eps", e, Double.MIN_VALUE, 1);
    this.eps = e;
    return this;
  }

  /** Sets the weight decay λ ≥ 0 (coupled L2 for Adam, decoupled for {@link AdamW}). */
  public Adam weightDecay(double lambda) {
    check(name(), "weight decay", lambda, 0, Double.MAX_VALUE);
    this.weightDecay = lambda;
    return this;
  }

  /** Uses TensorFlow 1's update form (see the class comment). */
  public Adam tf1() {
    this.tf1 = true;
    return this;
  }

  /** Returns the weight decay λ. */
  public double weightDecay() {
    return weightDecay;
  }

  /** Returns whether weight decay is decoupled from the gradient (AdamW). */
  protected boolean decoupled() {
    return false;
  }

  private String name() {
    return getClass().getSimpleName();
  }

  /** Returns the optimizer and its hyperparameters as checkpoint settings record them ("adam-tf1 lr 0.001 ..."). */
  @Override
  public String toString() {
    String kind = decoupled() ? "adamw" : "adam";
    return kind + (tf1 ? "-tf1" : "") + " lr " + Settings.number(learningRate()) + " betas "
        + Settings.number(beta1) + "/" + Settings.number(beta2) + " eps " + Settings.number(eps)
        + (weightDecay != 0 ? " weight decay " + Settings.number(weightDecay) : "");
  }

  @Override
  protected void update(int part, double[] w, double[] g) {
    if (m[part] == null) {
      m[part] = new double[w.length];
      v[part] = new double[w.length];
    }
    double[] mp = m[part], vp = v[part];
    long step = ++t[part];
    double lr = learningRate();
    double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
    double decay = decoupled() ? 1 - lr * weightDecay : 1;
    double coupled = decoupled() ? 0 : weightDecay;
    double lrT = lr * Math.sqrt(c2) / c1;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i] + coupled * w[i];
      mp[i] = beta1 * mp[i] + (1 - beta1) * gi;
      vp[i] = beta2 * vp[i] + (1 - beta2) * gi * gi;
      w[i] *= decay;
      w[i] -= tf1 ? lrT * mp[i] / (Math.sqrt(vp[i]) + eps) : lr * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + eps);
    }
  }
}
