package rrm.model.unrolled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import rrm.nn.Init;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.optim.Settings;
import rrm.solver.ProjectedGradient;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.FiniteBlocklength;

/**
 * One USRMNet layer (USRMNet paper §III-B–D): the {@link UpgdLayer} of problem (10) for fixed beams, on the point
 * {@code X = [q, varphi, phi, psi, theta] [B, K, 5]}, with
 *
 * <ul>
 *   <li>step sizes {@code eta = ReLU(mean_k N_eta(X_0))}, {@code N_eta} a {@link Hwgcn} 5 -> 32 -> 2: eta_1 for
 *       varphi and eta_2 for theta (the only variables of the objective);
 *   <li>the gradient step on {@code f = -sum_k alpha_k (ln(1 + varphi_k) - theta_c theta_k)}, alpha = 1/K:
 *       {@code varphi += eta_1 alpha / (1 + varphi)}, {@code theta -= eta_2 alpha theta_c} with the paper's sign
 *       ({@link UsrmnetConfig.PreStep#PAPER}), the opposite move with the authors' code's sign
 *       ({@link UsrmnetConfig.PreStep#CODE});
 *   <li>the correction {@code N_x([G | X_hat])}, a {@link Hwgcn} (K + 5) -> 32 -> 5 whose row k reads user k's gains
 *       on every beam;
 *   <li>the projections onto C_1 in this order: q onto the capped simplex {sum q <= P, q >= 0} (exact), varphi >=
 *       nu_3, phi <= gamma~, psi >= V(nu_3), psi <= V(gamma~), every entry >= 0 (the authors' final clamp);
 * </ul>
 *
 * and, for training, the loss scales {@code s [2]} and the multipliers of the coupled constraints (10h)–(10k)
 * ({@link PrimalDual}, one per constraint and user, reset to 0 for every fresh layer).
 */
public final class UsrmnetLayer extends Module {
  /** Columns of X: q, varphi, phi, psi, theta. */
  public static final int FEATURES = 5;
  /** Coupled constraints per user: (10h), (10i), (10j), (10k). */
  public static final int CONSTRAINTS = 4;
  /** Mini-batches per row of the training trace. */
  public static final int TRACE_EVERY = 100;

  private final UsrmnetConfig config;
  private final Hwgcn stepNet;
  private final Hwgcn correctionNet;
  private final Parameter scales;
  private final UpgdLayer<UsrmnetStage> upgd;
  private final PrimalDual duals;
  private final List<double[]> trace = new ArrayList<>();
  private final double[] acc = new double[8];
  private int steps;

  /** Returns a fresh layer: networks from streams 0 and 1 of {@code seed}, scales at the config's initial value. */
  public UsrmnetLayer(UsrmnetConfig config, long seed) {
    if (config == null) throw new IllegalArgumentException("UsrmnetLayer: config must not be null");
    this.config = config;
    int k = config.users(), h = config.hidden();
    stepNet = child("eta", new Hwgcn(new int[] {FEATURES, h, 2}, config.taps(), config.glorot(),
        Random.stream(seed, 0)));
    correctionNet = child("correction", new Hwgcn(new int[] {k + FEATURES, h, FEATURES}, config.taps(),
        config.glorot(), Random.stream(seed, 1)));
    scales = param("scales", Init.constant(config.initialScale(), 2));
    upgd = new UpgdLayer<>(this::stepSizes, this::preStepGradient,
        this::correction, UsrmnetLayer::project);
    duals = new PrimalDual(CONSTRAINTS * k, config.dualStep());
  }

  /** Returns the layer's configuration. */
  public UsrmnetConfig config() {
    return config;
  }

  /**
   * Returns the settings that describe the layer in checkpoints. The paper's pre-step sign is the default and adds
   * no entry (layers trained before the sign became a setting keep their checkpoints); the code's sign adds
   * {@code pre_step=CODE}.
   */
  public Map<String, String> settings() {
    Map<String, String> s = Settings.of("", config);
    if (config.preStep() == UsrmnetConfig.PreStep.PAPER) s.remove("pre_step");
    return s;
  }

  /** Returns the output point {@code X [B, K, 5]} of input point {@code x0 [B, K, 5]} on stage {@code st}. */
  public Tensor apply(UsrmnetStage st, Tensor x0) {
    check(st, x0);
    return upgd.apply(st, x0);
  }

  /** Returns the step sizes {@code [B, 1, 5]}: eta_1 on the first four columns, eta_2 on theta. */
  public Tensor stepSizes(UsrmnetStage st, Tensor x0) {
    Tensor eta = stepNet.apply(x0, shift(st)).mean(1, true).relu();
    Tensor e1 = eta.slice(2, 0, 1), e2 = eta.slice(2, 1, 2);
    return Tensor.concat(2, e1, e1, e1, e1, e2);
  }

  /** Returns the correction {@code N_x([G | x_hat])} {@code [B, K, 5]}. */
  public Tensor correction(UsrmnetStage st, Tensor xHat) {
    return correctionNet.apply(Tensor.concat(2, st.gains(), xHat), shift(st));
  }

  private Tensor shift(UsrmnetStage st) {
    return config.taps() > 1 ? st.gains() : null;
  }

  /** Returns the gradient the pre-step follows: {@link #gradient} times the config's pre-step sign. */
  private Tensor preStepGradient(UsrmnetStage st, Tensor x) {
    Tensor g = gradient(st, x);
    return config.preStep() == UsrmnetConfig.PreStep.PAPER ? g : g.neg();
  }

  /** Returns the gradient {@code [B, K, 5]} of {@code f = -(10a)}: {@code -alpha / (1 + varphi)} and {@code alpha theta_c}. */
  public static Tensor gradient(UsrmnetStage st, Tensor x) {
    int b = x.size(0), k = x.size(1);
    double alpha = 1.0 / k;
    Tensor zero = Tensor.zeros(b, k, 1);
    Tensor gPhi = x.slice(2, 1, 2).add(1).reciprocal().mul(-alpha);
    return Tensor.concat(2, zero, gPhi, zero, zero, Tensor.full(alpha * st.theta(), b, k, 1));
  }

  /** Returns the projection of {@code x [B, K, 5]} onto the simple constraints C_1 of problem (10). */
  public static Tensor project(UsrmnetStage st, Tensor x) {
    Tensor q = ProjectedGradient.cappedSimplex(x.slice(2, 0, 1).squeeze(2), st.pMax()).unsqueeze(2);
    Tensor varphi = x.slice(2, 1, 2).clampMin(st.nu3());
    Tensor phi = x.slice(2, 2, 3).minimum(st.ceiling());
    Tensor psi = x.slice(2, 3, 4).clampMin(st.nu3Dispersion()).minimum(st.ceilingDispersion());
    return Tensor.concat(2, q, varphi, phi, psi, x.slice(2, 4, 5)).clampMin(0);
  }

  /**
   * Returns the coupled constraints {@code g [B, K, 4]} of point x with the stage's beams ({@code g <= 0} holds):
   * (10h) {@code varphi - gamma}, (10i) {@code gamma - phi}, (10j) {@code V(phi) - psi}, (10k)
   * {@code sqrt(psi) - theta}, with the uplink SINR {@code gamma_k = q_k G_kk / (sum_{l != k} q_l G_lk + 1)}.
   */
  public static Tensor constraints(UsrmnetStage st, Tensor x) {
    int k = x.size(1);
    Tensor q = x.slice(2, 0, 1).squeeze(2);
    Tensor eye = Tensor.eye(k);
    Tensor signal = q.mul(st.gains().diag());
    Tensor interference = q.unsqueeze(1).matmul(st.gains().mul(eye.rsub(1))).squeeze(1);
    Tensor gamma = signal.div(interference.add(1));
    Tensor varphi = x.select(2, 1), phi = x.select(2, 2), psi = x.select(2, 3), theta = x.select(2, 4);
    return Tensor.stack(2, varphi.sub(gamma), gamma.sub(phi), FiniteBlocklength.dispersion(phi).sub(psi),
        psi.sqrt().sub(theta));
  }

  /** Returns the objective (10a) {@code u = sum_k alpha_k (ln(1 + varphi_k) - theta_c theta_k)} {@code [B]}. */
  public static Tensor objective(UsrmnetStage st, Tensor x) {
    int k = x.size(1);
    return x.select(2, 1).log1p().sub(x.select(2, 4).mul(st.theta())).sum(-1).div(k);
  }

  /**
   * Returns the training loss (paper eq. 19) of one mini-batch, {@code L_1 = mean_b exp(-u_b)} and
   * {@code L_2 = sum_{c,k} lambda_{c,k} mean_b [g]^+}, then takes the dual step with the batch's constraints.
   */
  public Tensor trainingLoss(UsrmnetStage st, Tensor x0) {
    Tensor x = apply(st, x0);
    Tensor g = constraints(st, x);
    Tensor l1 = objective(st, x).neg().exp().mean(), l2 = duals.penalty(g);
    Tensor loss = PrimalDual.multiTaskLoss(l1, l2, scales.value());
    duals.ascend(g.detach());
    record(objective(st, x).detach().mean().item(), loss.item(), g.detach(), l1.item(), l2.item());
    return loss;
  }

  /**
   * Returns the training trace: one row per {@value #TRACE_EVERY} mini-batches, the means over them of
   * {@code [step, objective (10a), loss (19), V_b, s_1, s_2, L_1, L_2]} (step = the last mini-batch, 1-based).
   */
  public List<double[]> trace() {
    return Collections.unmodifiableList(trace);
  }

  private void record(double objective, double loss, Tensor g, double l1, double l2) {
    double[] gv = g.data();
    double v = 0;
    for (double x : gv) v += Math.max(0, x);
    double[] sc = scales.value().data();
    double[] row = {0, objective, loss, v / gv.length, sc[0], sc[1], l1, l2};
    for (int i = 1; i < row.length; i++) acc[i] += row[i];
    steps++;
    if (steps % TRACE_EVERY == 0) {
      double[] mean = new double[acc.length];
      mean[0] = steps;
      for (int i = 1; i < acc.length; i++) mean[i] = acc[i] / TRACE_EVERY;
      trace.add(mean);
      Arrays.fill(acc, 0);
    }
  }

  /** Returns the loss (paper eq. 19) of input points {@code x0} with the current multipliers (no dual step). */
  public Tensor loss(UsrmnetStage st, Tensor x0) {
    Tensor x = apply(st, x0);
    return loss(st, x, constraints(st, x));
  }

  private Tensor loss(UsrmnetStage st, Tensor x, Tensor g) {
    Tensor l1 = objective(st, x).neg().exp().mean();
    return PrimalDual.multiTaskLoss(l1, duals.penalty(g), scales.value());
  }

  /** Returns the current loss scales s (a copy). */
  public double[] scales() {
    return scales.value().toArray();
  }

  /** Returns the current multipliers {@code [4K]} ((10h..k) per user, user-major). */
  public double[] multipliers() {
    return duals.multipliers();
  }

  private void check(UsrmnetStage st, Tensor x0) {
    if (st == null || x0 == null) throw new IllegalArgumentException("UsrmnetLayer.apply: stage and x0 must not be null");
    int k = config.users();
    if (x0.dim() != 3 || x0.size(1) != k || x0.size(2) != FEATURES || st.users() != k || st.batch() != x0.size(0)) {
      throw new IllegalArgumentException("UsrmnetLayer.apply: the layer is built for K = " + k + ": x0 must be [B, "
          + k + ", 5] and the gains [B, " + k + ", " + k + "], got x0 " + java.util.Arrays.toString(x0.shape())
          + " and gains " + java.util.Arrays.toString(st.gains().shape()));
    }
  }
}
