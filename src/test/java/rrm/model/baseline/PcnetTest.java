package rrm.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.GaussianIc;
import rrm.nn.ParameterGradCheck;
import rrm.optim.Adam;
import rrm.optim.Trainer;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;
import rrm.utility.WeightedSumRate;

class PcnetTest {
  private final SisoProblem problem = new GaussianIc(3, 10).samples(11, 0, 5);

  @Test
  void parameterCountFollowsTheWidths() {
    // (M² + 1) h + (L - 1)(h + 1) h + (h + 1) M + 2 L h with M = 10, h = 256, L = 3
    assertEquals(101 * 256 + 2 * 257 * 256 + 257 * 10 + 2 * 3 * 256,
        new Pcnet(10, 1, 1, 256, 256, 256).parameterCount());
  }

  @Test
  void sumRateLossGradientsMatchFiniteDifferencesEndToEndInBothModes() {
    Pcnet net = new Pcnet(3, 1.0, 4, 5, 4);
    net.setTraining(true);
    ParameterGradCheck.of(net).check(() -> WeightedSumRate.of(problem, net.apply(problem.amplitudes())).mean().neg());
    net.setTraining(false);
    ParameterGradCheck.of(net).check(() -> WeightedSumRate.of(problem, net.apply(problem.amplitudes())).mean().neg());
  }

  @Test
  void trainedOnRawAmplitudesItLearnsPowersThatDependOnTheChannel() {
    // Without normalisation this network fell into one input-independent on/off pattern within a few hundred steps.
    GaussianIc ic = new GaussianIc(4, 10);
    Pcnet net = new Pcnet(4, 1.0, 5, 32, 32);
    Trainer.of(net, Adam.of(net, 1e-2))
        .batches(step -> ic.samples(21, step, 128))
        .loss((m, p) -> WeightedSumRate.of(p, m.apply(p.amplitudes())).mean().neg())
        .steps(400).fit();
    SisoProblem test = ic.samples(22, 0, 500);
    try (var off = Autograd.noGrad()) {
      double[] p = net.allocate(test).tensor().data();
      double[] spread = new double[4];
      for (int k = 0; k < 4; k++) {
        double mean = 0, sq = 0;
        for (int b = 0; b < 500; b++) mean += p[b * 4 + k] / 500;
        for (int b = 0; b < 500; b++) sq += (p[b * 4 + k] - mean) * (p[b * 4 + k] - mean) / 500;
        spread[k] = Math.sqrt(sq);
      }
      for (int k = 0; k < 4; k++) assertTrue(spread[k] > 0.2, "pair " + k + " power spread " + spread[k]);
      double learned = WeightedSumRate.mean(WeightedSumRate.of(test, net.allocate(test)));
      double full = WeightedSumRate.mean(WeightedSumRate.of(test, Powers.of(Tensor.ones(500, 4))));
      assertTrue(learned > full, "PCNet " + learned + ", full power " + full);
    }
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
