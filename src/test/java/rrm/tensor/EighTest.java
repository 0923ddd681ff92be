package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EighTest {
  private static final double EXACT = 1e-12;

  @Test
  void twoByTwoComplexMatchesTheClosedForm() {
    // [[2, 1 - i], [1 + i, 3]]: λ = (5 ± 3) / 2.
    Tensor a = Tensor.complex(new double[] {2, 1, 1, 3}, new double[] {0, -1, 1, 0}, 2, 2);
    Eigh e = a.eigh();
    assertArrayEquals(new double[] {1, 4}, e.values().toArray(), EXACT);
  }

  @Test
  void decompositionReconstructsWithOrthonormalVectorsAndAscendingValues() {
    for (boolean complex : new boolean[] {false, true}) {
      for (int n : new int[] {1, 2, 5, 8}) {
        Tensor a = Samples.hpd(n, complex, 3, n, n).sub(Tensor.eye(n).mul(2.0));
        Eigh e = a.eigh();
        Tensor v = e.vectors();
        assertEquals(complex, v.isComplex());
        assertTrue(Samples.maxDiff(v.matmul(e.values().diagEmbed()).matmul(v.mH()), a) < EXACT);
        assertTrue(Samples.maxDiff(v.mH().matmul(v), Tensor.eye(n).expand(3, n, n)) < EXACT);
        double[] lam = e.values().toArray();
        for (int b = 0; b < 3; b++) for (int i = 1; i < n; i++) assertTrue(lam[b * n + i - 1] <= lam[b * n + i]);
      }
    }
  }

  @Test
  void knownSpectrumIsRecovered() {
    Tensor a = Samples.withEigenvalues(3, true, 4, -1, 2.5, 0, 9);
    assertArrayEquals(new double[] {-1, 0, 2.5, 4, 9}, a.eigh().values().toArray(), EXACT);
  }

  @Test
  void extremeScalesDiagonalAndTridiagonalInputsAreDecomposed() {
    // entries near 1e200 (their squares overflow) or 1e-200, and inputs that skip Householder steps
    double[] re = new double[25], im = new double[25];
    for (int i = 0; i < 5; i++) re[i * 5 + i] = i;
    for (int i = 0; i < 4; i++) {
      re[(i + 1) * 5 + i] = re[i * 5 + i + 1] = 0.5;
      im[(i + 1) * 5 + i] = 0.3 * (i - 1.5);
      im[i * 5 + i + 1] = -0.3 * (i - 1.5);
    }
    Tensor base = Samples.hpd(9, true, 5, 5);
    for (Tensor a : new Tensor[] {base.mul(1e200), base.mul(1e-200), Tensor.complex(re, im, 5, 5),
        Tensor.of(new double[] {3, -1, 2, 2, 0}, 5).diagEmbed()}) {
      Eigh e = a.eigh();
      Tensor v = e.vectors();
      double scale = Samples.maxDiff(a, a.mul(0.0)); // the largest entry (its square may overflow)
      assertTrue(Samples.maxDiff(v.matmul(e.values().diagEmbed()).matmul(v.mH()), a) < EXACT * scale);
      assertTrue(Samples.maxDiff(v.mH().matmul(v), Tensor.eye(5)) < EXACT);
    }
  }

  @Test
  void eachVectorsLargestEntryIsRealAndPositive() {
    Tensor v = Samples.hpd(4, true, 6, 6).eigh().vectors();
    for (int j = 0; j < 6; j++) {
      int best = 0;
      for (int k = 1; k < 6; k++) {
        if (Math.hypot(v.get(k, j), v.getImag(k, j)) > Math.hypot(v.get(best, j), v.getImag(best, j))) best = k;
      }
      assertTrue(v.get(best, j) > 0);
      assertEquals(0, v.getImag(best, j), 0);
    }
  }

  @Test
  void eigenvalueGradientRealAndComplex() {
    GradCheck.of(x -> x[0].hermitianPart().eigh().values()).check(Samples.withEigenvalues(1, true, 1, 2.5, 4, 6));
    GradCheck.of(x -> x[0].hermitianPart().eigh().values()).check(Samples.withEigenvalues(2, false, -2, 1, 3));
    GradCheck.of(x -> Samples.hpdOf(x[0]).eigh().values()).check(Tensor.complexRandn(3, 2, 3, 3));
  }

  @Test
  void eigenvectorGradientThroughGaugeInvariantFunctions() {
    // V diag(f(λ)) V^H with f = exp, and |V|^2: neither depends on the eigenvector phases.
    GradCheck.of(x -> {
      Eigh e = x[0].hermitianPart().eigh();
      return e.vectors().matmul(e.values().mul(0.3).exp().diagEmbed()).matmul(e.vectors().mH());
    }).check(Samples.withEigenvalues(4, true, 1, 2, 3.5, 5));
    GradCheck.of(x -> x[0].hermitianPart().eigh().vectors().abs2()).check(Samples.withEigenvalues(5, true, -1, 1, 2));
    GradCheck.of(x -> x[0].hermitianPart().eigh().vectors().abs2()).check(Samples.withEigenvalues(6, false, 0, 1, 3, 4));
    GradCheck.of(x -> {
      Eigh e = Samples.hpdOf(x[0]).eigh();
      return e.vectors().select(-1, 1).abs2().mul(e.values().select(-1, 1).unsqueeze(-1));
    }).check(Tensor.complexRandn(7, 1, 3, 3));
  }

  @Test
  void nonHermitianAndNonFiniteInputsAreRejected() {
    Tensor a = Tensor.of(new double[][] {{1, 2}, {0, 1}});
    var e = assertThrows(IllegalArgumentException.class, a::eigh);
    assertEquals("eigh: the matrix is not Hermitian (entries (1, 0) and (0, 1) differ by 2.00, more than 1e-8 of the "
        + "largest entry), shape [2, 2]", e.getMessage());
    Tensor inf = Samples.hpd(1, true, 4, 2, 2);
    inf.data()[3 * 4] = Double.NEGATIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, inf::eigh);
    assertEquals("eigh: matrix 3 of batch shape [4] contains an infinity at row 0, column 0, shape [4, 2, 2]",
        e.getMessage());
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Tensor a = Samples.hpd(8, true, 200, 6, 6);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Eigh one = a.eigh();
      Parallel.setThreads(3);
      Eigh many = a.eigh();
      assertArrayEquals(one.values().toArray(), many.values().toArray(), 0);
      assertArrayEquals(one.vectors().toImagArray(), many.vectors().toImagArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }
}
