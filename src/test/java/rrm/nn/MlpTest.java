package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class MlpTest {
  @Test
  void parameterCountsMatchTheWcgcnWidthsOfSpec003() {
    Mlp mlp1 = Mlp.of(5, 32, 32).output(Activation.RELU).init(LayerInit.torch()).build(1L);
    Mlp mlp2 = Mlp.of(35, 16, 1).output(Activation.SIGMOID).init(LayerInit.torch()).build(2L);
    assertEquals(1248, mlp1.parameterCount());
    assertEquals(593, mlp2.parameterCount());
    assertEquals(Arrays.asList("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias"),
        mlp1.namedParameters().keySet().stream().toList());
  }

  @Test
  void appliesHiddenActivationBetweenLayersAndOutputActivationLast() {
    Mlp mlp = Mlp.of(4, 6, 3).hidden(Activation.TANH).output(Activation.RELU6_OVER_6).build(7L);
    Tensor x = Tensor.randn(3, 5, 4).mul(10);
    Tensor manual = mlp.layers().get(1).apply(mlp.layers().get(0).apply(x).tanh()).clamp(0, 6).div(6);
    assertArrayEquals(manual.toArray(), mlp.apply(x).toArray(), 0);
    assertTrue(Arrays.stream(mlp.apply(x).toArray()).allMatch(v -> v >= 0 && v <= 1));
  }

  @Test
  void outputLayerCanHaveItsOwnInitialisation() {
    Mlp mlp = Mlp.of(3, 4, 2).init(LayerInit.glorot().withBias(Initializer.constant(0.1)))
        .outputInit(LayerInit.glorot().withBias(Initializer.constant(-1))).build(1L);
    assertTrue(Arrays.stream(mlp.layers().get(0).bias().value().toArray()).allMatch(v -> v == 0.1));
    assertTrue(Arrays.stream(mlp.layers().get(1).bias().value().toArray()).allMatch(v -> v == -1));
  }

  @Test
  void activationsHaveNamesAndExpectedValues() {
    Tensor x = Tensor.of(new double[] {-2, 0.5, 8}, 3);
    assertArrayEquals(new double[] {-0.4, 0.5, 8}, Activation.leakyRelu(0.2).apply(x).toArray(), 1e-15);
    assertArrayEquals(new double[] {0, 0.5 / 6, 1}, Activation.RELU6_OVER_6.apply(x).toArray(), 1e-15);
    assertArrayEquals(x.toArray(), Activation.IDENTITY.apply(x).toArray(), 0);
    assertEquals("leakyRelu(0.2)", Activation.leakyRelu(0.2).name());
    assertEquals(Math.log1p(Math.exp(0.5)), Activation.SOFTPLUS.apply(x).data()[1], 1e-15);
  }

  @Test
  void gradientsOfInputAndParametersMatchFiniteDifferences() {
    Mlp mlp = Mlp.of(3, 5, 4, 2).hidden(Activation.TANH).output(Activation.SIGMOID).build(3L);
    GradCheck.of(x -> mlp.apply(x[0])).check(Tensor.randn(1, 2, 3));
    Tensor x = Tensor.randn(2, 4, 3);
    ParameterGradCheck.of(mlp).check(() -> mlp.apply(x));
    Mlp relu = Mlp.of(3, 8, 2).hidden(Activation.leakyRelu(0.1)).output(Activation.SOFTPLUS).build(4L);
    ParameterGradCheck.of(relu).check(() -> relu.apply(x));
  }

  @Test
  void rejectsTooFewWidths() {
    assertThrows(IllegalArgumentException.class, () -> Mlp.of(3));
  }
}
