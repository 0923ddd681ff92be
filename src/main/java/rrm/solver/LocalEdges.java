package rrm.solver;

import rrm.tensor.EdgeList;

/** The check shared by the interference graphs of {@link SisoNeighbourhood} and {@link MimoNeighbourhood}. */
final class LocalEdges {
  private LocalEdges() {}

  /**
   * Checks that every edge of a graph on instances of {@code pairs} nodes each joins two different nodes of one
   * instance; throws naming {@code op} and the first edge that does not (a pair's own channel is not a message).
   */
  static void check(String op, EdgeList edges, int pairs) {
    int[] src = edges.src(), dst = edges.dst();
    for (int e = 0; e < src.length; e++) {
      if (src[e] == dst[e]) {
        throw new IllegalArgumentException(op + ": edge " + e + " is a self-loop on node " + src[e]
            + "; a pair's own channel is not a message");
      }
      if (src[e] / pairs != dst[e] / pairs) {
        throw new IllegalArgumentException(op + ": edge " + e + " joins node " + src[e] + " (instance "
            + src[e] / pairs + ") to node " + dst[e] + " (instance " + dst[e] / pairs
            + "); edges must stay within one instance");
      }
    }
  }
}
