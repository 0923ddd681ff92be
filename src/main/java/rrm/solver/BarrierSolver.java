package rrm.solver;

import java.util.Arrays;

/**
 * A log-barrier interior-point method for a {@link ConvexProgram} (Boyd and Vandenberghe, Convex Optimization,
 * Alg. 11.1, with the Phase I of §11.4.1): for t = t0, mu t0, mu^2 t0, ... it minimises
 * {@code t f0(z) - sum_r ln(-f_r(z))} by damped Newton steps with backtracking (Armijo 0.01, halving, staying strictly
 * feasible), until the duality gap bound {@code m / t} falls below the tolerance. The dual estimates are
 * {@code lambda_r = 1 / (t (-f_r))}.
 *
 * <p>If the start is not strictly feasible, Phase I first minimises {@code s + (delta / 2) ||z - start||^2} subject
 * to {@code f_r(z) <= s} (and s >= -1) by the same method and stops as soon as s < 0; if its optimum has s >= 0 the
 * program is reported infeasible. The proximal term (delta = {@value #PHASE_ONE_PROXIMAL}) keeps Phase I bounded
 * when the feasible set is unbounded in a direction that lowers every row (an epigraph variable bounded only by the
 * objective); it can misreport a program as infeasible only when its feasibility margin is below
 * {@code delta / 2} times the squared distance from the start.
 *
 * <p>Newton systems use the program's eliminated blocks ({@link ConvexProgram.Builder#eliminate}): each block's
 * Hessian is factored on its own and only the Schur complement on the remaining variables is factored densely.
 */
public final class BarrierSolver implements ConvexSolver {
  /**
   * Settings of the method.
   *
   * @param t0 first barrier weight, > 0
   * @param mu growth factor of t, > 1
   * @param gapTolerance stop when {@code m / t} is below this
   * @param newtonTolerance stop centring when half the squared Newton decrement is below this
   * @param maxNewtonSteps cap on all Newton steps of one solve (both phases)
   */
  public record Options(double t0, double mu, double gapTolerance, double newtonTolerance, int maxNewtonSteps) {
    public Options {
      if (!(t0 > 0) || !(mu > 1) || !(gapTolerance > 0) || !(newtonTolerance > 0) || maxNewtonSteps < 1) {
        throw new IllegalArgumentException("BarrierSolver.Options: need t0 > 0, mu > 1, tolerances > 0 and "
            + "maxNewtonSteps >= 1, got " + t0 + ", " + mu + ", " + gapTolerance + ", " + newtonTolerance + ", "
            + maxNewtonSteps);
      }
    }

    /** Returns t0 = 1, mu = 20, gap 1e-8, Newton 1e-10, at most 2000 Newton steps. */
    public static Options defaults() {
      return new Options(1, 20, 1e-8, 1e-10, 2000);
    }

    /** Returns a copy with another gap tolerance. */
    public Options withGapTolerance(double tol) {
      return new Options(t0, mu, tol, newtonTolerance, maxNewtonSteps);
    }
  }

  /** Cap on the Newton steps of one centring (damped Newton needs far fewer on self-concordant barriers). */
  private static final int MAX_CENTRING_STEPS = 200;
  /** Curvature of the proximal term of Phase I. */
  public static final double PHASE_ONE_PROXIMAL = 1e-10;
  /** Squared Newton decrement below which full Newton steps are taken (decrement 1/4). */
  private static final double QUADRATIC_REGION = 0.0625;
  private final Options options;

  private BarrierSolver(Options options) {
    this.options = options;
  }

  /** Returns a solver with the given settings. */
  public static BarrierSolver of(Options options) {
    if (options == null) throw new IllegalArgumentException("BarrierSolver.of: options must not be null");
    return new BarrierSolver(options);
  }

  /** Returns a solver with {@link Options#defaults()}. */
  public static BarrierSolver defaults() {
    return new BarrierSolver(Options.defaults());
  }

  @Override
  public ConvexSolution solve(ConvexProgram p, double[] start) {
    PhaseOne one = phaseOne("BarrierSolver.solve", p, start);
    if (one.failed() != null) return one.failed();
    double[] z = one.z();
    Run r = new Run(p, options.maxNewtonSteps - one.steps());
    boolean ok = r.minimise(z, null);
    double[] lambda = r.duals(z);
    double stat = stationarity(p, z, lambda);
    return new ConvexSolution(ok ? ConvexSolution.Status.OPTIMAL : ConvexSolution.Status.ITERATION_LIMIT, z,
        p.objective(z), lambda, r.steps, one.steps(), stat, p.rows() / r.t, p.maxViolation(z));
  }

  /** The outcome of Phase I: a strictly feasible z, or the failed solution. */
  record PhaseOne(double[] z, int steps, ConvexSolution failed) {}

  /** Returns a strictly feasible point from {@code start} (itself when it is one), by Phase I if needed. */
  PhaseOne phaseOne(String op, ConvexProgram p, double[] start) {
    if (p == null) throw new IllegalArgumentException(op + ": program must not be null");
    if (start != null && start.length != p.n) {
      throw new IllegalArgumentException(op + ": start must have " + p.n + " entries, got " + start.length);
    }
    double[] z = start == null ? new double[p.n] : start.clone();
    if (p.maxViolation(z) < 0 && Double.isFinite(p.objective(z))) return new PhaseOne(z, 0, null);
    ConvexProgram aug = phaseOneProgram(p, z);
    double[] za = Arrays.copyOf(z, p.n + 1);
    za[p.n] = Math.max(p.maxViolation(z), -0.5) + 1;
    Run r = new Run(aug, options.maxNewtonSteps);
    boolean found = r.minimise(za, x -> x[p.n] < 0 && p.maxViolation(x) < 0 && Double.isFinite(p.objective(x)));
    System.arraycopy(za, 0, z, 0, p.n);
    if (found) return new PhaseOne(z, r.steps, null);
    ConvexSolution.Status s = r.steps >= options.maxNewtonSteps ? ConvexSolution.Status.ITERATION_LIMIT
        : ConvexSolution.Status.INFEASIBLE;
    return new PhaseOne(null, r.steps, new ConvexSolution(s, z, p.objective(z), new double[p.rows()], 0, r.steps,
        Double.NaN, Double.NaN, p.maxViolation(z)));
  }

  /** Returns the settings. */
  public Options options() {
    return options;
  }

  /** Returns {@code max_i |grad f0 + sum_r lambda_r grad f_r|_i}, the stationarity residual of the KKT conditions. */
  static double stationarity(ConvexProgram p, double[] z, double[] lambda) {
    double[] g = new double[p.n];
    for (int i = 0; i < p.n; i++) g[i] = p.c[i] + p.d[i] * (z[i] - p.e[i]) - p.w[i] / (1 + z[i]);
    for (int r = 0; r < p.rows(); r++) {
      for (int q = p.ptr[r]; q < p.ptr[r + 1]; q++) g[p.var[q]] += lambda[r] * (p.lin[q] + p.quad[q] * z[p.var[q]]);
    }
    double m = 0;
    for (double v : g) m = Math.max(m, Math.abs(v));
    return m;
  }

  private static ConvexProgram phaseOneProgram(ConvexProgram p, double[] start) {
    int s = p.n;
    ConvexProgram.Builder b = ConvexProgram.builder(p.n + 1).linearCost(s, 1);
    for (int i = 0; i < p.n; i++) b.quadraticCost(i, PHASE_ONE_PROXIMAL, start[i]);
    for (int r = 0; r < p.rows(); r++) {
      int len = p.ptr[r + 1] - p.ptr[r];
      int[] idx = Arrays.copyOf(Arrays.copyOfRange(p.var, p.ptr[r], p.ptr[r + 1]), len + 1);
      double[] a = Arrays.copyOf(Arrays.copyOfRange(p.lin, p.ptr[r], p.ptr[r + 1]), len + 1);
      double[] h = Arrays.copyOf(Arrays.copyOfRange(p.quad, p.ptr[r], p.ptr[r + 1]), len + 1);
      idx[len] = s;
      a[len] = -1;
      b.lessEq(idx, a, h, p.rhs[r]);
    }
    b.lessEq(new int[] {s}, new double[] {-1}, 1);
    for (int[] blk : p.blocks) b.eliminate(blk[0], blk[1]);
    return b.build();
  }

  /** The barrier iterations on one program (workspace and Newton systems). */
  final class Run {
    private final ConvexProgram p;
    private final int budget;
    private final NewtonSystem sys;
    private final double[] slack;
    double t;
    int steps;

    Run(ConvexProgram p, int budget) {
      this.p = p;
      this.budget = budget;
      sys = new NewtonSystem(p);
      slack = new double[p.rows()];
    }

    /** Runs the barrier method on z (strictly feasible); returns true at convergence or when {@code stop} holds. */
    boolean minimise(double[] z, java.util.function.Predicate<double[]> stop) {
      return minimise(z, stop, Integer.MAX_VALUE);
    }

    /** As {@link #minimise(double[], java.util.function.Predicate)}, returning false after {@code centrings}. */
    boolean minimise(double[] z, java.util.function.Predicate<double[]> stop, int centrings) {
      int done = 0;
      t = options.t0;
      int m = p.rows();
      double[] dz = new double[p.n], trial = new double[p.n];
      while (true) {
        double lastDec = Double.POSITIVE_INFINITY;
        for (int inner = 0; inner < MAX_CENTRING_STEPS; inner++) {
          if (steps >= budget) return false;
          for (int r = 0; r < m; r++) slack[r] = -p.row(r, z);
          double[] g = sys.assemble(z, slack, t);
          sys.solve(g, dz);
          double dec = 0;
          for (int i = 0; i < p.n; i++) dec -= g[i] * dz[i];
          if (dec / 2 <= options.newtonTolerance) break;
          if (dec < QUADRATIC_REGION) {
            // Newton decrement below 1/4: the full step stays in the domain and converges quadratically (the
            // barrier is self-concordant), so no function-value test, which round-off would defeat at large t
            if (dec > 0.5 * lastDec) break; // round-off floor reached
            lastDec = dec;
            for (int i = 0; i < p.n; i++) trial[i] = z[i] + dz[i];
            steps++;
            if (!Double.isFinite(barrier(trial, t))) break;
            System.arraycopy(trial, 0, z, 0, p.n);
            if (stop != null && stop.test(z)) return true;
            continue;
          }
          lastDec = Double.POSITIVE_INFINITY;
          double phi = barrier(z, t), alpha = 1;
          boolean moved = false;
          for (int ls = 0; ls < 80; ls++) {
            for (int i = 0; i < p.n; i++) trial[i] = z[i] + alpha * dz[i];
            double f = barrier(trial, t);
            if (f <= phi - 0.01 * alpha * dec) {
              System.arraycopy(trial, 0, z, 0, p.n);
              // a decrease at the round-off level of the barrier means the point is centred to precision
              moved = phi - f > 1e-13 * Math.max(1, Math.abs(phi));
              break;
            }
            alpha *= 0.5;
          }
          steps++;
          if (stop != null && stop.test(z)) return true;
          if (!moved) break; // no progress possible at this t (round-off): the point is centred to precision
        }
        if (stop != null && stop.test(z)) return true;
        if (m / t < options.gapTolerance) return stop == null;
        if (++done >= centrings) return false;
        t *= options.mu;
      }
    }

    /**
     * Returns the dual estimates at the final point z: {@code lambda_r = (1 + grad f_r . dz / s_r) / (t s_r)}, the
     * first-order correction of {@code 1 / (t s_r)} along the Newton step dz (exact stationarity for linear rows and
     * objective), clamped at 0.
     */
    double[] duals(double[] z) {
      int m = p.rows();
      for (int r = 0; r < m; r++) slack[r] = -p.row(r, z);
      double[] dz = new double[p.n];
      sys.solve(sys.assemble(z, slack, t), dz);
      double[] lambda = new double[m];
      for (int r = 0; r < m; r++) {
        double dir = 0;
        for (int q = p.ptr[r]; q < p.ptr[r + 1]; q++) dir += (p.lin[q] + p.quad[q] * z[p.var[q]]) * dz[p.var[q]];
        lambda[r] = Math.max(0, (1 + dir / slack[r]) / (t * slack[r]));
      }
      return lambda;
    }

    private double barrier(double[] z, double t) {
      double f = t * p.objective(z);
      if (!Double.isFinite(f)) return Double.POSITIVE_INFINITY;
      for (int r = 0; r < p.rows(); r++) {
        double s = -p.row(r, z);
        if (!(s > 0)) return Double.POSITIVE_INFINITY;
        f -= Math.log(s);
      }
      return f;
    }
  }
}
