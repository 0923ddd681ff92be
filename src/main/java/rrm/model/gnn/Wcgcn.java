package rrm.model.gnn;

import rrm.nn.Activation;
import rrm.nn.LayerInit;
import rrm.nn.Linear;
import rrm.nn.Mlp;
import rrm.nn.Module;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.EdgeList;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.WeightedSumRate;

/**
 * WCGCN, the wireless channel graph convolution network of paper 003 (Sec. III-D, eq. (8)), power-control head: a
 * message-passing GNN on a sparse interference graph ({@link ChannelGraph}) with element-wise max aggregation and
 * weights shared by its T layers,
 *
 * <pre>
 *   x_k^(t-1) = [a~_kk, w_k, p_k^(t-1)],   p^(0) = 1 (full power)
 *   m_jk = MLP1([x_j^(t-1), e_jk]),         agg_k = max_{j -> k} m_jk   (element-wise; 0 without in-edges)
 *   p_k^(t) = sigmoid(MLP2([x_k^(t-1), agg_k]))
 * </pre>
 *
 * and powers {@code pmax p^(T)}. MLP1 is {5, 32, 32} with ReLU after both layers, MLP2 {35, 16, 1} with a ReLU hidden
 * layer (Sec. V-A, V-B; the widths are the paper's, the state layout and activations the authors' code's):
 * 1,248 + 593 = 1,841 parameters, PyTorch's default initialisation.
 *
 * <p>Cost: MLP1's first layer splits into a node part and a static edge part,
 * {@code [x_j, e_jk] W + b = x_j W_x + (e_jk W_e + b)}; the edge part is computed once per graph and reused by the
 * T layers, and the node part once per node instead of once per edge. The edge part of a layer (gather, second
 * layer, ReLUs, max) runs as one fused kernel that keeps a running maximum per node instead of building
 * {@code [E, 32]} tensors: O(|E| + |V|) per layer, linear in K at a bounded degree. When gradients are recorded the
 * kernel also keeps the maximising edge per node and feature, so that its backward pass touches only those edges.
 *
 * <p>Permutation-equivariant (Prop. III.1): relabelling the pairs relabels the powers. Any K: the weights do not
 * depend on the network size. Powers lie in {@code (0, pmax)}.
 */
public final class Wcgcn extends Module {
  /** Static node features (scaled direct amplitude, weight) and the state (power). */
  private static final int NODE = 3;
  private static final int EDGE = 2;
  private final int layers;
  private final double pmax;
  private final Mlp message;
  private final Mlp update;

  /**
   * Returns a WCGCN with T layers, hidden widths {@code (h1, h2)} of MLP1 and {@code u} of MLP2 (the paper: 32, 32,
   * 16), power budget pmax, parameters drawn from {@code seed}.
   */
  public Wcgcn(int layers, int h1, int h2, int u, double pmax, long seed) {
    if (layers < 1) throw new IllegalArgumentException("Wcgcn: layers T must be >= 1, got " + layers);
    if (!(pmax > 0) || !Double.isFinite(pmax)) {
      throw new IllegalArgumentException("Wcgcn: pmax must be > 0 and finite, got " + pmax);
    }
    this.layers = layers;
    this.pmax = pmax;
    this.message = child("message", Mlp.of(NODE + EDGE, h1, h2).hidden(Activation.RELU).output(Activation.RELU)
        .init(LayerInit.torch()).build(Random.stream(seed, 0)));
    this.update = child("update", Mlp.of(NODE + h2, u, 1).hidden(Activation.RELU).output(Activation.IDENTITY)
        .init(LayerInit.torch()).build(Random.stream(seed, 1)));
  }

  /** Returns the paper's network: T = 3, MLP1 {5, 32, 32}, MLP2 {35, 16, 1}, pmax 1. */
  public static Wcgcn paper(long seed) {
    return new Wcgcn(3, 32, 32, 16, 1.0, seed);
  }

  /** Returns the number of layers T. */
  public int layers() {
    return layers;
  }

  /**
   * Returns the powers {@code [B, K]} in {@code (0, pmax)} for the graph batch (records gradients when enabled):
   * the output of layer T.
   */
  public Tensor apply(ChannelGraph g) {
    return apply(g, layers);
  }

  /** Returns the powers {@code [B, K]} after the first {@code t} layers, {@code 1 <= t <= T}. */
  public Tensor apply(ChannelGraph g, int t) {
    if (g == null) throw new IllegalArgumentException("Wcgcn.apply: graph must not be null");
    if (t < 1 || t > layers) {
      throw new IllegalArgumentException("Wcgcn.apply: layers t must be in [1, " + layers + "], got " + t);
    }
    if (g.nodes().size(1) != NODE - 1 || g.edges().size(1) != EDGE) {
      throw new IllegalArgumentException("Wcgcn.apply: needs 2 node and 2 edge features (ChannelGraph.powerControl),"
          + " got " + g.nodes().size(1) + " and " + g.edges().size(1));
    }
    EdgeList edges = g.graph().edges();
    int n = g.batch() * g.pairs();
    Linear first = message.layers().get(0), second = message.layers().get(1);
    Tensor w = first.weight().value();
    Tensor wx = w.slice(0, 0, NODE), we = w.slice(0, NODE, NODE + EDGE);
    Tensor edgePart = g.edges().matmul(we).add(first.bias().value()); // [E, h1], shared by the layers
    boolean recorded = Autograd.enabled();
    Tensor p = Tensor.ones(n, 1);
    for (int l = 0; l < t; l++) {
      Tensor x = Tensor.concat(1, g.nodes(), p);
      Tensor nodePart = x.matmul(wx), w2 = second.weight().value(), b2 = second.bias().value();
      Tensor agg = recorded ? MaxMessages.applyRecorded(edges, nodePart, edgePart, w2, b2)
          : MaxMessages.apply(edges, nodePart, edgePart, w2, b2);
      p = update.apply(Tensor.concat(1, x, agg)).sigmoid();
    }
    return p.reshape(g.batch(), g.pairs()).mul(pmax);
  }

  /** Returns the powers of the graph batch without recording gradients. */
  public Powers allocate(ChannelGraph g) {
    try (var off = Autograd.noGrad()) {
      return Powers.of(apply(g));
    }
  }

  /**
   * Returns the unsupervised training loss {@code -mean_b sum_k w_k log2(1 + SINR_k)} with the global CSI of
   * {@code problem} (Sec. V; the network itself sees only the graph's channels).
   */
  public Tensor loss(SisoProblem problem, ChannelGraph g) {
    return WeightedSumRate.of(problem, apply(g)).mean().neg();
  }
}
