package rrm.solver;

/** A method for {@link ConvexProgram}s (for example {@link BarrierSolver}). */
public interface ConvexSolver {
  /** Solves {@code program} from {@code start} (length n, or null for the origin; need not be feasible). */
  ConvexSolution solve(ConvexProgram program, double[] start);
}
