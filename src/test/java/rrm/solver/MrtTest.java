package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.D2dLayout;
import rrm.channel.MisoD2d;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.tensor.Tensor;
import rrm.utility.WeightedSumRate;

class MrtTest {
  @Test
  void beamsAreMatchedToTheOwnChannelAtFullPower() {
    MimoProblem p = MisoD2d.of(new D2dLayout(8, 300, 2, 65, 0), 3).samples(1, 0, 2).problem();
    Beamformers v = new Mrt().allocate(p);
    v.checkFeasible(p);
    double[] hr = p.channels().data(), hi = p.channels().imagData();
    double[] vr = v.tensor().data(), vi = v.tensor().imagData();
    for (int b = 0; b < 2; b++) {
      for (int k = 0; k < 8; k++) {
        double re = 0, im = 0, norm2 = 0, power = 0;
        for (int n = 0; n < 3; n++) {
          int h = ((b * 8 + k) * 8 + k) * 3 + n, x = (b * 8 + k) * 3 + n;
          re += hr[h] * vr[x] - hi[h] * vi[x];
          im += hr[h] * vi[x] + hi[h] * vr[x];
          norm2 += hr[h] * hr[h] + hi[h] * hi[h];
          power += vr[x] * vr[x] + vi[x] * vi[x];
        }
        assertEquals(1.0, power, 1e-12);
        assertEquals(norm2, re * re + im * im, 1e-9 * norm2);
        assertEquals(0, im, 1e-9 * Math.sqrt(norm2)); // h v is real and positive
      }
    }
  }

  @Test
  void aSingleLinkGetsTheMatchedFilterRate() {
    Tensor h = Tensor.complex(new double[] {1, 2}, new double[] {-1, 0.5}, 1, 1, 1, 1, 2);
    MimoProblem p = MimoProblem.of(h, 0.5, 3);
    double rate = WeightedSumRate.of(p, new Mrt().allocate(p)).item();
    assertEquals(Math.log1p(3 * (1 + 1 + 4 + 0.25) / 0.5) / Math.log(2), rate, 1e-12);
  }

  @Test
  void needsSingleAntennaReceivers() {
    MimoProblem p = MimoProblem.of(Tensor.complex(new double[4], new double[4], 1, 1, 2, 1, 2), 1, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Mrt().allocate(p)).getMessage()
        .contains("single-antenna receivers"));
  }
}
