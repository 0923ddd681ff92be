package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class GraphFilterTest {
  /** Σ_k S^k X H_k + b computed term by term with explicit powers. */
  private static Tensor reference(GraphFilter f, Tensor s, Tensor x) {
    Tensor y = null;
    Tensor power = x;
    for (int k = 0; k < f.taps().size(); k++) {
      if (k > 0) power = s.matmul(power);
      Tensor term = power.matmul(f.taps().get(k).value());
      y = y == null ? term : y.add(term);
    }
    return f.bias() == null ? y : y.add(f.bias().value());
  }

  @Test
  void equalsTheSumOfShiftPowersTimesTapsOnBothEvaluationOrders() {
    Tensor s = Tensor.randn(1, 2, 5, 5).mul(0.5);
    Tensor x = Tensor.randn(2, 2, 5, 3);
    GraphFilter narrowing = GraphFilter.of(3, 3, 2).init(LayerInit.glorot().withBias(Initializer.normal(1))).build(4L);
    GraphFilter widening = GraphFilter.of(2, 3, 6).build(5L);
    assertArrayEquals(reference(narrowing, s, x).toArray(), narrowing.apply(s, x).toArray(), 1e-12);
    assertArrayEquals(reference(widening, s, x).toArray(), widening.apply(s, x).toArray(), 1e-12);
    assertArrayEquals(new int[] {2, 5, 6}, widening.apply(s, x).shape());
  }

  @Test
  void singleFeatureFilterIsRegnnsScalarPolynomial() {
    GraphFilter regnn = GraphFilter.of(4, 1, 1).init(new LayerInit(Initializer.normal(0.1), null))
        .activation(Activation.RELU).build(9L);
    assertEquals(5, regnn.parameterCount());
    Tensor s = Tensor.rand(3, 1, 4, 4);
    Tensor z = Tensor.ones(1, 4, 1);
    double[] nu = new double[5];
    for (int k = 0; k < 5; k++) nu[k] = regnn.taps().get(k).value().item();
    Tensor expected = Tensor.zeros(1, 4, 1);
    Tensor power = z;
    for (int k = 0; k < 5; k++) {
      if (k > 0) power = s.matmul(power);
      expected = expected.add(power.mul(nu[k]));
    }
    assertArrayEquals(expected.relu().toArray(), regnn.apply(s, z).toArray(), 1e-13);
  }

  @Test
  void isPermutationEquivariant() {
    GraphFilter f = GraphFilter.of(2, 2, 3).activation(Activation.TANH).build(1L);
    Tensor s = Tensor.randn(2, 1, 4, 4);
    Tensor x = Tensor.randn(3, 1, 4, 2);
    int[] perm = {2, 0, 3, 1};
    Tensor ps = s.gather(1, perm).gather(2, perm);
    Tensor px = x.gather(1, perm);
    assertArrayEquals(f.apply(s, x).gather(1, perm).toArray(), f.apply(ps, px).toArray(), 1e-12);
  }

  @Test
  void sharedShiftAndDiagonalShiftWork() {
    GraphFilter f = GraphFilter.of(2, 2, 2).build(1L);
    Tensor s = Tensor.randn(2, 4, 4);
    Tensor x = Tensor.randn(3, 3, 4, 2);
    assertArrayEquals(reference(f, s.unsqueeze(0).expand(3, 4, 4), x).toArray(), f.apply(s, x).toArray(), 1e-12);
    Tensor d = Tensor.randn(4, 3, 4);
    assertArrayEquals(reference(f, d.diagEmbed(), x).toArray(), f.apply(Shift.diagonal(d), x).toArray(), 1e-12);
  }

  @Test
  void gradientsMatchFiniteDifferencesRealAndComplex() {
    GraphFilter f = GraphFilter.of(2, 2, 3).activation(Activation.TANH).build(3L);
    GradCheck.of(in -> f.apply(in[0], in[1])).check(Tensor.randn(1, 2, 3, 3), Tensor.randn(2, 2, 3, 2));
    GradCheck.of(in -> f.apply(in[0], in[1])).check(Tensor.randn(1, 1, 3, 3), Tensor.randn(2, 1, 3, 2));
    Tensor s = Tensor.randn(4, 2, 3, 3);
    Tensor x = Tensor.randn(5, 2, 3, 2);
    ParameterGradCheck.of(f).check(() -> f.apply(s, x));

    GraphFilter c = GraphFilter.of(2, 3, 2).init(new LayerInit(Initializer.complexNormal(0.5),
        Initializer.complexNormal(0.5))).build(6L);
    GradCheck.of(in -> c.apply(in[0], in[1])).check(Tensor.complexRandn(1, 2, 3, 3), Tensor.complexRandn(2, 2, 3, 3));
    Tensor cs = Tensor.complexRandn(7, 2, 3, 3);
    Tensor cx = Tensor.complexRandn(8, 2, 3, 3);
    ParameterGradCheck.of(c).check(() -> c.apply(cs, cx));
  }
}
