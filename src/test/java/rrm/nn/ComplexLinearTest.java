package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class ComplexLinearTest {
  @Test
  void hasComplexParametersCountedAsTwoReals() {
    ComplexLinear lin = new ComplexLinear(3, 2, 1L);
    assertTrue(lin.weight().value().isComplex());
    assertTrue(lin.bias().value().isComplex());
    assertEquals(2 * (6 + 2), lin.parameterCount());
    assertTrue(lin.apply(Tensor.randn(2, 4, 3)).isComplex());
  }

  @Test
  void complexNormalInitialisationHasTheStatedVariance() {
    ComplexLinear lin = new ComplexLinear(100, 100, 3L,
        new LayerInit(Initializer.complexNormal(0.2), Initializer.complexZeros()));
    double[] re = lin.weight().value().toArray(), im = lin.weight().value().toImagArray();
    double power = 0;
    for (int i = 0; i < re.length; i++) power += re[i] * re[i] + im[i] * im[i];
    // E|z|^2 = 0.2 over 10^4 draws: standard error 0.2/100 = 0.002.
    assertEquals(0.2, power / re.length, 0.01);
  }

  @Test
  void gradientsOfComplexInputAndParametersMatchFiniteDifferences() {
    ComplexLinear lin = new ComplexLinear(3, 2, 4L, new LayerInit(Initializer.complexNormal(0.5),
        Initializer.complexNormal(0.5)));
    GradCheck.of(x -> lin.apply(x[0])).check(Tensor.complexRandn(1, 2, 4, 3));
    GradCheck.of(x -> lin.apply(x[0])).check(Tensor.randn(2, 1, 3));
    Tensor z = Tensor.complexRandn(3, 2, 3, 3);
    ParameterGradCheck.of(lin).check(() -> lin.apply(z).abs2());
    ParameterGradCheck.of(lin).check(() -> lin.apply(z));
  }

  @Test
  void rejectsRealInitialisers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ComplexLinear(2, 2, 1L, LayerInit.glorot()));
    assertTrue(e.getMessage().contains("complex"), e.getMessage());
  }
}
