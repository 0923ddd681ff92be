package rrm.model.unrolled;

import java.util.Arrays;
import rrm.solver.MinPowerInit;
import rrm.system.UrllcProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

/**
 * USRMNet's state on a set of instances between layers (no gradient): the point {@code X [N, K, 5]}, the gains
 * {@code G [N, K, K]} of the current beams, and, after a layer, the violation {@code V_b} of its output with the
 * beams it started from. Greedy training caches it: layer l trains on the frozen output of layers 1..l-1.
 *
 * <p>The start (USRMNet paper §III-D, from the authors' code): the minimum-power point of every instance
 * ({@link MinPowerInit}), beams = its MMSE beams, {@code X_0 = [p0, nu_3, nu_3, V(nu_3), sqrt V(nu_3)]} with the
 * downlink powers p0 in the q column (every downlink SINR of the start is nu_3). An instance whose QoS targets are
 * out of reach is flagged and kept at that point; training and metrics skip it.
 */
public final class UsrmnetState {
  private final UrllcProblem problem;
  private final double[] x;
  private final double[] gains;
  private final double[] ceiling;
  private final boolean[] reachable;
  private final double[] violation;
  private final double[] byConstraint;
  private final double nu3;
  private final double theta;

  private UsrmnetState(UrllcProblem problem, double[] x, double[] gains, double[] ceiling, boolean[] reachable,
      double[] violation, double[] byConstraint) {
    this.problem = problem;
    this.x = x;
    this.gains = gains;
    this.ceiling = ceiling;
    this.reachable = reachable;
    this.violation = violation;
    this.byConstraint = byConstraint;
    this.nu3 = UrllcRates.qosThreshold(problem);
    this.theta = UrllcRates.theta(problem);
  }

  /** Returns the start point of every instance of {@code p} (rate weights must be the paper's 1/K). */
  public static UsrmnetState start(UrllcProblem p) {
    if (p == null) throw new IllegalArgumentException("UsrmnetState.start: problem must not be null");
    if (p.weights() != null) {
      for (double w : p.weights().data()) {
        if (Math.abs(w - 1.0 / p.users()) > 1e-12) {
          throw new IllegalArgumentException("UsrmnetState.start: USRMNet is built for the rate weights 1/K = "
              + 1.0 / p.users() + ", got a weight " + w);
        }
      }
    }
    int n = p.batch(), k = p.users();
    double nu3 = UrllcRates.qosThreshold(p), v = FiniteBlocklength.dispersion(nu3);
    double[] x = new double[n * k * 5], g = new double[n * k * k], c = new double[n * k];
    boolean[] ok = new boolean[n];
    Parallel.forRange(n, 1, (lo, hi) -> {
      double[] gb = new double[k * k];
      for (int b = lo; b < hi; b++) {
        MmseReceiver r = MmseReceiver.of(p, b);
        MinPowerInit.Point pt = MinPowerInit.point(r, nu3, p.pMax());
        ok[b] = pt.feasible();
        r.update(pt.uplink());
        r.gains(gb);
        System.arraycopy(gb, 0, g, b * k * k, k * k);
        for (int u = 0; u < k; u++) {
          int o = (b * k + u) * 5;
          x[o] = pt.feasible() ? pt.downlink()[u] : 0;
          x[o + 1] = nu3;
          x[o + 2] = nu3;
          x[o + 3] = v;
          x[o + 4] = Math.sqrt(v);
          c[b * k + u] = p.pMax() * r.channelGain(u);
        }
      }
    });
    return new UsrmnetState(p, x, g, c, ok, null, null);
  }

  /**
   * Returns the state after {@code layer}: its output point for every instance (no gradient, in chunks), the
   * violation of that output with the current beams, and the gains of the MMSE beams of the new powers (eq. 9).
   */
  public UsrmnetState advance(UsrmnetLayer layer) {
    int n = size(), k = users();
    double[] nx = new double[x.length], ng = new double[gains.length], viol = new double[n], fam = new double[n * 4];
    int chunk = 256;
    try (var off = Autograd.noGrad()) {
      for (int from = 0; from < n; from += chunk) {
        int to = Math.min(n, from + chunk);
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        UsrmnetStage st = stage(idx);
        Tensor out = layer.apply(st, points(idx));
        double[] gv = UsrmnetLayer.constraints(st, out).data();
        System.arraycopy(out.data(), 0, nx, from * k * 5, idx.length * k * 5);
        for (int i = 0; i < idx.length; i++) {
          double s = 0;
          for (int j = 0; j < 4 * k; j++) {
            double v = Math.max(0, gv[i * 4 * k + j]);
            s += v;
            fam[(from + i) * 4 + j % 4] += v;
          }
          viol[from + i] = s / (4 * k);
        }
      }
    }
    Parallel.forRange(n, 1, (lo, hi) -> {
      double[] q = new double[k], gb = new double[k * k];
      for (int b = lo; b < hi; b++) {
        for (int u = 0; u < k; u++) q[u] = nx[(b * k + u) * 5];
        MmseReceiver r = MmseReceiver.of(problem, b);
        r.update(q);
        r.gains(gb);
        System.arraycopy(gb, 0, ng, b * k * k, k * k);
      }
    });
    boolean[] ok = reachable.clone();
    for (int b = 0; b < n; b++) if (!reachable[b]) System.arraycopy(x, b * k * 5, nx, b * k * 5, k * 5);
    return new UsrmnetState(problem, nx, ng, ceiling, ok, viol, fam);
  }

  /** Returns the stage (gains and bounds) of instances {@code idx}. */
  public UsrmnetStage stage(int[] idx) {
    int k = users(), m = idx.length;
    double[] g = new double[m * k * k], c = new double[m * k], cv = new double[m * k];
    for (int i = 0; i < m; i++) {
      System.arraycopy(gains, idx[i] * k * k, g, i * k * k, k * k);
      for (int u = 0; u < k; u++) {
        c[i * k + u] = ceiling[idx[i] * k + u];
        cv[i * k + u] = FiniteBlocklength.dispersion(c[i * k + u]);
      }
    }
    return new UsrmnetStage(Tensor.of(g, m, k, k), Tensor.of(c, m, k, 1), Tensor.of(cv, m, k, 1), problem.pMax(),
        nu3, FiniteBlocklength.dispersion(nu3), theta);
  }

  /** Returns the points {@code X [m, K, 5]} of instances {@code idx}. */
  public Tensor points(int[] idx) {
    int k = users(), m = idx.length;
    double[] out = new double[m * k * 5];
    for (int i = 0; i < m; i++) System.arraycopy(x, idx[i] * k * 5, out, i * k * 5, k * 5);
    return Tensor.of(out, m, k, 5);
  }

  /** Returns the indices of the instances whose QoS targets are reachable (the ones used in training). */
  public int[] reachable() {
    return java.util.stream.IntStream.range(0, size()).filter(b -> reachable[b]).toArray();
  }

  /** Returns the share of instances whose QoS targets are reachable (the acceptance rate of the sampler). */
  public double acceptance() {
    return reachable().length / (double) size();
  }

  /** Returns the uplink powers {@code q [N, K]} of the current point. */
  public Tensor powers() {
    int n = size(), k = users();
    double[] q = new double[n * k];
    for (int i = 0; i < n * k; i++) q[i] = x[i * 5];
    return Tensor.of(q, n, k);
  }

  /** Returns the current point {@code X [N, K, 5]}. */
  public Tensor point() {
    return Tensor.of(x.clone(), size(), users(), 5);
  }

  /** Returns the violation {@code V_b} of the last layer's output per instance (null at the start). */
  public double[] violation() {
    return violation == null ? null : violation.clone();
  }

  /**
   * Returns the last layer's violation per instance and coupled constraint {@code [N * 4]} (instance-major): the sum
   * over users of the positive parts of (10h) {@code varphi - gamma}, (10i) {@code gamma - phi}, (10j)
   * {@code V(phi) - psi} and (10k) {@code sqrt(psi) - theta}, so {@code V_b} is their sum over the four / 4K (null at
   * the start).
   */
  public double[] violationByConstraint() {
    return byConstraint == null ? null : byConstraint.clone();
  }

  /** Returns the problem. */
  public UrllcProblem problem() {
    return problem;
  }

  /** Returns the number of instances N. */
  public int size() {
    return problem.batch();
  }

  /** Returns K. */
  public int users() {
    return problem.users();
  }

  @Override
  public String toString() {
    return "UsrmnetState[N=" + size() + ", K=" + users() + ", accepted " + Arrays.toString(new double[] {acceptance()})
        + "]";
  }
}
