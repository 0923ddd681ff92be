package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.nn.GradientCheck;
import rrm.solver.WmmseMimo;
import rrm.solver.WmmseMimo.Multiplier;
import rrm.solver.WmmseMimo.Rule;
import rrm.system.MimoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;
import rrm.utility.MimoSignals;

/**
 * Gradient checks of paper 001's MIMO pipeline at the paper's antenna counts, N_r = 3 and N_t = 5 (the other tests of
 * WmmseMimo, MimoRates and MimoUwmmse use 2 x 3 to stay small): the rates (fused receive kernel, 3 x 3 HPD solve,
 * 1 x 1 log-det), one WMMSE step under every rule the model and the solver use (fused transmit kernel, 5 x 5 LU
 * solves, the textbook multiplier and its implicit gradient, the projection) and
 * the whole UWMMSE model, parameter by parameter.
 *
 * <p>Every case has K = 6 users, more than N_t = 5 (the paper's networks have 10 to 50): with fewer users each
 * precoder system {@code sum_i H_ij^H U_i W_i U_i^H H_ij} has rank K < N_t and only the 1e-4 loading keeps it
 * invertible, which makes the loss so ill-conditioned that central differences measure rounding noise (at K = 3 the
 * model's omega gradient is 1e-5 and its difference quotients are off by more than that at any step).
 */
class MimoPaperSizeGradientTest {
  private static final int NR = 3;
  private static final int NT = 5;
  private static final int K = 6;

  /** K users, batch b, CN(0, 1) channels [B, K, N_r, K, N_t], noise sigma2, unit budgets. */
  private static MimoProblem problem(long seed, int b, int k, double sigma2) {
    return MimoProblem.of(Tensor.complexRandn(seed, b, k, NR, k, NT), sigma2, 1.0);
  }

  @Test
  void ratesAreDifferentiableInThePrecoders() {
    MimoProblem p = problem(1, 2, K, 0.3);
    GradCheck.of(x -> MimoRates.rates(p, x[0])).check(Tensor.complexRandn(2, 2, K, NT, 1).mul(0.5));
  }

  @Test
  void everyStepRuleIsDifferentiable() {
    MimoProblem p = problem(3, 1, K, 0.05);
    MimoSignals s = MimoSignals.of(p);
    Tensor v = Tensor.complexRandn(4, 1, K, NT, 1).mul(0.6);
    double[] mu = WmmseMimo.step(s, v, Rule.TEXTBOOK, null, null).mu().data();
    assertTrue(java.util.Arrays.stream(mu).anyMatch(m -> m > 0), "the case must make the textbook multiplier active");
    GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], Rule.TEXTBOOK, null, null).v()))
        .eps(1e-7).tol(1e-5).check(v);
    GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], Rule.loaded(1e-4), null, null).v()))
        .eps(1e-7).tol(1e-5).check(v);
    Tensor learnedMu = Tensor.complex(new double[] {0.3}, new double[] {-0.2}, 1);
    Tensor a = Tensor.complexRandn(5, 1, K, 1, 1).mul(0.3);
    for (Multiplier m : new Multiplier[] {Multiplier.LEARNED_IDENTITY, Multiplier.LEARNED_ALL_ONES}) {
      Rule rule = new Rule(1e-4, m);
      GradCheck.of(x -> MimoRates.rates(s, WmmseMimo.step(s, x[0], rule,
          (wHat, u, vPrev) -> wHat.add(wHat.mul(x[2])), x[1]).v())).eps(1e-7).tol(1e-5).check(v, learnedMu, a);
    }
  }

  @Test
  void modelLossGradientMatchesCentralDifferencesForEveryParameter() {
    MimoProblem p = problem(6, 1, K, 0.1);
    MimoUwmmse model = new MimoUwmmse(MimoUwmmseConfig.code().withLayers(2, 3).withSeed(12));
    assertEquals(NR, model.config().rxAntennas());
    assertEquals(NT, model.config().txAntennas());
    List<GradientCheck.Result> r = GradientCheck.run(model, () -> model.loss(p), 1e-5);
    assertEquals(26, r.size());
    for (GradientCheck.Result x : r) {
      if (x.parameter().startsWith("graph_bias")) {
        assertTrue(x.maxAbsGradient() < 1e-12, "row normalisation makes this bias dead: " + x);
        continue;
      }
      assertTrue(x.maxAbsGradient() > 0, "no gradient reaches " + x);
      assertTrue(x.relativeError() < 1e-6, x.toString());
    }
  }
}
