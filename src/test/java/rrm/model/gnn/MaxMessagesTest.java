package rrm.model.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.tensor.EdgeList;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class MaxMessagesTest {
  /**
   * A random graph whose in-degrees (0 to 40) leave partial blocks and odd pairs of edges, edges listed in random
   * order, and widths that leave a row of W after the groups of four (h1 = 7) and an odd number of columns.
   */
  private static Object[] sample(long seed, int nodes, int h1, int h2) {
    SplittableRandom r = new SplittableRandom(seed);
    java.util.List<int[]> edges = new java.util.ArrayList<>();
    for (int v = 0; v < nodes; v++) {
      int degree = v % 5 == 0 ? 0 : r.nextInt(41);
      for (int d = 0; d < degree; d++) edges.add(new int[] {r.nextInt(nodes), v});
    }
    java.util.Collections.shuffle(edges, new java.util.Random(seed));
    int[] src = edges.stream().mapToInt(e -> e[0]).toArray(), dst = edges.stream().mapToInt(e -> e[1]).toArray();
    EdgeList g = EdgeList.of(nodes, src, dst);
    return new Object[] {g, Tensor.randn(seed + 1, nodes, h1), Tensor.randn(seed + 2, src.length, h1),
        Tensor.randn(seed + 3, h1, h2), Tensor.randn(seed + 4, h2)};
  }

  @Test
  void bothPathsEqualTheLiteralEdgeMlpAndIgnoreTheThreadCount() {
    Object[] s = sample(21, 600, 7, 5);
    EdgeList g = (EdgeList) s[0];
    Tensor n = (Tensor) s[1], e = (Tensor) s[2], w = (Tensor) s[3], b = (Tensor) s[4];
    double[] literal = g.scatterMax(g.gatherSource(n).add(e).relu().matmul(w).add(b).relu()).toArray();
    MaxMessages.Edges edges = MaxMessages.edges(g);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = MaxMessages.apply(edges, n, e, w, b).toArray();
      double[] recorded = MaxMessages.applyRecorded(edges, n, e, w, b).toArray();
      Parallel.setThreads(2);
      double[] two = MaxMessages.apply(edges, n, e, w, b).toArray();
      assertArrayEquals(literal, one, 1e-12);
      assertArrayEquals(one, recorded, 0);
      assertArrayEquals(one, two, 0);
    } finally {
      Parallel.setThreads(before);
    }
  }
}
