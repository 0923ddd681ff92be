package rrm.solver;

import java.util.SplittableRandom;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The random-power baseline: {@code p_i ~ U[0, pmax_i)} independently per link. Sample k draws from
 * {@code Random.stream(seed, k)}, so its powers do not depend on the batch split.
 */
public record RandomPower(long seed) implements Method<SisoProblem, Powers> {
  @Override
  public String name() {
    return "random power";
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("RandomPower.allocate: problem must not be null");
    int b = problem.batch(), m = problem.links();
    double[] budget = problem.budgets();
    double[] p = new double[b * m];
    for (int k = 0; k < b; k++) {
      SplittableRandom rng = new SplittableRandom(Random.stream(seed, k));
      for (int i = 0; i < m; i++) p[k * m + i] = Random.uniform(rng, 0, budget[i]);
    }
    return Powers.of(Tensor.of(p, b, m));
  }
}
