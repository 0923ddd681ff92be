package rrm.tensor;

import java.util.Arrays;

/**
 * Neighbour aggregation on dense batched graphs (the dense complete-graph path of paper 003, the IGCNet
 * max-aggregation of paper 002). Convention: {@code mask[b, i, j] != 0} means an edge {@code j -> i} (row = receiver),
 * and a message tensor {@code [B, N, N, F]} holds at {@code [b, i, j]} the message from j to i. A mask is either {@code
 * [N, N]} (shared by the batch) or has the batch axes of the other argument. Empty neighbourhoods aggregate to 0 and
 * pass no gradient. Max ops are real; each routes its gradient to the maximising neighbour (the lowest j at ties).
 */
public final class DenseGraph {
  private DenseGraph() {}

  /** {@code messages [..., N, N, F], mask -> [..., N, F]}: {@code out[i] = max_{j: mask_ij != 0} messages[i, j]}. */
  public static Tensor maskedMax(Tensor messages, Tensor mask) {
    Elementwise.requireReal("maskedMax", messages);
    Layout l = Layout.messages("maskedMax", messages, mask);
    int n = l.n, f = l.f;
    double[] out = new double[l.batch * n * f];
    int[] arg = new int[out.length];
    maxOverNeighbours(messages.re, true, mask, l, out, arg);
    Tensor y = Tensor.wrap(out, null, l.outShape(messages.shape));
    return Autograd.record(y, "maskedMax", g -> {
      double[] gm = new double[messages.numel()];
      for (int r = 0; r < l.batch * n; r++) {
        for (int c = 0; c < f; c++) {
          int j = arg[r * f + c];
          if (j >= 0) gm[(r * n + j) * f + c] = g.re[r * f + c];
        }
      }
      return new Tensor[] {Tensor.wrap(gm, null, messages.shape.clone())};
    }, messages);
  }

  /** {@code messages [..., N, N, F], mask -> [..., N, F]}: {@code out[i] = Σ_{j: mask_ij != 0} messages[i, j]}. */
  public static Tensor maskedSum(Tensor messages, Tensor mask) {
    Layout l = Layout.messages("maskedSum", messages, mask);
    int n = l.n, f = l.f;
    double[] or = new double[l.batch * n * f];
    double[] oi = messages.im == null ? null : new double[or.length];
    Parallel.forRange(l.batch * n, Parallel.grain((long) n * f + 1), (from, to) -> {
      for (int r = from; r < to; r++) {
        int b = r / n, i = r % n;
        for (int j = 0; j < n; j++) {
          if (mask.re[l.maskIndex(b, i, j)] == 0) continue;
          int s = (r * n + j) * f;
          for (int c = 0; c < f; c++) or[r * f + c] += messages.re[s + c];
          if (oi != null) for (int c = 0; c < f; c++) oi[r * f + c] += messages.im[s + c];
        }
      }
    });
    Tensor y = Tensor.wrap(or, oi, l.outShape(messages.shape));
    return Autograd.record(y, "maskedSum", g -> {
      double[] gr = new double[messages.numel()];
      double[] gi = g.im == null ? null : new double[gr.length];
      for (int r = 0; r < l.batch * n; r++) {
        int b = r / n, i = r % n;
        for (int j = 0; j < n; j++) {
          if (mask.re[l.maskIndex(b, i, j)] == 0) continue;
          System.arraycopy(g.re, r * f, gr, (r * n + j) * f, f);
          if (gi != null) System.arraycopy(g.im, r * f, gi, (r * n + j) * f, f);
        }
      }
      return new Tensor[] {Tensor.wrap(gr, gi, messages.shape.clone())};
    }, messages);
  }

  /** {@code x [..., N, F], adjacency -> [..., N, F]}: {@code out[i] = max_{j: adj_ij != 0} x[j]}. */
  public static Tensor neighbourMax(Tensor x, Tensor adjacency) {
    Elementwise.requireReal("neighbourMax", x);
    Layout l = Layout.nodes("neighbourMax", x, adjacency);
    int n = l.n, f = l.f;
    double[] out = new double[x.numel()];
    int[] arg = new int[out.length];
    maxOverNeighbours(x.re, false, adjacency, l, out, arg);
    Tensor y = Tensor.wrap(out, null, x.shape.clone());
    return Autograd.record(y, "neighbourMax", g -> {
      double[] gx = new double[x.numel()];
      // Several receivers may pick the same neighbour: parallel over graphs only, receivers in order.
      Parallel.forRange(l.batch, Parallel.grain((long) n * f + 1), (from, to) -> {
        for (int b = from; b < to; b++) {
          for (int i = 0; i < n; i++) {
            int r = b * n + i;
            for (int c = 0; c < f; c++) {
              int j = arg[r * f + c];
              if (j >= 0) gx[(b * n + j) * f + c] += g.re[r * f + c];
            }
          }
        }
      });
      return new Tensor[] {Tensor.wrap(gx, null, x.shape.clone())};
    }, x);
  }

  /**
   * {@code x [..., N, F], adjacency -> [..., N, F]}: {@code out[i] = Σ_{j: adj_ij != 0} x[j]} (the adjacency is read
   * as 0/1; for weighted sums use {@code adjacency.matmul(x)}).
   */
  public static Tensor neighbourSum(Tensor x, Tensor adjacency) {
    Layout.nodes("neighbourSum", x, adjacency);
    double[] ind = new double[adjacency.numel()];
    for (int k = 0; k < ind.length; k++) ind[k] = adjacency.re[k] != 0 ? 1 : 0;
    return Tensor.wrap(ind, null, adjacency.shape.clone()).matmul(x);
  }

  /**
   * Forward of the max ops: for receiver {@code r = b * N + i} and feature c, {@code out[r, c]} is the max over
   * neighbours j ({@code mask_ij != 0}) of {@code values[(base + j) * F + c]}, where {@code base = r * N} for
   * per-receiver messages and {@code b * N} for node features; {@code arg[r, c]} is that j (the lowest at ties, NaN
   * wins), or -1 and out 0 for an empty neighbourhood.
   */
  private static void maxOverNeighbours(double[] values, boolean perReceiver, Tensor mask, Layout l, double[] out,
      int[] arg) {
    int n = l.n, f = l.f;
    Parallel.forRange(l.batch * n, Parallel.grain((long) n * f + 1), (from, to) -> {
      for (int r = from; r < to; r++) {
        int b = r / n, i = r % n;
        int base = (perReceiver ? r : b) * n;
        for (int c = 0; c < f; c++) {
          int best = -1;
          double m = 0;
          for (int j = 0; j < n; j++) {
            if (mask.re[l.maskIndex(b, i, j)] == 0) continue;
            double v = values[(base + j) * f + c];
            if (best < 0 || v > m || (Double.isNaN(v) && !Double.isNaN(m))) {
              m = v;
              best = j;
            }
          }
          out[r * f + c] = m;
          arg[r * f + c] = best;
        }
      }
    });
  }

  /** Sizes of a dense graph batch and the index of a mask entry. */
  private static final class Layout {
    final int batch;
    final int n;
    final int f;
    final boolean sharedMask;

    private Layout(int batch, int n, int f, boolean sharedMask) {
      this.batch = batch;
      this.n = n;
      this.f = f;
      this.sharedMask = sharedMask;
    }

    int maskIndex(int b, int i, int j) {
      return sharedMask ? i * n + j : (b * n + i) * n + j;
    }

    int[] outShape(int[] messageShape) {
      int r = messageShape.length;
      int[] s = Shape.prefix(messageShape, 3);
      return Shape.concat(s, messageShape[r - 3], messageShape[r - 1]);
    }

    static Layout messages(String op, Tensor m, Tensor mask) {
      Shape.atLeastRank(op, "messages", m, 3);
      int r = m.dim();
      int n = m.shape[r - 2];
      if (m.shape[r - 3] != n) {
        throw new IllegalArgumentException(op + ": messages must be [..., N, N, F], got shape " + Shape.str(m.shape));
      }
      int[] batch = Shape.prefix(m.shape, 3);
      return new Layout(Shape.size(batch), n, m.shape[r - 1], checkMask(op, "mask", mask, batch, n, m));
    }

    static Layout nodes(String op, Tensor x, Tensor adjacency) {
      Shape.atLeastRank(op, "x", x, 2);
      int r = x.dim();
      int n = x.shape[r - 2];
      int[] batch = Shape.prefix(x.shape, 2);
      return new Layout(Shape.size(batch), n, x.shape[r - 1], checkMask(op, "adjacency", adjacency, batch, n, x));
    }

    private static boolean checkMask(String op, String arg, Tensor mask, int[] batch, int n, Tensor other) {
      Elementwise.requireReal(op + " (" + arg + ")", mask);
      boolean shared = mask.dim() == 2 && mask.shape[0] == n && mask.shape[1] == n;
      boolean perGraph = Arrays.equals(mask.shape, Shape.concat(batch, n, n));
      if (!shared && !perGraph) {
        throw new IllegalArgumentException(op + ": " + arg + " must be [" + n + ", " + n + "] or "
            + Shape.str(Shape.concat(batch, n, n)) + " to match " + Shape.str(other.shape) + ", got "
            + Shape.str(mask.shape));
      }
      return shared;
    }
  }
}
