package rrm.solver;

import java.util.List;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Chunks;
import rrm.tensor.Tensor;

/**
 * FPLinQ power control (Shen and Yu's fractional-programming link scheduling, continuous power form; a baseline of
 * the authors' code for paper 003 Sec. V-B): the quadratic transform of the weighted sum rate, alternating between
 * the auxiliary variables and the powers. With {@code g_ji} the power gain from transmitter j to receiver i and
 * weights {@code w} (1 when the problem has none):
 *
 * <pre>
 *   z_i = g_ii x_i / (sigma_i^2 + sum_{j != i} g_ji x_j)
 *   y_i = sqrt(w_i (1 + z_i) g_ii x_i) / (sigma_i^2 + sum_j g_ji x_j)
 *   x_i = min(pmax_i, (y_i sqrt(w_i (1 + z_i) g_ii) / sum_j g_ij y_j^2)^2)
 * </pre>
 *
 * starting at full power. Substituting {@code b = sqrt(x)} shows the iteration is the WMMSE iteration
 * ({@code y_i = sqrt(w_i (1 + z_i)) u_i}, {@code 1 + z_i} the MSE weight), so both produce the same powers; the
 * tests check it per sample. Runs in parallel chunks with plain loops, O(M^2) per iteration and sample.
 *
 * @param iterations T >= 0
 */
public record Fplinq(int iterations) implements Method<SisoProblem, Powers> {
  public Fplinq {
    if (iterations < 0) throw new IllegalArgumentException("Fplinq: iterations must be >= 0, got " + iterations);
  }

  @Override
  public String name() {
    return "FPLinQ-" + iterations;
  }

  @Override
  public Powers allocate(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("Fplinq.allocate: problem must not be null");
    int m = problem.links();
    double[] g = problem.powerGains().data(), noise = problem.noise(), pmax = problem.budgets();
    double[] w = problem.weights() == null ? null : problem.weights().data();
    List<Tensor> parts = Chunks.map(problem.batch(), WeightedWmmse.chunk(m), (from, to) -> {
      double[] x = new double[(to - from) * m];
      for (int n = from; n < to; n++) solve(g, n * m * m, w, n * m, noise, pmax, m, x, (n - from) * m);
      return Tensor.of(x, to - from, m);
    });
    return Powers.of(Chunks.concat(parts));
  }

  private void solve(double[] g, int gAt, double[] w, int wAt, double[] noise, double[] pmax, int m, double[] x,
      int xAt) {
    double[] p = pmax.clone(), y = new double[m], c = new double[m];
    for (int t = 0; t < iterations; t++) {
      for (int i = 0; i < m; i++) {
        double cross = 0;
        int row = gAt + i * m;
        for (int j = 0; j < m; j++) if (j != i) cross += g[row + j] * p[j];
        double direct = g[row + i] * p[i];
        double z = direct / (noise[i] + cross);
        double wi = w == null ? 1 : w[wAt + i];
        c[i] = wi * (1 + z);
        y[i] = Math.sqrt(c[i] * direct) / (noise[i] + cross + direct);
      }
      for (int i = 0; i < m; i++) {
        double den = 0;
        for (int j = 0; j < m; j++) den += g[gAt + j * m + i] * y[j] * y[j];
        double r = y[i] * Math.sqrt(c[i] * g[gAt + i * m + i]) / den;
        p[i] = den > 0 ? Math.min(pmax[i], r * r) : pmax[i];
      }
    }
    System.arraycopy(p, 0, x, xAt, m);
  }
}
