package rrm.model.gnn;

import rrm.nn.Activation;
import rrm.nn.Aggregation;
import rrm.nn.LayerInit;
import rrm.nn.Linear;
import rrm.nn.Mlp;
import rrm.nn.Module;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.EdgeList;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;
import rrm.utility.WeightedSumRate;

/**
 * WCGCN, the wireless channel graph convolution network of paper 003 (Sec. III-D, eq. (8)), with a power-control
 * head ({@link #paper}, {@link #Wcgcn(int, int, int, int, double, long)}) or a MISO beamforming head
 * ({@link #beamforming}): a message-passing GNN on a sparse interference graph ({@link ChannelGraph}) with element-wise max aggregation and
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
 * <p>Beamforming head (Sec. V-C; {@link ChannelGraph#beamforming}, N_t antennas): the same message passing with the
 * state {@code x_k = [Re h~_kk, Im h~_kk, Re v_k, Im v_k]} (4 N_t), {@code v^(0)} with every real entry
 * {@code 1 / sqrt(N_t)} (the authors' code), edge features {@code [Re h~, Im h~]} (2 N_t), and the output map
 * {@code sigma(y) = y / max(||y||_2, 1)} on each node's 2 N_t outputs instead of the sigmoid; the beams are
 * {@code sqrt(pmax) v^(T)}, so {@code ||v_k||^2 <= pmax}. The paper's widths are MLP1 {6 N_t, 64, 64} and MLP2
 * {64 + 4 N_t, 32, 2 N_t}: 7,460 parameters at N_t = 2. The state keeps the direct channel in every layer
 * ({@link StateUpdate#KEEP_STATIC}, as the paper describes it); {@link StateUpdate#PREVIOUS_BEAM} is the authors'
 * code's update, in which the next state is the new beam and the previous one, so that the direct channel is only
 * seen by the first layer.
 *
 * <p>Cost: MLP1's first layer splits into a node part and an edge part,
 * {@code [x_j, e_jk] W + b = (x_j W_x + b) + e_jk W_e}; the node part (with the bias) is computed once per node
 * instead of once per edge. The rest of a layer's messages (edge part, gather, second layer, ReLUs, max) runs as one
 * fused kernel that keeps a running maximum per node instead of building {@code [E, 64]} tensors: O(|E| + |V|) per
 * layer, linear in K at a bounded degree. When gradients are recorded the kernel also keeps the maximising edge per
 * node and feature, so that its backward pass touches only those edges.
 *
 * <p>Aggregation: the paper's element-wise max ({@link Aggregation#MAX}, the default, and the only one with the fused
 * kernels) or, as an ablation that is not in the paper, a sum or mean over the in-edges
 * ({@link #Wcgcn(int, int, int, int, double, Aggregation, long)}): the same messages, built as {@code [E, H2]} tensors
 * and aggregated by {@link EdgeList#scatterSum} or {@link EdgeList#scatterMean}.
 *
 * <p>Permutation-equivariant (Prop. III.1): relabelling the pairs relabels the powers. Any K: the weights do not
 * depend on the network size. Powers lie in {@code (0, pmax)}.
 */
public final class Wcgcn extends Module {
  /** How the beamforming head builds the next node state from the new beam {@code v^(t)}. */
  public enum StateUpdate {
    /** {@code [h~_kk, v^(t)]}: the direct channel stays in the state (the paper; the default). */
    KEEP_STATIC,
    /**
     * {@code [v^(t-1), v^(t)]}: the new beam and the one before it, as the authors' code builds it (its state after
     * layer 1 no longer holds the direct channel).
     */
    PREVIOUS_BEAM
  }

  private final int layers;
  private final double pmax;
  /** Transmit antennas of the beamforming head; 0 for power control. */
  private final int antennas;
  /** Static node features, state entries and edge features per node / edge. */
  private final int statics;
  private final int state;
  private final int edge;
  private final Aggregation aggregation;
  private final StateUpdate stateUpdate;
  private final Mlp message;
  private final Mlp update;

  /**
   * Returns a WCGCN with T layers, hidden widths {@code (h1, h2)} of MLP1 and {@code u} of MLP2 (the paper: 32, 32,
   * 16), power budget pmax, parameters drawn from {@code seed}.
   */
  public Wcgcn(int layers, int h1, int h2, int u, double pmax, long seed) {
    this(layers, 0, h1, h2, u, pmax, Aggregation.MAX, StateUpdate.KEEP_STATIC, seed);
  }

  /**
   * As {@link #Wcgcn(int, int, int, int, double, long)} with the messages combined by {@code aggregation} instead of
   * the paper's max (an ablation: the same parameters, drawn from the same seed).
   */
  public Wcgcn(int layers, int h1, int h2, int u, double pmax, Aggregation aggregation, long seed) {
    this(layers, 0, h1, h2, u, pmax, aggregation, StateUpdate.KEEP_STATIC, seed);
  }

  private Wcgcn(int layers, int antennas, int h1, int h2, int u, double pmax, Aggregation aggregation,
      StateUpdate stateUpdate, long seed) {
    if (aggregation == null) throw new IllegalArgumentException("Wcgcn: aggregation must not be null");
    if (stateUpdate == null) throw new IllegalArgumentException("Wcgcn: stateUpdate must not be null");
    if (layers < 1) throw new IllegalArgumentException("Wcgcn: layers T must be >= 1, got " + layers);
    if (!(pmax > 0) || !Double.isFinite(pmax)) {
      throw new IllegalArgumentException("Wcgcn: pmax must be > 0 and finite, got " + pmax);
    }
    this.layers = layers;
    this.pmax = pmax;
    this.antennas = antennas;
    this.aggregation = aggregation;
    this.stateUpdate = stateUpdate;
    this.statics = antennas == 0 ? 2 : 2 * antennas;
    this.state = antennas == 0 ? 1 : 2 * antennas;
    this.edge = antennas == 0 ? 2 : 2 * antennas;
    int node = statics + state;
    this.message = child("message", Mlp.of(node + edge, h1, h2).hidden(Activation.RELU).output(Activation.RELU)
        .init(LayerInit.torch()).build(Random.stream(seed, 0)));
    this.update = child("update", Mlp.of(node + h2, u, state).hidden(Activation.RELU).output(Activation.IDENTITY)
        .init(LayerInit.torch()).build(Random.stream(seed, 1)));
  }

  /**
   * Returns a beamforming WCGCN for N_t transmit antennas with T layers, hidden widths {@code (h1, h2)} of MLP1 and
   * {@code u} of MLP2 (the paper: 64, 64, 32), power budget pmax per transmitter, parameters drawn from {@code seed}.
   */
  public static Wcgcn beamforming(int layers, int antennas, int h1, int h2, int u, double pmax, long seed) {
    return beamforming(layers, antennas, h1, h2, u, pmax, StateUpdate.KEEP_STATIC, seed);
  }

  /** As {@link #beamforming(int, int, int, int, int, double, long)} with the given state update. */
  public static Wcgcn beamforming(int layers, int antennas, int h1, int h2, int u, double pmax, StateUpdate update,
      long seed) {
    if (antennas < 1) throw new IllegalArgumentException("Wcgcn.beamforming: antennas N_t must be >= 1, got "
        + antennas);
    return new Wcgcn(layers, antennas, h1, h2, u, pmax, Aggregation.MAX, update, seed);
  }

  /** Returns the paper's beamforming network: T = 3, MLP1 {6 N_t, 64, 64}, MLP2 {64 + 4 N_t, 32, 2 N_t}, pmax 1. */
  public static Wcgcn beamforming(int antennas, long seed) {
    return beamforming(3, antennas, 64, 64, 32, 1.0, seed);
  }

  /** Returns the paper's network: T = 3, MLP1 {5, 32, 32}, MLP2 {35, 16, 1}, pmax 1. */
  public static Wcgcn paper(long seed) {
    return paper(Aggregation.MAX, seed);
  }

  /** Returns the paper's network with the messages combined by {@code aggregation} (the paper: max). */
  public static Wcgcn paper(Aggregation aggregation, long seed) {
    return new Wcgcn(3, 32, 32, 16, 1.0, aggregation, seed);
  }

  /** Returns how the beamforming head builds its next node state (the power-control head keeps its statics). */
  public StateUpdate stateUpdate() {
    return stateUpdate;
  }

  /** Returns the number of layers T. */
  public int layers() {
    return layers;
  }

  /** Returns how the messages arriving at a node are combined (the paper: max). */
  public Aggregation aggregation() {
    return aggregation;
  }

  /** Returns the transmit antennas N_t of the beamforming head, 0 for the power-control head. */
  public int antennas() {
    return antennas;
  }

  /** Returns the architecture as settings (recorded in checkpoints). */
  public java.util.Map<String, String> settings() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("head", antennas == 0 ? "power" : "beamforming");
    m.put("layers", Integer.toString(layers));
    if (antennas > 0) m.put("antennas", Integer.toString(antennas));
    m.put("message", message.layers().get(0).weight().value().size(1) + "," + message.layers().get(1).weight()
        .value().size(1));
    m.put("update", Integer.toString(update.layers().get(0).weight().value().size(1)));
    m.put("pmax", Double.toString(pmax));
    if (aggregation != Aggregation.MAX) m.put("aggregation", aggregation.label());
    if (stateUpdate != StateUpdate.KEEP_STATIC) m.put("state_update", stateUpdate.name().toLowerCase());
    return m;
  }

  /**
   * Returns the output of layer T for the graph batch (records gradients when enabled): the powers {@code [B, K]} in
   * {@code (0, pmax)} of the power-control head, or the complex beams {@code [B, K, N_t, 1]} with
   * {@code ||v_k||^2 <= pmax} of the beamforming head.
   */
  public Tensor apply(ChannelGraph g) {
    return apply(g, layers);
  }

  /** Returns the output (powers or beams, as {@link #apply(ChannelGraph)}) after the first {@code t} layers. */
  public Tensor apply(ChannelGraph g, int t) {
    Tensor x = states(g, t);
    if (antennas == 0) return x.reshape(g.batch(), g.pairs()).mul(pmax);
    Tensor v = Tensor.complex(x.slice(1, 0, antennas), x.slice(1, antennas, 2 * antennas));
    return v.reshape(g.batch(), g.pairs(), antennas, 1).mul(Math.sqrt(pmax));
  }

  /** Returns the state part {@code [B K, S]} of the nodes after {@code t} layers: the shared message passing. */
  private Tensor states(ChannelGraph g, int t) {
    if (g == null) throw new IllegalArgumentException("Wcgcn.apply: graph must not be null");
    if (t < 1 || t > layers) {
      throw new IllegalArgumentException("Wcgcn.apply: layers t must be in [1, " + layers + "], got " + t);
    }
    if (g.nodes().size(1) != statics || g.edges().size(1) != edge) {
      throw new IllegalArgumentException("Wcgcn.apply: needs " + statics + " node and " + edge + " edge features ("
          + (antennas == 0 ? "ChannelGraph.powerControl" : "ChannelGraph.beamforming with N_t = " + antennas)
          + "), got " + g.nodes().size(1) + " and " + g.edges().size(1));
    }
    MaxMessages.Edges edges = aggregation == Aggregation.MAX ? MaxMessages.edges(g.graph().edges()) : null;
    int n = g.batch() * g.pairs(), node = statics + state;
    Linear first = message.layers().get(0), second = message.layers().get(1);
    Tensor w = first.weight().value();
    Tensor wx = w.slice(0, 0, node), we = w.slice(0, node, node + edge);
    boolean recorded = Autograd.enabled();
    Tensor p = antennas == 0 ? Tensor.ones(n, 1) : Tensor.full(1 / Math.sqrt(antennas), n, state);
    Tensor s = g.nodes();
    for (int l = 0; l < t; l++) {
      Tensor x = Tensor.concat(1, s, p);
      Tensor nodePart = x.matmul(wx).add(first.bias().value()), w2 = second.weight().value();
      Tensor b2 = second.bias().value();
      Tensor agg = edges == null ? aggregate(g.graph().edges(), nodePart, g.edges(), we, w2, b2)
          : recorded ? MaxMessages.applyRecorded(edges, nodePart, g.edges(), we, w2, b2)
          : MaxMessages.apply(edges, nodePart, g.edges(), we, w2, b2);
      Tensor next = output(update.apply(Tensor.concat(1, x, agg)));
      if (stateUpdate == StateUpdate.PREVIOUS_BEAM) s = p;
      p = next;
    }
    return p;
  }

  /**
   * The messages {@code relu(relu(nodePart[src] + e W_e) W2 + b2)} of every edge as an {@code [E, H2]} tensor, summed
   * or averaged per destination (the sum and mean ablations; the max runs in {@link MaxMessages}).
   */
  private Tensor aggregate(EdgeList graph, Tensor nodePart, Tensor features, Tensor we, Tensor w2, Tensor b2) {
    Tensor h = graph.gatherSource(nodePart).add(features.matmul(we)).relu();
    Tensor m = h.matmul(w2).add(b2).relu();
    return aggregation == Aggregation.SUM ? graph.scatterSum(m) : graph.scatterMean(m);
  }

  /** The output map sigma: the sigmoid (power control) or {@code y / max(||y||_2, 1)} per node (beamforming). */
  private Tensor output(Tensor y) {
    if (antennas == 0) return y.sigmoid();
    return y.div(y.square().sum(1, true).clampMin(1).sqrt());
  }

  /** Returns the powers of the graph batch without recording gradients (power-control head). */
  public Powers allocate(ChannelGraph g) {
    if (antennas != 0) throw new IllegalArgumentException("Wcgcn.allocate: this is a beamforming WCGCN (N_t = "
        + antennas + "); use beamformers");
    try (var off = Autograd.noGrad()) {
      return Powers.of(apply(g));
    }
  }

  /**
   * Returns the unsupervised training loss {@code -mean_b sum_k w_k log2(1 + SINR_k)} with the global CSI of
   * {@code problem} (Sec. V; the network itself sees only the graph's channels).
   */
  public Tensor loss(SisoProblem problem, ChannelGraph g) {
    if (antennas != 0) throw new IllegalArgumentException("Wcgcn.loss: this is a beamforming WCGCN (N_t = "
        + antennas + "); its loss takes a MimoProblem");
    return WeightedSumRate.of(problem, apply(g)).mean().neg();
  }

  /** Returns the beams of the graph batch without recording gradients (beamforming head). */
  public Beamformers beamformers(ChannelGraph g) {
    if (antennas == 0) throw new IllegalArgumentException("Wcgcn.beamformers: this is a power-control WCGCN; use "
        + "allocate");
    try (var off = Autograd.noGrad()) {
      return Beamformers.of(apply(g));
    }
  }

  /**
   * Returns the unsupervised beamforming loss {@code -mean_b sum_k w_k log2(1 + SINR_k)} (w = 1 without weights)
   * with the global CSI of the MISO {@code problem} (Sec. V-C; the network sees only the graph's channels).
   */
  public Tensor loss(MimoProblem problem, ChannelGraph g) {
    if (antennas == 0) throw new IllegalArgumentException("Wcgcn.loss: this is a power-control WCGCN; its loss "
        + "takes a SisoProblem");
    return MimoRates.weightedSumRate(problem, apply(g)).mean().neg();
  }
}
