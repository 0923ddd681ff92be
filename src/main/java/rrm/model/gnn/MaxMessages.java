package rrm.model.gnn;

import rrm.tensor.EdgeList;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * The fused kernel of a max-aggregated two-layer edge MLP: for every node v,
 *
 * <pre>
 *   agg_v = max_{e = (j -> v)} relu(relu(n_j + f_e W_e) W + b)   (element-wise; 0 without in-edges)
 * </pre>
 *
 * with {@code n [N, H1]} the per-node part of the first layer (its bias included), {@code f [E, F]} the static edge
 * features and {@code W_e [F, H1]} their weights, {@code W [H1, H2]}, {@code b [H2]}. It computes what
 * {@code scatterMax(relu(relu(gatherSource(n) + f W_e) W + b))} computes without materialising the five {@code [E, H]}
 * intermediates: it walks the in-edges in destination order, a block of 16 at a time, forms each edge's hidden row from
 * its F features (summed in the order {@code f_0 W_e0 + f_1 W_e1 + ...}), and keeps a running maximum per node
 * (starting at 0, which the final ReLU makes exact). The rows of W sit in arrays of their own; each group of four rows
 * is applied to two edges per pass over the columns (each loaded entry of W feeds both), loops the JIT vectorises.
 * Every message is still summed in the order {@code b_c + h_0 W_0c + h_1 W_1c + ...}, and nodes are independent, so the
 * result depends neither on the blocking nor on the thread count.
 * {@link #applyRecorded} also records the gradient (training), {@link #apply} does not (inference).
 */
final class MaxMessages {
  private MaxMessages() {}

  /**
   * The edges of a graph as the kernel walks them (sources, destinations, in-edges grouped by destination and out-edges
   * by source, each in edge order): built once per graph by {@link #edges} and shared by the layers of a network.
   */
  record Edges(int nodes, int[] src, int[] dst, int[] offsets, int[] byDst, int[] srcOffsets, int[] bySrc) {}

  /** Returns the edges of {@code graph} grouped for the kernel. */
  static Edges edges(EdgeList graph) {
    int n = graph.nodes();
    int[] src = graph.src(), dst = graph.dst();
    int[][] byDst = group(dst, n), bySrc = group(src, n);
    return new Edges(n, src, dst, byDst[0], byDst[1], bySrc[0], bySrc[1]);
  }

  /** Returns {@code agg [N, H2]} without recording gradients. */
  static Tensor apply(Edges graph, Tensor nodePart, Tensor features, Tensor we, Tensor w, Tensor b) {
    checkShapes(graph, nodePart, features, we, w, b);
    return Tensor.of(forward(graph, nodePart, features, we, w, b, null), graph.nodes(), w.size(1));
  }

  /**
   * Returns {@code agg [N, H2]} and records its gradient with respect to all five inputs. The forward pass keeps, per
   * node and output feature, the in-edge that attains the maximum (the first one on ties, -1 when the maximum is
   * the floor 0, where the ReLU passes no gradient); the backward pass recomputes the first layer of those edges
   * only: O(|V| H1 (H2 + F) + |E| H1) instead of the O(|E| H1 H2) of the forward pass. Weight gradients (of W, b and
   * W_e) are summed per fixed block of nodes and the blocks in order, so the result does not depend on the thread
   * count.
   */
  static Tensor applyRecorded(Edges graph, Tensor nodePart, Tensor features, Tensor we, Tensor w, Tensor b) {
    checkShapes(graph, nodePart, features, we, w, b);
    int n = graph.nodes(), h1 = w.size(0), h2 = w.size(1), edges = graph.src().length;
    int[] arg = new int[n * h2];
    Tensor y = Tensor.of(forward(graph, nodePart, features, we, w, b, arg), n, h2);
    double[] fd = features.data();
    double[][] nRows = rows(nodePart), weRows = rows(we), wCols = columns(w);
    int nf = we.size(0);
    int[] src = graph.src(), offsets = graph.offsets(), byDst = graph.byDst();
    int[] srcOffsets = graph.srcOffsets(), bySrc = graph.bySrc();
    return rrm.tensor.Autograd.record(y, "maxMessages", g -> {
      double[] gy = g.data();
      double[] gPre = new double[edges * h1];
      int blocks = (n + GRAD_BLOCK - 1) / GRAD_BLOCK;
      double[][] gwParts = new double[blocks * h2][h1]; // per block, the gradient of W's column c
      double[] gbParts = new double[blocks * h2];
      double[][] gweParts = new double[blocks * nf][h1]; // per block, the gradient of W_e's row a
      double[] gf = features.requiresGrad() ? new double[edges * nf] : null;
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
                  hidden(nRows[src[e]], fd, e * nf, weRows, relu);
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
              // pre-activation f_e W_e + ...: the gradient f_e^T tmp of W_e, and tmp W_e^T of the features
              for (int a = 0; a < nf; a++) {
                double f = fd[e * nf + a];
                double[] gv = gweParts[blk * nf + a], wa = weRows[a];
                for (int i = 0; i < h1; i++) gv[i] += f * tmp[i];
                if (gf == null) continue;
                double dot = 0;
                for (int i = 0; i < h1; i++) dot += tmp[i] * wa[i];
                gf[e * nf + a] = dot;
              }
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
      double[] gwe = new double[nf * h1];
      for (int blk = 0; blk < blocks; blk++) {
        for (int a = 0; a < nf; a++) {
          for (int i = 0; i < h1; i++) gwe[a * h1 + i] += gweParts[blk * nf + a][i];
        }
      }
      double[] gn = new double[n * h1];
      Parallel.forRange(n, Parallel.grain((long) Math.max(1, edges / Math.max(1, n)) * h1), (lo, hi) -> {
        double[] acc = new double[h1], row = new double[h1];
        for (int j = lo; j < hi; j++) {
          java.util.Arrays.fill(acc, 0);
          for (int k = srcOffsets[j]; k < srcOffsets[j + 1]; k++) {
            System.arraycopy(gPre, bySrc[k] * h1, row, 0, h1);
            for (int i = 0; i < h1; i++) acc[i] += row[i];
          }
          System.arraycopy(acc, 0, gn, j * h1, h1);
        }
      });
      return new Tensor[] {Tensor.of(gn, n, h1), gf == null ? null : Tensor.of(gf, features.shape()),
          Tensor.of(gwe, we.shape()), Tensor.of(gw, w.shape()), Tensor.of(gb, b.shape())};
    }, nodePart, features, we, w, b);
  }

  /** Checks {@code n [N, H1]}, {@code f [E, F]}, {@code W_e [F, H1]}, {@code W [H1, H2]} and {@code b [H2]}. */
  private static void checkShapes(Edges graph, Tensor n, Tensor f, Tensor we, Tensor w, Tensor b) {
    if (w.dim() != 2 || b.dim() != 1 || b.size(0) != w.size(1) || we.dim() != 2 || we.size(1) != w.size(0)
        || n.dim() != 2 || n.size(0) != graph.nodes() || n.size(1) != w.size(0) || f.dim() != 2
        || f.size(0) != graph.src().length || f.size(1) != we.size(0)) {
      throw new IllegalArgumentException("MaxMessages: needs nodePart [" + graph.nodes() + ", H1], features ["
          + graph.src().length + ", F], W_e [F, H1], W [H1, H2] and b [H2], got " + shapes(n, f, we, w, b));
    }
  }

  private static String shapes(Tensor... t) {
    StringBuilder sb = new StringBuilder();
    for (Tensor x : t) sb.append(sb.length() == 0 ? "" : ", ").append(java.util.Arrays.toString(x.shape()));
    return sb.toString();
  }

  /** Nodes per block of the weight-gradient sums. */
  private static final int GRAD_BLOCK = 16;

  /** Returns {offsets [n + 1], order}: the edges e with {@code key[e] = v} at {@code order[offsets[v] ..]}. */
  private static int[][] group(int[] key, int n) {
    int[] offsets = new int[n + 1], order = new int[key.length];
    for (int d : key) offsets[d + 1]++;
    for (int v = 0; v < n; v++) offsets[v + 1] += offsets[v];
    int[] next = java.util.Arrays.copyOf(offsets, n);
    for (int e = 0; e < key.length; e++) order[next[key[e]]++] = e;
    return new int[][] {offsets, order};
  }

  /**
   * In-edges per block of the forward pass: the block's hidden rows and messages stay in the L1 cache while W streams
   * past them four rows at a time, so each load of W feeds every edge of the block.
   */
  private static final int BLOCK = 16;

  /**
   * The fused forward pass; {@code arg} (null: not kept) receives the maximising edge per node and feature. Each task
   * walks the in-edges of its nodes in order, a block at a time: the hidden rows, the block's messages, then each
   * message folded into the running maximum of its destination with {@code Math.max}'s order, so a NaN message makes
   * the maximum NaN, as in {@code scatterMax} (with {@code arg}: strictly greater or the first NaN wins, so ties keep
   * the first edge). A destination's in-edges are consecutive, so its running maximum sits in a row of its own
   * ({@code acc}, at offset 0: a loop the JIT vectorises) and is written out when the next destination starts.
   * The message products stay in this method body: moved into a method of their own, HotSpot 17 compiled the
   * two-edge loop about 2x slower (measured at K = 1000).
   */
  private static double[] forward(Edges graph, Tensor nodePart, Tensor features, Tensor we, Tensor w, Tensor b,
      int[] arg) {
    int n = graph.nodes(), h1 = w.size(0), h2 = w.size(1), nf = we.size(0);
    int[] src = graph.src(), dst = graph.dst(), offsets = graph.offsets(), order = graph.byDst();
    if (arg != null) java.util.Arrays.fill(arg, -1);
    double[] fd = features.data(), bd = b.data();
    double[][] nRows = rows(nodePart), weRows = rows(we), wRows = rows(w);
    double[] out = new double[n * h2];
    int avgDegree = Math.max(1, src.length / Math.max(1, n));
    Parallel.forRange(n, Parallel.grain((long) avgDegree * h1 * h2), (lo, hi) -> {
      double[][] h = new double[BLOCK][h1], m = new double[BLOCK][h2];
      double[] acc = new double[h2];
      int[] accArg = new int[h2];
      int cur = -1;                                          // the destination whose running maximum acc holds
      for (int k0 = offsets[lo], end = offsets[hi]; k0 < end; k0 += BLOCK) {
        int len = Math.min(BLOCK, end - k0);
        for (int q = 0; q < len; q++) {
          int e = order[k0 + q];
          hidden(nRows[src[e]], fd, e * nf, weRows, h[q]);
        }
        for (int q = 0; q < len; q++) System.arraycopy(bd, 0, m[q], 0, h2);
        int i = 0;
        for (; i + 4 <= h1; i += 4) {
          double[] w0 = wRows[i], w1 = wRows[i + 1], w2 = wRows[i + 2], w3 = wRows[i + 3];
          int q = 0;
          for (; q + 2 <= len; q += 2) {
            double[] g = h[q], f = h[q + 1], mg = m[q], mf = m[q + 1];
            double a0 = g[i], a1 = g[i + 1], a2 = g[i + 2], a3 = g[i + 3];
            double b0 = f[i], b1 = f[i + 1], b2 = f[i + 2], b3 = f[i + 3];
            for (int c = 0; c < h2; c++) {
              double x0 = w0[c], x1 = w1[c], x2 = w2[c], x3 = w3[c];
              mg[c] = mg[c] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
              mf[c] = mf[c] + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
            }
          }
          if (q < len) {
            double[] g = h[q], mg = m[q];
            double a0 = g[i], a1 = g[i + 1], a2 = g[i + 2], a3 = g[i + 3];
            for (int c = 0; c < h2; c++) mg[c] = mg[c] + a0 * w0[c] + a1 * w1[c] + a2 * w2[c] + a3 * w3[c];
          }
        }
        if (i < h1) remainingRows(h, wRows, m, len, i);
        for (int q = 0; q < len; q++) {
          int e = order[k0 + q];
          if (dst[e] != cur) {
            if (cur >= 0) store(acc, accArg, out, arg, cur * h2);
            cur = dst[e];
            java.util.Arrays.fill(acc, 0);
            java.util.Arrays.fill(accArg, -1);
          }
          double[] mq = m[q];
          if (arg == null) {
            for (int c = 0; c < h2; c++) acc[c] = Math.max(acc[c], mq[c]);
            continue;
          }
          for (int c = 0; c < h2; c++) {
            double x = mq[c], y = acc[c];
            if (x > y || (x != x && y == y)) {               // Math.max's order, a NaN included
              acc[c] = x;
              accArg[c] = e;
            }
          }
        }
      }
      if (cur >= 0) store(acc, accArg, out, arg, cur * h2);
    });
    return out;
  }

  /** Writes a destination's running maximum (and, with {@code arg}, its maximising edges) to its row at {@code at}. */
  private static void store(double[] acc, int[] accArg, double[] out, int[] arg, int at) {
    System.arraycopy(acc, 0, out, at, acc.length);
    if (arg != null) System.arraycopy(accArg, 0, arg, at, accArg.length);
  }

  /** Adds rows {@code i0 ..} of W (those after the last group of four) to the first {@code len} messages. */
  private static void remainingRows(double[][] h, double[][] w, double[][] m, int len, int i0) {
    for (int i = i0; i < w.length; i++) {
      double[] wi = w[i];
      for (int q = 0; q < len; q++) {
        double a = h[q][i];
        double[] mq = m[q];
        for (int c = 0; c < mq.length; c++) mq[c] += a * wi[c];
      }
    }
  }

  /**
   * {@code h = relu(n + (f_0 W_e0 + f_1 W_e1 + ...))} with the source's node row n, {@code f = fd[fo ..]} and the rows
   * of W_e: the hidden layer of one edge. The node rows sit in arrays of their own (copied once per layer, not once
   * per edge): loops over whole arrays vectorise, loops at offsets into large arrays do not.
   */
  private static void hidden(double[] n, double[] fd, int fo, double[][] we, double[] h) {
    int h1 = h.length;
    if (we.length == 0) java.util.Arrays.fill(h, 0);
    for (int k = 0; k < we.length; k++) {
      double f = fd[fo + k];
      double[] wk = we[k];
      if (k == 0) {
        for (int i = 0; i < h1; i++) h[i] = f * wk[i];
      } else {
        for (int i = 0; i < h1; i++) h[i] += f * wk[i];
      }
    }
    for (int i = 0; i < h1; i++) h[i] = Math.max(0, n[i] + h[i]);
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
