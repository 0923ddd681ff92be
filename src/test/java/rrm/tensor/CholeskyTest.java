package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CholeskyTest {
  private static final double EXACT = 1e-12;

  private static Tensor r(long seed, int... shape) {
    return Tensor.randn(seed, shape);
  }

  private static Tensor c(long seed, int... shape) {
    return Tensor.complexRandn(seed, shape);
  }

  @Test
  void factorIsLowerWithPositiveDiagonalAndReconstructs() {
    for (boolean complex : new boolean[] {false, true}) {
      Tensor a = Samples.hpd(1, complex, 4, 5, 5);
      Tensor l = a.cholesky();
      assertTrue(Samples.maxDiff(l.matmul(l.mH()), a) < EXACT);
      for (int b = 0; b < 4; b++) {
        for (int i = 0; i < 5; i++) {
          assertTrue(l.get(b, i, i) > 0);
          assertEquals(0, l.getImag(b, i, i), 0);
          for (int j = i + 1; j < 5; j++) assertEquals(0, Math.hypot(l.get(b, i, j), l.getImag(b, i, j)), 0);
        }
      }
    }
  }

  @Test
  void choleskyGradientRealComplexBatchOneAndUnbatched() {
    GradCheck.of(x -> Samples.hpdOf(x[0]).cholesky()).check(r(1, 2, 3, 3));
    GradCheck.of(x -> Samples.hpdOf(x[0]).cholesky()).check(c(2, 2, 3, 3));
    GradCheck.of(x -> Samples.hpdOf(x[0]).cholesky()).check(c(3, 1, 4, 4));
    GradCheck.of(x -> Samples.hpdOf(x[0]).cholesky()).check(r(4, 4, 4));
  }

  @Test
  void choleskyOfTheHermitianPartTakesAnyPerturbation() {
    GradCheck.of(x -> x[0].hermitianPart().cholesky()).check(Samples.hpd(5, true, 2, 3, 3));
  }

  @Test
  void logdetMatchesTheProductOfEigenvaluesAndInverse() {
    Tensor a = Samples.withEigenvalues(1, true, 0.5, 2, 3, 7);
    assertEquals(Math.log(0.5 * 2 * 3 * 7), a.logdetHpd().item(), EXACT);
    Tensor b = Samples.hpd(2, false, 3, 4, 4);
    assertTrue(Samples.maxDiff(b.logdetHpd(), b.inverseHpd().logdetHpd().neg()) < EXACT);
    assertArrayEquals(new int[] {3}, b.logdetHpd().shape());
  }

  @Test
  void logdetGradientIsTheInverse() {
    GradCheck.of(x -> Samples.hpdOf(x[0]).logdetHpd()).check(c(1, 3, 3, 3));
    GradCheck.of(x -> Samples.hpdOf(x[0]).logdetHpd()).check(r(2, 1, 4, 4));
    GradCheck.of(x -> x[0].hermitianPart().logdetHpd()).check(Samples.hpd(3, true, 3, 3));
    Tensor a = Samples.hpd(4, true, 2, 3, 3).requiresGrad(true);
    a.logdetHpd().sum().backward();
    assertTrue(Samples.maxDiff(a.grad(), a.detach().inverse()) < EXACT);
  }

  @Test
  void hermitianSolveAndInverseMatchTheLuVersions() {
    Tensor a = Samples.hpd(1, true, 3, 4, 4);
    Tensor b = c(2, 3, 4, 2);
    assertTrue(Samples.maxDiff(a.solveHpd(b), a.solve(b)) < EXACT);
    assertTrue(Samples.maxDiff(a.inverseHpd(), a.inverse()) < EXACT);
    Tensor inv = a.inverseHpd();
    assertTrue(Samples.maxDiff(inv, inv.mH()) == 0);
    Tensor shared = Samples.hpd(3, false, 4, 4);
    assertTrue(Samples.maxDiff(shared.solveHpd(b), shared.solve(b)) < EXACT);
  }

  @Test
  void hermitianSolveAndInverseGradients() {
    GradCheck.of(x -> Samples.hpdOf(x[0]).solveHpd(x[1])).check(c(1, 2, 3, 3), c(2, 2, 3, 2));
    GradCheck.of(x -> Samples.hpdOf(x[0]).solveHpd(x[1])).check(r(3, 3, 3), r(4, 3, 1));
    GradCheck.of(x -> Samples.hpdOf(x[0]).solveHpd(x[1])).check(r(5, 1, 3, 3), c(6, 1, 3, 2));
    GradCheck.of(x -> Samples.hpdOf(x[0]).inverseHpd()).check(c(7, 2, 3, 3));
    GradCheck.of(x -> Samples.hpdOf(x[0]).inverseHpd()).check(r(8, 4, 4));
  }

  @Test
  void notPositiveDefiniteIsRejectedNamingMatrixAndColumn() {
    Tensor a = Samples.hpd(1, true, 8, 3, 3);
    a.data()[5 * 9 + 2 * 3 + 2] = -4; // a_22 of matrix 5
    var e = assertThrows(IllegalArgumentException.class, a::cholesky);
    assertTrue(e.getMessage().startsWith("cholesky: matrix 5 of batch shape [8] is not positive definite (pivot -"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(" at column 2), shape [8, 3, 3]"), e.getMessage());
    Tensor singular = Tensor.of(new double[][] {{1, 1}, {1, 1}});
    e = assertThrows(IllegalArgumentException.class, singular::logdetHpd);
    assertEquals("logdetHpd: the matrix is not positive definite (pivot 0.00 at column 1), shape [2, 2]",
        e.getMessage());
  }

  @Test
  void nonHermitianNonFiniteAndNonSquareAreRejected() {
    Tensor a = Samples.hpd(1, true, 2, 3, 3);
    a.imagData()[9 + 1] += 0.5; // entry (0, 1) of matrix 1
    var e = assertThrows(IllegalArgumentException.class, () -> a.solveHpd(Tensor.ones(2, 3, 1)));
    assertEquals("solveHpd: matrix 1 of batch shape [2] is not Hermitian (entries (1, 0) and (0, 1) differ by 0.500, "
        + "more than 1e-8 of the largest entry), shape [2, 3, 3]", e.getMessage());
    Tensor nan = Samples.hpd(2, false, 3, 3);
    nan.data()[4] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, nan::inverseHpd);
    assertEquals("inverseHpd: the matrix contains NaN at row 1, column 1, shape [3, 3]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 2).cholesky());
    assertEquals("cholesky: a must be square in its last two axes, got shape [3, 2]", e.getMessage());
  }

  @Test
  void resultsAndGradientsDoNotDependOnThreadCount() {
    Tensor a = Samples.hpd(11, true, 300, 6, 6);
    Tensor b = c(12, 300, 6, 2);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor[] one = run(a, b);
      Parallel.setThreads(3);
      Tensor[] many = run(a, b);
      for (int i = 0; i < one.length; i++) {
        assertArrayEquals(one[i].toArray(), many[i].toArray(), 0);
        assertArrayEquals(one[i].toImagArray(), many[i].toImagArray(), 0);
      }
    } finally {
      Parallel.setThreads(before);
    }
  }

  private static Tensor[] run(Tensor a0, Tensor b) {
    Tensor a = a0.copy().requiresGrad(true);
    Tensor l = a.cholesky(), x = a.solveHpd(b), inv = a.inverseHpd(), ld = a.logdetHpd();
    l.abs2().sum().add(x.abs2().sum()).add(inv.real().sum()).add(ld.sum()).backward();
    return new Tensor[] {l, x, inv, ld, a.grad()};
  }
}
