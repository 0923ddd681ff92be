package rrm.utility;

import java.util.Arrays;
import rrm.system.MimoProblem;
import rrm.system.Problem;
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
 * directly, never as "total minus own", which cancels when one link dominates.
 *
 * <p>Written for the general layout: user j's precoder is sent by transmitter {@code owner[j]} (the identity for the
 * interference channel), so a multicell problem only needs another factory.
 */
public final class MimoSignals {
  private final Problem problem;
  private final Tensor channels;
  private final int[] owner;
  private final double[] noise;
  private final double[] budgets;
  private final Tensor weights;
  private final int streams;

  private MimoSignals(Problem problem, Tensor channels, int[] owner, double[] noise, double[] budgets, Tensor weights,
      int streams) {
    this.problem = problem;
    this.channels = channels;
    this.owner = owner;
    this.noise = noise;
    this.budgets = budgets;
    this.weights = weights;
    this.streams = streams;
  }

  /** Returns the signal state of an interference problem (user i is served by transmitter i). */
  public static MimoSignals of(MimoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("MimoSignals.of: problem must not be null");
    int[] owner = new int[problem.users()];
    for (int i = 0; i < owner.length; i++) owner[i] = i;
    return new MimoSignals(problem, problem.channels(), owner, problem.noise(), problem.budgets(), problem.weights(),
        problem.streams());
  }

  /** Returns the problem. */
  public Problem problem() {
    return problem;
  }

  /** Returns the power budget of each transmitter, {@code [C]}. */
  public double[] budgets() {
    return budgets.clone();
  }

  /** Returns the rate weights {@code [B, K]}, or null when the problem has none. */
  public Tensor weights() {
    return weights;
  }

  /** Returns d, the streams of each user. */
  public int streams() {
    return streams;
  }

  /** Returns the channels {@code [B, K, N_r, C, N_t]} ({@code C = K} transmitters for the interference channel). */
  public Tensor channels() {
    return channels;
  }

  /** Returns the transmitter of each user, {@code [K]}. */
  public int[] owner() {
    return owner.clone();
  }

  /** Returns the batch size B. */
  public int batch() {
    return channels.size(0);
  }

  /** Returns the number of users K. */
  public int users() {
    return channels.size(1);
  }

  /** Returns N_r. */
  public int rxAntennas() {
    return channels.size(2);
  }

  /** Returns N_t. */
  public int txAntennas() {
    return channels.size(4);
  }

  /** Returns the noise variance of each receiver, {@code [K]}. */
  public double[] noise() {
    return noise.clone();
  }

  /**
   * Returns the direct signals and the interference-plus-noise covariances at precoders {@code v [B, K, N_t, d]},
   * with {@code loading >= 0} added to every noise variance (one fused kernel; see {@link ReceiveKernel}).
   */
  public Received receive(Tensor v, double loading) {
    checkPrecoders("MimoSignals.receive", v);
    if (!(loading >= 0) || !Double.isFinite(loading)) {
      throw new IllegalArgumentException("MimoSignals.receive: loading must be >= 0 and finite, got " + loading);
    }
    double[] diag = new double[noise.length];
    for (int i = 0; i < diag.length; i++) diag[i] = noise[i] + loading;
    Tensor[] out = ReceiveKernel.apply(channels, v, owner, diag);
    return new Received(out[0], out[1]);
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
    int[] want = {batch(), users(), txAntennas(), streams};
    if (!Arrays.equals(v.shape(), want)) {
      throw new IllegalArgumentException(op + ": precoders must be " + Shape.str(want) + " (B, K, N_t, d) to match "
          + problem + ", got " + Shape.str(v.shape()));
    }
  }
}
