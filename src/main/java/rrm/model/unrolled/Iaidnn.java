package rrm.model.unrolled;

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
import rrm.utility.MimoSignals.Received;

/**
 * IAIDNN (Hu et al.): WMMSE with the budget absorbed into the objective ({@link WmmseMimo.Multiplier#NOISE_TRACE})
 * unrolled into L layers in which every matrix inverse is replaced by a learned first-order form
 * {@code inv(A) ≈ A^+ X + Z} ({@code A^+} the inverse of A's diagonal; X, Z learned) followed by a learned offset O.
 * Layer l, from precoders V (the common full-power start {@link WmmseMimo#initial} for l = 1), for user i with direct
 * signal {@code B_i = H_ii V_i} and receive covariance {@code J_i = N_i + B_i B_i^H} ({@link MimoSignals}):
 *
 * <pre>
 *   U_i = (J_i^+ X_u + Z_u [+ P_u J_i^{-1} Y_u]) B_i + O_u
 *   E_i = I - U_i^H B_i,      W_i = E_i^+ X_w + Z_w [+ P_w E_i^{-1} Y_w]
 *   S_j, r_j                  the precoder system of {@link WmmseMimo#precoder} with the noise-trace multiplier:
 *                             S_j = sum_i H_ij^H U_i W_i U_i^H H_ij + (sum_i sigma_i^2 tr(U_i W_i U_i^H) / P_j) I,
 *                             r_j = H_jj^H U_j W_j
 *   V̄_j = (S_j^+ X_v + Z_v [+ P_v S_j^{-1} Y_v]) r_j + O_v,   in the last layer V̄_j = S_j^{-1} r_j
 *   V_j = V̄_j min(1, sqrt(P_j) / ||V̄_j||_F)                                                          (projection)
 * </pre>
 *
 * The bracketed terms are the "improved" variant ({@link IaidnnConfig#improved}); with them and X = Z = O = 0,
 * P = Y = I every layer is one iteration of {@code MimoWmmse} with the rule {@code (loading, NOISE_TRACE)}. One
 * parameter set per layer is shared by all users, so the network is equivariant to relabelling them. Paper 001 adds
 * the projection so that every compared method meets the same per-transmitter budget.
 *
 * <p>Parameters of layer l ({@code layer<l>.}), each a complex matrix stored as {@code .re} and {@code .im}:
 * {@code u.x, u.z [R, R], u.o [R, d], w.x, w.z [d, d], v.x, v.z [T, T], v.o [T, d]} (no {@code v.} in the last
 * layer) and, improved, {@code u.p, u.y, w.p, w.y, v.p, v.y}; every real part uniform on ±initScale.
 */
public final class Iaidnn extends Module implements Method<MimoProblem, Beamformers> {
  private final IaidnnConfig config;
  private final Inverse[] receive;
  private final Inverse[] weight;
  private final Inverse[] transmit;

  /** The learned stand-in for {@code inv(A) rhs}: {@code (A^+ X + Z [+ P A^{-1} Y]) rhs + O}. */
  private final class Inverse {
    final Parameter[] x;
    final Parameter[] z;
    final Parameter[] p;
    final Parameter[] y;
    final Parameter[] o;

    Inverse(String name, long seed, int n, int cols) {
      x = complex(name + ".x", Random.stream(seed, 0), n, n);
      z = complex(name + ".z", Random.stream(seed, 1), n, n);
      p = config.improved() ? complex(name + ".p", Random.stream(seed, 2), n, n) : null;
      y = config.improved() ? complex(name + ".y", Random.stream(seed, 3), n, n) : null;
      o = cols > 0 ? complex(name + ".o", Random.stream(seed, 4), n, cols) : null;
    }

    /** Returns {@code (A^+ X + Z [+ P A^{-1} Y]) rhs + O}, or the matrix in brackets when {@code rhs} is null. */
    Tensor apply(Tensor a, Tensor rhs) {
      int[] shape = a.shape();
      Tensor m = a.diag().reciprocal().unsqueeze(-1).mul(value(x)).add(value(z).expand(shape));
      if (p != null) m = m.add(value(p).expand(shape).matmul(a.solve(value(y).expand(shape))));
      if (rhs == null) return m;
      Tensor out = m.matmul(rhs);
      return o == null ? out : out.add(value(o));
    }
  }

  /** Creates the network; layer l's parameter n is drawn from {@code Random.stream(Random.stream(seed, l), n)}. */
  public Iaidnn(IaidnnConfig config) {
    if (config == null) throw new IllegalArgumentException("Iaidnn: config must not be null");
    this.config = config;
    int l = config.layers(), r = config.rxAntennas(), t = config.txAntennas(), d = config.streams();
    receive = new Inverse[l];
    weight = new Inverse[l];
    transmit = new Inverse[l];
    for (int k = 0; k < l; k++) {
      long s = Random.stream(config.seed(), k);
      String p = "layer" + k + ".";
      receive[k] = new Inverse(p + "u", Random.stream(s, 0), r, d);
      weight[k] = new Inverse(p + "w", Random.stream(s, 1), d, 0);
      if (k < l - 1) transmit[k] = new Inverse(p + "v", Random.stream(s, 2), t, d);
    }
  }

  private Parameter[] complex(String name, long seed, int... shape) {
    double a = config.initScale();
    return new Parameter[] {param(name + ".re", Init.uniform(Random.stream(seed, 0), -a, a, shape)),
        param(name + ".im", Init.uniform(Random.stream(seed, 1), -a, a, shape))};
  }

  private static Tensor value(Parameter[] p) {
    return Tensor.complex(p[0].value(), p[1].value());
  }

  /** Returns the configuration. */
  public IaidnnConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "IAIDNN-" + config.layers();
  }

  /**
   * Returns the precoders {@code [B, K, T, d]} of the full network, with gradients recorded unless called under
   * {@link Autograd#noGrad()}.
   */
  public Tensor apply(MimoProblem problem) {
    check("Iaidnn.apply", problem);
    MimoSignals s = MimoSignals.of(problem);
    WmmseMimo.Rule rule = new WmmseMimo.Rule(config.loading(), WmmseMimo.Multiplier.NOISE_TRACE);
    int d = config.streams(), last = config.layers() - 1;
    Tensor v = WmmseMimo.initial(s);
    for (int k = 0; k <= last; k++) {
      Received rx = s.receive(v, config.loading());
      Tensor b = rx.direct();
      Tensor j = rx.interference().add(b.matmul(b.mH()));
      Tensor u = receive[k].apply(j, b);
      Tensor e = Tensor.eye(d).sub(u.mH().matmul(b));
      Tensor w = weight[k].apply(e, null);
      if (s.weights() != null) w = w.mul(s.weights().unsqueeze(-1).unsqueeze(-1));
      WmmseMimo.Precoder sys = WmmseMimo.precoder(s, u, w, rule, null);
      Tensor vBar = k == last ? sys.solve() : transmit[k].apply(sys.system(), sys.rhs());
      v = WmmseMimo.project(s, vBar);
    }
    return v;
  }

  /** Returns the training loss {@code -mean_b sum_i c_i} (rates in bit/s/Hz). */
  public Tensor loss(MimoProblem problem) {
    return MimoRates.rates(problem, apply(problem)).sum(-1).mean().neg();
  }

  /** Returns the precoders without gradients, in parallel chunks. */
  @Override
  public Beamformers allocate(MimoProblem problem) {
    check("Iaidnn.allocate", problem);
    return Chunked.beamformers(problem, Chunks.DEFAULT_SIZE, p -> {
      try (var off = Autograd.noGrad()) {
        return Beamformers.of(apply(p));
      }
    });
  }

  private void check(String op, MimoProblem p) {
    if (p == null) throw new IllegalArgumentException(op + ": problem must not be null");
    if (p.rxAntennas() != config.rxAntennas() || p.txAntennas() != config.txAntennas()
        || p.streams() != config.streams()) {
      throw new IllegalArgumentException(op + ": the network was built for R = " + config.rxAntennas() + ", T = "
          + config.txAntennas() + ", d = " + config.streams() + " (its learned matrices have these sizes), got a "
          + "problem with R = " + p.rxAntennas() + ", T = " + p.txAntennas() + ", d = " + p.streams() + ": " + p);
    }
  }
}
