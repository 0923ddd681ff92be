package rrm.solver;

/**
 * The result of {@link BarrierSolver#solve}: the point, its objective, the dual estimates of the rows and the KKT
 * residuals (stationarity {@code max |grad f0 + sum lambda_r grad f_r|}, the duality gap bound {@code m / t}, which is
 * also {@code sum_r lambda_r (-f_r)}, and the largest row value, <= 0 when feasible).
 *
 * @param status OPTIMAL, INFEASIBLE (Phase I found no strictly feasible point) or ITERATION_LIMIT
 * @param z the final point (for INFEASIBLE: the Phase I point, least violating)
 * @param objective f0(z)
 * @param duals lambda_r >= 0, one per row (zeros unless OPTIMAL or ITERATION_LIMIT in Phase II)
 * @param newtonSteps Newton steps of Phase II
 * @param phaseOneSteps Newton steps of Phase I (0 when the start was strictly feasible)
 * @param stationarity the stationarity residual (NaN when Phase II did not run)
 * @param gap the duality gap bound m / t (NaN when Phase II did not run)
 * @param maxViolation max_r f_r(z)
 */
public record ConvexSolution(Status status, double[] z, double objective, double[] duals, int newtonSteps,
    int phaseOneSteps, double stationarity, double gap, double maxViolation) {
  /** How a solve ended. */
  public enum Status { OPTIMAL, INFEASIBLE, ITERATION_LIMIT }

  /** Returns whether the solve reached the gap tolerance. */
  public boolean optimal() {
    return status == Status.OPTIMAL;
  }
}
