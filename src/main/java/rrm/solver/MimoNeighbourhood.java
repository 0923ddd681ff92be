package rrm.solver;

import rrm.tensor.EdgeList;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/**
 * The two sums over other links in a MIMO WMMSE update ({@link WmmseMimo#step}), and who knows which link. With
 * {@code H_ij} the channel from transmitter j to receiver i:
 *
 * <pre>
 *   receiver i:     N_i = c_i I + sum_{j != i} H_ij V_j V_j^H H_ij^H      (interference-plus-noise covariance)
 *   transmitter j:  A_j = sum_i H_ij^H U_i W_i U_i^H H_ij                  (own link included),  rhs_j = H_jj^H U_j W_j
 * </pre>
 *
 * {@link #of} forms them over every link with the fused kernels (centralised WMMSE, global CSI). {@link #graph} forms
 * them as messages on an interference graph of the interference channel (one user per transmitter): in the first
 * round of an iteration edge {@code j -> i} carries {@code H_ij V_j V_j^H H_ij^H} to receiver i, in the second it
 * carries {@code H_ij^H U_i W_i U_i^H H_ij} back to transmitter j, so one WMMSE iteration is two rounds of a
 * distributed local algorithm (paper 003 §IV, Prop. IV.1). On the complete graph the sums are the centralised ones;
 * on a local-CSI graph they are those of the problem with the unknown links set to 0. The graph sums are tensor ops
 * (gathers along edges, batched complex products, scatter-sums at nodes), differentiable in V, U and W.
 */
public interface MimoNeighbourhood {
  /** Returns the direct signals {@code H_ii V_i} and the covariances {@code N_i}, noise loaded by {@code loading}. */
  MimoSignals.Received receive(Tensor v, double loading);

  /** Returns {@code {A [B, K, N_t, N_t], rhs [B, K, N_t, d]}} for receivers u and weights w (rate weights included). */
  Tensor[] transmit(Tensor u, Tensor w);

  /** Returns the number of messages one WMMSE iteration sends (both rounds; 0 for the centralised sums). */
  long messagesPerIteration();

  /** Returns the centralised sums over every link (the fused kernels). */
  static MimoNeighbourhood of(MimoSignals s) {
    if (s == null) throw new IllegalArgumentException("MimoNeighbourhood.of: signals must not be null");
    return new MimoNeighbourhood() {
      @Override
      public MimoSignals.Received receive(Tensor v, double loading) {
        return s.receive(v, loading);
      }

      @Override
      public Tensor[] transmit(Tensor u, Tensor w) {
        return TransmitKernel.apply(s.channels(), u, w, s.owner());
      }

      @Override
      public long messagesPerIteration() {
        return 0;
      }
    };
  }

  /**
   * Returns the same sums as {@link #of} for many updates on the same channels (the classical solver's loop): for MISO
   * links (N_r = d = 1, interference channel) each link's Gram matrix {@code h_ij^H h_ij} is formed once and both
   * sums stream them ({@code MisoGram}, equal to the fused kernels up to rounding; with gradients it falls back to
   * them); for any other problem this is {@link #of}.
   */
  static MimoNeighbourhood precomputed(MimoSignals s) {
    if (s == null) throw new IllegalArgumentException("MimoNeighbourhood.precomputed: signals must not be null");
    MimoNeighbourhood miso = MisoGram.of(s);
    return miso != null ? miso : of(s);
  }

  /**
   * Returns the sums over the edges of {@code edges}, a graph on the {@code B K} pairs of an interference channel
   * (node {@code b K + i} is pair i of instance b; edge {@code j -> i} means receiver i knows, and hears about,
   * transmitter j). Throws naming the argument when the problem is not an interference channel (one user per
   * transmitter), or the graph has the wrong number of nodes, a self-loop or an edge between two instances.
   */
  static MimoNeighbourhood graph(MimoSignals s, EdgeList edges) {
    String op = "MimoNeighbourhood.graph";
    if (s == null || edges == null) throw new IllegalArgumentException(op + ": signals and edges must not be null");
    int b = s.batch(), k = s.users(), nr = s.rxAntennas(), nt = s.txAntennas();
    int[] owner = s.owner();
    int transmitters = s.channels().size(3);
    for (int j = 0; j < k; j++) {
      if (owner[j] != j || transmitters != k) {
        throw new IllegalArgumentException(op + ": needs an interference channel (user j served by transmitter j), "
            + "got user " + j + " on transmitter " + owner[j] + " of " + transmitters);
      }
    }
    int n = b * k;
    if (edges.nodes() != n) {
      throw new IllegalArgumentException(op + ": the graph must have B K = " + n + " nodes (one per pair of " + b
          + " instances of " + k + " pairs), got " + edges.nodes());
    }
    LocalEdges.check(op, edges, k);
    int[] src = edges.src(), dst = edges.dst();
    // channel blocks H[b, i, :, j, :] of the edges (j -> i) and of the direct links, [*, N_r, N_t]
    double[] hr = s.channels().data(), hi = s.channels().imagData();
    int block = nr * nt;
    double[] er = new double[src.length * block], ei = new double[er.length];
    double[] dr = new double[n * block], di = new double[dr.length];
    for (int e = 0; e < src.length; e++) copyBlock(hr, hi, dst[e] / k, dst[e] % k, src[e] % k, k, nr, nt, er, ei, e);
    for (int q = 0; q < n; q++) copyBlock(hr, hi, q / k, q % k, q % k, k, nr, nt, dr, di, q);
    Tensor he = Tensor.complex(er, ei, src.length, nr, nt), hd = Tensor.complex(dr, di, n, nr, nt);
    Tensor heH = he.mH(), hdH = hd.mH();
    EdgeList back = EdgeList.of(n, dst, src);
    double[] noise = s.noise();
    return new MimoNeighbourhood() {
      @Override
      public MimoSignals.Received receive(Tensor v, double loading) {
        s.checkPrecoders("MimoNeighbourhood.receive", v);
        if (!(loading >= 0) || !Double.isFinite(loading)) {
          throw new IllegalArgumentException("MimoNeighbourhood.receive: loading must be >= 0 and finite, got "
              + loading);
        }
        int d = v.size(3);
        Tensor vn = v.reshape(n, nt, d);
        Tensor f = he.matmul(edges.gatherSource(vn));                            // [E, N_r, d]
        double[] diag = new double[n * nr * nr];
        for (int q = 0; q < n; q++) {
          for (int r = 0; r < nr; r++) diag[(q * nr + r) * nr + r] = noise[q % k] + loading;
        }
        Tensor cov = edges.scatterSum(f.matmul(f.mH())).add(Tensor.of(diag, n, nr, nr));
        return new MimoSignals.Received(hd.matmul(vn).reshape(b, k, nr, d), cov.reshape(b, k, nr, nr));
      }

      @Override
      public Tensor[] transmit(Tensor u, Tensor w) {
        int d = u.size(3);
        Tensor un = u.reshape(n, nr, d), uw = un.matmul(w.reshape(n, d, d));
        Tensor y = uw.matmul(un.mH());                                            // U_i W_i U_i^H, [n, N_r, N_r]
        Tensor cross = back.scatterSum(heH.matmul(edges.gatherDestination(y)).matmul(he));
        Tensor a = cross.add(hdH.matmul(y).matmul(hd));
        return new Tensor[] {a.reshape(b, k, nt, nt), hdH.matmul(uw).reshape(b, k, nt, d)};
      }

      @Override
      public long messagesPerIteration() {
        return 2L * src.length;
      }
    };
  }

  private static void copyBlock(double[] hr, double[] hi, int inst, int i, int j, int k, int nr, int nt,
      double[] outR, double[] outI, int slot) {
    int o = slot * nr * nt;
    for (int r = 0; r < nr; r++) {
      int from = (((inst * k + i) * nr + r) * k + j) * nt;
      System.arraycopy(hr, from, outR, o + r * nt, nt);
      System.arraycopy(hi, from, outI, o + r * nt, nt);
    }
  }
}
