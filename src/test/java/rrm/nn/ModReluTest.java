package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class ModReluTest {
  @Test
  void shiftsTheModulusAndKeepsThePhase() {
    Tensor x = Tensor.complex(new double[] {3, 3, 0, -0.6}, new double[] {4, 4, 0, 0.8}, 4);
    Tensor b = Tensor.of(new double[] {-1, -6, 0.5, 2}, 4);
    Tensor y = ModRelu.modRelu(x, b);
    assertArrayEquals(new double[] {2.4, 0, 0, -1.8}, y.toArray(), 1e-15);
    assertArrayEquals(new double[] {3.2, 0, 0, 2.4}, y.toImagArray(), 1e-15);
    Tensor real = ModRelu.modRelu(Tensor.of(new double[] {-2, 0.3, 1}, 3), Tensor.of(new double[] {0.5, -0.5, 0}, 3));
    assertArrayEquals(new double[] {-2.5, 0, 1}, real.toArray(), 0);
  }

  @Test
  void gradientsMatchFiniteDifferencesAwayFromTheKinks() {
    // Moduli in [0.5, 1.5] and biases in [-0.3, 0.3] or far below -2: |x| + b stays at least 0.2 from 0.
    double[] re = {0.5, -0.7, 0.9, 0.2, -1.1, 0.4}, im = {0.3, 0.6, -0.2, -1.2, 0.1, 0.9};
    Tensor x = Tensor.complex(re, im, 2, 3);
    Tensor b = Tensor.of(new double[] {0.3, -0.2, -3}, 3);
    GradCheck.of(in -> ModRelu.modRelu(in[0], in[1])).check(x, b);
    GradCheck.of(in -> ModRelu.modRelu(in[0], in[1])).check(x.real(), b);
    GradCheck.of(in -> ModRelu.modRelu(in[0], in[1])).check(x.slice(0, 0, 1), b);
  }

  @Test
  void biasGradientSumsOverRowsAndScaledBiasIsDifferentiable() {
    ModRelu layer = new ModRelu(3, 0.1);
    Tensor x = Tensor.complexRandn(5, 4, 2, 3).mul(3).add(Tensor.complex(Tensor.full(1.5, 3), Tensor.zeros(3)));
    assertTrue(Arrays.stream(x.abs().toArray()).allMatch(v -> v > 0.05), "x = 0, the only kink for b > 0, is far");
    ParameterGradCheck.of(layer).check(() -> layer.apply(x));
    Tensor scale = Tensor.of(new double[] {0.5, 1, 1.5, 2}, 4, 1, 1);
    ParameterGradCheck.of(layer).check(() -> layer.apply(x, scale));
    GradCheck.of(in -> layer.apply(in[0], in[1])).check(x, scale);
  }

  @Test
  void nearZeroInputHasLargeButCorrectGradient() {
    Tensor x = Tensor.complex(new double[] {1e-3, -2e-4}, new double[] {-5e-4, 3e-4}, 2);
    Tensor b = Tensor.of(new double[] {0.5, 0.25}, 2);
    GradCheck.of(in -> ModRelu.modRelu(in[0], in[1])).eps(1e-9).check(x, b);
  }

  @Test
  void exactZeroGivesZeroOutputAndFiniteZeroGradient() {
    for (double bias : new double[] {0.5, 0, -0.5}) {
      Tensor x = Tensor.complexZeros(3).requiresGrad(true);
      Tensor b = Tensor.full(bias, 3).requiresGrad(true);
      Tensor y = ModRelu.modRelu(x, b);
      assertArrayEquals(new double[3], y.toArray(), 0);
      y.abs2().sum().add(y.real().sum()).backward();
      assertArrayEquals(new double[3], x.grad().toArray(), 0);
      assertArrayEquals(new double[3], x.grad().toImagArray(), 0);
      assertArrayEquals(new double[3], b.grad().toArray(), 0);
    }
  }

  @Test
  void inactiveEntriesPassNoGradient() {
    Tensor x = Tensor.complex(new double[] {0.1}, new double[] {0.1}, 1).requiresGrad(true);
    Tensor b = Tensor.full(-1, 1).requiresGrad(true);
    ModRelu.modRelu(x, b).real().sum().backward();
    assertEquals(0, x.grad().data()[0]);
    assertEquals(0, b.grad().data()[0]);
  }

  @Test
  void rejectsABiasThatWouldEnlargeTheInput() {
    assertThrows(IllegalArgumentException.class, () -> ModRelu.modRelu(Tensor.zeros(3), Tensor.zeros(2, 3)));
    assertThrows(IllegalArgumentException.class,
        () -> ModRelu.modRelu(Tensor.zeros(3), Tensor.complexZeros(3)));
  }
}
