package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class LinearTest {
  @Test
  void computesXTimesWeightPlusBiasOverLeadingAxes() {
    Linear lin = new Linear(3, 2, 5L, LayerInit.torch());
    Tensor x = Tensor.randn(1, 4, 2, 3);
    Tensor y = lin.apply(x);
    assertArrayEquals(new int[] {4, 2, 2}, y.shape());
    double[] w = lin.weight().value().toArray(), b = lin.bias().value().toArray(), xs = x.toArray();
    for (int r = 0; r < 8; r++) {
      for (int j = 0; j < 2; j++) {
        double s = b[j];
        for (int k = 0; k < 3; k++) s += xs[r * 3 + k] * w[k * 2 + j];
        assertEquals(s, y.data()[r * 2 + j], 1e-14);
      }
    }
    Tensor single = lin.apply(Tensor.of(new double[] {xs[0], xs[1], xs[2]}, 3));
    assertArrayEquals(new int[] {2}, single.shape());
    assertEquals(y.data()[0], single.data()[0], 1e-15);
  }

  @Test
  void initialisationIsSeededAndWithinTheStatedBounds() {
    Linear a = new Linear(20, 30, 42L);
    Linear b = new Linear(20, 30, 42L);
    Linear c = new Linear(20, 30, 43L);
    assertArrayEquals(a.weight().value().toArray(), b.weight().value().toArray());
    assertFalse(Arrays.equals(a.weight().value().toArray(), c.weight().value().toArray()));
    double glorot = Math.sqrt(6.0 / 50);
    assertTrue(Arrays.stream(a.weight().value().toArray()).allMatch(v -> Math.abs(v) <= glorot));
    assertTrue(Arrays.stream(a.bias().value().toArray()).allMatch(v -> v == 0));

    Linear t = new Linear(16, 8, 1L, LayerInit.torch());
    double bound = 0.25;
    assertTrue(Arrays.stream(t.weight().value().toArray()).allMatch(v -> Math.abs(v) <= bound));
    double[] bias = t.bias().value().toArray();
    assertTrue(Arrays.stream(bias).allMatch(v -> Math.abs(v) <= bound));
    assertFalse(Arrays.equals(bias, Arrays.copyOf(t.weight().value().toArray(), 8)), "bias uses its own stream");

    Linear n = new Linear(100, 50, 1L, LayerInit.glorot().withWeight(Initializer.truncatedNormalFanIn()));
    assertTrue(Arrays.stream(n.weight().value().toArray()).allMatch(v -> Math.abs(v) <= 2 * 0.1));
  }

  @Test
  void withoutBiasHasOnlyAWeight() {
    Linear lin = new Linear(4, 3, 1L, LayerInit.glorot().withoutBias());
    assertNull(lin.bias());
    assertEquals(12, lin.parameterCount());
    assertEquals(1, lin.parameters().size());
  }

  @Test
  void gradientsOfInputAndParametersMatchFiniteDifferences() {
    Linear lin = new Linear(3, 4, 9L, LayerInit.torch());
    GradCheck.of(x -> lin.apply(x[0])).check(Tensor.randn(2, 2, 5, 3));
    GradCheck.of(x -> lin.apply(x[0])).check(Tensor.randn(3, 1, 3));
    GradCheck.of(x -> lin.apply(x[0])).check(Tensor.complexRandn(4, 2, 3));
    Tensor x = Tensor.randn(5, 2, 5, 3);
    ParameterGradCheck.of(lin).check(() -> lin.apply(x));
    Tensor z = Tensor.complexRandn(6, 4, 3);
    ParameterGradCheck.of(lin).check(() -> lin.apply(z));
  }

  @Test
  void rejectsAnInputOfTheWrongWidth() {
    Linear lin = new Linear(3, 4, 1L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lin.apply(Tensor.zeros(2, 5)));
    assertTrue(e.getMessage().contains("Linear.apply") && e.getMessage().contains("[2, 5]"), e.getMessage());
  }
}
