package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class MimoRatesTest {
  private static final double LN2 = Math.log(2);

  @Test
  void singleAntennaCaseIsTheSisoShannonRate() {
    int b = 2, k = 4;
    Tensor h = Tensor.complexRandn(3, b, k, 1, k, 1);
    Tensor v = Tensor.complexRandn(4, b, k, 1, 1).mul(0.7);
    double sigma2 = 0.3;
    double[] c = MimoRates.rates(MimoProblem.of(h, sigma2, 1.0), v).data();
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < k; i++) {
        double interference = sigma2;
        double signal = 0;
        for (int j = 0; j < k; j++) {
          double g = abs2(h, n * k * k + i * k + j) * abs2(v, n * k + j);
          if (j == i) signal = g;
          else interference += g;
        }
        assertEquals(Math.log1p(signal / interference) / LN2, c[n * k + i], 1e-12);
      }
    }
  }

  @Test
  void singleUserRateIsLogOnePlusReceivedSnr() {
    Tensor h = Tensor.complexRandn(5, 1, 1, 3, 1, 5);
    Tensor v = Tensor.complexRandn(6, 1, 1, 5, 1);
    double sigma2 = 0.05;
    Tensor hv = h.reshape(3, 5).matmul(v.reshape(5, 1));
    double snr = hv.abs2().sum().item() / sigma2;
    double c = MimoRates.rates(MimoProblem.of(h, sigma2, 10.0), v).item();
    assertEquals(Math.log1p(snr) / LN2, c, 1e-12);
  }

  @Test
  void twoStreamSingleUserRateIsTheLogDetOfATwoByTwo() {
    Tensor h = Tensor.complexRandn(7, 1, 1, 3, 1, 5);
    Tensor v = Tensor.complexRandn(8, 1, 1, 5, 2);
    double sigma2 = 0.2;
    MimoProblem p = MimoProblem.of(h, sigma2, 10.0).withStreams(2);
    Tensor hv = h.reshape(3, 5).matmul(v.reshape(5, 2));
    Tensor g = hv.mH().matmul(hv).div(sigma2);         // 2 x 2 Hermitian, det(I + g) by hand
    double a = 1 + g.get(0, 0), d = 1 + g.get(1, 1);
    double offRe = g.get(0, 1), offIm = g.getImag(0, 1);
    double det = a * d - (offRe * offRe + offIm * offIm);
    assertEquals(Math.log(det) / LN2, MimoRates.rates(p, v).item(), 1e-12);
  }

  @Test
  void ratesAgreeWithTheLogDetDifferenceOfThePaper() {
    int k = 3;
    Tensor h = Tensor.complexRandn(9, 2, k, 3, k, 5);
    Tensor v = Tensor.complexRandn(10, 2, k, 5, 1);
    double sigma2 = 0.1;
    double[] c = MimoRates.rates(MimoProblem.of(h, sigma2, 1.0), v).data();
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < k; i++) {
        Tensor noise = Tensor.eye(3).mul(sigma2).add(Tensor.complexZeros(3, 3));
        Tensor signal = null;
        for (int j = 0; j < k; j++) {
          Tensor hij = h.select(0, n).select(0, i).select(1, j);          // [3, 5]
          Tensor f = hij.matmul(v.select(0, n).select(0, j));             // [3, 1]
          Tensor ff = f.matmul(f.mH());
          if (j == i) signal = ff;
          else noise = noise.add(ff);
        }
        double expected = (noise.add(signal).logdetHpd().item() - noise.logdetHpd().item()) / LN2;
        assertEquals(expected, c[n * k + i], 1e-10);
      }
    }
  }

  @Test
  void weightedSumRateUsesTheProblemWeights() {
    int k = 3;
    Tensor h = Tensor.complexRandn(11, 2, k, 2, k, 2);
    Tensor v = Tensor.complexRandn(12, 2, k, 2, 1);
    MimoProblem p = MimoProblem.of(h, 0.5, 1.0);
    Tensor c = MimoRates.rates(p, v);
    double[] w = {0.5, 2.0, 1.5};
    double expected = 0.5 * c.get(1, 0) + 2.0 * c.get(1, 1) + 1.5 * c.get(1, 2);
    assertEquals(expected, MimoRates.weightedSumRate(p.withWeights(Tensor.of(w, 3)), v).get(1), 1e-12);
    assertEquals(c.sum(-1).get(0), MimoRates.weightedSumRate(p, v).get(0), 1e-12);
    assertEquals(c.sum(-1).get(0), MimoRates.rates(p, Beamformers.of(v)).sum(-1).get(0), 0);
  }

  @Test
  void ratesAreDifferentiableInThePrecoders() {
    int k = 3;
    Tensor h = Tensor.complexRandn(13, 1, k, 2, k, 3);
    Tensor v = Tensor.complexRandn(14, 1, k, 3, 1);
    GradCheck.of(x -> MimoRates.rates(MimoProblem.of(h, 0.3, 1.0), x[0])).check(v);
    Tensor v2 = Tensor.complexRandn(15, 1, k, 3, 2);
    GradCheck.of(x -> MimoRates.rates(MimoProblem.of(h, 0.3, 1.0).withStreams(2), x[0])).check(v2);
  }

  @Test
  void precodersOfTheWrongShapeAreRejected() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(1, 2, 3, 2, 3, 4), 0.1, 1.0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> MimoRates.rates(p, Tensor.complexRandn(2, 2, 3, 3, 1)));
    assertTrue(e.getMessage().contains("MimoSignals.receive") && e.getMessage().contains("[2, 3, 4, 1]"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MimoRates.rates(p, Tensor.zeros(2, 3, 4, 1)));
  }

  private static double abs2(Tensor t, int flat) {
    double r = t.data()[flat], i = t.imagData()[flat];
    return r * r + i * i;
  }
}
