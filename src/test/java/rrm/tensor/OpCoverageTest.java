package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Gradient checks for the Tensor ops CoreOpsTest leaves out, rank-0 and batch-1 cases, and real-only ops. */
class OpCoverageTest {
  private static Tensor r(long seed, int... shape) {
    return Tensor.randn(seed, shape);
  }

  private static Tensor c(long seed, int... shape) {
    return Tensor.complexRandn(seed, shape);
  }

  @Test
  void scalarArgumentOpsGradients() {
    GradCheck.of(x -> x[0].add(2.5).sub(1.0).mul(-3.0).div(4.0)).check(c(1, 2, 3));
    GradCheck.of(x -> x[0].rsub(1.5).neg()).check(r(2, 4));
    GradCheck.of(x -> x[0].square()).check(c(3, 3));
    GradCheck.of(x -> x[0].square()).check(r(4, 2, 2));
  }

  @Test
  void clampVariantsAndMinimumGradients() {
    GradCheck.of(x -> x[0].clampMin(-0.3)).check(r(1, 9));
    GradCheck.of(x -> x[0].clampMax(0.4)).check(r(2, 9));
    GradCheck.of(x -> x[0].clamp(x[1], x[2])).check(r(3, 2, 5), r(4, 5).sub(1.0), r(5, 2, 1).add(1.0));
    GradCheck.of(x -> x[0].minimum(x[1])).check(r(6, 3, 4), r(7, 4));
  }

  @Test
  void reductionVariantsGradients() {
    GradCheck.of(x -> x[0].mean()).check(c(1, 3, 2));
    GradCheck.of(x -> x[0].mean(0)).check(r(2, 3, 2));
    GradCheck.of(x -> x[0].sum(-1, true)).check(c(3, 2, 3));
    GradCheck.of(x -> x[0].max(0, true)).check(r(4, 4, 3));
    GradCheck.of(x -> x[0].sumTo(3, 1)).check(c(5, 2, 3, 4));
  }

  @Test
  void shapeVariantsGradients() {
    GradCheck.of(x -> x[0].transpose(0, 2)).check(c(1, 2, 3, 4));
    GradCheck.of(x -> x[0].mT()).check(c(2, 2, 3, 2));
    GradCheck.of(x -> x[0].mH()).check(c(3, 2, 3, 2));
    GradCheck.of(x -> x[0].mH()).check(r(4, 3, 2));
    GradCheck.of(x -> x[0].select(1, 2)).check(c(5, 2, 3, 2));
    GradCheck.of(x -> x[0].unsqueeze(1).squeeze(1).unsqueeze(-1)).check(r(6, 2, 3));
  }

  @Test
  void linearAlgebraCompositesGradients() {
    GradCheck.of(x -> x[0].hermitianPart()).check(c(1, 2, 3, 3));
    GradCheck.of(x -> x[0].frobeniusNorm2()).check(c(2, 2, 3, 4));
    GradCheck.of(x -> x[0].frobeniusNorm2()).check(r(3, 3, 2));
    GradCheck.of(x -> x[0].matmul(x[1])).check(c(4, 1, 1, 5), c(5, 1, 5, 1));
    GradCheck.of(x -> x[0].matmul(x[1])).check(r(6, 1, 4, 2), r(7, 2, 3));
  }

  @Test
  void rankZeroScalarsBroadcastAndBackPropagate() {
    Tensor s = Tensor.scalar(3).requiresGrad(true);
    Tensor t = Tensor.ones(2, 2).requiresGrad(true);
    Tensor y = t.mul(s).sum().mul(s);
    assertEquals(0, y.dim());
    assertEquals(36, y.item(), 0);
    y.backward();
    assertEquals(24, s.grad().item(), 0);
    assertArrayEquals(new double[] {9, 9, 9, 9}, t.grad().toArray(), 0);
    GradCheck.of(x -> x[0].mul(x[1]).exp()).check(Tensor.scalar(0.3), c(1, 2, 2));
    GradCheck.of(x -> x[0].add(x[1]).sum()).check(Tensor.scalar(-1.2), Tensor.scalar(0.7));
  }

  @Test
  void realOnlyOpsRejectComplexInputs() {
    Tensor z = c(1, 2, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> z.clamp(-1, 1));
    assertEquals("clamp: expects a real tensor, got a complex one of shape [2, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> z.maximum(r(2, 2, 2)));
    assertEquals("maximum: expects a real tensor, got a complex one of shape [2, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> z.sigmoid());
    assertEquals("sigmoid: expects a real tensor, got a complex one of shape [2, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> z.max(0));
    assertEquals("max: expects a real tensor, got a complex one of shape [2, 2]", e.getMessage());
  }
}
