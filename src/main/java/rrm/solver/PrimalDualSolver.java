package rrm.solver;

/**
 * A primal-dual interior-point method for a {@link ConvexProgram} (Boyd and Vandenberghe, Convex Optimization,
 * Alg. 11.2), started from a centred point: Phase I of {@link BarrierSolver} if the start is not strictly feasible,
 * then one barrier centring at t0, giving {@code lambda_r = 1 / (t0 s_r)} with {@code s_r = -f_r(z)}; then repeat
 *
 * <pre>
 *   eta = sum_r lambda_r s_r  (surrogate gap),  t = mu m / eta
 *   (hess f0 + sum_r lambda_r hess f_r + sum_r (lambda_r / s_r) grad f_r grad f_r^T) dz = -(grad f0 + sum_r grad f_r / (t s_r))
 *   dlambda_r = (1/t - lambda_r s_r + lambda_r grad f_r . dz) / s_r
 *   step: 0.99 of the largest keeping lambda >= 0, halved until z stays strictly feasible and the residual
 *         ||(grad f0 + sum lambda grad f, lambda s - 1/t)||_2 falls by the factor (1 - 0.01 step)
 * </pre>
 *
 * until the surrogate gap and the stationarity residual {@code ||grad f0 + sum lambda grad f||_inf} are both below
 * the gap tolerance. The Newton system has the barrier's structure and the same block elimination
 * ({@link NewtonSystem}).
 */
public final class PrimalDualSolver implements ConvexSolver {
  private static final double MU = 10;
  private final BarrierSolver barrier;

  private PrimalDualSolver(BarrierSolver.Options options) {
    barrier = BarrierSolver.of(options);
  }

  /** Returns the solver with {@link BarrierSolver.Options#defaults()}. */
  public static PrimalDualSolver defaults() {
    return new PrimalDualSolver(BarrierSolver.Options.defaults());
  }

  @Override
  public ConvexSolution solve(ConvexProgram p, double[] start) {
    BarrierSolver.PhaseOne one = barrier.phaseOne("PrimalDualSolver.solve", p, start);
    if (one.failed() != null) return one.failed();
    BarrierSolver.Options o = barrier.options();
    double[] z = one.z();
    BarrierSolver.Run centre = barrier.new Run(p, o.maxNewtonSteps() - one.steps());
    centre.minimise(z, null, 1);
    int m = p.rows(), n = p.n;
    double[] s = new double[m], lambda = new double[m], dl = new double[m], dz = new double[n];
    double[] gc = new double[m], wo = new double[m], trialZ = new double[n], trialL = new double[m];
    double[] ts = new double[m], buf = new double[n];
    for (int r = 0; r < m; r++) {
      s[r] = -p.row(r, z);
      lambda[r] = 1 / (centre.t * s[r]);
    }
    NewtonSystem sys = new NewtonSystem(p);
    int steps = centre.steps;
    boolean ok = false;
    while (steps < o.maxNewtonSteps() - one.steps()) {
      double eta = 0;
      for (int r = 0; r < m; r++) eta += lambda[r] * s[r];
      if (eta <= o.gapTolerance() && residual(p, z, lambda, null, 0, buf) <= o.gapTolerance()) {
        ok = true;
        break;
      }
      double t = MU * m / eta;
      for (int r = 0; r < m; r++) {
        gc[r] = 1 / (t * s[r]);
        wo[r] = lambda[r] / s[r];
      }
      sys.solve(sys.assemble(z, 1, gc, wo, lambda), dz);
      double maxStep = 1;
      for (int r = 0; r < m; r++) {
        double dir = 0;
        for (int q = p.ptr[r]; q < p.ptr[r + 1]; q++) dir += (p.lin[q] + p.quad[q] * z[p.var[q]]) * dz[p.var[q]];
        dl[r] = (1 / t - lambda[r] * s[r] + lambda[r] * dir) / s[r];
        if (dl[r] < 0) maxStep = Math.min(maxStep, -lambda[r] / dl[r]);
      }
      double res = residual(p, z, lambda, s, t, buf), alpha = 0.99 * maxStep;
      boolean moved = false;
      for (int ls = 0; ls < 60; ls++) {
        for (int i = 0; i < n; i++) trialZ[i] = z[i] + alpha * dz[i];
        for (int r = 0; r < m; r++) trialL[r] = lambda[r] + alpha * dl[r];
        boolean inside = Double.isFinite(p.objective(trialZ));
        for (int r = 0; r < m && inside; r++) {
          ts[r] = -p.row(r, trialZ);
          inside = ts[r] > 0;
        }
        if (inside && residual(p, trialZ, trialL, ts, t, buf) <= (1 - 0.01 * alpha) * res) {
          System.arraycopy(trialZ, 0, z, 0, n);
          System.arraycopy(trialL, 0, lambda, 0, m);
          System.arraycopy(ts, 0, s, 0, m);
          moved = true;
          break;
        }
        alpha *= 0.5;
      }
      steps++;
      if (!moved) break; // the residual cannot be lowered further in double precision
    }
    double eta = 0;
    for (int r = 0; r < m; r++) eta += lambda[r] * s[r];
    double stat = BarrierSolver.stationarity(p, z, lambda);
    return new ConvexSolution(ok ? ConvexSolution.Status.OPTIMAL : ConvexSolution.Status.ITERATION_LIMIT, z,
        p.objective(z), lambda, steps, one.steps(), stat, eta, p.maxViolation(z));
  }

  /**
   * Returns {@code ||(grad f0 + sum lambda grad f, lambda s - 1/t)||_2}, or with {@code s == null} the stationarity
   * residual {@code ||grad f0 + sum lambda grad f||_inf}; {@code g} is workspace of length n.
   */
  private static double residual(ConvexProgram p, double[] z, double[] lambda, double[] s, double t, double[] g) {
    for (int i = 0; i < p.n; i++) g[i] = p.c[i] + p.d[i] * (z[i] - p.e[i]) - p.w[i] / (1 + z[i]);
    for (int r = 0; r < p.rows(); r++) {
      for (int q = p.ptr[r]; q < p.ptr[r + 1]; q++) g[p.var[q]] += lambda[r] * (p.lin[q] + p.quad[q] * z[p.var[q]]);
    }
    if (s == null) {
      double max = 0;
      for (double v : g) max = Math.max(max, Math.abs(v));
      return max;
    }
    double sum = 0;
    for (double v : g) sum += v * v;
    for (int r = 0; r < p.rows(); r++) {
      double c = lambda[r] * s[r] - 1 / t;
      sum += c * c;
    }
    return Math.sqrt(sum);
  }
}
