package rrm.tensor;

import java.util.Arrays;

/**
 * A directed graph as an edge list, for message passing on sparse graphs of thousands of nodes (paper 003).
 *
 * <p>Edge e runs from node {@code src[e]} to node {@code dst[e]}; edges keep the order they were given in, so an
 * edge-feature tensor {@code [E, F]} lines up with the arrays. Two CSR indexes (edges grouped by destination and by
 * source, ascending edge id within a group) make every aggregation a loop over nodes that owns its output rows:
 * scatters never race and sum in a fixed order, so results do not depend on the thread count.
 *
 * <p>A batch of graphs is one block-diagonal graph ({@link #batch}): graph g owns nodes
 * {@code [nodeOffsets()[g], nodeOffsets()[g+1])} and edges {@code [edgeOffsets()[g], edgeOffsets()[g+1])}, so node
 * features of a batch are stacked as {@code [Σ N_g, F]}.
 *
 * <p>Ops (node tensors {@code [N, ...]}, edge tensors {@code [E, ...]}, any trailing shape, real or complex except
 * max): {@link #gatherSource}, {@link #gatherDestination}, {@link #scatterSum}, {@link #scatterMean},
 * {@link #scatterMax}; each is differentiable.
 */
public final class EdgeList {
  private final int nodes;
  private final int[] src;
  private final int[] dst;
  private final int[] dstOffsets;
  private final int[] byDst;
  private final int[] srcOffsets;
  private final int[] bySrc;
  private final int[] nodeOffsets;
  private final int[] edgeOffsets;

  private EdgeList(int nodes, int[] src, int[] dst, int[] nodeOffsets, int[] edgeOffsets) {
    this.nodes = nodes;
    this.src = src;
    this.dst = dst;
    this.nodeOffsets = nodeOffsets;
    this.edgeOffsets = edgeOffsets;
    this.dstOffsets = new int[nodes + 1];
    this.byDst = group(dst, nodes, dstOffsets);
    this.srcOffsets = new int[nodes + 1];
    this.bySrc = group(src, nodes, srcOffsets);
  }

  /** Returns the graph on {@code nodes} nodes with edges {@code src[e] -> dst[e]} (arrays are copied). */
  public static EdgeList of(int nodes, int[] src, int[] dst) {
    if (nodes < 0) throw new IllegalArgumentException("EdgeList.of: nodes must be >= 0, got " + nodes);
    if (src.length != dst.length) {
      throw new IllegalArgumentException("EdgeList.of: src has " + src.length + " entries but dst has " + dst.length);
    }
    for (int e = 0; e < src.length; e++) {
      if (src[e] < 0 || src[e] >= nodes || dst[e] < 0 || dst[e] >= nodes) {
        throw new IllegalArgumentException("EdgeList.of: edge " + e + " (" + src[e] + " -> " + dst[e]
            + ") names a node outside [0, " + nodes + ")");
      }
    }
    return new EdgeList(nodes, src.clone(), dst.clone(), new int[] {0, nodes}, new int[] {0, src.length});
  }

  /**
   * Returns the graph with an edge {@code j -> i} wherever {@code adjacency[i, j] != 0} (row = receiver), ordered by
   * (i, j). A batch {@code [B, N, N]} gives the block-diagonal graph of B graphs on N nodes each.
   */
  public static EdgeList fromAdjacency(Tensor adjacency) {
    Elementwise.requireReal("EdgeList.fromAdjacency", adjacency);
    Shape.square("EdgeList.fromAdjacency", "adjacency", adjacency);
    if (adjacency.dim() > 3) {
      throw new IllegalArgumentException("EdgeList.fromAdjacency: adjacency must be [N, N] or [B, N, N], got shape "
          + Shape.str(adjacency.shape));
    }
    int n = adjacency.size(-1);
    int b = adjacency.dim() == 3 ? adjacency.size(0) : 1;
    int edges = 0;
    for (double v : adjacency.re) if (v != 0) edges++;
    int[] s = new int[edges], d = new int[edges];
    int[] nodeOffsets = new int[b + 1], edgeOffsets = new int[b + 1];
    int e = 0;
    for (int g = 0; g < b; g++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (adjacency.re[(g * n + i) * n + j] != 0) {
            s[e] = g * n + j;
            d[e] = g * n + i;
            e++;
          }
        }
      }
      nodeOffsets[g + 1] = (g + 1) * n;
      edgeOffsets[g + 1] = e;
    }
    return new EdgeList(b * n, s, d, nodeOffsets, edgeOffsets);
  }

  /** Returns the block-diagonal union of the graphs: nodes and edges of graph g follow those of graph g-1. */
  public static EdgeList batch(EdgeList... graphs) {
    int count = 0, nodes = 0, edges = 0;
    for (EdgeList g : graphs) {
      count += g.graphs();
      nodes += g.nodes;
      edges += g.edges();
    }
    int[] s = new int[edges], d = new int[edges];
    int[] nodeOffsets = new int[count + 1], edgeOffsets = new int[count + 1];
    int n0 = 0, e0 = 0, k = 0;
    for (EdgeList g : graphs) {
      for (int e = 0; e < g.edges(); e++) {
        s[e0 + e] = n0 + g.src[e];
        d[e0 + e] = n0 + g.dst[e];
      }
      for (int h = 0; h < g.graphs(); h++) {
        nodeOffsets[k + 1] = n0 + g.nodeOffsets[h + 1];
        edgeOffsets[k + 1] = e0 + g.edgeOffsets[h + 1];
        k++;
      }
      n0 += g.nodes;
      e0 += g.edges();
    }
    return new EdgeList(nodes, s, d, nodeOffsets, edgeOffsets);
  }

  /** Stable counting sort of edge ids by key: {@code offsets[v]..offsets[v+1]} index the edges of node v. */
  private static int[] group(int[] key, int nodes, int[] offsets) {
    for (int k : key) offsets[k + 1]++;
    for (int v = 0; v < nodes; v++) offsets[v + 1] += offsets[v];
    int[] next = Arrays.copyOf(offsets, nodes);
    int[] order = new int[key.length];
    for (int e = 0; e < key.length; e++) order[next[key[e]]++] = e;
    return order;
  }

  // ---------------------------------------------------------------------------------------------- accessors

  /** Returns the number of nodes. */
  public int nodes() {
    return nodes;
  }

  /** Returns the number of edges. */
  public int edges() {
    return src.length;
  }

  /** Returns the number of graphs in this block-diagonal batch (1 for a single graph). */
  public int graphs() {
    return nodeOffsets.length - 1;
  }

  /** Returns a copy of the source nodes, one per edge. */
  public int[] src() {
    return src.clone();
  }

  /** Returns a copy of the destination nodes, one per edge. */
  public int[] dst() {
    return dst.clone();
  }

  /** Returns the first node of each graph of the batch, followed by the total node count. */
  public int[] nodeOffsets() {
    return nodeOffsets.clone();
  }

  /** Returns the first edge of each graph of the batch, followed by the total edge count. */
  public int[] edgeOffsets() {
    return edgeOffsets.clone();
  }

  /** Returns the in-degree (number of incoming edges) of every node. */
  public int[] inDegrees() {
    int[] d = new int[nodes];
    for (int v = 0; v < nodes; v++) d[v] = dstOffsets[v + 1] - dstOffsets[v];
    return d;
  }

  // ---------------------------------------------------------------------------------------------- ops

  /** {@code x [N, ...] -> x[src] [E, ...]}: each edge reads its source node's row. */
  public Tensor gatherSource(Tensor x) {
    return Scatter.gather("gatherSource", x, nodes, src, srcOffsets, bySrc);
  }

  /** {@code x [N, ...] -> x[dst] [E, ...]}: each edge reads its destination node's row. */
  public Tensor gatherDestination(Tensor x) {
    return Scatter.gather("gatherDestination", x, nodes, dst, dstOffsets, byDst);
  }

  /** {@code e [E, ...] -> [N, ...]}: each node sums the rows of its incoming edges (0 without any). */
  public Tensor scatterSum(Tensor e) {
    return Scatter.sum("scatterSum", e, nodes, dst, dstOffsets, byDst);
  }

  /** {@code e [E, ...] -> [N, ...]}: each node averages the rows of its incoming edges (0 without any). */
  public Tensor scatterMean(Tensor e) {
    return Scatter.mean(e, nodes, dst, dstOffsets, byDst);
  }

  /**
   * {@code e [E, ...] -> [N, ...]} (real): each node takes, per feature, the maximum over its incoming edges. The
   * gradient goes to the maximising edge (the lowest edge id at ties); a node without edges gets 0 and passes none.
   */
  public Tensor scatterMax(Tensor e) {
    return Scatter.max(e, nodes, dst, dstOffsets, byDst);
  }

  @Override
  public String toString() {
    return "EdgeList[" + nodes + " nodes, " + edges() + " edges" + (graphs() > 1 ? ", " + graphs() + " graphs" : "")
        + "]";
  }
}
