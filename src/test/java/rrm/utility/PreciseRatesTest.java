package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import rrm.system.MimoProblem;
import rrm.tensor.Tensor;

/** {@link MimoRates#precise}: the rates from the square roots of the covariances. */
class PreciseRatesTest {
  @Test
  void preciseRatesEqualTheFastOnesWhereTheCovariancesAreWellConditioned() {
    for (int d : new int[] {1, 2}) {
      MimoProblem p = MimoProblem.of(Tensor.complexRandn(61, 3, 4, 3, 4, 5), 0.1, 1.0).withStreams(d);
      Tensor v = Tensor.complexRandn(62, 3, 4, 5, d);
      double[] fast = MimoRates.rates(p, v).data(), precise = MimoRates.precise(p, v).data();
      for (int i = 0; i < fast.length; i++) assertEquals(fast[i], precise[i], 1e-12 * Math.max(1, fast[i]), "d " + d);
    }
  }

  @Test
  void preciseRatesMatchAnEightyDigitEvaluationWhereTheCovarianceIsIllConditioned() {
    // Receiver 0 (3 antennas): two interferers of order 1 span two directions, the noise is 1e-12, and its own signal
    // has a part of 1e-2 outside their span: SINR about 1e8, covariance condition number above 1e11.
    int k = 3, nr = 3, nt = 3;
    Tensor h = Tensor.complexRandn(63, 1, k, nr, k, nt);
    Tensor v = Tensor.complexRandn(64, 1, k, nt, 1).mul(0.01);
    MimoProblem p = MimoProblem.of(h, 1e-12, 1.0);
    double[] vr = v.data(), vi = v.imagData();
    for (int t = 0; t < nt; t++) { // interferers 1 and 2 at full strength
      vr[nt + t] *= 100;
      vi[nt + t] *= 100;
      vr[2 * nt + t] *= 100;
      vi[2 * nt + t] *= 100;
    }
    Tensor covariance = MimoSignals.of(p).receive(v, 0).interference().select(1, 0).select(0, 0);
    double[] eig = covariance.hermitianPart().eigh().values().data();
    assertTrue(eig[2] / eig[0] > 1e11, "condition number " + eig[2] / eig[0]);
    double[] precise = MimoRates.precise(p, v).data();
    for (int i = 0; i < k; i++) {
      double exact = reference(p, v, i);
      assertEquals(exact, precise[i], 1e-9 * Math.max(1, exact), "receiver " + i);
    }
  }

  @Test
  void badInputIsRejectedNamingIt() {
    MimoProblem p = MimoProblem.of(Tensor.complexRandn(65, 2, 3, 2, 3, 4), 0.1, 1.0);
    var e = assertThrows(IllegalArgumentException.class, () -> MimoRates.precise(p, Tensor.complexRandn(2, 2, 3, 3, 1)));
    assertTrue(e.getMessage().contains("MimoRates.precise") && e.getMessage().contains("[2, 3, 4, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MimoRates.precise((MimoSignals) null, null));
    assertTrue(e.getMessage().contains("signals must not be null"), e.getMessage());
    MimoProblem silent = MimoProblem.of(Tensor.complexRandn(66, 1, 1, 2, 1, 2), 0.0, 1.0); // no noise, no interference
    e = assertThrows(IllegalArgumentException.class, () -> MimoRates.precise(silent, Tensor.complexRandn(67, 1, 1, 2, 1)));
    assertEquals("MimoRates.precise: receiver 0 of instance 0 has a singular interference-plus-noise covariance "
        + "(noise 0.0 and interference of rank below N_r = 2)", e.getMessage());
  }

  /** {@code log2(1 + b^H N^{-1} b)} for receiver i of instance 0 (one stream), in 80-digit decimal arithmetic. */
  private static double reference(MimoProblem p, Tensor v, int i) {
    MathContext mc = new MathContext(80);
    int k = p.users(), nr = p.rxAntennas(), nt = p.txAntennas();
    double[] hr = p.channels().toArray(), hi = p.channels().toImagArray(), vr = v.toArray(), vi = v.toImagArray();
    BigDecimal[][] gr = new BigDecimal[k][nr], gi = new BigDecimal[k][nr]; // H_ij v_j
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < nr; a++) {
        BigDecimal sr = BigDecimal.ZERO, si = BigDecimal.ZERO;
        for (int t = 0; t < nt; t++) {
          int at = ((i * nr + a) * k + j) * nt + t;
          BigDecimal xr = new BigDecimal(hr[at]), xi = new BigDecimal(hi[at]);
          BigDecimal yr = new BigDecimal(vr[j * nt + t]), yi = new BigDecimal(vi[j * nt + t]);
          sr = sr.add(xr.multiply(yr, mc).subtract(xi.multiply(yi, mc), mc), mc);
          si = si.add(xr.multiply(yi, mc).add(xi.multiply(yr, mc), mc), mc);
        }
        gr[j][a] = sr;
        gi[j][a] = si;
      }
    }
    // [N | b], then Gauss-Jordan elimination (N is Hermitian positive definite: no pivoting needed)
    BigDecimal[][] mr = new BigDecimal[nr][nr + 1], mi = new BigDecimal[nr][nr + 1];
    for (int a = 0; a < nr; a++) {
      for (int c = 0; c < nr; c++) {
        BigDecimal sr = a == c ? new BigDecimal(p.noise()[i]) : BigDecimal.ZERO, si = BigDecimal.ZERO;
        for (int j = 0; j < k; j++) {
          if (j == i) continue; // g_a conj(g_c)
          sr = sr.add(gr[j][a].multiply(gr[j][c], mc).add(gi[j][a].multiply(gi[j][c], mc), mc), mc);
          si = si.add(gi[j][a].multiply(gr[j][c], mc).subtract(gr[j][a].multiply(gi[j][c], mc), mc), mc);
        }
        mr[a][c] = sr;
        mi[a][c] = si;
      }
      mr[a][nr] = gr[i][a];
      mi[a][nr] = gi[i][a];
    }
    for (int c = 0; c < nr; c++) {
      BigDecimal den = mr[c][c].multiply(mr[c][c], mc).add(mi[c][c].multiply(mi[c][c], mc), mc);
      for (int a = 0; a < nr; a++) {
        if (a == c) continue; // f = m_ac / m_cc
        BigDecimal fr = mr[a][c].multiply(mr[c][c], mc).add(mi[a][c].multiply(mi[c][c], mc), mc).divide(den, mc);
        BigDecimal fi = mi[a][c].multiply(mr[c][c], mc).subtract(mr[a][c].multiply(mi[c][c], mc), mc).divide(den, mc);
        for (int q = c; q <= nr; q++) {
          BigDecimal xr = mr[c][q], xi = mi[c][q];
          mr[a][q] = mr[a][q].subtract(fr.multiply(xr, mc).subtract(fi.multiply(xi, mc), mc), mc);
          mi[a][q] = mi[a][q].subtract(fr.multiply(xi, mc).add(fi.multiply(xr, mc), mc), mc);
        }
      }
    }
    BigDecimal sinr = BigDecimal.ZERO; // sum_a conj(b_a) x_a, x_a = m_a,nr / m_aa (m_aa real and positive)
    for (int a = 0; a < nr; a++) {
      BigDecimal xr = mr[a][nr].divide(mr[a][a], mc), xi = mi[a][nr].divide(mr[a][a], mc);
      sinr = sinr.add(gr[i][a].multiply(xr, mc).add(gi[i][a].multiply(xi, mc), mc), mc);
    }
    BigDecimal one = BigDecimal.ONE.add(sinr, mc);
    int e = 0; // log2(x) = e + log2(x / 2^e), the last factor in [1, 2) through a double
    BigDecimal two = BigDecimal.valueOf(2);
    while (one.compareTo(two) >= 0) {
      one = one.divide(two, mc);
      e++;
    }
    return e + Math.log(one.doubleValue()) / Math.log(2);
  }
}
