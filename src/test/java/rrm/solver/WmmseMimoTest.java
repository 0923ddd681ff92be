package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.Split;
import rrm.paper.p001.Paper001;
import rrm.solver.WmmseMimo.Multiplier;
import rrm.solver.WmmseMimo.Rule;
import rrm.system.MimoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;
import rrm.utility.MimoSignals;

class WmmseMimoTest {
  private static MimoProblem problem(long seed, int b, int k, int nr, int nt, double sigma2) {
    return MimoProblem.of(Tensor.complexRandn(seed, b, k, nr, k, nt), sigma2, 1.0);
  }

  @Test
  void loadedStepEqualsTheLiteralAlgorithmOfTheAuthorsCode() {
    int k = 3, nr = 2, nt = 3;
    double sigma2 = 0.1, eps = 0.05;
    MimoProblem p = problem(21, 1, k, nr, nt, sigma2);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = Tensor.complexRandn(22, 1, k, nt, 1);
    WmmseMimo.Step step = WmmseMimo.step(s, v, Rule.loaded(eps), null, null);
    Tensor h = p.channels().select(0, 0);                                     // [K, N_r, K, N_t]
    Tensor[] u = new Tensor[k];
    Tensor[] w = new Tensor[k];
    for (int i = 0; i < k; i++) {
      Tensor c = Tensor.eye(nr).mul(sigma2 + eps).add(Tensor.complexZeros(nr, nr));
      for (int j = 0; j < k; j++) {
        Tensor f = h.select(0, i).select(1, j).matmul(v.select(0, 0).select(0, j));
        c = c.add(f.matmul(f.mH()));
      }
      Tensor direct = h.select(0, i).select(1, i).matmul(v.select(0, 0).select(0, i));
      u[i] = c.inverse().matmul(direct);
      w[i] = u[i].mH().matmul(direct).rsub(1).reciprocal();                   // 1 / (1 - U^H H V)
      assertClose(u[i], step.u().select(0, 0).select(0, i), 1e-10);
      assertClose(w[i], step.wHat().select(0, 0).select(0, i), 1e-10);
    }
    for (int j = 0; j < k; j++) {
      Tensor a = Tensor.eye(nt).mul(eps).add(Tensor.complexZeros(nt, nt));
      for (int i = 0; i < k; i++) {
        Tensor g = h.select(0, i).select(1, j).mH().matmul(u[i]);
        a = a.add(g.matmul(w[i]).matmul(g.mH()));
      }
      Tensor vBar = a.inverse().matmul(h.select(0, j).select(1, j).mH().matmul(u[j]).matmul(w[j]));
      double norm = Math.sqrt(vBar.abs2().sum().item());
      assertClose(vBar.mul(Math.min(1, 1 / norm)), step.v().select(0, 0).select(0, j), 1e-10);
    }
  }

  @Test
  void textbookMultiplierMakesTheBudgetBindOrIsZero() {
    MimoProblem p = problem(23, 4, 5, 3, 4, 1e-3);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = WmmseMimo.initial(s);
    int binding = 0;
    for (int it = 0; it < 5; it++) {
      WmmseMimo.Step step = WmmseMimo.step(s, v, Rule.TEXTBOOK, null, null);
      double[] mu = step.mu().data();
      double[] power = step.v().frobeniusNorm2().data();
      for (int n = 0; n < mu.length; n++) {
        assertTrue(mu[n] >= 0);
        if (mu[n] > 0) {
          assertEquals(1.0, power[n], 1e-9);
          binding++;
        } else {
          assertTrue(power[n] <= 1.0 + 1e-12);
        }
      }
      v = step.v();
    }
    assertTrue(binding > 0, "no budget bound: the test does not exercise the bisection");
  }

  @Test
  void textbookStepIsDifferentiableThroughTheBisection() {
    MimoProblem p = problem(24, 1, 3, 2, 3, 0.01);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = Tensor.complexRandn(25, 1, 3, 3, 1).mul(0.5);
    double[] mu = WmmseMimo.step(s, v, Rule.TEXTBOOK, null, null).mu().data();
    assertTrue(mu[0] > 0 || mu[1] > 0 || mu[2] > 0, "the case must make the multiplier active");
    GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], Rule.TEXTBOOK, null, null).v()))
        .eps(1e-7).tol(1e-5).check(v);
  }

  @Test
  void multiplierGradientMatchesFiniteDifferences() {
    Tensor y = Tensor.complexRandn(26, 2, 3, 4, 4).mul(0.5);
    Tensor b = Tensor.complexRandn(27, 2, 3, 4, 1).mul(3);
    double[] budgets = {1.0, 0.5, 2.0};
    double[] mu = PowerMultiplier.of(y.matmul(y.mH()), b, budgets).data();
    for (double m : mu) assertTrue(m > 0, "every multiplier must be active in this case");
    GradCheck.of(x -> PowerMultiplier.of(x[0].matmul(x[0].mH()), x[1], budgets)).eps(1e-7).tol(1e-5).check(y, b);
  }

  @Test
  void learnedMultiplierAndWeightTransformAreDifferentiable() {
    MimoProblem p = problem(28, 1, 3, 2, 3, 0.1);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = Tensor.complexRandn(29, 1, 3, 3, 1).mul(0.5);
    Tensor mu = Tensor.complex(new double[] {0.3}, new double[] {-0.2}, 1);
    Tensor a = Tensor.complexRandn(30, 1, 3, 1, 1).mul(0.3);
    for (Multiplier m : new Multiplier[] {Multiplier.LEARNED_IDENTITY, Multiplier.LEARNED_ALL_ONES}) {
      Rule rule = new Rule(0.01, m);
      GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], rule,
          (wHat, u, vPrev) -> wHat.add(wHat.mul(x[2])), x[1]).v())).eps(1e-7).tol(1e-5).check(v, mu, a);
    }
  }

  /**
   * The case that stopped UWMMSE-MIMO training over M in {10, ..., 50} at M = 50: a learned weight far above the
   * others (here receiver 0's, times 1e8) makes transmitter 0's V-step system a dominant rank-one term plus the
   * 1e-4 loading, which a relative pivot test calls singular to working precision. The loaded and learned rules solve
   * it as the authors' code does (LU, refusing only exact zero pivots): finite precoders within the budget.
   */
  @Test
  void learnedStepSurvivesAWeightFarAboveTheOthersAtFiftyPairs() {
    int k = 50;
    MimoProblem p = Paper001.network().batch(1, Split.TRAIN, k, 0, 64).slice(20, 21);
    MimoSignals s = MimoSignals.of(p);
    WmmseMimo.Receive r = WmmseMimo.receive(s, WmmseMimo.initial(s), 1e-4);
    double[] scale = new double[k];
    java.util.Arrays.fill(scale, 1);
    scale[0] = 1e8;
    Tensor w = r.wHat().mul(Tensor.of(scale, 1, k, 1, 1));
    Tensor mu = Tensor.complex(new double[] {-0.5}, new double[] {0.3}, 1);
    Tensor[] sys = TransmitKernel.apply(s.channels(), r.u(), w, s.owner());
    Tensor system = PrecoderOps.shift(sys[0], null, 1e-4).add(mu.reshape(1, 1).mul(Tensor.ones(5, 5)).mul(k));
    var e = assertThrows(IllegalArgumentException.class, () -> system.solve(sys[1]));
    assertTrue(e.getMessage().contains("matrix 0 ") && e.getMessage().contains("singular to working precision"),
        e.getMessage());
    for (Rule rule : new Rule[] {new Rule(1e-4, Multiplier.LEARNED_ALL_ONES), Rule.loaded(1e-4)}) {
      Tensor v = WmmseMimo.transmit(s, r.u(), w, rule, rule.multiplier() == Multiplier.ZERO ? null : mu)[0];
      double[] norm2 = v.abs2().sum(-1).sum(-1).data();
      for (double x : norm2) assertTrue(Double.isFinite(x) && x <= 1 + 1e-12, rule + ": |V|^2 = " + x);
    }
  }

  @Test
  void projectionScalesOnlyOverBudgetPrecodersAndIsDifferentiable() {
    Tensor v = Tensor.complexRandn(34, 2, 3, 4, 1);
    double[] budgets = {0.5, 100.0, 2.0};
    Tensor p = WmmseMimo.project(v, budgets);
    double[] before = v.frobeniusNorm2().data(), after = p.frobeniusNorm2().data();
    for (int n = 0; n < before.length; n++) {
      assertEquals(Math.min(before[n], budgets[n % 3]), after[n], 1e-12 * before[n]);
    }
    GradCheck.of(x -> WmmseMimo.project(x[0], budgets)).check(v);
    Tensor a = Tensor.complexRandn(35, 2, 3, 2, 2);
    GradCheck.of(x -> PrecoderOps.shift(x[0], x[1], 0.3)).check(a, Tensor.randn(36, 2, 3));
  }

  @Test
  void twoStreamStepsAreDifferentiableAndKeepTheBudget() {
    MimoProblem p = problem(37, 1, 3, 3, 4, 0.05).withStreams(2);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = Tensor.complexRandn(38, 1, 3, 4, 2).mul(0.4);
    Tensor a = Tensor.complexRandn(39, 1, 3, 2, 2).mul(0.2);
    GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], Rule.loaded(0.01),
        (wHat, u, vPrev) -> wHat.add(wHat.matmul(x[1])), null).v())).eps(1e-7).tol(1e-5).check(v, a);
    GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], Rule.TEXTBOOK, null, null).v()))
        .eps(1e-7).tol(1e-5).check(v);
    Tensor next = WmmseMimo.step(s, WmmseMimo.initial(s), Rule.TEXTBOOK, null, null).v();
    for (double q : next.frobeniusNorm2().data()) assertTrue(q <= 1 + 1e-12);
  }

  @Test
  void identityWeightTransformReproducesTheClassicalStep() {
    MimoProblem p = problem(31, 2, 4, 3, 5, 0.01);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = WmmseMimo.initial(s);
    Tensor plain = WmmseMimo.step(s, v, Rule.TEXTBOOK, null, null).v();
    Tensor viaTransform = WmmseMimo.step(s, v, Rule.TEXTBOOK, (w, u, prev) -> w, null).v();
    assertClose(plain, viaTransform, 0);
  }

  @Test
  void initialPrecodersSpendTheFullBudgetEqually() {
    MimoProblem p = problem(32, 2, 3, 3, 5, 0.1).withBudgets(1.0, 2.0, 0.5);
    double[] power = WmmseMimo.initial(MimoSignals.of(p)).frobeniusNorm2().data();
    assertEquals(1.0, power[0], 1e-15);
    assertEquals(2.0, power[1], 1e-15);
    assertEquals(0.5, power[5], 1e-15);
  }

  @Test
  void badArgumentsAreRejectedNamingThem() {
    MimoSignals s = MimoSignals.of(problem(33, 1, 3, 2, 3, 0.1));
    Tensor v = WmmseMimo.initial(s);
    Tensor mu = Tensor.complex(new double[] {0.1}, new double[] {0}, 1);
    var given = assertThrows(IllegalArgumentException.class, () -> WmmseMimo.step(s, v, Rule.TEXTBOOK, null, mu));
    assertTrue(given.getMessage().contains("mu must be null"), given.getMessage());
    var missing = assertThrows(IllegalArgumentException.class,
        () -> WmmseMimo.step(s, v, new Rule(0, Multiplier.LEARNED_IDENTITY), null, null));
    assertTrue(missing.getMessage().contains("needs mu"), missing.getMessage());
    var shape = assertThrows(IllegalArgumentException.class,
        () -> WmmseMimo.step(s, v, Rule.TEXTBOOK, (w, u, prev) -> w.reshape(1, 3), null));
    assertTrue(shape.getMessage().contains("weight transform"), shape.getMessage());
    var loading = assertThrows(IllegalArgumentException.class, () -> Rule.loaded(-1));
    assertTrue(loading.getMessage().contains("loading"), loading.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WmmseMimo.step(s, v.slice(1, 0, 2), Rule.TEXTBOOK, null, null));
  }

  static void assertClose(Tensor expected, Tensor actual, double rel) {
    double[] er = expected.data(), ar = actual.data();
    double[] ei = expected.imagData(), ai = actual.imagData();
    assertEquals(er.length, ar.length);
    double scale = 0;
    for (int n = 0; n < er.length; n++) scale = Math.max(scale, Math.hypot(er[n], ei == null ? 0 : ei[n]));
    for (int n = 0; n < er.length; n++) {
      assertEquals(er[n], ar[n], rel * scale, "real part " + n);
      assertEquals(ei == null ? 0 : ei[n], ai == null ? 0 : ai[n], rel * scale, "imaginary part " + n);
    }
  }
}
