package rrm.solver;

import java.util.Arrays;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/**
 * The "Strongest" baseline of paper 003 Sec. V-A (Table I): a fixed number n of pairs with the strongest direct links
 * transmit at full power, the others are silent; no knowledge of interference. Pairs are ranked by
 * {@code w_i |h_ii|^2} (the rate weight times the direct power gain; unit weights when the problem has none), ties by
 * the lower index.
 *
 * <p>The paper says "a fixed proportion of pairs"; the authors' code fixes n as the floor of the mean total WMMSE
 * power per instance in units of pmax, which is about the mean number of links WMMSE switches on
 * ({@link #calibrated}). This rule reproduces the Strongest row of Table I.
 *
 * @param active n, the number of pairs at full power, >= 0 (capped at the number of pairs)
 */
public record Strongest(int active) implements Method<SisoProblem, Powers> {
  public Strongest {
    if (active < 0) throw new IllegalArgumentException("Strongest: active must be >= 0, got " + active);
  }

  /**
   * Returns the baseline with {@code n = floor(mean_b sum_i p_bi / pmax)} from reference powers (WMMSE's on the test
   * set) of a problem with one power budget.
   */
  public static Strongest calibrated(SisoProblem problem, Powers reference) {
    String op = "Strongest.calibrated";
    if (problem == null || reference == null) {
      throw new IllegalArgumentException(op + ": problem and reference must not be null");
    }
    reference.checkFeasible(problem);
    double[] p = reference.tensor().data();
    double total = 0;
    for (double x : p) total += x;
    return new Strongest((int) Math.floor(total / problem.batch() / problem.pMax() + 1e-9));
  }

  @Override
  public String name() {
    return "Strongest (" + active + ")";
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("Strongest.allocate: problem must not be null");
    int b = problem.batch(), m = problem.links(), n = Math.min(active, m);
    double[] g = problem.directPowerGain().data(), budget = problem.budgets();
    double[] w = problem.weights() == null ? null : problem.weights().data();
    double[] out = new double[b * m];
    Integer[] order = new Integer[m];
    double[] score = new double[m];
    for (int s = 0; s < b; s++) {
      for (int i = 0; i < m; i++) {
        order[i] = i;
        score[i] = (w == null ? 1 : w[s * m + i]) * g[s * m + i];
      }
      Arrays.sort(order, (x, y) -> score[x] != score[y] ? Double.compare(score[y], score[x]) : Integer.compare(x, y));
      for (int r = 0; r < n; r++) out[s * m + order[r]] = budget[order[r]];
    }
    return Powers.of(Tensor.of(out, b, m));
  }
}
