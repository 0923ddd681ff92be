package rrm.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.utility.Duality;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

/**
 * HeBF, the weighted sum-rate beamforming of He et al. 2021 (Alg. 1) that the USRMNet paper uses as its baseline
 * (§III-A, Fig. 2, Tables I-II): alternate between the uplink powers, by successive convex approximation of the
 * epigraph problem (eq. 10, {@link ScaSubproblem}) solved by an interior-point method ({@link PrimalDualSolver} by
 * default, or {@link BarrierSolver}), and the MMSE receive beams of
 * the uplink dual (eq. 9); the downlink beamformers follow by duality.
 *
 * <pre>
 *   start: q = p0, W = W0 and every SINR = nu_3 ({@link MinPowerInit}); pb = V(nu_3); zeta = WSR of (p0, W0)
 *   repeat (at most maxOuter times, at least once):
 *     G = |Hb^H W|^2;  qt = least uplink powers reaching nu_3 with W
 *     repeat (at most maxInner times, until |tau - tau_prev| <= tol tau_prev):
 *        solve the SCA subproblem at (G, qt, pb): value tau, solution z;  pb = min(psi(z), 1)
 *     q = q(z);  W = MMSE(q);  zeta_prev = zeta;  zeta = WSR of (q, W)
 *   until (zeta - zeta_prev) / zeta_prev <= tol
 * </pre>
 *
 * Returned: the iterate with the best zeta (the last one unless an outer pass lowered it). Instances whose QoS
 * targets are out of reach ({@link MinPowerInit} infeasible) get equal power with MMSE beams and are flagged. The
 * iteration count of an instance is the number of SCA subproblems solved.
 *
 * @param maxOuter cap on the outer passes (50; the reference code defines but never uses one)
 * @param maxInner cap on SCA steps per outer pass (10)
 * @param tolerance relative tolerance of both loops (1e-2)
 * @param solver the convex solver
 */
public record Hebf(int maxOuter, int maxInner, double tolerance, ConvexSolver solver)
    implements UrllcMethod {
  public Hebf {
    if (maxOuter < 1 || maxInner < 1 || !(tolerance > 0) || solver == null) {
      throw new IllegalArgumentException("Hebf: need maxOuter >= 1, maxInner >= 1, tolerance > 0 and a solver, "
          + "got " + maxOuter + ", " + maxInner + ", " + tolerance + ", " + solver);
    }
  }

  /** Returns HeBF with the reference settings: 50 outer passes, 10 SCA steps, tolerance 1e-2, primal-dual IPM. */
  public static Hebf defaults() {
    return new Hebf(50, 10, 1e-2, PrimalDualSolver.defaults());
  }

  /** Returns a copy with another convex solver. */
  public Hebf withSolver(ConvexSolver s) {
    return new Hebf(maxOuter, maxInner, tolerance, s);
  }

  @Override
  public String name() {
    return "HeBF";
  }

  /** Returns the solution of every instance (in parallel over instances). */
  @Override
  public UrllcSolution solve(UrllcProblem p) {
    UrllcSolution out = new UrllcSolution(p);
    Parallel.forRange(p.batch(), 1, (lo, hi) -> {
      for (int b = lo; b < hi; b++) run(p, b, out, null);
    });
    return out;
  }

  /**
   * One traced run of instance b: the outer values zeta (starting with the initial point's), the SCA values tau of
   * every subproblem in order, the number of subproblems of each outer pass, and the Newton steps of each subproblem.
   */
  public record Trace(List<Double> zeta, List<Double> tau, List<Integer> passes, List<Integer> newtonSteps) {}

  /** Returns the trace of instance {@code b} (Fig. 2 of the paper as data). */
  public Trace trace(UrllcProblem p, int b) {
    Trace t = new Trace(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    run(p, b, new UrllcSolution(p.slice(b, b + 1)), t);
    return t;
  }

  private void run(UrllcProblem p, int b, UrllcSolution out, Trace trace) {
    int k = p.users(), slot = trace == null ? b : 0;
    UrllcProblem target = trace == null ? p : p.slice(b, b + 1);
    MmseReceiver r = MmseReceiver.of(p, b);
    double pMax = p.pMax(), nu3 = UrllcRates.qosThreshold(p), th = UrllcRates.theta(p);
    double[] alpha = Arrays.copyOfRange(UrllcRates.weights(p).data(), b * k, (b + 1) * k);
    MinPowerInit.Point init = MinPowerInit.point(r, nu3, pMax);
    if (!init.feasible()) {
      double[] eq = new double[k];
      Arrays.fill(eq, pMax / k);
      out.set(target, slot, r, eq, 0, false);
      return;
    }
    double[] cap = new double[k], g = new double[k * k], s = new double[k], psiBar = new double[k];
    for (int u = 0; u < k; u++) cap[u] = pMax * r.channelGain(u);
    r.update(init.uplink());
    r.gains(g); // W0 = MMSE beams at the least uplink powers
    double[] q = init.downlink().clone();
    Duality.downlinkSinr(k, g, q, s);
    double zeta = 0;
    for (int u = 0; u < k; u++) {
      psiBar[u] = FiniteBlocklength.dispersion(s[u]);
      zeta += alpha[u] * FiniteBlocklength.rate(s[u], th);
    }
    if (trace != null) trace.zeta().add(zeta);
    double best = Double.NEGATIVE_INFINITY;
    double[] bestQ = init.uplink().clone();
    double[] z = null;
    int subproblems = 0;
    for (int outer = 0; outer < maxOuter; outer++) {
      double[] one = new double[k];
      Arrays.fill(one, nu3);
      double[] qMin = Duality.powersForSinr(k, g, one, false);
      if (qMin == null) break;
      double tauPrev = Double.NaN;
      int before = subproblems;
      boolean solved = false;
      for (int inner = 0; inner < maxInner; inner++) {
        ConvexProgram sca = ScaSubproblem.build(k, g, alpha, cap, qMin, psiBar, pMax, nu3, th);
        ConvexSolution sol = solver.solve(sca, ScaSubproblem.start(k, g, cap, qMin, psiBar, pMax, nu3));
        subproblems++;
        if (!sol.optimal()) break;
        solved = true;
        z = sol.z();
        double tau = -sol.objective();
        if (trace != null) {
          trace.tau().add(tau);
          trace.newtonSteps().add(sol.newtonSteps() + sol.phaseOneSteps());
        }
        for (int u = 0; u < k; u++) psiBar[u] = Math.min(z[ScaSubproblem.psi(k, u)], 1);
        boolean done = !Double.isNaN(tauPrev) && Math.abs(tau - tauPrev) <= tolerance * Math.abs(tauPrev);
        tauPrev = tau;
        if (done) break;
      }
      if (trace != null) trace.passes().add(subproblems - before);
      if (!solved) break;
      for (int u = 0; u < k; u++) q[u] = Math.max(0, z[ScaSubproblem.q(k, u)]);
      r.update(q);
      r.sinr(s);
      r.gains(g);
      double prev = zeta;
      zeta = 0;
      for (int u = 0; u < k; u++) zeta += alpha[u] * FiniteBlocklength.rate(s[u], th);
      if (trace != null) trace.zeta().add(zeta);
      if (zeta > best) {
        best = zeta;
        bestQ = q.clone();
      }
      if ((zeta - prev) / prev <= tolerance) break;
    }
    out.set(target, slot, r, bestQ, subproblems, true);
  }
}
