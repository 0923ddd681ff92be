package rrm.model.uwmmse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rrm.model.gnn.Regnn;
import rrm.model.gnn.RegnnShift;
import rrm.nn.Init;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.nn.Shift;
import rrm.solver.WmmseSiso;
import rrm.solver.WmmseState;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Chunks;
import rrm.tensor.Random;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * UWMMSE: WMMSE unrolled into K layers whose weight update is learned (Chowdhury et al., paper 002 §III, eqs.
 * 5-8). Starting from full power {@code v^(0) = sqrt(pmax) 1}, layer k computes
 *
 * <pre>
 *   a^(k) = Psi(G; theta_a^(k)),  b^(k) = Psi(G; theta_b^(k))             (5), two GCNs per layer ({@link Gcn})
 *   (u, w, v)^(k) = WmmseSiso.step(G, v^(k-1), a^(k), b^(k), mu^(k))    (6)-(8), w = a gamma'(e) + b  (7)/(10)
 * </pre>
 *
 * and the output is {@code p = (v^(K))^2}. The update is the very {@link WmmseSiso#step} the classical solver runs,
 * so with a = 1, b = 0, mu = 0 ({@link #applyAsWmmse}) the network is truncated WMMSE. Channels are
 * {@code G [B, M, M]} with row = receiver; the GCN shift is set by {@link UwmmseConfig#shift()}. With
 * {@link UwmmseConfig#withPsi} an REGNN ({@link RegnnPsi}, Fig. 3(c)) replaces each GCN; its normalised shift is then
 * computed once per batch for all 2K modules, and node features are refused.
 *
 * <pre>{@code
 * Uwmmse model = new Uwmmse(UwmmseConfig.defaults());                  // 212 parameters
 * Tensor loss = Utility.sumRate().loss(problem, model.apply(problem).powers());   // eq. (9)
 * loss.backward();
 * }</pre>
 */
public final class Uwmmse extends Module implements Method<SisoProblem, Powers> {
  private final UwmmseConfig config;
  private final List<Layer> layers = new ArrayList<>();

  /** One unrolled layer: the Ψ networks for a and b (GCNs, or REGNNs for Fig. 3(c)) and the optional mu. */
  static final class Layer extends Module {
    final Module a;
    final Module b;
    final Parameter mu;

    Layer(UwmmseConfig c, long seed) {
      a = child("a", psi(c, Random.stream(seed, 0)));
      b = child("b", psi(c, Random.stream(seed, 1)));
      mu = c.mu() ? param("mu", Init.constant(0, 1)) : null;
    }

    private static Module psi(UwmmseConfig c, long seed) {
      if (!c.psi().isRegnn()) return new Gcn(c.features(), c.hidden(), c.biases(), seed);
      Regnn.Builder r = Regnn.builder().layers(2).order(2).pmax(1.0);
      if (c.psi() == PsiKind.REGNN_IDENTITY_START) r.identityStart();
      return new RegnnPsi(r.build(seed));
    }

    /** Returns Ψ {@code [B, M]} of one module for the pass's shared inputs (GCN input or REGNN shift). */
    static Tensor coefficients(Module psi, GcnInput x, Shift s) {
      return psi instanceof Gcn gcn ? gcn.apply(x) : ((RegnnPsi) psi).apply(s);
    }
  }

  /** Creates the network; layer k's parameters are drawn from {@code Random.stream(config.seed(), k)}. */
  public Uwmmse(UwmmseConfig config) {
    if (config == null) throw new IllegalArgumentException("Uwmmse: config must not be null");
    this.config = config;
    for (int k = 1; k <= config.layers(); k++) layers.add(child("layer" + k, new Layer(config, Random.stream(config.seed(), k))));
  }

  /** Returns the configuration. */
  public UwmmseConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "UWMMSE-" + config.layers();
  }

  /** Returns the forward pass (every layer's state) on {@code problem} with node features Q = 1. */
  public Trajectory apply(SisoProblem problem) {
    return apply(problem, null);
  }

  /**
   * Returns the forward pass on {@code problem} with node features {@code q} ({@code [M, F']} shared by the batch,
   * {@code [B, M, F']} per sample, or null for ones). Gradients are recorded unless called under
   * {@link Autograd#noGrad()}; without recording, large batches run in parallel chunks ({@link Chunks}), with the
   * same result.
   */
  public Trajectory apply(SisoProblem problem, Tensor q) {
    return run(problem, q, false);
  }

  /**
   * Returns the forward pass with every {@code a = 1, b = 0, mu = 0} forced through the same update: truncated
   * WMMSE with K iterations, whatever the parameters.
   */
  public Trajectory applyAsWmmse(SisoProblem problem) {
    return run(problem, null, true);
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    return allocate(problem, null);
  }

  /** Returns the output powers {@code [B, M]} for node features {@code q}, without gradients, in parallel chunks. */
  public Powers allocate(SisoProblem problem, Tensor q) {
    check(problem);
    return Powers.concat(Chunks.map(problem.batch(), Chunks.DEFAULT_SIZE,
        (from, to) -> Powers.of(forward(problem.slice(from, to), slice(q, from, to), false).powers())));
  }

  private Trajectory run(SisoProblem problem, Tensor q, boolean asWmmse) {
    check(problem);
    if (Autograd.enabled() || problem.batch() <= Chunks.DEFAULT_SIZE) return forward(problem, q, asWmmse);
    List<Trajectory> parts = Chunks.map(problem.batch(), Chunks.DEFAULT_SIZE,
        (from, to) -> forward(problem.slice(from, to), slice(q, from, to), asWmmse));
    List<LayerState> joined = new ArrayList<>();
    for (int k = 1; k <= config.layers(); k++) {
      int layer = k;
      joined.add(new LayerState(join(parts, layer, LayerState::a), join(parts, layer, LayerState::b),
          join(parts, layer, LayerState::u), join(parts, layer, LayerState::w), join(parts, layer, LayerState::v)));
    }
    return new Trajectory(joined);
  }

  private Trajectory forward(SisoProblem h, Tensor q, boolean asWmmse) {
    int b = h.batch(), m = h.links();
    boolean regnn = config.psi().isRegnn();
    if (regnn && q != null) {
      throw new IllegalArgumentException("Uwmmse.apply: an REGNN Ψ starts from z0 = 1 and takes no node features, "
          + "so features must be null, got " + Shape.str(q.shape()));
    }
    GcnInput x = asWmmse || regnn ? null
        : new GcnInput(h, features("Uwmmse.apply", q, h, config.features()), config.shift(), config.biases());
    Shift shift = asWmmse || !regnn ? null : RegnnShift.of(h.amplitudes());
    Tensor ones = asWmmse ? Tensor.ones(b, m) : null;
    Tensor zeros = asWmmse ? Tensor.zeros(b, m) : null;
    Tensor zeroMu = asWmmse ? Tensor.zeros(1) : null;
    Tensor v = WmmseSiso.initial(h);
    List<LayerState> out = new ArrayList<>(layers.size());
    for (Layer layer : layers) {
      Tensor a = asWmmse ? ones : Layer.coefficients(layer.a, x, shift);
      Tensor bb = asWmmse ? zeros : Layer.coefficients(layer.b, x, shift);
      Tensor mu = asWmmse ? zeroMu : layer.mu == null ? null : layer.mu.value();
      WmmseState s = WmmseSiso.step(h, v, a, bb, mu, config.weightUpdate());
      out.add(new LayerState(a, bb, s.u(), s.w(), s.v()));
      v = s.v();
    }
    return new Trajectory(out);
  }

  private static void check(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("Uwmmse.apply: problem must not be null");
  }

  /** Returns validated node features: ones {@code [M, 1]} for null, else q checked against M and F'. */
  static Tensor features(String op, Tensor q, SisoProblem h, int fPrime) {
    int b = h.batch(), m = h.links();
    if (q == null) {
      if (fPrime != 1) {
        throw new IllegalArgumentException(op + ": the model expects " + fPrime + " node features per node (F'), "
            + "so features cannot be omitted (null means the single all-ones feature)");
      }
      return Tensor.ones(m, 1);
    }
    boolean shared = q.dim() == 2 && q.size(0) == m;
    boolean perSample = q.dim() == 3 && q.size(0) == b && q.size(1) == m;
    if (!shared && !perSample) {
      throw new IllegalArgumentException(op + ": features must be [" + m + ", F'] or [" + b + ", " + m
          + ", F'] to match channels of shape [" + b + ", " + m + ", " + m + "], got " + Shape.str(q.shape()));
    }
    if (q.size(-1) != fPrime) {
      throw new IllegalArgumentException(op + ": features have " + q.size(-1) + " columns, the model was built for "
          + fPrime + " (UwmmseConfig.features)");
    }
    if (q.isComplex()) throw new IllegalArgumentException(op + ": features must be real");
    Shape.finite(op, "features", q);
    return q;
  }

  private static Tensor slice(Tensor q, int from, int to) {
    return q == null || q.dim() == 2 ? q : Chunks.slice(q, from, to);
  }

  private static Tensor join(List<Trajectory> parts, int k, java.util.function.Function<LayerState, Tensor> field) {
    return Chunks.concat(parts.stream().map(t -> field.apply(t.layer(k))).toList());
  }

  @Override
  public String toString() {
    List<String> parts = config.psi().isRegnn()
        ? Arrays.asList(config.layers() + " layers", "Ψ " + config.psi().name(), config.mu() ? "mu" : "no mu",
            config.weightUpdate().name() + " weights")
        : Arrays.asList(config.layers() + " layers", "F=" + config.hidden(), "F'=" + config.features(),
            config.shift().name(), config.biases() ? "biases" : "no biases", config.mu() ? "mu" : "no mu",
            config.weightUpdate().name() + " weights");
    return super.toString().replaceFirst("Uwmmse", "Uwmmse " + parts);
  }
}
