package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;

class ParameterGradCheckTest {
  /** y = w² with a deliberately wrong backward rule (gradient w instead of 2w). */
  private static final class WrongSquare extends Module {
    final Parameter w = param("w", Tensor.of(new double[] {0.7, -1.3}, 2));

    Tensor apply() {
      Tensor v = w.value();
      Tensor out = Tensor.of(new double[] {v.data()[0] * v.data()[0], v.data()[1] * v.data()[1]}, 2);
      return Autograd.record(out, "wrongSquare", g -> new Tensor[] {g.mul(v.detach())}, v);
    }
  }

  @Test
  void failsOnAWrongBackwardRule() {
    WrongSquare m = new WrongSquare();
    assertThrows(AssertionFailedError.class, () -> ParameterGradCheck.of(m).check(m::apply));
  }

  @Test
  void failsWhenAParameterIsCutFromTheGraph() {
    Linear lin = new Linear(2, 2, 1L);
    Tensor x = Tensor.randn(1, 3, 2);
    assertThrows(AssertionFailedError.class,
        () -> ParameterGradCheck.of(lin).check(() -> x.matmul(lin.weight().value().detach()).add(lin.bias().value())));
  }
}
