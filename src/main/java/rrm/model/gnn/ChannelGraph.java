package rrm.model.gnn;

import rrm.channel.InterferenceGraph;
import rrm.system.MimoProblem;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

/**
 * The input of a message-passing network for power control or MISO beamforming: a batch of B interference graphs of K nodes each
 * (block-diagonal, node {@code b K + k} is pair k of instance b) with their static features, built once per batch and
 * shared by all layers (paper 003 Sec. II-C, eq. (8)).
 *
 * <pre>
 *   node k:      [a~_kk, w_k]                   nodes [B K, 2]
 *   edge j -> k: [a~_jk, a~_kj]                 edges [E, 2]   (interference j causes at k, and k causes at j)
 * </pre>
 *
 * with {@code a_jk} the amplitude from transmitter j to receiver k scaled by {@link AmplitudeScaling}, and w the rate
 * weights (1 without weights). For beamforming ({@link #beamforming}) with N_t transmit antennas,
 *
 * <pre>
 *   node k:      [Re h~_kk, Im h~_kk]           nodes [B K, 2 N_t]
 *   edge j -> k: [Re h~_kj, Im h~_kj]           edges [E, 2 N_t]   (the leakage of transmitter k at receiver j)
 * </pre>
 *
 * with {@code h_kj} the channel row from transmitter k to receiver j scaled by {@link BeamScaling}. Only the edges'
 * channels enter: a network fed this graph uses local CSI.
 *
 * @param graph the edges (CSR by destination)
 * @param nodes static node features {@code [B K, 2]}
 * @param edges static edge features {@code [E, 2]}, row e for edge e of the graph
 */
public record ChannelGraph(InterferenceGraph graph, Tensor nodes, Tensor edges) {
  public ChannelGraph {
    if (graph == null || nodes == null || edges == null) {
      throw new IllegalArgumentException("ChannelGraph: graph, nodes and edges must not be null");
    }
    int n = graph.batch() * graph.pairs();
    if (nodes.dim() != 2 || nodes.size(0) != n || edges.dim() != 2 || edges.size(0) != graph.edgeCount()) {
      throw new IllegalArgumentException("ChannelGraph: nodes must be [" + n + ", F] and edges [" + graph.edgeCount()
          + ", F] to match " + graph + ", got " + java.util.Arrays.toString(nodes.shape()) + " and "
          + java.util.Arrays.toString(edges.shape()));
    }
  }

  /** Returns the power-control graph of {@code problem} on {@code graph} with amplitudes scaled by {@code scaling}. */
  public static ChannelGraph powerControl(SisoProblem problem, InterferenceGraph graph, AmplitudeScaling scaling) {
    String op = "ChannelGraph.powerControl";
    if (problem == null || graph == null || scaling == null) {
      throw new IllegalArgumentException(op + ": problem, graph and scaling must not be null");
    }
    if (problem.batch() != graph.batch() || problem.links() != graph.pairs()) {
      throw new IllegalArgumentException(op + ": the graph must have " + problem.batch() + " instances of "
          + problem.links() + " pairs to match " + problem + ", got " + graph);
    }
    int b = problem.batch(), k = problem.links(), kk = k * k;
    double[] a = problem.amplitudes().data();
    double[] w = problem.weights() == null ? null : problem.weights().data();
    double[] node = new double[b * k * 2];
    for (int n = 0; n < b * k; n++) {
      int s = n / k, i = n % k;
      node[2 * n] = scaling.direct(a[s * kk + i * k + i]);
      node[2 * n + 1] = w == null ? 1 : w[n];
    }
    int[] src = graph.edges().src(), dst = graph.edges().dst();
    double[] edge = new double[src.length * 2];
    for (int e = 0; e < src.length; e++) {
      int s = dst[e] / k, i = dst[e] % k, j = src[e] % k;
      edge[2 * e] = scaling.cross(a[s * kk + i * k + j]);
      edge[2 * e + 1] = scaling.cross(a[s * kk + j * k + i]);
    }
    return new ChannelGraph(graph, Tensor.of(node, b * k, 2), Tensor.of(edge, src.length, 2));
  }

  /**
   * Returns the beamforming graph of the MISO {@code problem} (channels {@code [B, K, 1, K, N_t]}) on {@code graph}
   * with channels scaled by {@code scaling}. Edge {@code j -> k} carries the leakage channel of transmitter k at
   * receiver j, so {@code graph} should be built with {@link InterferenceGraph.Direction#REVERSE} (an edge exists iff
   * that leakage link is short); the authors' code passes the same channel.
   */
  public static ChannelGraph beamforming(MimoProblem problem, InterferenceGraph graph, BeamScaling scaling) {
    String op = "ChannelGraph.beamforming";
    if (problem == null || graph == null || scaling == null) {
      throw new IllegalArgumentException(op + ": problem, graph and scaling must not be null");
    }
    if (problem.rxAntennas() != 1) {
      throw new IllegalArgumentException(op + ": needs single-antenna receivers (MISO), got N_r = "
          + problem.rxAntennas());
    }
    if (problem.batch() != graph.batch() || problem.users() != graph.pairs()) {
      throw new IllegalArgumentException(op + ": the graph must have " + problem.batch() + " instances of "
          + problem.users() + " pairs to match " + problem + ", got " + graph);
    }
    int b = problem.batch(), k = problem.users(), nt = problem.txAntennas(), f = 2 * nt;
    double[] re = problem.channels().data(), im = problem.channels().imagData();
    AmplitudeScaling sr = scaling.real(), si = scaling.imag();
    double[] node = new double[b * k * f];
    for (int n = 0; n < b * k; n++) {
      int s = n / k, i = n % k, at = ((s * k + i) * k + i) * nt;
      for (int a = 0; a < nt; a++) {
        node[n * f + a] = sr.direct(re[at + a]);
        node[n * f + nt + a] = si.direct(im[at + a]);
      }
    }
    int[] src = graph.edges().src(), dst = graph.edges().dst();
    double[] edge = new double[src.length * f];
    for (int e = 0; e < src.length; e++) {
      int s = dst[e] / k, i = dst[e] % k, j = src[e] % k, at = ((s * k + j) * k + i) * nt;
      for (int a = 0; a < nt; a++) {
        edge[e * f + a] = sr.cross(re[at + a]);
        edge[e * f + nt + a] = si.cross(im[at + a]);
      }
    }
    return new ChannelGraph(graph, Tensor.of(node, b * k, f), Tensor.of(edge, src.length, f));
  }

  /** Returns the number of instances B. */
  public int batch() {
    return graph.batch();
  }

  /** Returns the number of pairs K per instance. */
  public int pairs() {
    return graph.pairs();
  }
}
