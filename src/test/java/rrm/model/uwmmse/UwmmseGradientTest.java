package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.channel.AdHocSiso;
import rrm.channel.NodeFeatures;
import rrm.channel.Topology;
import rrm.nn.Parameter;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * End-to-end gradient check of the training loss (negative mean utility, eq. 9) with respect to every parameter,
 * by central differences with eps = 1e-5 (as notebook 002/01 does). The clamp and ReLU kinks make a per-coordinate
 * relative error unreliable, so the accepted measure is max |numeric - analytic| / max |analytic| <= 1e-5.
 *
 * <p>Measured at the time of writing: 7e-10 to 5e-7 in every case but high noise with the sum of squares, 6.7e-6.
 * There most amplitudes sit at the clamp, the largest gradient is ~5e-5 against a loss of ~10, and the
 * finite-difference roundoff (~1e-16 |loss| / eps) is the floor: the error grows to 6e-5 at eps = 1e-6 and falls to
 * 3e-6 at 1e-4.
 */
class UwmmseGradientTest {
  private static final double EPS = 1e-5;

  private static double worstRelativeError(Uwmmse model, Tensor g, Tensor q, double s2, Utility loss) {
    model.zeroGrad();
    loss.loss(SisoProblem.ofAmplitudes(g, s2, 1), model.apply(SisoProblem.ofAmplitudes(g, s2, 1), q).powers()).backward();
    double maxGrad = 0, maxErr = 0;
    for (Parameter p : model.parameters()) {
      double[] x = p.value().data();
      double[] analytic = p.grad().toArray();
      for (int k = 0; k < x.length; k++) {
        double keep = x[k];
        x[k] = keep + EPS;
        double up = evaluate(model, g, q, s2, loss);
        x[k] = keep - EPS;
        double down = evaluate(model, g, q, s2, loss);
        x[k] = keep;
        double numeric = (up - down) / (2 * EPS);
        maxErr = Math.max(maxErr, Math.abs(numeric - analytic[k]));
        maxGrad = Math.max(maxGrad, Math.abs(analytic[k]));
      }
    }
    assertTrue(maxGrad > 0, "all gradients are zero");
    return maxErr / maxGrad;
  }

  private static double evaluate(Uwmmse model, Tensor g, Tensor q, double s2, Utility loss) {
    try (var off = Autograd.noGrad()) {
      return loss.loss(SisoProblem.ofAmplitudes(g, s2, 1), model.apply(SisoProblem.ofAmplitudes(g, s2, 1), q).powers()).item();
    }
  }

  /** Moves mu away from its initial 0 so the check also covers a general point. */
  private static Uwmmse withRandomMu(UwmmseConfig c) {
    Uwmmse model = new Uwmmse(c);
    long k = 0;
    for (var e : model.namedParameters().entrySet()) {
      if (e.getKey().endsWith("mu")) e.getValue().set(Tensor.of(new double[] {0.05 * (++k % 3 - 1)}, 1));
    }
    return model;
  }

  @Test
  void lossGradientMatchesCentralDifferencesForEveryVariant() {
    UwmmseConfig small = UwmmseConfig.defaults().withLayers(3).withHidden(3).withSeed(11);
    for (Regime regime : Regime.values()) {
      AdHocSiso net = Paper002.scenario(regime).withPairs(6);
      Topology topo = net.drop(4);
      Tensor g = net.sample(topo, 3, 5);
      Tensor q3 = NodeFeatures.ONES_PLUS_DISTANCES.tensor(topo);
      double s2 = net.noiseVariance();
      List<Object[]> cases = List.of(
          new Object[] {"default", small, null, Utility.sumRate()},
          new Object[] {"paper-literal", small.withBiases(false).withMu(false), null, Utility.sumRate()},
          new Object[] {"rx-row", small.withShift(GcnShift.RX_ROW), null, Utility.sumRate()},
          new Object[] {"3 features", small.withFeatures(3), q3, Utility.sumRate()},
          new Object[] {"sum of squares eq. 10", small.withWeightUpdate(Utility.sumOfSquares()), null,
              Utility.sumOfSquares()});
      for (Object[] c : cases) {
        double err = worstRelativeError(withRandomMu((UwmmseConfig) c[1]), g, (Tensor) c[2], s2, (Utility) c[3]);
        assertTrue(err <= 1e-5, regime + " " + c[0] + ": max abs error / max |grad| = " + err);
      }
    }
  }
}
