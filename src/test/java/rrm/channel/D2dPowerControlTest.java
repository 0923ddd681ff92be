package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;

class D2dPowerControlTest {
  private final D2dLayout base = new D2dLayout(50, 1000, 2, 65, 1);

  @Test
  void noiseIsMinus169DbmPerHzOver5MhzAgainst40Dbm() {
    assertEquals(6.2946e-15, D2dPowerControl.of(base, true).noiseVariance(), 1e-19);
  }

  @Test
  void samplesCarryWeightsInTheUnitIntervalAndTheirPlacements() {
    D2dSamples<SisoProblem> s = D2dPowerControl.of(base.withPairs(20), true).samples(3, 0, 5);
    assertArrayEquals(new int[] {5, 20, 20}, s.problem().amplitudes().shape());
    assertEquals(5, s.placements().size());
    for (double w : s.problem().weights().data()) assertTrue(w >= 0 && w < 1);
    assertNull(D2dPowerControl.of(base.withPairs(20), false).samples(3, 0, 5).problem().weights());
  }

  @Test
  void withoutShadowingTheFadingOfEveryLinkIsUnitMeanExponential() {
    D2dPowerControl sc = new D2dPowerControl(base.withPairs(30), Itu1411.D2D, 0, 40, -169, 5e6, false);
    D2dSamples<SisoProblem> s = sc.samples(8, 0, 60);
    double[] a = s.problem().amplitudes().data();
    double sum = 0;
    int n = 0;
    for (int b = 0; b < 60; b++) {
      double[] large = sc.largeScaleAmplitudes(s.placements().get(b));
      for (int e = 0; e < large.length; e++) {
        double f = a[b * 900 + e] / large[e];
        sum += f * f;
        n++;
      }
    }
    assertEquals(1.0, sum / n, 0.015); // 54000 Exp(1) draws: standard error 0.0043
  }

  @Test
  void shadowingHasTheStatedSpreadInDb() {
    D2dPowerControl sc = D2dPowerControl.of(base.withPairs(30), false);
    D2dPowerControl flat = new D2dPowerControl(base.withPairs(30), Itu1411.D2D, 0, 40, -169, 5e6, false);
    // the draws do not line up between the two (shadowing takes a normal per link), so compare log-gain spreads
    double[] a = sc.samples(2, 0, 40).problem().amplitudes().data();
    double[] b = flat.samples(2, 0, 40).problem().amplitudes().data();
    double va = logVariance(a), vb = logVariance(b);
    // var(10 log10 g) grows by 8^2 = 64 dB^2 with shadowing on (the path-loss spread is common to both)
    assertEquals(64, va - vb, 8);
  }

  private static double logVariance(double[] a) {
    double s = 0, s2 = 0;
    for (double x : a) {
      double db = 20 * Math.log10(x);
      s += db;
      s2 += db * db;
    }
    return s2 / a.length - (s / a.length) * (s / a.length);
  }

  @Test
  void anySampleIsReproducibleAloneAndIndependentOfThreads() {
    D2dPowerControl sc = D2dPowerControl.of(base.withPairs(15), true);
    D2dSamples<SisoProblem> all = sc.samples(11, 0, 4);
    D2dSamples<SisoProblem> third = sc.sample(11, 2);
    assertArrayEquals(all.problem().slice(2, 3).amplitudes().data(), third.problem().amplitudes().data(), 0);
    assertArrayEquals(all.problem().slice(2, 3).weights().data(), third.problem().weights().data(), 0);
    assertArrayEquals(all.placements().get(2).receivers(), third.placements().get(0).receivers(), 0);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = sc.samples(11, 0, 4).problem().amplitudes().data();
      Parallel.setThreads(2);
      assertArrayEquals(one, sc.samples(11, 0, 4).problem().amplitudes().data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void meanInDegreeAt500mIsAboutTwentyFourAtTheBaseSetting() {
    List<Placement> places = D2dPowerControl.of(base, true).placements(21, 0, 100);
    double deg = InterferenceGraph.within(places, 500, InterferenceGraph.Direction.FORWARD).meanInDegree();
    assertTrue(deg >= 22 && deg <= 25.5, "mean in-degree " + deg);
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new D2dPowerControl(base, Itu1411.D2D, -1, 40, -169, 5e6, true)).getMessage().contains("shadowDb"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> D2dPowerControl.of(new D2dLayout(5, 100, 0, 10, 0), true)).getMessage().contains("dMin > 0"));
  }
}
