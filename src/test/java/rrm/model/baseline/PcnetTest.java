package rrm.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.GaussianIc;
import rrm.nn.ParameterGradCheck;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.utility.WeightedSumRate;

class PcnetTest {
  private final SisoProblem problem = new GaussianIc(3, 10).samples(11, 0, 5);

  @Test
  void parameterCountFollowsTheWidths() {
    // (M² + 1) h + (L - 1)(h + 1) h + (h + 1) M with M = 10, h = 256, L = 3
    assertEquals(101 * 256 + 2 * 257 * 256 + 257 * 10, new Pcnet(10, 1, 1, 256, 256, 256).parameterCount());
  }

  @Test
  void sumRateLossGradientsMatchFiniteDifferencesEndToEnd() {
    Pcnet net = new Pcnet(3, 1.0, 4, 5, 4);
    ParameterGradCheck.of(net).check(() -> WeightedSumRate.of(problem, net.apply(problem.amplitudes())).mean().neg());
  }

  @Test
  void powersLieStrictlyInsideTheBudget() {
    double pmax = 2.5;
    double[] p = new Pcnet(3, pmax, 2, 8).allocate(problem).tensor().data();
    assertEquals(15, p.length);
    for (double x : p) assertTrue(x > 0 && x < pmax, "power " + x);
  }

  @Test
  void allocateEqualsTheForwardPassOnChunks() {
    SisoProblem big = new GaussianIc(3, 0).samples(12, 0, 150);
    Pcnet net = new Pcnet(3, 1.0, 6, 8, 8);
    double[] direct;
    try (var off = Autograd.noGrad()) {
      direct = net.apply(big.amplitudes()).data();
    }
    assertArrayEquals(direct, net.allocate(big).tensor().data(), 1e-15);
  }

  @Test
  void badArgumentsAreRefusedWithTheirName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pcnet(0, 1, 1, 4)).getMessage().contains("M"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pcnet(3, 0, 1, 4)).getMessage()
        .contains("pmax"));
    assertThrows(IllegalArgumentException.class, () -> new Pcnet(3, 1, 1));
    Pcnet net = new Pcnet(4, 1, 1, 4);
    assertThrows(IllegalArgumentException.class, () -> net.apply(problem.amplitudes()));
  }
}
