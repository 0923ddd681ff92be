package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.MimoProblem;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

class WeightedSumRateTest {
  private final Tensor g = Tensor.rand(3, 4, 5, 5).add(0.05);
  private final Tensor p = Tensor.rand(4, 4, 5);

  @Test
  void unitWeightsGiveTheSisoRatesOfTheEngine() {
    SisoProblem pr = SisoProblem.ofAmplitudes(g, 0.3, 1);
    assertArrayEquals(Rates.rates(pr, p).sum(-1).data(), WeightedSumRate.of(pr, p).data(), 1e-12);
  }

  @Test
  void weightsScaleEachLinkRate() {
    Tensor w = Tensor.rand(5, 4, 5);
    SisoProblem pr = SisoProblem.ofAmplitudes(g, 0.3, 1).withWeights(w);
    double[] r = Rates.rates(pr, p).data(), ww = w.data(), got = WeightedSumRate.of(pr, p).data();
    for (int b = 0; b < 4; b++) {
      double s = 0;
      for (int i = 0; i < 5; i++) s += ww[b * 5 + i] * r[b * 5 + i];
      assertEquals(s, got[b], 1e-12);
    }
  }

  @Test
  void misoWithOneAntennaAndRealChannelsIsTheSisoRate() {
    // H[b, i, 0, j, 0] = g[b, i, j], v_j = sqrt(p_j)
    Tensor h = Tensor.complex(g.data(), new double[g.numel()], 4, 5, 1, 5, 1);
    Tensor v = Tensor.complex(p.sqrt().data(), new double[p.numel()], 4, 5, 1, 1);
    MimoProblem m = MimoProblem.of(h, 0.3, 1);
    double[] siso = Rates.rates(SisoProblem.ofAmplitudes(g, 0.3, 1), p).data();
    assertArrayEquals(siso, WeightedSumRate.linkRates(m, v).data(), 1e-12);
  }

  @Test
  void misoRatesMatchADirectComputation() {
    Tensor h = Tensor.complexRandn(7, 2, 3, 1, 3, 2);
    Tensor v = Tensor.complexRandn(8, 2, 3, 2, 1);
    MimoProblem m = MimoProblem.of(h, 0.2, 1);
    double[] hr = h.data(), hi = h.imagData(), vr = v.data(), vi = v.imagData();
    double[] got = WeightedSumRate.linkRates(m, v).data();
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 3; i++) {
        double sig = 0, in = 0.2;
        for (int j = 0; j < 3; j++) {
          double re = 0, im = 0;
          for (int n = 0; n < 2; n++) {
            int a = ((b * 3 + i) * 3 + j) * 2 + n, x = (b * 3 + j) * 2 + n;
            re += hr[a] * vr[x] - hi[a] * vi[x];
            im += hr[a] * vi[x] + hi[a] * vr[x];
          }
          if (i == j) sig = re * re + im * im;
          else in += re * re + im * im;
        }
        assertEquals(Math.log(1 + sig / in) / Math.log(2), got[b * 3 + i], 1e-12);
      }
    }
  }

  @Test
  void shapesAreChecked() {
    SisoProblem pr = SisoProblem.ofAmplitudes(g, 0.3, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightedSumRate.of(pr, Tensor.ones(4, 4)))
        .getMessage().contains("p must be real [4, 5]"));
  }
}
