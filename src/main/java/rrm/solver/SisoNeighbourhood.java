package rrm.solver;

import rrm.system.SisoProblem;
import rrm.tensor.EdgeList;
import rrm.tensor.Tensor;

/**
 * The two sums over other links in a SISO WMMSE update ({@link WmmseSiso#step}), and who knows which link:
 *
 * <pre>
 *   receiver i:     sigma_i^2 + sum_{j != i} G_ij^2 p_j           (interference plus noise, for u_i and e_i)
 *   transmitter k:  sum_i G_ik^2 y_i  with y_i = u_i^2 w_i          (leakage, own link included, for v_k)
 * </pre>
 *
 * ({@code G} row = receiver). {@link #of} sums over every link: centralised WMMSE with global CSI. {@link #graph}
 * sums only over the edges of an interference graph, as messages: edge {@code j -> i} carries {@code G_ij^2 p_j} to
 * receiver i in the first round of an iteration and {@code G_ij^2 y_i} back to transmitter j in the second, so one
 * WMMSE iteration is two rounds of a distributed local algorithm in which every node talks to its neighbours only
 * (paper 003 §IV, Prop. IV.1: WMMSE with a fixed number of iterations is such an algorithm). On the complete graph
 * the sums are the centralised ones; on a local-CSI graph they are those of the problem with the unknown links set
 * to 0. Both are tensor ops (gather along edges, scatter-sum at nodes), differentiable in p and y.
 */
public interface SisoNeighbourhood {
  /** Returns {@code sigma_i^2 + sum_{j != i} G_ij^2 p_j} for powers {@code p [B, M]}. */
  Tensor interferencePlusNoise(Tensor p);

  /** Returns {@code sum_i G_ik^2 y_i} per transmitter k, own link included, for {@code y [B, M]}. */
  Tensor leakage(Tensor y);

  /** Returns the number of messages one WMMSE iteration sends (both rounds; 0 for the centralised sums). */
  long messagesPerIteration();

  /** Returns the centralised sums over every link of {@code h} (global CSI). */
  static SisoNeighbourhood of(SisoProblem h) {
    if (h == null) throw new IllegalArgumentException("SisoNeighbourhood.of: problem must not be null");
    return new SisoNeighbourhood() {
      @Override
      public Tensor interferencePlusNoise(Tensor p) {
        return h.interferencePlusNoise(p);
      }

      @Override
      public Tensor leakage(Tensor y) {
        return h.power().transposeTimes(y);
      }

      @Override
      public long messagesPerIteration() {
        return 0;
      }
    };
  }

  /**
   * Returns the sums over the edges of {@code edges}, a graph on the {@code B M} links of {@code h} (node
   * {@code b M + i} is link i of instance b; edge {@code j -> i} means receiver i knows, and hears about, transmitter
   * j). Throws naming the edge when the graph has the wrong number of nodes, a self-loop (a link's own gain is not a
   * message) or an edge between two instances.
   */
  static SisoNeighbourhood graph(SisoProblem h, EdgeList edges) {
    String op = "SisoNeighbourhood.graph";
    if (h == null || edges == null) throw new IllegalArgumentException(op + ": problem and edges must not be null");
    int b = h.batch(), m = h.links();
    if (edges.nodes() != (long) b * m) {
      throw new IllegalArgumentException(op + ": the graph must have B M = " + b * m + " nodes (one per link of "
          + b + " instances of " + m + " links), got " + edges.nodes());
    }
    LocalEdges.check(op, edges, m);
    int[] src = edges.src(), dst = edges.dst();
    double[] a = h.amplitudes().data();
    double[] gain = new double[src.length];
    for (int e = 0; e < src.length; e++) {
      int inst = dst[e] / m, i = dst[e] % m, j = src[e] % m;
      double g = a[(inst * m + i) * m + j];
      gain[e] = g * g;
    }
    Tensor g = Tensor.of(gain, src.length);
    EdgeList back = EdgeList.of(b * m, dst, src);
    Tensor noise = Tensor.of(h.noise(), m);
    Tensor direct = h.directPowerGain();
    return new SisoNeighbourhood() {
      @Override
      public Tensor interferencePlusNoise(Tensor p) {
        check("interferencePlusNoise", p);
        return edges.scatterSum(edges.gatherSource(p.reshape(b * m)).mul(g)).reshape(b, m).add(noise);
      }

      @Override
      public Tensor leakage(Tensor y) {
        check("leakage", y);
        return back.scatterSum(back.gatherSource(y.reshape(b * m)).mul(g)).reshape(b, m).add(direct.mul(y));
      }

      @Override
      public long messagesPerIteration() {
        return 2L * src.length;
      }

      private void check(String name, Tensor x) {
        if (x == null || x.dim() != 2 || x.size(0) != b || x.size(1) != m) {
          throw new IllegalArgumentException("SisoNeighbourhood." + name + ": expects [" + b + ", " + m + "], got "
              + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
        }
      }
    };
  }
}
