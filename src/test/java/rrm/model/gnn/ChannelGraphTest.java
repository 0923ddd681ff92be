package rrm.model.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.D2dLayout;
import rrm.channel.D2dPowerControl;
import rrm.channel.D2dSamples;
import rrm.channel.InterferenceGraph;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

class ChannelGraphTest {
  private final D2dSamples<SisoProblem> s =
      D2dPowerControl.of(new D2dLayout(30, 775, 2, 65, 1), true).samples(1, 0, 3);

  @Test
  void featuresAreScaledDirectLinksWeightsAndBothCrossDirections() {
    AmplitudeScaling sc = AmplitudeScaling.fit(s.problem());
    InterferenceGraph g = s.graph(300);
    ChannelGraph cg = ChannelGraph.powerControl(s.problem(), g, sc);
    double[] a = s.problem().amplitudes().data(), w = s.problem().weights().data();
    for (int n = 0; n < 90; n++) {
      int b = n / 30, k = n % 30;
      assertEquals(sc.direct(a[b * 900 + k * 31]), cg.nodes().get(n, 0), 0);
      assertEquals(w[n], cg.nodes().get(n, 1), 0);
    }
    int[] src = g.edges().src(), dst = g.edges().dst();
    for (int e = 0; e < src.length; e++) {
      int b = dst[e] / 30, k = dst[e] % 30, j = src[e] % 30;
      assertEquals(sc.cross(a[b * 900 + k * 30 + j]), cg.edges().get(e, 0), 0);
      assertEquals(sc.cross(a[b * 900 + j * 30 + k]), cg.edges().get(e, 1), 0);
    }
  }

  @Test
  void scalingUsesMeanAndRootMeanSquareSeparatelyForDirectAndCrossLinks() {
    Tensor a = Tensor.of(new double[] {1, 2, 4, 3, 1, 6, 8, 10, 2}, 1, 3, 3);
    AmplitudeScaling sc = AmplitudeScaling.fit(SisoProblem.ofAmplitudes(a, 1, 1));
    assertEquals(4.0 / 3, sc.directMean(), 1e-15);
    assertEquals(Math.sqrt(6.0 / 3), sc.directRms(), 1e-15);
    assertEquals(33.0 / 6, sc.crossMean(), 1e-15);
    assertEquals(Math.sqrt((4 + 16 + 9 + 36 + 64 + 100) / 6.0), sc.crossRms(), 1e-14);
    assertEquals(1.5, AmplitudeScaling.RAW.cross(1.5), 0);
  }

  @Test
  void mismatchedInputsAreNamed() {
    InterferenceGraph g = InterferenceGraph.complete(2, 30);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ChannelGraph.powerControl(s.problem(), g, AmplitudeScaling.RAW)).getMessage()
        .contains("the graph must have 3 instances of 30 pairs"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new AmplitudeScaling(0, 0, 0, 1)).getMessage()
        .contains("directRms = 0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AmplitudeScaling.fit(SisoProblem.ofAmplitudes(Tensor.ones(1, 1, 1), 1, 1))).getMessage()
        .contains("at least 2 pairs"));
  }
}
