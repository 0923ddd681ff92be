package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeListTest {
  /** A seeded random directed graph: each edge picks its endpoints uniformly (duplicates and self loops allowed). */
  private static EdgeList randomGraph(long seed, int nodes, int edges) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] s = new int[edges], d = new int[edges];
    for (int e = 0; e < edges; e++) {
      s[e] = rng.nextInt(nodes);
      d[e] = rng.nextInt(nodes);
    }
    return EdgeList.of(nodes, s, d);
  }

  /** A small graph with a duplicate edge, a self loop and a node (4) without incoming edges. */
  private static EdgeList small() {
    return EdgeList.of(5, new int[] {0, 1, 2, 3, 1, 0, 2, 2, 4}, new int[] {1, 0, 1, 2, 0, 3, 2, 1, 3});
  }

  @Test
  void largeGraphAggregationsMatchNaiveLoops() {
    int n = 1000, m = 10_000, f = 6;
    EdgeList g = randomGraph(1, n, m);
    Tensor x = Tensor.complexRandn(2, n, f);
    Tensor e = Tensor.randn(3, m, f);
    int[] src = g.src(), dst = g.dst();
    double[] sum = new double[n * f], gathered = new double[m * f], max = new double[n * f];
    int[] deg = new int[n];
    boolean[] seen = new boolean[n * f];
    for (int k = 0; k < m; k++) {
      deg[dst[k]]++;
      for (int c = 0; c < f; c++) {
        sum[dst[k] * f + c] += e.data()[k * f + c];
        gathered[k * f + c] = x.imagData()[src[k] * f + c];
        double v = e.data()[k * f + c];
        if (!seen[dst[k] * f + c] || v > max[dst[k] * f + c]) max[dst[k] * f + c] = v;
        seen[dst[k] * f + c] = true;
      }
    }
    double[] mean = new double[n * f];
    for (int v = 0; v < n * f; v++) mean[v] = deg[v / f] == 0 ? 0 : sum[v] / deg[v / f];
    assertArrayEquals(sum, g.scatterSum(e).toArray(), 0);
    assertArrayEquals(mean, g.scatterMean(e).toArray(), 1e-15);
    assertArrayEquals(max, g.scatterMax(e).toArray(), 0);
    assertArrayEquals(gathered, g.gatherSource(x).toImagArray(), 0);
    assertArrayEquals(deg, g.inDegrees());
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    EdgeList g = randomGraph(4, 2000, 30_000);
    Tensor e = Tensor.complexRandn(5, 30_000, 3).requiresGrad(true);
    Tensor w = Tensor.randn(6, 2000, 3);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = g.scatterSum(e);
      g.gatherSource(g.scatterSum(e)).abs2().sum().backward();
      double[] grad1 = e.grad().toArray();
      double[] max1 = g.scatterMax(e.detach().real()).mul(w).toArray();
      e.zeroGrad();
      Parallel.setThreads(3);
      Tensor many = g.scatterSum(e);
      g.gatherSource(g.scatterSum(e)).abs2().sum().backward();
      assertArrayEquals(one.toImagArray(), many.toImagArray(), 0);
      assertArrayEquals(grad1, e.grad().toArray(), 0);
      assertArrayEquals(max1, g.scatterMax(e.detach().real()).mul(w).toArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void gradientsOnASmallGraphRealAndComplex() {
    EdgeList g = small();
    GradCheck.of(t -> g.gatherSource(t[0])).check(Tensor.complexRandn(1, 5, 2));
    GradCheck.of(t -> g.gatherDestination(t[0])).check(Tensor.randn(2, 5, 3));
    GradCheck.of(t -> g.scatterSum(t[0])).check(Tensor.complexRandn(3, 9, 2));
    GradCheck.of(t -> g.scatterMean(t[0])).check(Tensor.complexRandn(4, 9, 2));
    GradCheck.of(t -> g.scatterMax(t[0])).check(Tensor.randn(5, 9, 3));
    GradCheck.of(t -> g.scatterMax(g.gatherSource(t[0]).mul(t[1]))).check(Tensor.randn(6, 5, 2), Tensor.randn(7, 9, 2));
  }

  @Test
  void nodeWithoutIncomingEdgesGetsZeroAndPassesNoGradient() {
    EdgeList g = small();
    Tensor e = Tensor.randn(1, 9, 2).add(-10.0).requiresGrad(true);
    Tensor y = g.scatterMax(e);
    assertEquals(0, y.get(4, 0), 0);
    assertEquals(0, y.get(4, 1), 0);
    assertEquals(0, g.scatterMean(e).get(4, 1), 0);
    y.sum().backward();
    // Every node but 4 has incoming edges; each routes its gradient to exactly one edge per feature.
    assertEquals(8, e.grad().sum().item(), 0);
  }

  @Test
  void blockDiagonalBatchEqualsTheGraphsOneByOne() {
    EdgeList a = small(), b = randomGraph(2, 4, 7);
    EdgeList batch = EdgeList.batch(a, b);
    assertEquals(9, batch.nodes());
    assertEquals(16, batch.edges());
    assertArrayEquals(new int[] {0, 5, 9}, batch.nodeOffsets());
    assertArrayEquals(new int[] {0, 9, 16}, batch.edgeOffsets());
    Tensor e = Tensor.randn(3, 16, 2);
    Tensor together = batch.scatterMax(e);
    Tensor apart = Tensor.concat(0, a.scatterMax(e.slice(0, 0, 9)), b.scatterMax(e.slice(0, 9, 16)));
    assertArrayEquals(apart.toArray(), together.toArray(), 0);
    assertEquals(3, EdgeList.batch(batch, a).graphs());
  }

  @Test
  void adjacencyBuilderReadsRowsAsReceivers() {
    Tensor adj = Tensor.of(new double[] {0, 1, 1, 0, 0, 0, 1, 0, 0, /* graph 1 */ 0, 0, 0, 1, 0, 0, 0, 0, 0}, 2, 3, 3);
    EdgeList g = EdgeList.fromAdjacency(adj);
    assertArrayEquals(new int[] {1, 2, 0, 3}, g.src());
    assertArrayEquals(new int[] {0, 0, 2, 4}, g.dst());
    assertArrayEquals(new int[] {0, 3, 6}, g.nodeOffsets());
    assertArrayEquals(new int[] {0, 3, 4}, g.edgeOffsets());
    assertEquals("EdgeList[6 nodes, 4 edges, 2 graphs]", g.toString());
  }

  @Test
  void badInputsAreRejectedWithTheirShapes() {
    EdgeList g = small();
    var e = assertThrows(IllegalArgumentException.class, () -> g.gatherSource(Tensor.zeros(4, 2)));
    assertEquals("gatherSource: x must have 5 rows (one per node) on axis 0, got shape [4, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.scatterSum(Tensor.zeros(5, 2)));
    assertEquals("scatterSum: e must have 9 rows (one per edge) on axis 0, got shape [5, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.scatterMax(Tensor.complexZeros(9, 2)));
    assertEquals("scatterMax: expects a real tensor, got a complex one of shape [9, 2]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeList.of(3, new int[] {0, 3}, new int[] {1, 1}));
    assertEquals("EdgeList.of: edge 1 (3 -> 1) names a node outside [0, 3)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EdgeList.of(3, new int[] {0}, new int[] {1, 1}));
    assertEquals("EdgeList.of: src has 1 entries but dst has 2", e.getMessage());
  }
}
