package rrm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.nn.Parameter;
import rrm.tensor.Tensor;

class ScheduleAndClippingTest {
  private static double[] multipliers(LrSchedule s, long... steps) {
    double[] out = new double[steps.length];
    for (int i = 0; i < steps.length; i++) out[i] = s.multiplier(steps[i]);
    return out;
  }

  @Test
  void schedulesGiveTheStatedMultipliers() {
    assertArrayEquals(new double[] {1, 1, 1}, multipliers(LrSchedule.constant(), 0, 10, 1000));
    assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, multipliers(LrSchedule.step(2, 0.5), 0, 1, 2, 3, 4));
    assertArrayEquals(new double[] {1, 1, 0.1, 0.1, 0.01, 0.001},
        multipliers(LrSchedule.multiStep(0.1, 5000, 2500, 7500), 0, 2499, 2500, 4999, 5000, 9999), 1e-15);
    assertArrayEquals(new double[] {1, 0.9, 0.81}, multipliers(LrSchedule.exponential(0.9), 0, 1, 2), 1e-15);
  }

  private static Parameter withGrad(Tensor value, Tensor grad) {
    Parameter p = Parameter.of("p", value);
    if (!value.isComplex()) p.value().mul(grad).sum().backward();
    else p.value().real().mul(grad.real()).sum().add(p.value().imag().mul(grad.imag()).sum()).backward();
    return p;
  }

  @Test
  void clippingScalesToTheMaximumNormAndReturnsTheNormBefore() {
    Parameter a = withGrad(Tensor.zeros(2), Tensor.of(new double[] {3, 0}, 2));
    Parameter b = withGrad(Tensor.complexZeros(1), Tensor.complex(new double[] {0}, new double[] {4}, 1));
    Parameter unused = Parameter.of("u", Tensor.zeros(3));
    double n = GradientClipping.clipGlobalNorm(List.of(a, b, unused), 1.0);
    assertEquals(5.0, n, 1e-15);
    assertArrayEquals(new double[] {0.6, 0}, a.grad().toArray(), 1e-15);
    assertArrayEquals(new double[] {0.8}, b.grad().toImagArray(), 1e-15);
    assertNull(unused.grad());
    assertEquals(1.0, GradientClipping.globalNorm(List.of(a, b)), 1e-15);
  }

  @Test
  void clippingLeavesSmallOrNonFiniteGradientsAlone() {
    Parameter a = withGrad(Tensor.zeros(2), Tensor.of(new double[] {0.3, 0.4}, 2));
    assertEquals(0.5, GradientClipping.clipGlobalNorm(List.of(a), 1.0), 1e-15);
    assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toArray(), 0);
    Parameter nan = withGrad(Tensor.zeros(2), Tensor.of(new double[] {Double.NaN, 4}, 2));
    assertEquals(Double.NaN, GradientClipping.clipGlobalNorm(List.of(nan), 1.0));
    assertEquals(4, nan.grad().data()[1]);
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGlobalNorm(List.of(a), 0));
  }
}
