package rrm.model.gnn;

import rrm.tensor.EdgeList;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * The fused inference kernel of a max-aggregated two-layer edge MLP (no gradients): for every node v,
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
 */
final class MaxMessages {
  /** In-edges processed together, sharing the loads of W. */
  private static final int BLOCK = 4;

  private MaxMessages() {}

  static Tensor apply(EdgeList graph, Tensor nodePart, Tensor edgePart, Tensor w, Tensor b) {
    int n = graph.nodes(), h1 = w.size(0), h2 = w.size(1);
    int[] src = graph.src(), dst = graph.dst();
    int[] offsets = new int[n + 1], order = new int[src.length];
    for (int d : dst) offsets[d + 1]++;
    for (int v = 0; v < n; v++) offsets[v + 1] += offsets[v];
    int[] next = java.util.Arrays.copyOf(offsets, n);
    for (int e = 0; e < dst.length; e++) order[next[dst[e]]++] = e;
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
            for (int c = 0; c < h2; c++) if (m[r * h2 + c] > out[at + c]) out[at + c] = m[r * h2 + c];
          }
        }
      }
    });
    return Tensor.of(out, n, h2);
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
