package rrm.model.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.tensor.EdgeList;
import rrm.tensor.GradCheck;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class MaxMessagesTest {
  /**
   * A random graph whose in-degrees (0 to {@code maxDegree}) leave partial blocks and odd pairs of edges, edges listed
   * in random order, and widths that leave a row of W after the groups of four (h1 = 7) and an odd number of columns;
   * {@code n [N, h1]}, {@code f [E, F]}, {@code W_e [F, h1]}, {@code W [h1, h2]}, {@code b [h2]}.
   */
  private static Object[] sample(long seed, int nodes, int maxDegree, int features, int h1, int h2) {
    SplittableRandom r = new SplittableRandom(seed);
    java.util.List<int[]> edges = new java.util.ArrayList<>();
    for (int v = 0; v < nodes; v++) {
      int degree = v % 5 == 0 ? 0 : r.nextInt(maxDegree + 1);
      for (int d = 0; d < degree; d++) edges.add(new int[] {r.nextInt(nodes), v});
    }
    java.util.Collections.shuffle(edges, new java.util.Random(seed));
    int[] src = edges.stream().mapToInt(e -> e[0]).toArray(), dst = edges.stream().mapToInt(e -> e[1]).toArray();
    EdgeList g = EdgeList.of(nodes, src, dst);
    return new Object[] {g, Tensor.randn(seed + 1, nodes, h1), Tensor.randn(seed + 2, src.length, features),
        Tensor.randn(seed + 5, features, h1), Tensor.randn(seed + 3, h1, h2), Tensor.randn(seed + 4, h2)};
  }

  @Test
  void bothPathsEqualTheLiteralEdgeMlpAndIgnoreTheThreadCount() {
    Object[] s = sample(21, 600, 40, 3, 7, 5);
    EdgeList g = (EdgeList) s[0];
    Tensor n = (Tensor) s[1], f = (Tensor) s[2], we = (Tensor) s[3], w = (Tensor) s[4], b = (Tensor) s[5];
    double[] literal = literal(g, n, f, we, w, b).toArray();
    MaxMessages.Edges edges = MaxMessages.edges(g);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = MaxMessages.apply(edges, n, f, we, w, b).toArray();
      double[] recorded = MaxMessages.applyRecorded(edges, n, f, we, w, b).toArray();
      Parallel.setThreads(2);
      double[] two = MaxMessages.apply(edges, n, f, we, w, b).toArray();
      assertArrayEquals(literal, one, 1e-12);
      assertArrayEquals(one, recorded, 0);
      assertArrayEquals(one, two, 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void theRecordedPathHasTheGradientsOfFiniteDifferencesForAllFiveInputs() {
    Object[] s = sample(31, 12, 5, 3, 7, 5);
    MaxMessages.Edges edges = MaxMessages.edges((EdgeList) s[0]);
    GradCheck.of(t -> MaxMessages.applyRecorded(edges, t[0], t[1], t[2], t[3], t[4]))
        .check((Tensor) s[1], (Tensor) s[2], (Tensor) s[3], (Tensor) s[4], (Tensor) s[5]);
  }

  @Test
  void mismatchedShapesAreNamed() {
    Object[] s = sample(41, 10, 5, 3, 7, 5);
    MaxMessages.Edges edges = MaxMessages.edges((EdgeList) s[0]);
    Tensor n = (Tensor) s[1], f = (Tensor) s[2], we = (Tensor) s[3], w = (Tensor) s[4], b = (Tensor) s[5];
    String msg = assertThrows(IllegalArgumentException.class, () -> MaxMessages.apply(edges, n, f, we.slice(0, 0, 2),
        w, b)).getMessage();
    assertTrue(msg.contains("features [") && msg.contains("W_e [F, H1]") && msg.contains("[2, 7]"), msg);
    assertThrows(IllegalArgumentException.class, () -> MaxMessages.applyRecorded(edges, n, f, we, w, b.slice(0, 0,
        4)));
  }

  /** The edge MLP written out with differentiable ops: {@code scatterMax(relu(relu(n_src + f W_e) W + b))}. */
  private static Tensor literal(EdgeList g, Tensor n, Tensor f, Tensor we, Tensor w, Tensor b) {
    return g.scatterMax(g.gatherSource(n).add(f.matmul(we)).relu().matmul(w).add(b).relu());
  }
}
