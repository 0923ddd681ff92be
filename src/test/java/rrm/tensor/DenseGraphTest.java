package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DenseGraphTest {
  /** A seeded 0/1 mask [shape] with density about one half and an empty row 0 in every graph. */
  private static Tensor mask(long seed, int... shape) {
    Tensor u = Tensor.rand(seed, shape);
    double[] d = u.data();
    int n = shape[shape.length - 1];
    for (int k = 0; k < d.length; k++) d[k] = (k / n) % n == 0 ? 0 : d[k] < 0.5 ? 1 : 0;
    return u;
  }

  @Test
  void maskedMaxMatchesANaiveLoopAndEmptyRowsGiveZero() {
    int b = 3, n = 5, f = 2;
    Tensor m = Tensor.randn(1, b, n, n, f);
    Tensor mk = mask(2, b, n, n);
    Tensor y = DenseGraph.maskedMax(m, mk);
    for (int g = 0; g < b; g++) {
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < f; c++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < n; j++) if (mk.get(g, i, j) != 0) best = Math.max(best, m.get(g, i, j, c));
          assertEquals(best == Double.NEGATIVE_INFINITY ? 0 : best, y.get(g, i, c), 0);
        }
      }
    }
  }

  @Test
  void maskedSumMatchesTheMaskedComposite() {
    Tensor m = Tensor.complexRandn(1, 2, 4, 4, 3);
    Tensor shared = mask(2, 4, 4);
    Tensor expected = m.mul(shared.unsqueeze(-1)).sum(-2);
    assertEquals(0, Samples.maxDiff(DenseGraph.maskedSum(m, shared), expected), 1e-15);
  }

  @Test
  void neighbourMaxAgreesWithTheEdgeListPath() {
    int b = 2, n = 6, f = 3;
    Tensor adj = mask(3, b, n, n);
    Tensor x = Tensor.randn(4, b, n, f);
    EdgeList g = EdgeList.fromAdjacency(adj);
    Tensor sparse = g.scatterMax(g.gatherSource(x.reshape(b * n, f))).reshape(b, n, f);
    assertArrayEquals(sparse.toArray(), DenseGraph.neighbourMax(x, adj).toArray(), 0);
    Tensor dense = DenseGraph.neighbourSum(x, adj);
    assertEquals(0, Samples.maxDiff(g.scatterSum(g.gatherSource(x.reshape(b * n, f))).reshape(b, n, f), dense), 1e-14);
  }

  @Test
  void gradientsWithSharedAndPerGraphMasks() {
    GradCheck.of(t -> DenseGraph.maskedMax(t[0], mask(1, 2, 3, 3))).check(Tensor.randn(2, 2, 3, 3, 2));
    GradCheck.of(t -> DenseGraph.maskedMax(t[0], mask(3, 4, 4))).check(Tensor.randn(4, 1, 4, 4, 2));
    GradCheck.of(t -> DenseGraph.maskedSum(t[0], mask(5, 3, 3))).check(Tensor.complexRandn(6, 2, 3, 3, 2));
    GradCheck.of(t -> DenseGraph.neighbourMax(t[0], mask(7, 2, 5, 5))).check(Tensor.randn(8, 2, 5, 3));
    GradCheck.of(t -> DenseGraph.neighbourMax(t[0], Tensor.ones(4, 4))).check(Tensor.randn(9, 4, 2));
    GradCheck.of(t -> DenseGraph.neighbourSum(t[0], mask(10, 4, 4))).check(Tensor.complexRandn(11, 3, 4, 2));
  }

  @Test
  void mismatchedMasksAreRejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> DenseGraph.maskedMax(Tensor.zeros(2, 3, 3, 4), Tensor.ones(3, 3, 3)));
    assertEquals("maskedMax: mask must be [3, 3] or [2, 3, 3] to match [2, 3, 3, 4], got [3, 3, 3]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DenseGraph.maskedSum(Tensor.zeros(3, 4, 2), Tensor.ones(4, 4)));
    assertEquals("maskedSum: messages must be [..., N, N, F], got shape [3, 4, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DenseGraph.neighbourMax(Tensor.zeros(2, 5, 1), Tensor.ones(4, 4)));
    assertEquals("neighbourMax: adjacency must be [5, 5] or [2, 5, 5] to match [2, 5, 1], got [4, 4]", e.getMessage());
  }
}
