package rrm.solver;

import java.util.Arrays;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

/**
 * Projected gradient ascent on the uplink powers with MMSE receivers (a reference row, not in the paper): maximise
 * {@code F(q) = sum_k alpha_k R(gamma_k(q))} with the closed-form MMSE SINR (USRMNet paper eq. 9) over
 * {@code {q >= 0, sum q <= P}}, keeping {@code gamma_k >= nu_3}. The gradient is
 * {@code dF/dq_j = sum_k alpha_k R'(gamma_k) d gamma_k / d q_j} ({@link MmseReceiver#sinrJacobian}); each step is
 * the projected-gradient update of {@link ProjectedGradient#step} (shared with the unrolled UPGDNet layer),
 * projected exactly onto the capped simplex and accepted by Armijo backtracking (a step that breaks a QoS target that
 * held is rejected like one that fails Armijo). Two starts: the least QoS powers scaled to the budget (strictly
 * feasible) and equal power; the better QoS-feasible result is kept (the better rate when neither is feasible, then
 * flagged). Stops when the relative gain of an iteration is below {@code tolerance}, or after {@code maxIterations}.
 * The iteration count is the sum over both starts.
 *
 * @param maxIterations cap per start (500)
 * @param tolerance relative change that stops the ascent (1e-9)
 */
public record PgaMmse(int maxIterations, double tolerance) implements UrllcMethod {
  public PgaMmse {
    if (maxIterations < 1 || !(tolerance > 0)) {
      throw new IllegalArgumentException("PgaMmse: need maxIterations >= 1 and tolerance > 0, got " + maxIterations
          + ", " + tolerance);
    }
  }

  /** Returns PGA-MMSE with 500 iterations per start and tolerance 1e-9. */
  public static PgaMmse defaults() {
    return new PgaMmse(500, 1e-9);
  }

  @Override
  public String name() {
    return "PGA-MMSE";
  }

  @Override
  public UrllcSolution solve(UrllcProblem p) {
    UrllcSolution out = new UrllcSolution(p);
    int k = p.users();
    double nu3 = UrllcRates.qosThreshold(p), th = UrllcRates.theta(p), pMax = p.pMax();
    double[] weights = UrllcRates.weights(p).data();
    Parallel.forRange(p.batch(), 1, (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        MmseReceiver r = MmseReceiver.of(p, b);
        double[] alpha = Arrays.copyOfRange(weights, b * k, (b + 1) * k);
        MinPowerInit.Point init = MinPowerInit.point(r, nu3, pMax);
        double[] bestQ = null;
        double bestF = Double.NEGATIVE_INFINITY;
        boolean bestOk = false;
        int iters = 0;
        for (int start = 0; start < 2; start++) {
          double[] q = new double[k];
          if (start == 0) {
            if (!init.feasible()) continue;
            double s = 0;
            for (double v : init.uplink()) s += v;
            for (int u = 0; u < k; u++) q[u] = pMax * init.uplink()[u] / s;
          } else {
            Arrays.fill(q, pMax / k);
          }
          int[] used = new int[1];
          double f = ascend(r, q, alpha, th, nu3, pMax, used);
          iters += used[0];
          boolean ok = qos(r, q, nu3);
          if ((ok && !bestOk) || (ok == bestOk && f > bestF)) {
            bestQ = q;
            bestF = f;
            bestOk = ok;
          }
        }
        out.set(p, b, r, bestQ, iters, true);
      }
    });
    return out;
  }

  private double ascend(MmseReceiver r, double[] q, double[] alpha, double th, double nu3, double pMax, int[] used) {
    int k = r.users();
    double[] grad = new double[k], s = new double[k], trial = new double[k];
    boolean keepQos = qos(r, q, nu3);
    double f = objective(r, q, alpha, th, s);
    double step = Double.NaN;
    for (int it = 0; it < maxIterations; it++) {
      used[0]++;
      gradient(r, q, alpha, th, grad);
      double gmax = 0;
      for (int j = 0; j < k; j++) gmax = Math.max(gmax, Math.abs(grad[j]));
      if (gmax == 0) break;
      if (Double.isNaN(step)) step = 0.1 * pMax / gmax;
      boolean accepted = false;
      Tensor qT = Tensor.of(q.clone(), 1, k), descent = Tensor.of(grad.clone(), 1, k).neg();
      for (int ls = 0; ls < 60; ls++) {
        System.arraycopy(ProjectedGradient.step(qT, descent, Tensor.scalar(step), null,
            y -> ProjectedGradient.cappedSimplex(y, pMax)).data(), 0, trial, 0, k);
        double lin = 0;
        for (int j = 0; j < k; j++) lin += grad[j] * (trial[j] - q[j]);
        double ft = objective(r, trial, alpha, th, s);
        if (ft >= f + 1e-4 * lin && lin > 0 && (!keepQos || qos(r, trial, nu3))) {
          double gain = ft - f;
          System.arraycopy(trial, 0, q, 0, k);
          f = ft;
          accepted = true;
          step *= 2;
          if (gain <= tolerance * Math.abs(f)) return f;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) break;
    }
    return f;
  }

  /**
   * Fills {@code grad [K]} with {@code dF/dq_j = sum_k alpha_k R'(gamma_k) d gamma_k / d q_j} at powers {@code q} of
   * receiver {@code r} (leaves {@code r} at {@code q}).
   */
  public static void gradient(MmseReceiver r, double[] q, double[] alpha, double theta, double[] grad) {
    int k = r.users();
    double[] jac = new double[k * k], s = new double[k];
    r.update(q);
    r.sinr(s);
    r.sinrJacobian(jac);
    for (int j = 0; j < k; j++) {
      double acc = 0;
      for (int u = 0; u < k; u++) {
        acc += alpha[u] * FiniteBlocklength.rateDerivative(Math.max(s[u], 1e-12), theta) * jac[u * k + j];
      }
      grad[j] = acc;
    }
  }

  private static double objective(MmseReceiver r, double[] q, double[] alpha, double th, double[] s) {
    r.update(q);
    r.sinr(s);
    double f = 0;
    for (int u = 0; u < q.length; u++) f += alpha[u] * FiniteBlocklength.rate(s[u], th);
    return f;
  }

  private static boolean qos(MmseReceiver r, double[] q, double nu3) {
    double[] s = new double[q.length];
    r.update(q);
    r.sinr(s);
    for (double v : s) if (v < nu3 * (1 - UrllcSolution.QOS_TOLERANCE)) return false;
    return true;
  }
}
