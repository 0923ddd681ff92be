package rrm.solver;

import rrm.system.Beamformers;
import rrm.system.Method;
import rrm.system.UrllcProblem;

/**
 * A classical method for the URLLC downlink that returns, besides the beamformers, the uplink powers, the rates and
 * the QoS flags of every instance ({@link UrllcSolution}); {@link #allocate} keeps the beamformers.
 */
public interface UrllcMethod extends Method<UrllcProblem, Beamformers> {
  /** Returns the solution of every instance of {@code problem}. */
  UrllcSolution solve(UrllcProblem problem);

  @Override
  default Beamformers allocate(UrllcProblem problem) {
    return solve(problem).beamformers();
  }
}
