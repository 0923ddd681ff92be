package rrm.model.unrolled;

import java.util.Map;
import rrm.nn.Activation;
import rrm.nn.Init;
import rrm.nn.Mlp;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * One UPGDNet layer ({@link UpgdLayer}) for the toy problem {@link ResourceQp}: the framework of the USRMNet paper
 * (§II, Alg. 1 and 2) with nothing of USRMNet's radio problem in it.
 *
 * <ul>
 *   <li>step sizes {@code eta_i = softplus(N_eta(z_i(x0)))}, one per task;
 *   <li>the gradient step on f, {@code x_hat = x0 - eta * d (x0 - e)};
 *   <li>the correction {@code N_x(z_i(x_hat))} added before the projection;
 *   <li>the projection onto C_1, {@code clamp(x, 0, u)}: exact; the budget C_2 is learned through the penalty of
 *       {@link PrimalDual} (multi-task loss with learned scales, dual ascent on its multiplier).
 * </ul>
 *
 * Both networks are MLPs {@value #FEATURES} -> hidden -> 1 (tanh) applied to every task with shared weights, on the
 * task features {@code z_i(x) = [ln d_i, e_i, u_i, a_i, x_i, (sum_j a_j x_j - b) / b]}; the last feature is the only
 * coupling between tasks. So the layer is equivariant to relabelling the tasks and runs for any n.
 */
public final class ResourceQpLayer extends Module {
  /** Task features seen by both networks. */
  public static final int FEATURES = 6;

  private final int hidden;
  private final long seed;
  private final double dualStep;
  private final Mlp stepNet;
  private final Mlp correctionNet;
  private final Parameter scales;
  private final UpgdLayer<ResourceQp> upgd;
  private final PrimalDual duals;

  /**
   * Returns a fresh layer with {@code hidden} units per network (streams 0 and 1 of {@code seed}), loss scales
   * {@code s = [0, 0]} and the multiplier of C_2 at 0 with dual step {@code dualStep >= 0}.
   */
  public ResourceQpLayer(int hidden, double dualStep, long seed) {
    if (hidden < 1) throw new IllegalArgumentException("ResourceQpLayer: hidden must be >= 1, got " + hidden);
    this.hidden = hidden;
    this.seed = seed;
    this.dualStep = dualStep;
    stepNet = child("eta", Mlp.of(FEATURES, hidden, 1).hidden(Activation.TANH).output(Activation.SOFTPLUS)
        .build(Random.stream(seed, 0)));
    correctionNet = child("correction", Mlp.of(FEATURES, hidden, 1).hidden(Activation.TANH)
        .build(Random.stream(seed, 1)));
    scales = param("scales", Init.constant(0, 2));
    upgd = new UpgdLayer<>(this::stepSizes, ResourceQp::gradient, this::correction, ResourceQp::box);
    duals = new PrimalDual(1, dualStep);
  }

  /** Returns the settings that describe the layer in checkpoints. */
  public Map<String, String> settings() {
    return Map.of("model", "resource-qp-upgd", "hidden", Integer.toString(hidden), "dual_step",
        Double.toString(dualStep), "seed", Long.toString(seed));
  }

  /** Returns the layer's output {@code x [B, n]} from input points {@code x0 [B, n]}. */
  public Tensor apply(ResourceQp qp, Tensor x0) {
    return upgd.apply(qp, x0);
  }

  /** Returns the step sizes {@code [B, n]} at {@code x0}. */
  public Tensor stepSizes(ResourceQp qp, Tensor x0) {
    return stepNet.apply(features(qp, x0)).squeeze(2);
  }

  /** Returns the correction {@code [B, n]} at {@code xHat}. */
  public Tensor correction(ResourceQp qp, Tensor xHat) {
    return correctionNet.apply(features(qp, xHat)).squeeze(2);
  }

  /** Returns the task features {@code z(x) [B, n, 6]}. */
  public static Tensor features(ResourceQp qp, Tensor x) {
    int n = qp.size();
    Tensor excess = qp.coupled(x).div(qp.budget().unsqueeze(1)).mul(Tensor.ones(1, n));
    return Tensor.stack(2, qp.curvature().log(), qp.target(), qp.cap(), qp.price(), x, excess);
  }

  /**
   * Returns the training loss of one mini-batch (USRMNet paper eq. 6): {@code L_1 = mean_b f(x)},
   * {@code L_2 = lambda mean_b [g]^+} with {@code g = sum a x - b}, combined with the learned scales; then takes the
   * dual step with the batch's constraint values.
   */
  public Tensor trainingLoss(ResourceQp qp, Tensor x0) {
    Tensor x = apply(qp, x0);
    Tensor g = qp.coupled(x);
    Tensor loss = PrimalDual.multiTaskLoss(qp.objective(x).mean(), duals.penalty(g), scales.value());
    duals.ascend(g.detach());
    return loss;
  }

  /** Returns the loss of input points {@code x0} with the current multiplier (no dual step). */
  public Tensor loss(ResourceQp qp, Tensor x0) {
    Tensor x = apply(qp, x0);
    return PrimalDual.multiTaskLoss(qp.objective(x).mean(), duals.penalty(qp.coupled(x)), scales.value());
  }

  /** Returns the current multiplier of C_2. */
  public double multiplier() {
    return duals.multipliers()[0];
  }
}
