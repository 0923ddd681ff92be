package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class DenseMessagePassingTest {
  private static DenseMessagePassing layer(Aggregation agg, Activation messageOut) {
    Mlp message = Mlp.of(3 + 2, 6, 4).output(messageOut).init(LayerInit.torch()).build(1L);
    Mlp update = Mlp.of(3 + 4, 5, 1).output(Activation.SIGMOID).init(LayerInit.torch()).build(2L);
    return new DenseMessagePassing(message, update, agg);
  }

  /** Node-by-node evaluation of eq. (8) with explicit loops over in-neighbours. */
  private static Tensor reference(DenseMessagePassing l, Tensor x, Tensor e, double[][] adj) {
    int batch = x.size(0), n = x.size(1);
    Tensor[] rows = new Tensor[batch * n];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < n; i++) {
        double[] agg = new double[4];
        if (l.aggregation() == Aggregation.MAX) java.util.Arrays.fill(agg, Double.NEGATIVE_INFINITY);
        int count = 0;
        for (int j = 0; j < n; j++) {
          if (adj[i][j] == 0) continue;
          count++;
          Tensor in = Tensor.concat(0, x.select(0, b).select(0, j), e.select(0, b).select(0, i).select(0, j));
          double[] m = l.message().apply(in).toArray();
          for (int c = 0; c < 4; c++) {
            agg[c] = l.aggregation() == Aggregation.MAX ? Math.max(agg[c], m[c]) : agg[c] + m[c];
          }
        }
        for (int c = 0; c < 4; c++) {
          if (count == 0) agg[c] = 0;
          else if (l.aggregation() == Aggregation.MEAN) agg[c] /= count;
        }
        rows[b * n + i] = l.update().apply(Tensor.concat(0, x.select(0, b).select(0, i), Tensor.of(agg, 4)));
      }
    }
    return Tensor.stack(0, rows).reshape(batch, n, 1);
  }

  @Test
  void matchesNodeByNodeEvaluationForEveryAggregation() {
    double[][] adj = {{0, 1, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 0}};
    Tensor a = Tensor.of(adj);
    Tensor x = Tensor.randn(3, 2, 4, 3);
    Tensor e = Tensor.randn(4, 2, 4, 4, 2);
    for (Aggregation agg : Aggregation.values()) {
      DenseMessagePassing l = layer(agg, Activation.TANH);
      assertArrayEquals(reference(l, x, e, adj).toArray(), l.apply(x, e, a).toArray(), 1e-13, agg.name());
    }
    double[][] complete = {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}};
    DenseMessagePassing l = layer(Aggregation.MAX, Activation.RELU);
    assertArrayEquals(reference(l, x, e, complete).toArray(), l.apply(x, e, null).toArray(), 1e-13);
  }

  @Test
  void nodeWithoutInNeighboursAggregatesToZero() {
    DenseMessagePassing l = layer(Aggregation.MAX, Activation.TANH);
    Tensor x = Tensor.randn(5, 1, 3, 3);
    Tensor e = Tensor.randn(6, 1, 3, 3, 2);
    Tensor isolated = l.apply(x, e, Tensor.zeros(3, 3));
    Tensor expected = l.update().apply(Tensor.concat(-1, x, Tensor.zeros(1, 3, 4)));
    assertArrayEquals(expected.toArray(), isolated.toArray(), 0);
  }

  @Test
  void isPermutationEquivariant() {
    DenseMessagePassing l = layer(Aggregation.MAX, Activation.RELU);
    Tensor x = Tensor.randn(7, 2, 5, 3);
    Tensor e = Tensor.randn(8, 2, 5, 5, 2);
    int[] p = {3, 0, 4, 1, 2};
    Tensor y = l.apply(x, e, null);
    Tensor py = l.apply(x.gather(1, p), e.gather(1, p).gather(2, p), null);
    assertArrayEquals(y.gather(1, p).toArray(), py.toArray(), 0);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Tensor a = Tensor.of(new double[][] {{0, 1, 1}, {1, 0, 0}, {1, 1, 0}});
    Tensor x = Tensor.randn(9, 2, 3, 3);
    Tensor e = Tensor.randn(10, 2, 3, 3, 2);
    for (Aggregation agg : Aggregation.values()) {
      DenseMessagePassing l = layer(agg, Activation.TANH);
      GradCheck.of(in -> l.apply(in[0], in[1], a)).check(x, e);
      ParameterGradCheck.of(l).check(() -> l.apply(x, e, a));
    }
    DenseMessagePassing l = layer(Aggregation.MAX, Activation.TANH);
    GradCheck.of(in -> l.apply(in[0], in[1], null)).check(x.slice(0, 0, 1), e.slice(0, 0, 1));
  }

  @Test
  void checksWidthsAndShapes() {
    Mlp message = Mlp.of(5, 4).build(1L);
    assertThrows(IllegalArgumentException.class,
        () -> new DenseMessagePassing(message, Mlp.of(4, 1).build(2L), Aggregation.SUM));
    DenseMessagePassing l = layer(Aggregation.SUM, Activation.TANH);
    IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
        () -> l.apply(Tensor.zeros(1, 3, 3), Tensor.zeros(1, 3, 4, 2), null));
    assertEquals(true, err.getMessage().contains("edge features"), err.getMessage());
  }
}
