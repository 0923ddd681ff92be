package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatVecTest {
  private final Tensor a = Tensor.randn(1, 3, 5, 5);
  private final Tensor y = Tensor.randn(2, 3, 5);

  @Test
  void productsMatchMatmulInBothOrientations() {
    MatVec op = MatVec.of(a);
    Tensor col = y.reshape(3, 5, 1);
    assertArrayEquals(a.matmul(col).toArray(), op.times(y).toArray(), 1e-14);
    assertArrayEquals(a.mT().matmul(col).toArray(), op.transposeTimes(y).toArray(), 1e-14);
    assertArrayEquals(a.matmul(col).toArray(), op.apply(y.toArray(), false), 1e-14);
    assertArrayEquals(a.mT().matmul(col).toArray(), op.apply(y.toArray(), true), 1e-14);
  }

  @Test
  void gradientsFlowToTheVector() {
    MatVec op = MatVec.of(a);
    GradCheck.of(x -> op.times(x[0])).check(y);
    GradCheck.of(x -> op.transposeTimes(x[0])).check(y);
    MatVec single = MatVec.of(Tensor.randn(3, 1, 4, 4));
    GradCheck.of(x -> single.times(x[0])).check(Tensor.randn(4, 1, 4));
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Tensor big = Tensor.randn(5, 500, 20, 20);
    Tensor v = Tensor.randn(6, 500, 20);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = MatVec.of(big).times(v).toArray();
      Parallel.setThreads(3);
      assertArrayEquals(one, MatVec.of(big).times(v).toArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void badShapesNameTheOperation() {
    var e = assertThrows(IllegalArgumentException.class, () -> MatVec.of(a).times(Tensor.ones(3, 4)));
    assertEquals("MatVec.times: y must be real [3, 5], got [3, 4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MatVec.of(Tensor.ones(2, 3, 4)));
    assertEquals("MatVec.of: expects real matrices [B, M, M], got shape [2, 3, 4]", e.getMessage());
  }
}
