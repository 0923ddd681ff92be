package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class LinkScoresTest {
  @Test
  void equalsThePermutedMatmulBitForBitWithItsGradients() {
    int b = 3, m = 7, nr = 3, nt = 5;
    Tensor h = Tensor.complexRandn(1, b, m, nr, m, nt);
    Tensor omega = Tensor.complexRandn(2, nr * nt, 1);
    Tensor g = Tensor.complexRandn(3, b, m, m);
    Tensor w1 = omega.copy().requiresGrad(true), w2 = omega.copy().requiresGrad(true);
    Tensor fused = LinkScores.apply(h, w1);
    Tensor plain = h.permute(0, 1, 3, 2, 4).reshape(b, m, m, nr * nt).matmul(w2).reshape(b, m, m);
    assertArrayEquals(plain.toArray(), fused.toArray(), 0);
    assertArrayEquals(plain.toImagArray(), fused.toImagArray(), 0);
    fused.backward(g);
    plain.backward(g);
    assertArrayEquals(w2.grad().toArray(), w1.grad().toArray(), 0);
    assertArrayEquals(w2.grad().toImagArray(), w1.grad().toImagArray(), 0);
  }

  @Test
  void weightGradientDoesNotDependOnThreadCount() {
    Tensor h = Tensor.complexRandn(4, 2, 40, 3, 40, 5);
    Tensor g = Tensor.complexRandn(5, 2, 40, 40);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor w1 = Tensor.complexRandn(6, 15, 1).requiresGrad(true);
      LinkScores.apply(h, w1).backward(g);
      Parallel.setThreads(2);
      Tensor w2 = Tensor.complexRandn(6, 15, 1).requiresGrad(true);
      LinkScores.apply(h, w2).backward(g);
      assertArrayEquals(w1.grad().toArray(), w2.grad().toArray(), 0);
      assertArrayEquals(w1.grad().toImagArray(), w2.grad().toImagArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void gradientsMatchFiniteDifferencesForRealAndComplexInputs() {
    Tensor h = Tensor.complexRandn(7, 2, 3, 2, 3, 2);
    GradCheck.of(x -> LinkScores.apply(x[0], x[1])).check(h, Tensor.complexRandn(8, 4, 1));
    GradCheck.of(x -> LinkScores.apply(x[0], x[1])).check(h, Tensor.randn(9, 4, 1));
    GradCheck.of(x -> LinkScores.apply(x[0], x[1])).check(h.real(), Tensor.complexRandn(10, 4, 1));
  }

  @Test
  void badShapesAreRejectedNamingTheArgument() {
    Tensor h = Tensor.complexRandn(11, 1, 2, 2, 2, 3);
    String omega = assertThrows(IllegalArgumentException.class,
        () -> LinkScores.apply(h, Tensor.complexRandn(12, 5, 1))).getMessage();
    assertTrue(omega.contains("omega"), omega);
    String channels = assertThrows(IllegalArgumentException.class,
        () -> LinkScores.apply(h.reshape(2, 2, 2, 3), Tensor.complexRandn(12, 6, 1))).getMessage();
    assertTrue(channels.contains("channels"), channels);
  }
}
