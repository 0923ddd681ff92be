package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.D2dLayout;
import rrm.channel.D2dPowerControl;
import rrm.channel.GaussianIc;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.utility.WeightedSumRate;

class FplinqTest {
  private final D2dLayout layout = new D2dLayout(30, 775, 2, 65, 1);

  @Test
  void equalsWmmseFromFullPowerPerSampleUnweightedAndWeighted() {
    for (boolean weighted : new boolean[] {false, true}) {
      SisoProblem p = D2dPowerControl.of(layout, weighted).samples(5, 0, 20).problem();
      same(p, 100);
    }
    same(new GaussianIc(10, 10).samples(6, 0, 20), 100);
  }

  private static void same(SisoProblem p, int t) {
    Powers fp = new Fplinq(t).allocate(p), wm = WeightedWmmse.of(t).allocate(p);
    fp.checkFeasible(p);
    double[] a = WeightedSumRate.of(p, fp).data(), b = WeightedSumRate.of(p, wm).data();
    for (int n = 0; n < a.length; n++) assertEquals(b[n], a[n], 1e-6 * b[n], "sample " + n);
  }

  @Test
  void zeroIterationsIsFullPower() {
    SisoProblem p = new GaussianIc(5, 0).samples(1, 0, 2);
    for (double x : new Fplinq(0).allocate(p).tensor().data()) assertEquals(1.0, x, 0);
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Fplinq(-2)).getMessage()
        .contains("iterations must be >= 0, got -2"));
  }
}
