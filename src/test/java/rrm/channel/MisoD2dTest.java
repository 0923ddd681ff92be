package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.MimoProblem;

class MisoD2dTest {
  private final D2dLayout layout = new D2dLayout(20, 447, 2, 65, 0);

  @Test
  void channelsUseTheMimoLayoutWithOneReceiveAntenna() {
    MimoProblem p = MisoD2d.of(layout, 2).samples(1, 0, 3).problem();
    assertArrayEquals(new int[] {3, 20, 1, 20, 2}, p.channels().shape());
    assertTrue(p.channels().isComplex());
    assertEquals(1.0, p.noise()[0], 0);
    assertEquals(1.0, p.budgets()[0], 0);
  }

  @Test
  void pathGainMatchesTheStatedSnrFigures() {
    MisoD2d m = MisoD2d.of(layout, 2);
    assertEquals(50.8, 10 * Math.log10(m.pathGain(2)), 0.05);
    assertEquals(5.7, 10 * Math.log10(m.pathGain(500)), 0.05);
    assertEquals(0.0, 10 * Math.log10(m.pathGain(1000)), 0.05);
  }

  @Test
  void withoutShadowingEveryAntennaEntryHasMeanPowerThePathGain() {
    MisoD2d m = new MisoD2d(layout, 3, 4.4e5, 1.88, 0, false);
    D2dSamples<MimoProblem> s = m.samples(4, 0, 50);
    double[] re = s.problem().channels().data(), im = s.problem().channels().imagData();
    double sum = 0;
    int n = 0;
    for (int b = 0; b < 50; b++) {
      Placement p = s.placements().get(b);
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 20; j++) {
          double g = m.pathGain(p.distance(j, i));
          for (int a = 0; a < 3; a++) {
            int e = ((b * 20 + i) * 20 + j) * 3 + a;
            sum += (re[e] * re[e] + im[e] * im[e]) / g;
            n++;
          }
        }
      }
    }
    assertEquals(1.0, sum / n, 0.02); // 60000 Exp(1) draws
  }

  @Test
  void perAntennaShadowingRaisesTheMeanPowerByTheLogNormalFactor() {
    MisoD2d m = MisoD2d.of(layout, 2);
    D2dSamples<MimoProblem> s = m.samples(5, 0, 100);
    double[] re = s.problem().channels().data(), im = s.problem().channels().imagData();
    double sum = 0;
    int n = 0;
    for (int b = 0; b < 100; b++) {
      Placement p = s.placements().get(b);
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 20; j++) {
          for (int a = 0; a < 2; a++) {
            int e = ((b * 20 + i) * 20 + j) * 2 + a;
            sum += (re[e] * re[e] + im[e] * im[e]) / m.pathGain(p.distance(j, i));
            n++;
          }
        }
      }
    }
    double sigma = Math.log(10) * 6.3 / 20;
    assertEquals(Math.exp(sigma * sigma / 2), sum / n, 0.04);
  }

  @Test
  void aSampleIsReproducibleAlone() {
    MisoD2d m = MisoD2d.of(layout, 2);
    MimoProblem all = m.samples(7, 0, 3).problem(), one = m.sample(7, 1).problem();
    assertArrayEquals(all.slice(1, 2).channels().data(), one.channels().data(), 0);
    assertArrayEquals(all.slice(1, 2).channels().imagData(), one.channels().imagData(), 0);
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MisoD2d.of(layout, 0)).getMessage()
        .contains("antennas N_t must be >= 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MisoD2d.of(new D2dLayout(5, 100, 0, 0, 0), 2))
        .getMessage().contains("dMin > 0"));
  }
}
