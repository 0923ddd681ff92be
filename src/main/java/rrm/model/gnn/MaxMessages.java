package rrm.model.gnn;

import rrm.tensor.EdgeList;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * The fused kernel of a max-aggregated two-layer edge MLP: for every node v,
 *
 * <pre>
 *   agg_v = max_{e = (j -> v)} relu(relu(n_j + s_e) W + b)       (element-wise; 0 without in-edges)
 * </pre>
 *
 * with {@code n [N, H1]} the per-node part and {@code s [E, H1]} the static per-edge part of the first layer,
 * {@code W [H1, H2]}, {@code b [H2]}. It computes what {@code scatterMax(relu(relu(gatherSource(n) + s) W + b))}
 * computes without materialising the four {@code [E, H]} intermediates: each node loops over its in-edges and keeps
 * a running maximum (starting at 0, which the final ReLU makes exact), four in-edges at a time so that each load of W
 * serves four products. Nodes are independent, so the result does not depend on the thread count.
 * {@link #applyRecorded} also records the gradient (training), {@link #apply} does not (inference).
 */
final class MaxMessages {
  /** In-edges processed together, sharing the loads of W. */
  private static final int BLOCK = 4;

  private MaxMessages() {}

  /** Returns {@code agg [N, H2]} without recording gradients. */
  static Tensor apply(EdgeList graph, Tensor nodePart, Tensor edgePart, Tensor w, Tensor b) {
    return Tensor.of(forward(graph, nodePart, edgePart, w, b, order(graph), null), graph.nodes(), w.size(1));
  }

  /**
   * Returns {@code agg [N, H2]} and records its gradient with respect to all four inputs. The forward pass keeps, per
   * node and output feature, the in-edge that attains the maximum (the first one on ties, -1 when the maximum is
   * the floor 0, where the ReLU passes no gradient); the backward pass recomputes the first layer of those edges
   * only: O(|V| H1 H2 + |E| H1) instead of the O(|E| H1 H2) of the forward pass. Weight gradients are summed per
   * fixed block of nodes and the blocks in order, so the result does not depend on the thread count.
   */
  static Tensor applyRecorded(EdgeList graph, Tensor nodePart, Tensor edgePart, Tensor w, Tensor b) {
    int n = graph.nodes(), h1 = w.size(0), h2 = w.size(1), edges = graph.edges();
    Order o = order(graph);
    int[] arg = new int[n * h2];
    Tensor y = Tensor.of(forward(graph, nodePart, edgePart, w, b, o, arg), n, h2);
    double[] np = nodePart.data(), ep = edgePart.data(), wd = w.data();
    int[] src = graph.src();
    return rrm.tensor.Autograd.record(y, "maxMessages", g -> {
      double[] gy = g.data();
      double[] gPre = new double[edges * h1];
      int blocks = (n + GRAD_BLOCK - 1) / GRAD_BLOCK;
      double[] gwParts = new double[blocks * h1 * h2], gbParts = new double[blocks * h2];
      Parallel.forRange(blocks, 1, (lo, hi) -> {
        for (int blk = lo; blk < hi; blk++) {
          int gwAt = blk * h1 * h2, gbAt = blk * h2;
          for (int v = blk * GRAD_BLOCK; v < Math.min(n, (blk + 1) * GRAD_BLOCK); v++) {
            for (int c = 0; c < h2; c++) {
              int e = arg[v * h2 + c];
              if (e < 0) continue;
              double gm = gy[v * h2 + c];
              if (gm == 0) continue;
              int j = src[e];
              gbParts[gbAt + c] += gm;
              for (int i = 0; i < h1; i++) {
                double pre = np[j * h1 + i] + ep[e * h1 + i];
                if (pre > 0) {
                  gwParts[gwAt + i * h2 + c] += pre * gm;
                  gPre[e * h1 + i] += wd[i * h2 + c] * gm; // edge e has one destination: only v's block writes it
                }
              }
            }
          }
        }
      });
      double[] gw = new double[h1 * h2], gb = new double[h2];
      for (int blk = 0; blk < blocks; blk++) {
        for (int q = 0; q < h1 * h2; q++) gw[q] += gwParts[blk * h1 * h2 + q];
        for (int c = 0; c < h2; c++) gb[c] += gbParts[blk * h2 + c];
      }
      double[] gn = new double[n * h1];
      Parallel.forRange(n, Parallel.grain((long) Math.max(1, edges / Math.max(1, n)) * h1), (lo, hi) -> {
        for (int j = lo; j < hi; j++) {
          for (int k = o.srcOffsets[j]; k < o.srcOffsets[j + 1]; k++) {
            int e = o.bySrc[k];
            for (int i = 0; i < h1; i++) gn[j * h1 + i] += gPre[e * h1 + i];
          }
        }
      });
      return new Tensor[] {Tensor.of(gn, n, h1), Tensor.of(gPre, edges, h1), Tensor.of(gw, w.shape()),
          Tensor.of(gb, b.shape())};
    }, nodePart, edgePart, w, b);
  }

  /** Nodes per block of the weight-gradient sums. */
  private static final int GRAD_BLOCK = 16;

  /** In-edges grouped by destination and out-edges grouped by source, each in edge order. */
  private record Order(int[] offsets, int[] byDst, int[] srcOffsets, int[] bySrc) {}

  private static Order order(EdgeList graph) {
    int n = graph.nodes();
    int[][] byDst = group(graph.dst(), n), bySrc = group(graph.src(), n);
    return new Order(byDst[0], byDst[1], bySrc[0], bySrc[1]);
  }

  /** Returns {offsets [n + 1], order}: the edges e with {@code key[e] = v} at {@code order[offsets[v] ..]}. */
  private static int[][] group(int[] key, int n) {
    int[] offsets = new int[n + 1], order = new int[key.length];
    for (int d : key) offsets[d + 1]++;
    for (int v = 0; v < n; v++) offsets[v + 1] += offsets[v];
    int[] next = java.util.Arrays.copyOf(offsets, n);
    for (int e = 0; e < key.length; e++) order[next[key[e]]++] = e;
    return new int[][] {offsets, order};
  }

  /** The fused forward pass; {@code arg} (null: not kept) receives the maximising edge per node and feature. */
  private static double[] forward(EdgeList graph, Tensor nodePart, Tensor edgePart, Tensor w, Tensor b, Order o,
      int[] arg) {
    int n = graph.nodes(), h1 = w.size(0), h2 = w.size(1);
    int[] src = graph.src(), offsets = o.offsets(), order = o.byDst();
    if (arg != null) java.util.Arrays.fill(arg, -1);
    double[] np = nodePart.data(), ep = edgePart.data(), wd = w.data(), bd = b.data();
    double[] out = new double[n * h2];
    int avgDegree = Math.max(1, src.length / Math.max(1, n));
    Parallel.forRange(n, Parallel.grain((long) avgDegree * h1 * h2), (lo, hi) -> {
      double[] h = new double[BLOCK * h1], m = new double[BLOCK * h2];
      for (int v = lo; v < hi; v++) {
        int at = v * h2;
        for (int k = offsets[v]; k < offsets[v + 1]; k += BLOCK) {
          int q = Math.min(BLOCK, offsets[v + 1] - k);
          for (int r = 0; r < q; r++) {
            int e = order[k + r], j = src[e];
            for (int i = 0; i < h1; i++) h[r * h1 + i] = Math.max(0, np[j * h1 + i] + ep[e * h1 + i]);
          }
          if (q == BLOCK) {
            block(h, wd, bd, m, h1, h2);
          } else {
            for (int r = 0; r < q; r++) single(h, r * h1, wd, bd, m, r * h2, h1, h2);
          }
          for (int r = 0; r < q; r++) {
            for (int c = 0; c < h2; c++) {
              if (m[r * h2 + c] > out[at + c]) {
                out[at + c] = m[r * h2 + c];
                if (arg != null) arg[at + c] = order[k + r];
              }
            }
          }
        }
      }
    });
    return out;
  }

  /** {@code m[r] = h[r] W + b} for the four rows of a block, sharing each load of W (same sums as {@link #single}). */
  private static void block(double[] h, double[] w, double[] b, double[] m, int h1, int h2) {
    for (int r = 0; r < BLOCK; r++) System.arraycopy(b, 0, m, r * h2, h2);
    for (int i = 0; i < h1; i++) {
      double x0 = h[i], x1 = h[h1 + i], x2 = h[2 * h1 + i], x3 = h[3 * h1 + i];
      int row = i * h2;
      for (int c = 0; c < h2; c++) {
        double wv = w[row + c];
        m[c] += x0 * wv;
        m[h2 + c] += x1 * wv;
        m[2 * h2 + c] += x2 * wv;
        m[3 * h2 + c] += x3 * wv;
      }
    }
  }

  /** {@code m[mAt..] = h[hAt..] W + b} for one row. */
  private static void single(double[] h, int hAt, double[] w, double[] b, double[] m, int mAt, int h1, int h2) {
    System.arraycopy(b, 0, m, mAt, h2);
    for (int i = 0; i < h1; i++) {
      double x = h[hAt + i];
      int row = i * h2;
      for (int c = 0; c < h2; c++) m[mAt + c] += x * w[row + c];
    }
  }
}
