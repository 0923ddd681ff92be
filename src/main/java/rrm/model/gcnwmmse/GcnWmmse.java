package rrm.model.gcnwmmse;

import rrm.nn.Init;
import rrm.nn.ModRelu;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.solver.WmmseMimo;
import rrm.system.Beamformers;
import rrm.system.Chunked;
import rrm.system.Method;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Chunks;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;
import rrm.utility.MimoSignals;

/**
 * GCN-WMMSE (Schynol and Pesavento, paper 004 §III): textbook WMMSE unrolled into L layers, each with its own
 * parameters, in which the weight update is a graph filter on the weight matrix and the precoder update a one-layer
 * complex graph convolution over the antenna space whose shift operator is the loaded inverse of the precoder system.
 * Layer l, from precoders {@code V^(l-1)} (the common full-power start {@link WmmseMimo#initial} for l = 1):
 *
 * <pre>
 *   U_i, Ŵ_i          receive update (5)-(6) of {@link WmmseMimo#receive}
 *   W_i  = |a_0| I + sum_{g=1..G} |a_g| Ŵ_i^g / tau_i^(g-1),   tau_i = Re tr(Ŵ_i) / d          weight filter (12)
 *   R_j, ṽ_j, mu_j    the precoder system of {@link WmmseMimo#precoder} with the textbook multiplier (bisection,
 *                     differentiated through the implicit-function theorem): (R_j + mu_j I) x_j = ṽ_j = H_jj^H U_j W_j
 *   P~_j = x_j a_1^T + ṽ_j a_0^T                              [N_t, F] per stream                   (13)
 *   P_j  = P~_j + P_j^(l-1) D_l      (l >= 2; the skip carries the features before the nonlinearity)
 *   V̂_j  = modReLU(P_j, b sqrt(P_c / n_c) / b_S) c                                                  [N_t] per stream
 *   V_j  = V̂_j min(1, sqrt(P_c) / ||V̂||)   per transmitter                                          (15)
 * </pre>
 *
 * With F = 1, {@code a_1 = 1, a_0 = 0, b = 0, c = 1, D = 0} and taps {@code (0, 1, 0, ...)} a layer is one textbook
 * WMMSE iteration ({@link WmmseMimo.Rule#TEXTBOOK}). Every parameter is shared by all users and transmitters, so the
 * network is equivariant to relabelling them, and none depends on the antenna counts or the number of streams.
 *
 * <p>Parameters of layer l ({@code layer<l>.}): {@code taps [G+1]} (real, used as |a|, start 1/(G+1)),
 * {@code a1.re/.im, a0.re/.im, c.re/.im [F]} (CN(0, 1/(F+1))), {@code bias [F]} (real, start 0) and, from the second
 * layer on, {@code skip.re/.im [F, F]} (CN(0, 1/(2F))).
 *
 * <pre>{@code
 * GcnWmmse model = new GcnWmmse(GcnWmmseConfig.paper());
 * model.loss(problem).backward();
 * Beamformers v = model.allocate(problem);
 * }</pre>
 */
public final class GcnWmmse extends Module implements Method<MimoProblem, Beamformers> {
  private final GcnWmmseConfig config;
  private final Parameter[] taps;
  private final Parameter[][] a1;
  private final Parameter[][] a0;
  private final Parameter[][] c;
  private final Parameter[][] skip;
  private final ModRelu[] modRelu;

  /** Creates the network; layer l's parameter n is drawn from {@code Random.stream(Random.stream(seed, l), n)}. */
  public GcnWmmse(GcnWmmseConfig config) {
    if (config == null) throw new IllegalArgumentException("GcnWmmse: config must not be null");
    this.config = config;
    int l = config.layers(), f = config.features(), g = config.order();
    taps = new Parameter[l];
    a1 = new Parameter[l][];
    a0 = new Parameter[l][];
    c = new Parameter[l][];
    skip = new Parameter[l][];
    modRelu = new ModRelu[l];
    double filterStd = Math.sqrt(0.5 / (f + 1));
    for (int k = 0; k < l; k++) {
      String p = "layer" + k + ".";
      long s = Random.stream(config.seed(), k);
      taps[k] = param(p + "taps", Init.constant(1.0 / (g + 1), g + 1));
      a1[k] = complex(p + "a1", Random.stream(s, 0), filterStd, f);
      a0[k] = complex(p + "a0", Random.stream(s, 1), filterStd, f);
      modRelu[k] = child(p + "modrelu", new ModRelu(f));
      c[k] = complex(p + "c", Random.stream(s, 2), filterStd, f);
      if (k > 0) skip[k] = complex(p + "skip", Random.stream(s, 3), Math.sqrt(0.25 / f), f, f);
    }
  }

  private Parameter[] complex(String name, long seed, double std, int... shape) {
    return new Parameter[] {param(name + ".re", Init.normal(Random.stream(seed, 0), std, shape)),
        param(name + ".im", Init.normal(Random.stream(seed, 1), std, shape))};
  }

  private static Tensor value(Parameter[] p) {
    return Tensor.complex(p[0].value(), p[1].value());
  }

  /** Returns the configuration. */
  public GcnWmmseConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "GCN-WMMSE-" + config.layers();
  }

  /**
   * Returns the precoders {@code [B, K, N_t, d]} after {@code layers <= L} layers, with gradients recorded unless
   * called under {@link Autograd#noGrad()}.
   */
  public Tensor apply(MimoProblem problem, int layers) {
    check("GcnWmmse.apply", problem);
    if (layers < 0 || layers > config.layers()) {
      throw new IllegalArgumentException("GcnWmmse.apply: layers must be in [0, " + config.layers() + "] (each layer "
          + "has its own parameters), got " + layers);
    }
    MimoSignals s = MimoSignals.of(problem);
    Tensor scale = biasScale(s);
    WmmseMimo.Rule rule = new WmmseMimo.Rule(config.loading(), WmmseMimo.Multiplier.BISECTION);
    Tensor v = WmmseMimo.initial(s);
    Tensor features = null;
    for (int k = 0; k < layers; k++) {
      WmmseMimo.Receive r = WmmseMimo.receive(s, v, config.loading());
      Tensor w = weightFilter(k, r.wHat());
      if (s.weights() != null) w = w.mul(s.weights().unsqueeze(-1).unsqueeze(-1));
      WmmseMimo.Precoder sys = WmmseMimo.precoder(s, r.u(), w, rule, null);
      Tensor p = sys.solve().unsqueeze(-1).mul(value(a1[k])).add(sys.rhs().unsqueeze(-1).mul(value(a0[k])));
      if (k > 0) p = p.add(features.matmul(value(skip[k])));
      features = p;
      int f = config.features();
      Tensor vHat = modRelu[k].apply(p, scale).matmul(value(c[k]).reshape(f, 1)).squeeze(-1);
      v = WmmseMimo.project(s, vHat);
    }
    return v;
  }

  /** Returns {@code |a_0| I + sum_g |a_g| Ŵ^g / tau^(g-1)} for raw weights {@code [B, K, d, d]}. */
  private Tensor weightFilter(int k, Tensor wHat) {
    int d = wHat.size(-1), g = config.order();
    Tensor a = taps[k].value().abs();
    Tensor out = Tensor.eye(d).mul(a.slice(0, 0, 1));
    if (g == 0) return out.add(wHat.mul(0.0));
    Tensor tau = wHat.real().diag().sum(-1, true).unsqueeze(-1).div(d);          // [B, K, 1, 1]
    Tensor power = wHat;
    for (int q = 1; q <= g; q++) {
      if (q > 1) power = power.matmul(wHat).div(tau);
      out = out.add(power.mul(a.slice(0, q, q + 1)));
    }
    return out;
  }

  /** Returns {@code sqrt(P_c / n_c) / b_S} per user, shaped {@code [1, K, 1, 1, 1]} to scale the modReLU bias. */
  private Tensor biasScale(MimoSignals s) {
    int k = s.users();
    int[] owner = s.owner();
    double[] budgets = s.budgets();
    int[] served = new int[budgets.length];
    for (int o : owner) served[o]++;
    double[] out = new double[k];
    for (int j = 0; j < k; j++) out[j] = Math.sqrt(budgets[owner[j]] / served[owner[j]]) / config.biasScale();
    return Tensor.of(out, 1, k, 1, 1, 1);
  }

  /**
   * Returns the training loss of the L-layer network, rates in bit/s/Hz: with {@link GcnWmmseConfig#normalisedLoss}
   * {@code -mean_n R_n / |R_n|} ({@code R_n} the sum-rate of sample n, the divisor detached; paper 004 eq. (16)),
   * times the detached batch-mean rate per user with {@link GcnWmmseConfig#lossScale}; else {@code -mean_n R_n}.
   */
  public Tensor loss(MimoProblem problem) {
    Tensor sum = MimoRates.rates(problem, apply(problem, config.layers())).sum(-1);
    if (!config.normalisedLoss()) return sum.mean().neg();
    Tensor size = sum.detach().abs().clampMin(1e-12);
    Tensor loss = sum.div(size).mean().neg();
    return config.lossScale() ? loss.mul(sum.detach().mean().item() / problem.users()) : loss;
  }

  /** Returns the L-layer precoders, without gradients, in parallel chunks. */
  @Override
  public Beamformers allocate(MimoProblem problem) {
    check("GcnWmmse.allocate", problem);
    return Chunked.beamformers(problem, Chunks.DEFAULT_SIZE, p -> {
      try (var off = Autograd.noGrad()) {
        return Beamformers.of(apply(p, config.layers()));
      }
    });
  }

  private static void check(String op, MimoProblem p) {
    if (p == null) throw new IllegalArgumentException(op + ": problem must not be null");
  }
}
