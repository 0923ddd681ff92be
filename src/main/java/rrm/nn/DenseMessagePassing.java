package rrm.nn;

import rrm.tensor.Autograd;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Message passing on a dense graph (MPGNN / WCGCN update, paper 003 eq. 8):
 * <pre>  m_{j→i} = MLP1([x_j, e_{j,i}]),   a_i = AGG_{j ∈ N(i)} m_{j→i},   y_i = MLP2([x_i, a_i])</pre>
 * Shapes: node states x {@code [B, N, dx]}; edge features e {@code [B, N, N, de]} with {@code e[b, i, j]} the
 * feature of edge j→i (row = destination), or null; adjacency {@code [B, N, N]} or shared {@code [N, N]} with
 * {@code adjacency[b, i, j] != 0} meaning j is an in-neighbour of i, or null for the complete graph without self
 * loops; output y {@code [B, N, out]}. MLP1 maps {@code dx + de -> h} and MLP2 {@code dx + h -> out}; the output
 * map σ is MLP2's output activation. Real tensors only.
 *
 * <p>Every (i, j) pair is evaluated, so memory is {@code B·N²·h} per layer: the dense fast path for complete or
 * small graphs (Gaussian IC). Sparse edge-list graphs need gather/scatter ops and are not handled here.
 */
public final class DenseMessagePassing extends Module {
  private final Mlp message;
  private final Mlp update;
  private final Aggregation aggregation;

  /** A layer from a message MLP (MLP1), an update MLP (MLP2) and an aggregation. */
  public DenseMessagePassing(Mlp message, Mlp update, Aggregation aggregation) {
    int h = message.widths()[message.widths().length - 1];
    if (update.widths()[0] <= h) {
      throw new IllegalArgumentException("DenseMessagePassing: the update MLP's input width " + update.widths()[0]
          + " must be dx + " + h + " (node state plus message width), with dx >= 1");
    }
    this.message = child("message", message);
    this.update = child("update", update);
    this.aggregation = aggregation;
  }

  /** Returns y for node states x, edge features e (or null) and adjacency (or null: complete graph). */
  public Tensor apply(Tensor x, Tensor e, Tensor adjacency) {
    if (x.dim() < 2) {
      throw new IllegalArgumentException("DenseMessagePassing.apply: node states must be [..., N, dx], got shape "
          + Shape.str(x.shape()));
    }
    int n = x.size(-2);
    int dx = x.size(-1);
    int[] xs = x.shape();
    int[] pairShape = java.util.Arrays.copyOf(xs, xs.length + 1);
    pairShape[xs.length - 2] = n;
    pairShape[xs.length - 1] = n;
    pairShape[xs.length] = dx;
    Tensor xj = x.unsqueeze(-3).expand(pairShape);
    Tensor in = e == null ? xj : Tensor.concat(-1, xj, checkEdges(e, pairShape));
    Tensor m = message.apply(in);
    Tensor mask = mask(adjacency, n);
    Tensor agg = aggregate(m, mask);
    return update.apply(Tensor.concat(-1, x, agg));
  }

  private Tensor aggregate(Tensor m, Tensor mask) {
    Tensor mask4 = mask.unsqueeze(-1);
    Tensor count;
    try (var off = Autograd.noGrad()) {
      count = mask.sum(-1).unsqueeze(-1);
    }
    switch (aggregation) {
      case SUM:
        return m.mul(mask4).sum(-2);
      case MEAN:
        return m.mul(mask4).sum(-2).div(count.clampMin(1));
      default:
        Tensor max = m.where(mask4, Tensor.full(Double.NEGATIVE_INFINITY, 1)).max(-2);
        return max.where(count, Tensor.zeros(1));
    }
  }

  private static Tensor checkEdges(Tensor e, int[] pairShape) {
    if (e.dim() != pairShape.length || e.size(-2) != pairShape[pairShape.length - 2]
        || e.size(-3) != pairShape[pairShape.length - 3]) {
      throw new IllegalArgumentException("DenseMessagePassing.apply: edge features must be [..., N, N, de] matching"
          + " the node states, got shape " + Shape.str(e.shape()));
    }
    return e;
  }

  private static Tensor mask(Tensor adjacency, int n) {
    double[] d;
    int[] shape;
    if (adjacency == null) {
      d = new double[n * n];
      for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i * n + j] = i == j ? 0 : 1;
      shape = new int[] {n, n};
    } else {
      if (adjacency.dim() < 2 || adjacency.size(-1) != n || adjacency.size(-2) != n) {
        throw new IllegalArgumentException("DenseMessagePassing.apply: adjacency must be [..., " + n + ", " + n
            + "], got shape " + Shape.str(adjacency.shape()));
      }
      d = adjacency.toArray();
      for (int i = 0; i < d.length; i++) d[i] = d[i] != 0 ? 1 : 0;
      shape = adjacency.shape();
    }
    return Tensor.of(d, shape);
  }

  /** Returns the message MLP (MLP1). */
  public Mlp message() {
    return message;
  }

  /** Returns the update MLP (MLP2). */
  public Mlp update() {
    return update;
  }

  /** Returns the aggregation. */
  public Aggregation aggregation() {
    return aggregation;
  }
}
