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
 * a running maximum (starting at 0, which the final ReLU makes exact); the rows of W sit in arrays of their own and
 * four of them are added per pass over the running row, loops the JIT vectorises. Nodes are independent, so the
 * result does not depend on the thread count.
 * {@link #applyRecorded} also records the gradient (training), {@link #apply} does not (inference).
 */
final class MaxMessages {
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
    double[] np = nodePart.data(), ep = edgePart.data();
    double[][] wCols = columns(w);
    int[] src = graph.src(), offsets = o.offsets(), byDst = o.byDst();
    return rrm.tensor.Autograd.record(y, "maxMessages", g -> {
      double[] gy = g.data();
      double[] gPre = new double[edges * h1];
      int blocks = (n + GRAD_BLOCK - 1) / GRAD_BLOCK;
      double[][] gwParts = new double[blocks * h2][h1]; // per block, the gradient of W's column c
      double[] gbParts = new double[blocks * h2];
      Parallel.forRange(blocks, 1, (lo, hi) -> {
        double[] relu = new double[h1], gAcc = new double[h1], tmp = new double[h1];
        for (int blk = lo; blk < hi; blk++) {
          int gbAt = blk * h2;
          for (int v = blk * GRAD_BLOCK; v < Math.min(n, (blk + 1) * GRAD_BLOCK); v++) {
            // each in-edge e of v with the features c it maximises: its hidden layer once, then one pass per c
            for (int k = offsets[v]; k < offsets[v + 1]; k++) {
              int e = byDst[k];
              boolean any = false;
              for (int c = 0; c < h2; c++) {
                if (arg[v * h2 + c] != e) continue;
                double gm = gy[v * h2 + c];
                if (gm == 0) continue;
                if (!any) {
                  any = true;
                  hidden(np, src[e] * h1, ep, e * h1, relu, tmp);
                  java.util.Arrays.fill(gAcc, 0);
                }
                gbParts[gbAt + c] += gm;
                double[] gwc = gwParts[gbAt + c], wc = wCols[c];
                for (int i = 0; i < h1; i++) gwc[i] += relu[i] * gm;
                for (int i = 0; i < h1; i++) gAcc[i] += wc[i] * gm;
              }
              if (!any) continue;
              // the ReLU passes the gradient where the pre-activation is > 0; edge e has one destination
              for (int i = 0; i < h1; i++) tmp[i] = relu[i] > 0 ? gAcc[i] : 0;
              System.arraycopy(tmp, 0, gPre, e * h1, h1);
            }
          }
        }
      });
      double[] gw = new double[h1 * h2], gb = new double[h2];
      for (int blk = 0; blk < blocks; blk++) {
        for (int i = 0; i < h1; i++) {
          for (int c = 0; c < h2; c++) gw[i * h2 + c] += gwParts[blk * h2 + c][i];
        }
        for (int c = 0; c < h2; c++) gb[c] += gbParts[blk * h2 + c];
      }
      double[] gn = new double[n * h1];
      Parallel.forRange(n, Parallel.grain((long) Math.max(1, edges / Math.max(1, n)) * h1), (lo, hi) -> {
        double[] acc = new double[h1], row = new double[h1];
        for (int j = lo; j < hi; j++) {
          java.util.Arrays.fill(acc, 0);
          for (int k = o.srcOffsets[j]; k < o.srcOffsets[j + 1]; k++) {
            System.arraycopy(gPre, o.bySrc[k] * h1, row, 0, h1);
            for (int i = 0; i < h1; i++) acc[i] += row[i];
          }
          System.arraycopy(acc, 0, gn, j * h1, h1);
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
    double[] np = nodePart.data(), ep = edgePart.data(), bd = b.data();
    double[][] wRows = rows(w);
    double[] out = new double[n * h2];
    int avgDegree = Math.max(1, src.length / Math.max(1, n));
    Parallel.forRange(n, Parallel.grain((long) avgDegree * h1 * h2), (lo, hi) -> {
      double[] h = new double[h1], tmp = new double[h1], m = new double[h2];
      for (int v = lo; v < hi; v++) {
        int at = v * h2;
        for (int k = offsets[v]; k < offsets[v + 1]; k++) {
          int e = order[k];
          hidden(np, src[e] * h1, ep, e * h1, h, tmp);
          product(h, wRows, bd, m);
          for (int c = 0; c < h2; c++) {
            if (m[c] > out[at + c]) {
              out[at + c] = m[c];
              if (arg != null) arg[at + c] = e;
            }
          }
        }
      }
    });
    return out;
  }

  /**
   * {@code m = h W + b}, each entry summed as {@code b_c + h_0 W_0c + h_1 W_1c + ...} in that order, four rows of W
   * per pass over m. Rows in arrays of their own (not offsets into one array) let the JIT vectorise the inner loops.
   */
  private static void product(double[] h, double[][] w, double[] b, double[] m) {
    int h1 = h.length, h2 = m.length, i = 0;
    System.arraycopy(b, 0, m, 0, h2);
    for (; i + 4 <= h1; i += 4) {
      double a0 = h[i], a1 = h[i + 1], a2 = h[i + 2], a3 = h[i + 3];
      double[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
      for (int c = 0; c < h2; c++) m[c] = m[c] + a0 * w0[c] + a1 * w1[c] + a2 * w2[c] + a3 * w3[c];
    }
    for (; i < h1; i++) {
      double a = h[i];
      double[] wi = w[i];
      for (int c = 0; c < h2; c++) m[c] += a * wi[c];
    }
  }

  /**
   * {@code h = relu(np[jo ..] + ep[eo ..])}, the hidden layer of one edge, through zero-offset copies of both rows
   * ({@code tmp} is scratch): loops over whole arrays vectorise, loops at offsets into large arrays do not.
   */
  private static void hidden(double[] np, int jo, double[] ep, int eo, double[] h, double[] tmp) {
    int h1 = h.length;
    System.arraycopy(np, jo, tmp, 0, h1);
    System.arraycopy(ep, eo, h, 0, h1);
    for (int i = 0; i < h1; i++) h[i] = Math.max(0, tmp[i] + h[i]);
  }

  /** Returns the rows of a matrix {@code [R, C]} as arrays of their own. */
  private static double[][] rows(Tensor w) {
    int r = w.size(0), c = w.size(1);
    double[] d = w.data();
    double[][] out = new double[r][];
    for (int i = 0; i < r; i++) out[i] = java.util.Arrays.copyOfRange(d, i * c, (i + 1) * c);
    return out;
  }

  /** Returns the columns of a matrix {@code [R, C]} as arrays of their own. */
  private static double[][] columns(Tensor w) {
    int r = w.size(0), c = w.size(1);
    double[] d = w.data();
    double[][] out = new double[c][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) out[j][i] = d[i * c + j];
    }
    return out;
  }
}
