package rrm.solver;

import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;

/** The full-power baseline {@code p = pmax 1} (a reference row, not in paper 002): every transmitter at its budget. */
public record FullPower() implements Method<SisoProblem, Powers> {
  @Override
  public String name() {
    return "full power";
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("FullPower.allocate: problem must not be null");
    return Powers.of(problem.budgetTensor().copy());
  }
}
