package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class GraphConvolutionTest {
  @Test
  void equalsDiagonalTermPlusShiftTermPlusBias() {
    GraphConvolution conv = GraphConvolution.of(3, 2).activation(Activation.RELU)
        .init(LayerInit.glorot().withBias(Initializer.normal(1))).build(2L);
    Tensor g = Tensor.rand(1, 2, 4, 4);
    Tensor d = g.diag();
    Tensor s = g.mT();
    Tensor x = Tensor.randn(3, 2, 4, 3);
    Tensor w1 = conv.weights().get(0).value(), w2 = conv.weights().get(1).value();
    Tensor expected = d.diagEmbed().matmul(x).matmul(w1).add(s.matmul(x).matmul(w2))
        .add(conv.biases().get(0).value()).relu();
    assertArrayEquals(expected.toArray(), conv.apply(x, Shift.diagonal(d), Shift.matrix(s)).toArray(), 1e-12);
  }

  @Test
  void uwmmsePsiHasTheParameterCountOfSpec002() {
    // Ψ with F' = 1, F = 4 and separate per-branch biases: 2F'F + 2F + 2F + 2 = 26 (paper 002 eqs. 11-12 plus the
    // biases of the authors' code).
    GraphConvolution first = GraphConvolution.of(1, 4).biasPerShift().activation(Activation.RELU).build(1L);
    GraphConvolution second = GraphConvolution.of(4, 1).biasPerShift().activation(Activation.SIGMOID).build(2L);
    assertEquals(26, first.parameterCount() + second.parameterCount());
    assertEquals(List.of("w0", "w1", "b0", "b1"), List.copyOf(first.namedParameters().keySet()));
    Tensor g = Tensor.rand(3, 5, 6, 6);
    Tensor a = second.apply(first.apply(Tensor.ones(5, 6, 1), Shift.diagonal(g.diag()), Shift.matrix(g.mT())),
        Shift.diagonal(g.diag()), Shift.matrix(g.mT()));
    assertArrayEquals(new int[] {5, 6, 1}, a.shape());
  }

  @Test
  void wideOutputTakesTheOtherProductOrderWithTheSameResult() {
    GraphConvolution conv = GraphConvolution.of(2, 5).shifts(1).build(3L);
    Tensor s = Tensor.randn(1, 2, 3, 3);
    Tensor x = Tensor.randn(2, 2, 3, 2);
    Tensor expected = s.matmul(x.matmul(conv.weights().get(0).value())).add(conv.biases().get(0).value());
    assertArrayEquals(expected.toArray(), conv.apply(x, Shift.matrix(s)).toArray(), 1e-12);
  }

  @Test
  void rejectsTheWrongNumberOfShifts() {
    GraphConvolution conv = GraphConvolution.of(2, 2).build(1L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> conv.apply(Tensor.zeros(1, 3, 2), Shift.matrix(Tensor.zeros(1, 3, 3))));
    assertTrue(e.getMessage().contains("2 shift weights, got 1"), e.getMessage());
  }

  @Test
  void gradientsMatchFiniteDifferencesRealAndComplex() {
    GraphConvolution conv = GraphConvolution.of(2, 3).biasPerShift().activation(Activation.TANH).build(4L);
    GradCheck.of(in -> conv.apply(in[0], Shift.diagonal(in[1]), Shift.matrix(in[2])))
        .check(Tensor.randn(1, 2, 3, 2), Tensor.randn(2, 2, 3), Tensor.randn(3, 2, 3, 3));
    GradCheck.of(in -> conv.apply(in[0], Shift.diagonal(in[1]), Shift.matrix(in[2])))
        .check(Tensor.randn(1, 1, 4, 2), Tensor.randn(2, 1, 4), Tensor.randn(3, 1, 4, 4));
    Tensor x = Tensor.randn(4, 2, 3, 2), d = Tensor.randn(5, 2, 3), s = Tensor.randn(6, 2, 3, 3);
    ParameterGradCheck.of(conv).check(() -> conv.apply(x, Shift.diagonal(d), Shift.matrix(s)));

    GraphConvolution c = GraphConvolution.of(2, 2).activation(Activation.leakyRelu(0.2))
        .init(LayerInit.complexGlorot().withBias(Initializer.complexNormal(0.2))).build(5L);
    Tensor cx = Tensor.complexRandn(7, 2, 3, 2), cs = Tensor.complexRandn(8, 2, 3, 3);
    GradCheck.of(in -> c.apply(in[0], Shift.diagonal(in[1]), Shift.matrix(in[2])))
        .check(cx, Tensor.complexRandn(9, 2, 3), cs);
    ParameterGradCheck.of(c).check(() -> c.apply(cx, Shift.diagonal(d), Shift.matrix(cs)));
  }
}
