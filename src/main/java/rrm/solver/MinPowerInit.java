package rrm.solver;

import rrm.system.Method;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.utility.Duality;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

/**
 * The minimum-power beamformers that give every user exactly the QoS SINR nu_3 (the initial point of HeBF and of
 * USRMNet; problem (36) of He et al. 2021, a second-order cone program), computed without a cone solver by
 * uplink-downlink duality (Yates' standard interference function): the uplink fixed point
 *
 * <pre>
 *   q_k <- nu_3 / u_k(q),   u_k = hb_k^H S_{-k}^{-1} hb_k = t_k / (1 - q_k t_k),   from q = 0,
 * </pre>
 *
 * converges monotonically to the least uplink powers when the targets are feasible; the MMSE beams at those powers
 * are the optimal downlink directions, and the downlink powers {@code p0 = (diag(G_kk / nu_3) - G_off)^{-1} 1} reach
 * nu_3 with {@code sum p0 = sum q}. An instance is infeasible (flagged, and left at zero power) when the iteration
 * diverges ({@code sum q > 1e4 P}), does not converge in {@value #MAX_ITERATIONS} steps, or needs {@code sum p0 > P}.
 *
 * <p>As a {@link Method} it returns the downlink beamformers {@code sqrt(p0_k) w_k}.
 */
public final class MinPowerInit implements UrllcMethod {
  /** Cap on the fixed-point iterations. */
  public static final int MAX_ITERATIONS = 500;

  /**
   * The result for one instance.
   *
   * @param feasible whether the QoS targets are reachable within the budget
   * @param uplink the least uplink powers q (the MMSE fixed point)
   * @param downlink the downlink powers p0 of the MMSE beams at q
   * @param iterations fixed-point iterations used
   */
  public record Point(boolean feasible, double[] uplink, double[] downlink, int iterations) {}

  @Override
  public String name() {
    return "Init (min power)";
  }

  /** Returns the solution per instance (iterations = fixed-point steps). */
  public UrllcSolution solve(UrllcProblem p) {
    UrllcSolution out = new UrllcSolution(p);
    double nu3 = UrllcRates.qosThreshold(p);
    Parallel.forRange(p.batch(), 1, (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        MmseReceiver r = MmseReceiver.of(p, b);
        Point pt = point(r, nu3, p.pMax());
        out.set(p, b, r, pt.feasible() ? pt.uplink() : new double[p.users()], pt.iterations(), pt.feasible());
      }
    });
    return out;
  }

  /** Returns the minimum-power point of one instance for SINR target {@code target} and budget {@code pMax}. */
  public static Point point(MmseReceiver r, double target, double pMax) {
    int k = r.users();
    double[] q = new double[k], g = new double[k * k], jac = new double[k * k], next = new double[k];
    int it = 0;
    boolean converged = false;
    while (it < MAX_ITERATIONS) {
      r.update(q);
      r.sinrJacobian(jac); // diagonal: u_k = t_k / (1 - q_k t_k), the SINR per unit of the user's own power
      double max = 0, change = 0, sum = 0;
      for (int u = 0; u < k; u++) {
        next[u] = target / jac[u * k + u];
        max = Math.max(max, next[u]);
        change = Math.max(change, Math.abs(next[u] - q[u]));
        sum += next[u];
      }
      System.arraycopy(next, 0, q, 0, k);
      it++;
      if (!(sum <= 1e4 * pMax)) break;
      if (change <= 1e-10 * max) {
        converged = true;
        break;
      }
    }
    if (!converged) return new Point(false, q, new double[k], it);
    r.update(q);
    r.gains(g);
    double[] tgt = new double[k];
    java.util.Arrays.fill(tgt, target);
    double[] p = Duality.powersForSinr(k, g, tgt, true);
    double sp = 0;
    if (p != null) for (double v : p) sp += v;
    boolean ok = p != null && sp <= pMax * (1 + 1e-9);
    return new Point(ok, q, p == null ? new double[k] : p, it);
  }
}
