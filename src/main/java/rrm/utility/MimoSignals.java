package rrm.utility;

import java.util.Arrays;
import rrm.system.MimoProblem;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * The received-signal quantities of a MIMO interference problem for given precoders, as differentiable tensor ops:
 * what the rates and the WMMSE receive and weight updates share. For user i with receive channels {@code H_ij} (from
 * the transmitter of user j) and precoders {@code V [B, K, N_t, d]}:
 *
 * <pre>
 *   F_ij = H_ij V_j                                               [B, K, K, N_r, d]   (all pairs)
 *   B_i  = F_ii                                                   [B, K, N_r, d]      (direct signal)
 *   N_i  = sum_{j != i} F_ij F_ij^H + (sigma_i^2 + eps) I         [B, K, N_r, N_r]    (interference plus noise)
 * </pre>
 *
 * with {@code eps >= 0} an optional diagonal loading (0 for rates). The interference is summed over the other users
 * directly, never as "total minus own", which cancels when one link dominates. Built once per problem: the channels
 * are rearranged to {@code links [B, K(i), K(j), N_r, N_t]} and {@code links^H [B, K(i), K(j), N_t, N_r]}.
 *
 * <p>Written for the general layout: user j's precoder is sent by transmitter {@code owner[j]} (the identity for the
 * interference channel), so a multicell problem only needs another factory.
 */
public final class MimoSignals {
  private final MimoProblem problem;
  private final Tensor links;
  private Tensor linksH;
  private final int[] diagonal;
  private final double[] noise;

  private MimoSignals(MimoProblem problem, Tensor links, double[] noise) {
    this.problem = problem;
    this.links = links;
    this.noise = noise;
    int k = links.size(1);
    diagonal = new int[k];
    for (int i = 0; i < k; i++) diagonal[i] = i * k + i;
  }

  /** Returns the signal state of an interference problem (user i is served by transmitter i). */
  public static MimoSignals of(MimoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("MimoSignals.of: problem must not be null");
    return new MimoSignals(problem, problem.channels().permute(0, 1, 3, 2, 4), problem.noise());
  }

  /** Returns the problem. */
  public MimoProblem problem() {
    return problem;
  }

  /** Returns the batch size B. */
  public int batch() {
    return links.size(0);
  }

  /** Returns the number of users K. */
  public int users() {
    return links.size(1);
  }

  /** Returns N_r. */
  public int rxAntennas() {
    return links.size(3);
  }

  /** Returns N_t. */
  public int txAntennas() {
    return links.size(4);
  }

  /** Returns the noise variance of each receiver, {@code [K]}. */
  public double[] noise() {
    return noise.clone();
  }

  /** Returns {@code links [B, K(i), K(j), N_r, N_t]}: entry (i, j) is the channel from user j's transmitter to i. */
  public Tensor links() {
    return links;
  }

  /** Returns {@code links^H [B, K(i), K(j), N_t, N_r]} (computed on first use). */
  public Tensor linksH() {
    if (linksH == null) linksH = links.mH();
    return linksH;
  }

  /** Returns the entries {@code x[b, i, i, ...]} of a pairwise tensor {@code [B, K, K, ...]}: {@code [B, K, ...]}. */
  public Tensor diagonal(Tensor pairwise) {
    int b = pairwise.size(0), k = pairwise.size(1);
    int[] s = pairwise.shape();
    int[] flat = new int[s.length - 1];
    flat[0] = b;
    flat[1] = k * k;
    System.arraycopy(s, 3, flat, 2, s.length - 3);
    return pairwise.reshape(flat).gather(1, diagonal);
  }

  /**
   * Returns the direct signals and the interference-plus-noise covariances at precoders {@code v [B, K, N_t, d]},
   * with {@code loading >= 0} added to every noise variance.
   */
  public Received receive(Tensor v, double loading) {
    checkPrecoders("MimoSignals.receive", v);
    if (!(loading >= 0) || !Double.isFinite(loading)) {
      throw new IllegalArgumentException("MimoSignals.receive: loading must be >= 0 and finite, got " + loading);
    }
    int b = batch(), k = users(), nr = rxAntennas(), d = v.size(3);
    Tensor f = links.matmul(v.unsqueeze(1));                                   // [B, i, j, N_r, d]
    Tensor direct = diagonal(f);                                               // [B, K, N_r, d]
    Tensor rows = f.permute(0, 1, 3, 2, 4).reshape(b, k, nr, k * d);           // [B, i, N_r, (j, d)]
    Tensor others = rows.mul(othersMask(k, d));
    Tensor cov = others.matmul(others.mH()).add(noiseDiagonal(loading));        // [B, K, N_r, N_r]
    return new Received(direct, cov);
  }

  /**
   * Direct signals {@code B_i = H_ii V_i [B, K, N_r, d]} and interference-plus-noise covariances
   * {@code N_i [B, K, N_r, N_r]} (Hermitian positive definite when the noise plus loading is positive).
   */
  public record Received(Tensor direct, Tensor interference) {
    /**
     * Returns {@code N_i^{-1} B_i} and {@code W_i = I + B_i^H N_i^{-1} B_i} (Hermitian, {@code [B, K, d, d]}): the
     * inverse MSE matrix of the MMSE receiver, whose log-det is the rate in nats.
     */
    public Tensor[] whitened() {
      Tensor x = interference.solveHpd(direct);
      int d = direct.size(-1);
      Tensor w = direct.mH().matmul(x).add(Tensor.eye(d)).hermitianPart();
      return new Tensor[] {x, w};
    }
  }

  /** Checks precoders {@code [B, K, N_t, d]} against the problem, naming {@code op}. */
  public void checkPrecoders(String op, Tensor v) {
    if (v == null) throw new IllegalArgumentException(op + ": precoders must not be null");
    if (!v.isComplex()) {
      throw new IllegalArgumentException(op + ": precoders must be complex [B, K, N_t, d], got a real tensor "
          + Shape.str(v.shape()));
    }
    int[] want = {batch(), users(), txAntennas(), problem.streams()};
    if (!Arrays.equals(v.shape(), want)) {
      throw new IllegalArgumentException(op + ": precoders must be " + Shape.str(want) + " (B, K, N_t, d) to match "
          + problem + ", got " + Shape.str(v.shape()));
    }
  }

  /** Returns {@code [K, 1, K d]}: 0 on user i's own column block in row i, 1 elsewhere. */
  private static Tensor othersMask(int k, int d) {
    double[] m = new double[k * k * d];
    Arrays.fill(m, 1);
    for (int i = 0; i < k; i++) Arrays.fill(m, (i * k + i) * d, (i * k + i + 1) * d, 0);
    return Tensor.of(m, k, 1, k * d);
  }

  /** Returns {@code (sigma_i^2 + loading) I [K, N_r, N_r]}. */
  private Tensor noiseDiagonal(double loading) {
    int k = users(), nr = rxAntennas();
    double[] m = new double[k * nr * nr];
    for (int i = 0; i < k; i++) for (int r = 0; r < nr; r++) m[(i * nr + r) * nr + r] = noise[i] + loading;
    return Tensor.of(m, k, nr, nr);
  }
}
