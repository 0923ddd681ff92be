package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InverseSolveTest {
  private static final double EXACT = 1e-12;

  @Test
  void inverseTimesMatrixIsTheIdentityRealAndComplex() {
    for (boolean complex : new boolean[] {false, true}) {
      Tensor a = Samples.general(1, complex, 5, 6, 6);
      Tensor eye = Tensor.eye(6).expand(5, 6, 6);
      assertTrue(Samples.maxDiff(a.matmul(a.inverse()), eye) < EXACT);
      assertTrue(Samples.maxDiff(a.inverse().matmul(a), eye) < EXACT);
    }
  }

  @Test
  void inverseNeedsPivoting() {
    Tensor a = Tensor.of(new double[][] {{0, 1}, {1, 0}});
    assertArrayEquals(new double[] {0, 1, 1, 0}, a.inverse().toArray(), 0);
  }

  @Test
  void solveMatchesInverseTimesRightHandSideWithBroadcastBatch() {
    Tensor a = Samples.general(2, true, 3, 4, 4);
    Tensor b = Tensor.complexRandn(3, 4, 2);
    Tensor x = a.solve(b);
    assertArrayEquals(new int[] {3, 4, 2}, x.shape());
    assertTrue(Samples.maxDiff(x, a.inverse().matmul(b)) < EXACT);
    Tensor shared = Samples.general(4, false, 4, 4);
    Tensor bs = Tensor.randn(5, 2, 4, 3);
    assertTrue(Samples.maxDiff(shared.solve(bs), shared.inverse().matmul(bs)) < EXACT);
  }

  @Test
  void solveWithoutGradientGivesTheSameBitsAsTheRecordedSolve() {
    for (int n : new int[] {1, 3, 7, 9}) {
      for (boolean complex : new boolean[] {false, true}) {
        Tensor a = Samples.general(n, complex, 4, n, n);
        Tensor b = Tensor.complexRandn(n + 1, 4, n, 2);
        Tensor plain = a.solve(b);
        Tensor recorded = a.copy().requiresGrad(true).solve(b);
        assertArrayEquals(plain.toArray(), recorded.toArray(), 0);
        assertArrayEquals(plain.toImagArray(), recorded.toImagArray(), 0);
      }
    }
  }

  @Test
  void inverseGradientRealComplexBatchOneAndUnbatched() {
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(1, false, 2, 3, 3));
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(2, true, 2, 3, 3));
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(3, true, 1, 4, 4));
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(4, false, 5, 5));
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(5, true, 3, 2, 2));
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(6, false, 2, 2, 2));
    GradCheck.of(x -> x[0].inverse()).check(Samples.general(7, true, 4, 1, 1));
  }

  @Test
  void solveGradientForBothArgumentsWithSeveralColumns() {
    GradCheck.of(x -> x[0].solve(x[1])).check(Samples.general(1, true, 2, 3, 3), Tensor.complexRandn(2, 2, 3, 2));
    GradCheck.of(x -> x[0].solve(x[1])).check(Samples.general(3, false, 2, 3, 3), Tensor.randn(4, 2, 3, 4));
    GradCheck.of(x -> x[0].solve(x[1])).check(Samples.general(5, false, 1, 3, 3), Tensor.complexRandn(6, 1, 3, 1));
    GradCheck.of(x -> x[0].solve(x[1])).check(Samples.general(7, true, 3, 3), Tensor.randn(8, 2, 3, 2));
  }

  @Test
  void singularMatrixIsRejectedNamingTheBatchIndexAndColumn() {
    Tensor a = Samples.general(1, false, 64, 4, 4);
    double[] d = a.data();
    for (int i = 0; i < 4; i++) d[17 * 16 + i * 4 + 2] = 0;
    var e = assertThrows(IllegalArgumentException.class, a::inverse);
    assertEquals("inverse: matrix 17 of batch shape [64] is singular (pivot 0 in column 2), shape [64, 4, 4]",
        e.getMessage());
  }

  @Test
  void rankDeficientMatrixIsSingularToWorkingPrecision() {
    Tensor a = Tensor.complex(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new double[9], 3, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> a.solve(Tensor.ones(3, 1)));
    assertTrue(e.getMessage().matches("solve: the matrix is singular to working precision \\(pivot [0-9.]+e-1[5-7] in "
        + "column 2, at most n \\* 2\\^-52 times its largest entry\\), shape \\[3, 3\\]"), e.getMessage());
    var f = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {2, 4.0000000000000001}})
        .inverse());
    assertEquals("inverse: the matrix is singular (pivot 0 in column 1), shape [2, 2]", f.getMessage());
  }

  @Test
  void batchedSingularMatrixNamesItsMultiIndex() {
    Tensor a = Samples.general(2, true, 2, 3, 2, 2);
    double[] d = a.data(), di = a.imagData();
    for (int k = 0; k < 4; k++) {
      d[4 * 4 + k] = 0;
      di[4 * 4 + k] = 0;
    }
    var e = assertThrows(IllegalArgumentException.class, a::inverse);
    assertEquals("inverse: matrix 4 (index [1, 1]) of batch shape [2, 3] is singular (pivot 0 in column 0), "
        + "shape [2, 3, 2, 2]", e.getMessage());
  }

  @Test
  void nonSquareNonFiniteAndMismatchedInputsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).inverse());
    assertEquals("inverse: a must be square in its last two axes, got shape [2, 3, 4]", e.getMessage());
    Tensor nan = Samples.general(1, false, 3, 2, 2);
    nan.data()[2 * 4 + 3] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, nan::inverse);
    assertEquals("inverse: matrix 2 of batch shape [3] contains NaN at row 1, column 1, shape [3, 2, 2]",
        e.getMessage());
    Tensor inf = Samples.general(1, true, 2, 2);
    inf.imagData()[1] = Double.POSITIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> inf.solve(Tensor.ones(2, 1)));
    assertEquals("solve: the matrix contains an infinity at row 0, column 1, shape [2, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.eye(3).solve(Tensor.ones(4, 1)));
    assertEquals("solve: b must have 3 rows to match a, got a [3, 3] and b [4, 1]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.eye(3).solve(Tensor.ones(3)));
    assertEquals("solve: b must have at least 2 axes, got shape [3]", e.getMessage());
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Tensor a = Samples.general(9, true, 300, 5, 5);
    Tensor b = Tensor.complexRandn(10, 300, 5, 3);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = a.solve(b);
      Parallel.setThreads(3);
      Tensor many = a.solve(b);
      assertArrayEquals(one.toArray(), many.toArray(), 0);
      assertArrayEquals(one.toImagArray(), many.toImagArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  /**
   * A matrix plus a dominant rank-one term {@code S + w g g^H} (the V-step of a learned WMMSE layer when one weight
   * is far above the others): the strict solve calls it singular to working precision; the ill-conditioned solve
   * returns a backward-stable solution (residual at rounding level of {@code |A| |x|}) whose component along the
   * dominant direction, {@code g^H x = w g^H S^{-1} g / (1 + w g^H S^{-1} g)} by Sherman-Morrison, is accurate; it
   * gives the same bits as the strict solve on well-conditioned matrices.
   */
  @Test
  void illConditionedSolveHandlesADominantRankOneTermAndOtherwiseEqualsSolve() {
    int n = 5;
    Tensor s = Samples.general(21, true, n, n).add(Tensor.eye(n).mul(3));
    Tensor g = Tensor.complexRandn(22, n, 1);
    for (double w : new double[] {1e18, 1e22}) {
      Tensor a = s.add(g.matmul(g.mH()).mul(w));
      Tensor b = g.mul(w);
      var e = assertThrows(IllegalArgumentException.class, () -> a.solve(b));
      assertTrue(e.getMessage().contains("singular to working precision"), e.getMessage());
      Tensor x = a.solveIllConditioned(b);
      Tensor r = a.matmul(x).sub(b);
      double res = Math.sqrt(r.abs2().sum().item()), xs = Math.sqrt(x.abs2().sum().item());
      double as = Math.sqrt(a.abs2().sum().item());
      assertTrue(res <= 1e-14 * as * xs, "w = " + w + ": residual " + res + " vs |A| |x| " + as * xs);
      Tensor q = g.mH().matmul(s.solve(g)).mul(w);
      Tensor along = q.div(q.add(1)), got = g.mH().matmul(x);
      double err = Math.hypot(got.data()[0] - along.data()[0], got.imagData()[0] - along.imagData()[0]);
      assertTrue(err <= 1e-10, "w = " + w + ": g^H x off by " + err);
    }
    Tensor a = Samples.general(23, true, 40, n, n);
    Tensor b = Tensor.complexRandn(24, 40, n, 2);
    assertArrayEquals(a.solve(b).toArray(), a.solveIllConditioned(b).toArray(), 0);
    assertArrayEquals(a.solve(b).toImagArray(), a.solveIllConditioned(b).toImagArray(), 0);
    GradCheck.of(x -> x[0].solveIllConditioned(x[1])).check(Samples.general(25, true, 2, 3, 3),
        Tensor.complexRandn(26, 2, 3, 1));
    Tensor zero = Tensor.complex(new double[] {1, 2, 2, 4}, new double[4], 2, 2);
    var z = assertThrows(IllegalArgumentException.class, () -> zero.solveIllConditioned(Tensor.ones(2, 1)));
    assertEquals("solveIllConditioned: the matrix is singular (pivot 0 in column 1), shape [2, 2]", z.getMessage());
  }
}
