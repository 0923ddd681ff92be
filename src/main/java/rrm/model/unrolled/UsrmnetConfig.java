package rrm.model.unrolled;

/**
 * Architecture and training constants of one USRMNet layer (USRMNet paper §III-D, §IV).
 *
 * @param users K (the correction network reads the K gains of each user, so a model serves one K)
 * @param hidden hidden width of both graph networks (32)
 * @param taps graph-filter taps of both networks (1: no message passing)
 * @param glorot Glorot-uniform weights instead of the authors' uniform [0, 1)
 * @param initialScale the starting value of both loss scales s (1)
 * @param dualStep the dual step eps_lambda (1e-4)
 * @param preStep the direction of the gradient step before the correction: {@link PreStep#PAPER} descends on
 *     f = -(10a) as the paper's Alg. 1 writes it; {@link PreStep#CODE} moves the other way, as the authors' code does
 */
public record UsrmnetConfig(int users, int hidden, int taps, boolean glorot, double initialScale, double dualStep,
    PreStep preStep) {
  /** The sign of the preliminary gradient step of a layer (the paper and the authors' code disagree). */
  public enum PreStep {
    /** x_hat = x - eta grad f, f = -(10a) (paper Alg. 1): varphi up, theta down, the objective improves. */
    PAPER,
    /** x_hat = x + eta grad f (the authors' code): varphi down, theta up. */
    CODE;

    /** Returns the factor of grad f in x_hat = x - eta * factor * grad f: +1 (paper) or -1 (code). */
    public double sign() {
      return this == PAPER ? 1 : -1;
    }
  }

  /** Returns a configuration with the paper's pre-step sign. */
  public UsrmnetConfig(int users, int hidden, int taps, boolean glorot, double initialScale, double dualStep) {
    this(users, hidden, taps, glorot, initialScale, dualStep, PreStep.PAPER);
  }

  public UsrmnetConfig {
    if (preStep == null) throw new IllegalArgumentException("UsrmnetConfig: preStep must not be null");
    if (users < 1 || hidden < 1 || taps < 1) {
      throw new IllegalArgumentException("UsrmnetConfig: users, hidden and taps must be >= 1, got " + users + ", "
          + hidden + ", " + taps);
    }
    if (!Double.isFinite(initialScale) || !(dualStep >= 0)) {
      throw new IllegalArgumentException("UsrmnetConfig: need a finite initial scale and a dual step >= 0, got "
          + initialScale + ", " + dualStep);
    }
  }

  /** Returns the paper's layer for K users: width 32, one tap, uniform [0, 1) weights, s = [1, 1], eps 1e-4. */
  public static UsrmnetConfig paper(int users) {
    return new UsrmnetConfig(users, 32, 1, false, 1.0, 1e-4);
  }

  /** Returns a copy with both loss scales starting at {@code s}. */
  public UsrmnetConfig withInitialScale(double s) {
    return new UsrmnetConfig(users, hidden, taps, glorot, s, dualStep, preStep);
  }

  /** Returns a copy with pre-step sign {@code sign}. */
  public UsrmnetConfig withPreStep(PreStep sign) {
    return new UsrmnetConfig(users, hidden, taps, glorot, initialScale, dualStep, sign);
  }
}
