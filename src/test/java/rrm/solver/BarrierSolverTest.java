package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

class BarrierSolverTest {
  private final BarrierSolver solver = BarrierSolver.defaults();

  /** A random program: box [-5, 5]^n, m random rows through a strictly interior point, LP or diagonal QP. */
  private static double[][] randomRows(SplittableRandom rng, int n, int m, double[] rhs) {
    double[][] a = new double[m][n];
    double[] x0 = new double[n];
    for (int i = 0; i < n; i++) x0[i] = rng.nextDouble(-1, 1);
    for (int r = 0; r < m; r++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        a[r][i] = rng.nextGaussian();
        s += a[r][i] * x0[i];
      }
      rhs[r] = s + rng.nextDouble(0.1, 2);
    }
    return a;
  }

  @Test
  void linearAndQuadraticProgramsAgreeWithOjAlgo() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int trial = 0; trial < 12; trial++) {
      int n = 3 + trial % 5, m = 2 + trial % 7;
      boolean qp = trial % 2 == 1;
      double[] rhs = new double[m], c = new double[n], curv = new double[n], centre = new double[n];
      double[][] a = randomRows(rng, n, m, rhs);
      for (int i = 0; i < n; i++) {
        c[i] = rng.nextGaussian();
        curv[i] = qp ? rng.nextDouble(0.5, 3) : 0;
        centre[i] = qp ? rng.nextGaussian() * 3 : 0;
      }
      ConvexProgram.Builder b = ConvexProgram.builder(n);
      ExpressionsBasedModel model = new ExpressionsBasedModel();
      Variable[] v = new Variable[n];
      Expression obj = model.addExpression("objective").weight(1);
      double constant = 0;
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
        b.linearCost(i, c[i]).bounds(i, -5, 5);
        if (qp) b.quadraticCost(i, curv[i], centre[i]);
        v[i] = model.addVariable("z" + i).lower(-5).upper(5);
        obj.set(v[i], c[i] - curv[i] * centre[i]);
        if (qp) obj.set(v[i], v[i], curv[i] / 2);
        constant += curv[i] * centre[i] * centre[i] / 2;
      }
      for (int r = 0; r < m; r++) {
        b.lessEq(all, a[r], rhs[r]);
        Expression e = model.addExpression("row" + r).upper(rhs[r]);
        for (int i = 0; i < n; i++) e.set(v[i], a[r][i]);
      }
      ConvexProgram prog = b.build();
      ConvexSolution s = solver.solve(prog, null);
      ConvexSolution pd = PrimalDualSolver.defaults().solve(prog, null);
      Optimisation.Result ref = model.minimise();
      assertTrue(ref.getState().isOptimal(), "ojAlgo state " + ref.getState());
      assertTrue(s.optimal(), "status " + s.status());
      assertEquals(ref.getValue() + constant, s.objective(), 1e-6 * (1 + Math.abs(s.objective())), "trial " + trial);
      if (qp) { // strictly convex: the minimiser is unique
        for (int i = 0; i < n; i++) assertEquals(ref.get(i).doubleValue(), s.z()[i], 1e-5, "trial " + trial);
      }
      assertTrue(s.maxViolation() < 0);
      assertTrue(s.stationarity() < 1e-6, "stationarity " + s.stationarity());
      assertTrue(s.gap() < 1e-8);
      assertTrue(pd.optimal(), "primal-dual status " + pd.status());
      assertEquals(ref.getValue() + constant, pd.objective(), 1e-6 * (1 + Math.abs(pd.objective())), "trial " + trial);
      assertTrue(pd.stationarity() <= 1e-8 && pd.gap() <= 1e-8 && pd.maxViolation() < 0);
    }
  }

  @Test
  void waterFillingIsSolvedInClosedForm() {
    // max sum w_i ln(1 + z_i) s.t. sum z <= P, z >= 0: z_i = max(0, w_i / nu - 1)
    double[] w = {1, 0.5, 0.2, 2};
    double pTot = 3;
    ConvexProgram.Builder b = ConvexProgram.builder(4);
    for (int i = 0; i < 4; i++) b.logReward(i, w[i]).bounds(i, 0, Double.POSITIVE_INFINITY);
    b.lessEq(new int[] {0, 1, 2, 3}, new double[] {1, 1, 1, 1}, pTot);
    ConvexSolution s = solver.solve(b.build(), null);
    double lo = 1e-6, hi = 10;
    for (int it = 0; it < 200; it++) {
      double nu = 0.5 * (lo + hi), sum = 0;
      for (double x : w) sum += Math.max(0, x / nu - 1);
      if (sum > pTot) lo = nu;
      else hi = nu;
    }
    ConvexSolution pd = PrimalDualSolver.defaults().solve(b.build(), null);
    for (int i = 0; i < 4; i++) {
      assertEquals(Math.max(0, w[i] / lo - 1), s.z()[i], 1e-7);
      assertEquals(Math.max(0, w[i] / lo - 1), pd.z()[i], 1e-7);
    }
  }

  @Test
  void blockEliminationGivesTheSameStepsAsTheDenseSystem() {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 9;
    double[] rhs = new double[6];
    double[][] a = randomRows(rng, 3, 6, rhs);
    ConvexProgram.Builder dense = ConvexProgram.builder(n), blocked = ConvexProgram.builder(n);
    for (ConvexProgram.Builder b : new ConvexProgram.Builder[] {dense, blocked}) {
      for (int i = 0; i < n; i++) b.bounds(i, -4, 4).quadraticCost(i, 1 + i % 3, i - 4.5);
      b.logReward(0, 0.7);
      for (int r = 0; r < 6; r++) b.lessEq(new int[] {0, 1, 2}, a[r], rhs[r]);
      // block [3, 6) couples to x0 and x1, block [6, 9) to x2; each row touches one block
      b.lessEq(new int[] {0, 3, 4, 5}, new double[] {1, 1, 1, 1}, 2);
      b.lessEq(new int[] {1, 4, 5}, new double[] {1, -1, 0.5}, new double[] {0.3, 0, 1}, 3);
      b.lessEq(new int[] {2, 6, 7, 8}, new double[] {-1, 1, 1, 1}, 1);
    }
    blocked.eliminate(3, 6).eliminate(6, 9);
    ConvexSolution sd = solver.solve(dense.build(), null), sb = solver.solve(blocked.build(), null);
    assertTrue(sd.optimal() && sb.optimal());
    for (int i = 0; i < n; i++) assertEquals(sd.z()[i], sb.z()[i], 1e-8);
    assertEquals(sd.newtonSteps(), sb.newtonSteps(), 2);
    assertTrue(sb.stationarity() < 1e-6);
  }

  @Test
  void infeasibleProgramsAreReported() {
    ConvexProgram p = ConvexProgram.builder(2).linearCost(0, 1).bounds(0, 0, 1).bounds(1, 0, 1)
        .lessEq(new int[] {0, 1}, new double[] {-1, -1}, -3).build();
    ConvexSolution s = solver.solve(p, null);
    assertEquals(ConvexSolution.Status.INFEASIBLE, s.status());
    assertEquals(ConvexSolution.Status.INFEASIBLE, PrimalDualSolver.defaults().solve(p, null).status());
    assertTrue(s.maxViolation() > 0);
    // the least violation is 1/3 (each row at 1/3 above its bound); Phase I found about that
    assertEquals(1.0 / 3, s.maxViolation(), 1e-3);
  }

  @Test
  void badProgramsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConvexProgram.builder(3).lessEq(new int[] {0, 1}, new double[] {1, 1}, new double[] {-1, 0}, 1));
    assertTrue(e.getMessage().contains("non-convex"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConvexProgram.builder(5).eliminate(0, 2).eliminate(2, 4)
        .lessEq(new int[] {1, 2}, new double[] {1, 1}, 1).build());
    assertTrue(e.getMessage().contains("two eliminated blocks"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConvexProgram.builder(2).linearCost(2, 1));
    assertTrue(e.getMessage().contains("outside [0, 2)"), e.getMessage());
  }

}
