package rrm.channel;

import java.util.List;
import rrm.system.MimoProblem;
import rrm.system.SisoProblem;
import rrm.tensor.EdgeList;
import rrm.tensor.Tensor;

/**
 * The local-CSI interference graph of a batch of B instances of K pairs (paper 003 Sec. II-C): node k is pair k, and
 * a directed edge {@code j -> i} (j != i) says that the channel from transmitter j to receiver i is known. Instances
 * form one block-diagonal graph: node {@code b K + k} is pair k of instance b. The edges are stored as a CSR edge list
 * ({@link EdgeList}), ordered by (instance, destination, source), so the edges into a node are contiguous.
 *
 * <p>Built from placements ({@link #within}: the links no longer than a radius, 500 m in the paper), complete
 * ({@link #complete}: the Gaussian IC, no geometry), or from explicit arrays ({@link #of}).
 *
 * @param edges the edge list on {@code B K} nodes
 * @param batch B >= 1
 * @param pairs K >= 1
 */
public record InterferenceGraph(EdgeList edges, int batch, int pairs) {
  /** Which link decides whether the edge {@code j -> i} exists (and, for learned models, whose channel it carries). */
  public enum Direction {
    /** Edge {@code j -> i} iff the link from transmitter j to receiver i (the interference j causes at i) is short. */
    FORWARD,
    /** Edge {@code j -> i} iff the link from transmitter i to receiver j (the leakage of i into j) is short. */
    REVERSE
  }

  public InterferenceGraph {
    if (edges == null) throw new IllegalArgumentException("InterferenceGraph: edges must not be null");
    if (batch < 1 || pairs < 1 || (long) batch * pairs != edges.nodes()) {
      throw new IllegalArgumentException("InterferenceGraph: the edge list must have batch * pairs nodes with batch, "
          + "pairs >= 1, got batch " + batch + ", pairs " + pairs + ", " + edges);
    }
  }

  /**
   * Returns the graph of one instance of K pairs with edges {@code src[e] -> dst[e]}; throws naming the argument and
   * the edge when a node lies outside {@code [0, K)} or an edge is a self-loop (a pair's own link is a node feature).
   */
  public static InterferenceGraph of(int pairs, int[] src, int[] dst) {
    String op = "InterferenceGraph.of";
    if (pairs < 1) throw new IllegalArgumentException(op + ": pairs K must be >= 1, got " + pairs);
    if (src == null || dst == null) throw new IllegalArgumentException(op + ": src and dst must not be null");
    if (src.length != dst.length) {
      throw new IllegalArgumentException(op + ": src and dst must have one entry per edge, got " + src.length
          + " and " + dst.length);
    }
    for (int e = 0; e < src.length; e++) {
      if (src[e] < 0 || src[e] >= pairs) {
        throw new IllegalArgumentException(op + ": src[" + e + "] names node " + src[e] + ", which does not exist "
            + "in a graph of nodes [0, " + pairs + ")");
      }
      if (dst[e] < 0 || dst[e] >= pairs) {
        throw new IllegalArgumentException(op + ": dst[" + e + "] names node " + dst[e] + ", which does not exist "
            + "in a graph of nodes [0, " + pairs + ")");
      }
      if (src[e] == dst[e]) {
        throw new IllegalArgumentException(op + ": edge " + e + " is a self-loop on node " + src[e] + "; a pair's "
            + "own link is a node feature, not an edge");
      }
    }
    return new InterferenceGraph(EdgeList.of(pairs, src, dst), 1, pairs);
  }

  /** Returns the complete directed graph (all {@code K (K - 1)} edges, no self-loops) for each of B instances. */
  public static InterferenceGraph complete(int batch, int pairs) {
    if (batch < 1 || pairs < 1) {
      throw new IllegalArgumentException("InterferenceGraph.complete: batch and pairs must be >= 1, got " + batch
          + " and " + pairs);
    }
    int per = pairs * (pairs - 1);
    int[] s = new int[batch * per], d = new int[batch * per];
    int e = 0;
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < pairs; i++) {
        for (int j = 0; j < pairs; j++) {
          if (i == j) continue;
          s[e] = b * pairs + j;
          d[e] = b * pairs + i;
          e++;
        }
      }
    }
    return new InterferenceGraph(blocks(batch, pairs, s, d), batch, pairs);
  }

  /**
   * Returns the local-CSI graph of a batch of placements (all with the same K): edge {@code j -> i}, j != i, iff the
   * deciding link (see {@link Direction}) is at most {@code radius} metres long.
   */
  public static InterferenceGraph within(List<Placement> placements, double radius, Direction direction) {
    String op = "InterferenceGraph.within";
    if (placements == null || placements.isEmpty()) {
      throw new IllegalArgumentException(op + ": placements must hold at least one placement");
    }
    if (!(radius > 0) || Double.isNaN(radius)) {
      throw new IllegalArgumentException(op + ": radius must be > 0 metres, got " + radius);
    }
    if (direction == null) throw new IllegalArgumentException(op + ": direction must not be null");
    int batch = placements.size(), k = placements.get(0).pairs();
    int[] s = new int[16], d = new int[16];
    int e = 0;
    double r2 = radius * radius;
    for (int b = 0; b < batch; b++) {
      Placement p = placements.get(b);
      if (p.pairs() != k) {
        throw new IllegalArgumentException(op + ": every placement must have the same number of pairs, placement 0 "
            + "has " + k + ", placement " + b + " has " + p.pairs());
      }
      double[] tx = p.transmitters(), rx = p.receivers();
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          if (i == j) continue;
          int t = direction == Direction.FORWARD ? j : i, r = direction == Direction.FORWARD ? i : j;
          double dx = tx[2 * t] - rx[2 * r], dy = tx[2 * t + 1] - rx[2 * r + 1];
          if (dx * dx + dy * dy > r2) continue;
          if (e == s.length) {
            s = java.util.Arrays.copyOf(s, 2 * e);
            d = java.util.Arrays.copyOf(d, 2 * e);
          }
          s[e] = b * k + j;
          d[e] = b * k + i;
          e++;
        }
      }
    }
    return new InterferenceGraph(blocks(batch, k, java.util.Arrays.copyOf(s, e), java.util.Arrays.copyOf(d, e)),
        batch, k);
  }

  /** Builds the block-diagonal edge list of B graphs of K nodes from global node ids ordered by instance. */
  private static EdgeList blocks(int batch, int k, int[] s, int[] d) {
    EdgeList[] parts = new EdgeList[batch];
    int e = 0;
    for (int b = 0; b < batch; b++) {
      int start = e;
      while (e < s.length && d[e] / k == b) e++;
      int[] ls = new int[e - start], ld = new int[e - start];
      for (int x = start; x < e; x++) {
        ls[x - start] = s[x] - b * k;
        ld[x - start] = d[x] - b * k;
      }
      parts[b] = EdgeList.of(k, ls, ld);
    }
    return batch == 1 ? parts[0] : EdgeList.batch(parts);
  }

  /** Returns the number of edges. */
  public int edgeCount() {
    return edges.edges();
  }

  /** Returns the mean in-degree (edges per node). */
  public double meanInDegree() {
    return (double) edges.edges() / ((long) batch * pairs);
  }

  /**
   * Returns the problem with every channel the graph does not know set to 0: the cross link {@code j -> i} survives
   * only where the edge {@code j -> i} exists, the direct links always do. Noise, budgets and weights are kept. A
   * method run on the result uses local CSI only (evaluate its allocation on the original problem).
   */
  public SisoProblem restrict(SisoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("InterferenceGraph.restrict: problem must not be null");
    requireMatch(problem, problem.links());
    int k = pairs, kk = k * k;
    double[] a = problem.amplitudes().data();
    double[] out = new double[a.length];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < k; i++) out[b * kk + i * k + i] = a[b * kk + i * k + i];
    }
    int[] s = edges.src(), d = edges.dst();
    for (int e = 0; e < s.length; e++) {
      int b = d[e] / k, i = d[e] % k, j = s[e] % k;
      int at = b * kk + i * k + j;
      out[at] = a[at];
    }
    SisoProblem r = SisoProblem.ofAmplitudes(Tensor.of(out, batch, k, k), 0, 1).withNoise(problem.noise())
        .withBudgets(problem.budgets());
    return problem.weights() == null ? r : r.withWeights(problem.weights());
  }

  /**
   * Returns the MIMO problem with every channel the graph does not know set to 0, as {@link #restrict(SisoProblem)}:
   * the cross channel {@code H[b, i, :, j, :]} (transmitter j to receiver i) survives only where the edge
   * {@code j -> i} exists, the direct channels always do. Noise, budgets, weights and streams are kept. A method run
   * on the result uses local CSI only (evaluate its beams on the original problem). With a {@link #within} graph
   * the edges must be {@link Direction#FORWARD} for this reading.
   */
  public MimoProblem restrict(MimoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("InterferenceGraph.restrict: problem must not be null");
    requireMatch(problem, problem.users());
    int k = pairs, nr = problem.rxAntennas(), nt = problem.txAntennas(), row = k * nt, block = nr * row;
    Tensor h = problem.channels();
    double[] re = h.data(), im = h.isComplex() ? h.imagData() : new double[re.length];
    double[] outRe = new double[re.length], outIm = new double[re.length];
    int[] s = edges.src(), d = edges.dst();
    for (int n = 0; n < batch * k + s.length; n++) {
      // the direct channel of node n, then the cross channel of edge e = n - B K; node rx of the batch is b K + i
      int rx = n < batch * k ? n : d[n - batch * k], tx = n < batch * k ? n % k : s[n - batch * k] % k;
      for (int r = 0; r < nr; r++) {
        int at = rx * block + r * row + tx * nt; // H[b, i, r, j, 0] of the flat [B, K, N_r, K, N_t]
        System.arraycopy(re, at, outRe, at, nt);
        System.arraycopy(im, at, outIm, at, nt);
      }
    }
    return problem.withChannels(Tensor.complex(outRe, outIm, h.shape()));
  }

  /** Throws unless the problem has this graph's B instances of K pairs. */
  private void requireMatch(rrm.system.Problem problem, int problemPairs) {
    if (problem.batch() != batch || problemPairs != pairs) {
      throw new IllegalArgumentException("InterferenceGraph.restrict: the problem must have " + batch
          + " instances of " + pairs + " pairs to match the graph, got " + problem);
    }
  }

  @Override
  public String toString() {
    return "InterferenceGraph[B=" + batch + ", K=" + pairs + ", " + edges.edges() + " edges]";
  }
}
