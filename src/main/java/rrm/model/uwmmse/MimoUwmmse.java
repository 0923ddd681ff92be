package rrm.model.uwmmse;

import java.util.ArrayList;
import java.util.List;
import rrm.nn.Init;
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
 * UWMMSE for beamforming in the MIMO interference channel (Chowdhury et al., paper 001 §III, eqs. (5)-(13)): WMMSE
 * unrolled into layers whose weight update is learned, with one parameter set shared by all layers, links and nodes.
 * Channels {@code H [B, M, N_r, M, N_t]} (row = receiver), one stream (d = 1).
 *
 * <p>Once per sample, the graph (eq. (11), footnote 1): {@code s_ij = <omega, vec H_ij> + b}, rows normalised to zero
 * complex mean and unit standard deviation ({@code s~}); neighbour operator {@code A_nb = s~ + c 1 1^T}, diagonal
 * operator {@code A_d = diag(s~_ii)}. Layer k, starting from the common full-power precoder, is one
 * {@link WmmseMimo#step} (the classical solver's update) whose weight transform (8) is
 *
 * <pre>
 *   q_i   = [U_i; V_i^(k-1)]                                        [B, M, N_r + N_t]   node features (7)
 *   X^0   = lrelu(nu q + beta)                                      Cartesian leaky ReLU, slope 0.2
 *   X^l   = lrelu(A_d X^(l-1) Theta_l0 + b_l0 + A_nb X^(l-1) Theta_l1 + b_l1),  l = 1, 2     (12)-(13), widths F, G
 *   xi_i  = X^2_i = (a_i [5], c_i [5], e_i [5], f_i)
 *   w_i   = w^_i + relu(sum_h lrelu(w^_i a_ih + c_ih) e_ih + f_i)   residual weight MLP (8), Cartesian ReLU
 * </pre>
 *
 * and whose multiplier is the learned complex mu (9). With {@code Theta_2. = 0, b_2. = 0} the MLP output is 0, and
 * with mu = 0 as well every layer is one iteration of loaded WMMSE ({@code WmmseMimo.Rule.loaded}).
 *
 * <p>Every complex parameter is two real parameters ({@code .re}, {@code .im}), Glorot-uniform; 3302 real parameters
 * for {@link MimoUwmmseConfig#code()}.
 *
 * <pre>{@code
 * MimoUwmmse model = new MimoUwmmse(MimoUwmmseConfig.code());
 * model.loss(problem).backward();                       // -mean rate of the 1-layer network (training)
 * Beamformers v = model.allocate(problem);              // 3 layers, no gradients (inference)
 * }</pre>
 */
public final class MimoUwmmse extends Module implements Method<MimoProblem, Beamformers> {
  private final MimoUwmmseConfig config;
  private final Complex omega;
  private final Complex graphBias;
  private final Complex nu;
  private final Complex nuBias;
  private final Complex[] theta = new Complex[4];
  private final Complex[] bias = new Complex[4];
  private final Complex mu;

  /** A complex parameter held as its real and imaginary parts. */
  private final class Complex {
    final Parameter re;
    final Parameter im;

    Complex(String name, long seed, int fanIn, int fanOut, int... shape) {
      re = param(name + ".re", Init.glorotUniform(Random.stream(seed, 0), fanIn, fanOut, shape));
      im = param(name + ".im", Init.glorotUniform(Random.stream(seed, 1), fanIn, fanOut, shape));
    }

    Tensor value() {
      return Tensor.complex(re.value(), im.value());
    }
  }

  /** Creates the network; parameter n is drawn from {@code Random.stream(config.seed(), n)}. */
  public MimoUwmmse(MimoUwmmseConfig config) {
    if (config == null) throw new IllegalArgumentException("MimoUwmmse: config must not be null");
    this.config = config;
    long s = config.seed();
    int rt = config.rxAntennas() * config.txAntennas();
    int f0 = config.features(), f1 = config.hidden(), f2 = config.output();
    omega = new Complex("omega", Random.stream(s, 0), rt, 1, rt, 1);
    graphBias = new Complex("graph_bias", Random.stream(s, 1), 1, 1, 1);
    nu = new Complex("nu", Random.stream(s, 2), 1, 1, 1);
    nuBias = new Complex("nu_bias", Random.stream(s, 3), 1, 1, 1);
    int[] in = {f0, f0, f1, f1};
    int[] out = {f1, f1, f2, f2};
    for (int l = 0; l < 4; l++) {
      String name = "gcn" + (l / 2 + 1) + "." + (l % 2 == 0 ? "diag" : "neighbours");
      theta[l] = new Complex(name + ".theta", Random.stream(s, 4 + 2 * l), in[l], out[l], in[l], out[l]);
      bias[l] = new Complex(name + ".bias", Random.stream(s, 5 + 2 * l), out[l], out[l], out[l]);
    }
    mu = new Complex("mu", Random.stream(s, 12), 1, 1, 1);
  }

  /**
   * Returns a network with this one's parameters (copied) that runs {@code layers} layers at inference (the same
   * parameters serve any depth, §III-E).
   */
  public MimoUwmmse withInferenceLayers(int layers) {
    if (layers < 1) throw new IllegalArgumentException("MimoUwmmse.withInferenceLayers: layers must be >= 1, got "
        + layers);
    MimoUwmmse copy = new MimoUwmmse(config.withLayers(config.trainLayers(), layers));
    var mine = namedParameters();
    copy.namedParameters().forEach((name, p) -> p.set(mine.get(name).value()));
    return copy;
  }

  /**
   * Returns a copy (parameters copied, same depth) whose learned weight update adds nothing: the second GCN layer's
   * {@code Theta_2.} and {@code b_2.} are zero, so {@code phi = 0} and {@code w = w^} in every layer, while the learned
   * multiplier mu and the rest are kept. An ablation: what the network does with WMMSE's own weights.
   */
  public MimoUwmmse withoutLearnedWeight() {
    MimoUwmmse copy = withInferenceLayers(config.layers());
    for (int l = 2; l < 4; l++) {
      for (Complex c : new Complex[] {copy.theta[l], copy.bias[l]}) {
        c.re.set(Tensor.zeros(c.re.shape()));
        c.im.set(Tensor.zeros(c.im.shape()));
      }
    }
    return copy;
  }

  /** Returns the configuration. */
  public MimoUwmmseConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "UWMMSE-" + config.layers();
  }

  /**
   * Returns the precoders {@code [B, M, N_t, 1]} after {@code layers} layers, with gradients recorded unless called
   * under {@link Autograd#noGrad()}.
   */
  public Tensor apply(MimoProblem problem, int layers) {
    List<WmmseMimo.Step> steps = steps("MimoUwmmse.apply", problem, layers);
    return steps.isEmpty() ? WmmseMimo.initial(MimoSignals.of(problem)) : steps.get(layers - 1).v();
  }

  /**
   * Returns every layer's update (receivers, raw weights (6), learned weights (8), precoders) for {@code layers}
   * layers, with gradients recorded unless called under {@link Autograd#noGrad()}.
   */
  public List<WmmseMimo.Step> steps(MimoProblem problem, int layers) {
    return steps("MimoUwmmse.steps", problem, layers);
  }

  private List<WmmseMimo.Step> steps(String op, MimoProblem problem, int layers) {
    check(op, problem);
    if (layers < 0) throw new IllegalArgumentException(op + ": layers must be >= 0, got " + layers);
    MimoSignals s = MimoSignals.of(problem);
    Tensor[] graph = graph(problem.channels());
    Tensor m = mu.value();
    Tensor v = WmmseMimo.initial(s);
    List<WmmseMimo.Step> out = new ArrayList<>(layers);
    for (int k = 0; k < layers; k++) {
      WmmseMimo.Step step = WmmseMimo.step(s, v, config.rule(), (wHat, u, prev) -> weights(graph, wHat, u, prev), m);
      out.add(step);
      v = step.v();
    }
    return out;
  }

  /**
   * Returns the training loss of the {@link MimoUwmmseConfig#trainLayers()}-layer network: {@code -mean_b (1/M)
   * sum_i c_i} (per-user mean rate, the authors' code) or {@code -mean_b sum_i c_i} (eq. (14)), rates in bits/s/Hz.
   */
  public Tensor loss(MimoProblem problem) {
    Tensor rates = MimoRates.rates(problem, apply(problem, config.trainLayers()));
    return config.perUserLoss() ? rates.mean().neg() : rates.sum(-1).mean().neg();
  }

  /** Returns the {@link MimoUwmmseConfig#layers()}-layer precoders, without gradients, in parallel chunks. */
  @Override
  public Beamformers allocate(MimoProblem problem) {
    check("MimoUwmmse.allocate", problem);
    return Chunked.beamformers(problem, Chunks.DEFAULT_SIZE, p -> {
      try (var off = Autograd.noGrad()) {
        return Beamformers.of(apply(p, config.layers()));
      }
    });
  }

  /** Returns {@code {A_d [B, M, 1], A_nb [B, M, M]}} of channels {@code [B, M, N_r, M, N_t]} (eq. (11)). */
  private Tensor[] graph(Tensor h) {
    Tensor s = LinkScores.apply(h, omega.value()).add(graphBias.value());
    Tensor centred = s.sub(s.mean(-1, true));
    Tensor st = centred.div(centred.abs2().mean(-1, true).sqrt());
    return new Tensor[] {st.diag().unsqueeze(-1), st.add(config.offset())};
  }

  /** The learned weight transform (7)-(8) of one layer: raw weights {@code [B, M, 1, 1]} to weights. */
  private Tensor weights(Tensor[] graph, Tensor wHat, Tensor u, Tensor prev) {
    int b = wHat.size(0), m = wHat.size(1), h = config.mlpHidden();
    double slope = config.slope();
    Tensor q = Tensor.concat(2, u, prev).reshape(b, m, config.features());
    Tensor x = q.mul(nu.value()).add(nuBias.value()).leakyRelu(slope);
    for (int l = 0; l < 4; l += 2) {
      Tensor t1 = theta[l + 1].value();
      // A_nb X Theta: multiply by the M x M operator on the narrower side (fewer operations, same value)
      Tensor others = t1.size(0) <= t1.size(1) ? graph[1].matmul(x).matmul(t1) : graph[1].matmul(x.matmul(t1));
      Tensor own = graph[0].mul(x.matmul(theta[l].value()));
      x = own.add(others).add(bias[l].value().add(bias[l + 1].value())).leakyRelu(slope);
    }
    Tensor w = wHat.reshape(b, m, 1);
    Tensor hidden = w.mul(x.slice(2, 0, h)).add(x.slice(2, h, 2 * h)).leakyRelu(slope);
    Tensor phi = hidden.mul(x.slice(2, 2 * h, 3 * h)).sum(2, true).add(x.slice(2, 3 * h, 3 * h + 1)).relu();
    return wHat.add(phi.reshape(b, m, 1, 1));
  }

  private void check(String op, MimoProblem p) {
    if (p == null) throw new IllegalArgumentException(op + ": problem must not be null");
    if (p.rxAntennas() != config.rxAntennas() || p.txAntennas() != config.txAntennas()) {
      throw new IllegalArgumentException(op + ": the network was built for N_r = " + config.rxAntennas() + ", N_t = "
          + config.txAntennas() + " (its graph weights omega are N_r x N_t), got a problem with N_r = "
          + p.rxAntennas() + ", N_t = " + p.txAntennas() + ": " + p);
    }
    if (p.streams() != 1) {
      throw new IllegalArgumentException(op + ": the weight MLP acts on scalar weights, so the problem must have d = 1 "
          + "stream, got d = " + p.streams());
    }
    if (p.users() < 2) {
      throw new IllegalArgumentException(op + ": the row normalisation of the graph needs M >= 2 pairs (the standard "
          + "deviation of a single entry is 0), got M = " + p.users());
    }
  }
}
