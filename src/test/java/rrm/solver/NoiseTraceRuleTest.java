package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/**
 * The budget-absorbed WMMSE update (rule NOISE_TRACE, the algorithm IAIDNN unrolls), checked against the system
 * built by hand from its definition, and the precoder system the unrolled networks start from.
 */
class NoiseTraceRuleTest {
  @Test
  void thePrecoderSystemIsTheWeightedCovariancePlusTheNoiseTraceOverTheBudget() {
    int b = 2, k = 3, nr = 2, nt = 3;
    double[] noise = {0.1, 0.2, 0.05};
    double[] budgets = {1.0, 2.0, 0.5};
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(4, b, k, nr, k, nt), 0.1, 1.0).withNoise(noise)
        .withBudgets(budgets);
    MimoSignals s = MimoSignals.of(p);
    try (var off = Autograd.noGrad()) {
      Tensor v = WmmseMimo.initial(s);
      WmmseMimo.Receive r = WmmseMimo.receive(s, v, 0);
      WmmseMimo.Rule rule = new WmmseMimo.Rule(0, WmmseMimo.Multiplier.NOISE_TRACE);
      WmmseMimo.Precoder sys = WmmseMimo.precoder(s, r.u(), r.wHat(), rule, null);
      double[] ur = r.u().data(), ui = r.u().imagData(), w = r.wHat().data();
      double[] hr = p.channels().data(), hi = p.channels().imagData();
      for (int n = 0; n < b; n++) {
        double trace = 0;
        for (int i = 0; i < k; i++) {
          double uu = 0;
          for (int q = 0; q < nr; q++) {
            int e = (n * k + i) * nr + q;
            uu += ur[e] * ur[e] + ui[e] * ui[e];
          }
          trace += noise[i] * w[n * k + i] * uu;                     // d = 1: tr(U W U^H) = w ||u||^2
        }
        for (int j = 0; j < k; j++) {
          for (int t = 0; t < nt; t++) {
            for (int t2 = 0; t2 < nt; t2++) {
              double re = t == t2 ? trace / budgets[j] : 0, im = 0;
              for (int i = 0; i < k; i++) {                              // sum_i (H_ij^H u_i) w_i (H_ij^H u_i)^H
                double[] a = adjoint(hr, hi, ur, ui, n, i, j, t, k, nr, nt);
                double[] c = adjoint(hr, hi, ur, ui, n, i, j, t2, k, nr, nt);
                re += w[n * k + i] * (a[0] * c[0] + a[1] * c[1]);
                im += w[n * k + i] * (a[1] * c[0] - a[0] * c[1]);
              }
              int e = ((n * k + j) * nt + t) * nt + t2;
              assertEquals(re, sys.system().data()[e], 1e-12 * (1 + Math.abs(re)), "real " + n + j + t + t2);
              assertEquals(im, sys.system().imagData()[e], 1e-12 * (1 + Math.abs(im)), "imag " + n + j + t + t2);
            }
          }
        }
      }
      assertEquals(null, sys.multiplier());
      Tensor stepped = WmmseMimo.step(s, v, rule, null, null).v();
      Tensor byHand = WmmseMimo.project(s, sys.solve());
      assertTrue(stepped.sub(byHand).abs().sum().item() < 1e-12);
    }
  }

  /** Returns {@code [H_ij^H u_i]_t} as {re, im}. */
  private static double[] adjoint(double[] hr, double[] hi, double[] ur, double[] ui, int n, int i, int j, int t,
      int k, int nr, int nt) {
    double re = 0, im = 0;
    for (int q = 0; q < nr; q++) {
      int h = (((n * k + i) * nr + q) * k + j) * nt + t, u = (n * k + i) * nr + q;
      re += hr[h] * ur[u] + hi[h] * ui[u];                               // conj(h) u
      im += hr[h] * ui[u] - hi[h] * ur[u];
    }
    return new double[] {re, im};
  }

  @Test
  void theClassicalSolverAcceptsTheRuleAndNamesIt() {
    MimoWmmse m = MimoWmmse.of(5).withRule(new WmmseMimo.Rule(0, WmmseMimo.Multiplier.NOISE_TRACE));
    assertEquals("WMMSE-noise-trace-5", m.name());
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(5, 3, 4, 2, 4, 3), 0.1, 1.0);
    m.allocate(p).checkFeasible(p);
    var e = assertThrows(IllegalArgumentException.class,
        () -> MimoWmmse.of(5).withRule(new WmmseMimo.Rule(0, WmmseMimo.Multiplier.LEARNED_IDENTITY)));
    assertTrue(e.getMessage().contains("NOISE_TRACE"), e.getMessage());
  }
}
