package rrm.solver;

import rrm.system.Beamformers;
import rrm.system.UrllcProblem;
import rrm.tensor.Tensor;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

/**
 * What a URLLC beamforming method found for each instance of a {@link UrllcProblem}: the uplink powers q of the dual
 * problem (USRMNet paper eq. 7), their MMSE SINRs (eq. 9), the downlink beamformers that reach the same SINRs with the
 * same total power, the weighted sum-rate {@code sum_k alpha_k R(gamma_k)} in nats, and a QoS flag per instance:
 * true when every {@code gamma_k >= nu_3 (1 - 1e-6)} and {@code sum q <= P (1 + 1e-9)}. An instance whose QoS targets
 * cannot be met keeps a finite rate (the method's best allocation) and is flagged, never given a NaN.
 */
public final class UrllcSolution {
  /** Relative slack of the QoS check {@code gamma_k >= nu_3 (1 - QOS_TOLERANCE)}. */
  public static final double QOS_TOLERANCE = 1e-6;
  private final int batch;
  private final int users;
  private final int antennas;
  private final double[] q;
  private final double[] sinr;
  private final double[] wsr;
  private final boolean[] feasible;
  private final int[] iterations;
  private final double[] beamRe;
  private final double[] beamIm;

  UrllcSolution(UrllcProblem p) {
    batch = p.batch();
    users = p.users();
    antennas = p.txAntennas();
    q = new double[batch * users];
    sinr = new double[batch * users];
    wsr = new double[batch];
    feasible = new boolean[batch];
    iterations = new int[batch];
    beamRe = new double[batch * users * antennas];
    beamIm = new double[batch * users * antennas];
  }

  /**
   * Records instance b: uplink powers {@code qb} through MMSE receivers {@code r}, the method's iteration count, and
   * {@code qosReachable} (false when the method already knows the targets are out of reach).
   */
  void set(UrllcProblem p, int b, MmseReceiver r, double[] qb, int iters, boolean qosReachable) {
    int k = users, nt = antennas;
    double[] wr = new double[k * nt], wi = new double[k * nt], s = new double[k];
    UrllcRates.downlink(r, qb, wr, wi); // leaves r at qb
    r.sinr(s);
    double nu3 = UrllcRates.qosThreshold(p), theta = UrllcRates.theta(p);
    double[] alpha = UrllcRates.weights(p).data();
    double total = 0, rate = 0;
    boolean ok = qosReachable;
    for (int u = 0; u < k; u++) {
      total += qb[u];
      rate += alpha[b * k + u] * FiniteBlocklength.rate(s[u], theta);
      ok &= s[u] >= nu3 * (1 - QOS_TOLERANCE);
    }
    ok &= total <= p.pMax() * (1 + 1e-9);
    System.arraycopy(qb, 0, q, b * k, k);
    System.arraycopy(s, 0, sinr, b * k, k);
    System.arraycopy(wr, 0, beamRe, b * k * nt, k * nt);
    System.arraycopy(wi, 0, beamIm, b * k * nt, k * nt);
    wsr[b] = rate;
    feasible[b] = ok;
    iterations[b] = iters;
  }

  /**
   * Returns the solution of uplink powers {@code q [B, K]} (each >= 0) with MMSE receivers, for a method outside this
   * package (a learned model); {@code reachable} (null: all) flags instances whose targets the method knows are out
   * of reach, {@code iterations} (null: 0) is what the method counts.
   */
  public static UrllcSolution ofUplink(UrllcProblem p, Tensor q, boolean[] reachable, int[] iterations) {
    if (p == null || q == null) throw new IllegalArgumentException("UrllcSolution.ofUplink: problem and powers must "
        + "not be null");
    int k = p.users();
    if (q.dim() != 2 || q.size(0) != p.batch() || q.size(1) != k) {
      throw new IllegalArgumentException("UrllcSolution.ofUplink: powers must be [" + p.batch() + ", " + k + "], got "
          + java.util.Arrays.toString(q.shape()));
    }
    UrllcSolution out = new UrllcSolution(p);
    double[] qs = q.data();
    rrm.tensor.Parallel.forRange(p.batch(), 1, (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        double[] qb = java.util.Arrays.copyOfRange(qs, b * k, (b + 1) * k);
        out.set(p, b, MmseReceiver.of(p, b), qb, iterations == null ? 0 : iterations[b],
            reachable == null || reachable[b]);
      }
    });
    return out;
  }

  /** Returns the number of instances. */
  public int batch() {
    return batch;
  }

  /** Returns the uplink powers {@code [B, K]}. */
  public Tensor uplinkPowers() {
    return Tensor.of(q.clone(), batch, users);
  }

  /** Returns the SINRs {@code [B, K]} (uplink MMSE, equal to the downlink SINRs of {@link #beamformers()}). */
  public Tensor sinr() {
    return Tensor.of(sinr.clone(), batch, users);
  }

  /** Returns the weighted sum-rate of each instance {@code [B]}, nats per channel use. */
  public Tensor weightedSumRate() {
    return Tensor.of(wsr.clone(), batch);
  }

  /** Returns the QoS flag of each instance. */
  public boolean[] qosFeasible() {
    return feasible.clone();
  }

  /** Returns the iteration count of each instance (the method says what it counts). */
  public int[] iterations() {
    return iterations.clone();
  }

  /** Returns the downlink beamformers {@code [B, K, N_t, 1]}. */
  public Beamformers beamformers() {
    return Beamformers.of(Tensor.complex(beamRe.clone(), beamIm.clone(), batch, users, antennas, 1));
  }

  /** Returns the share of instances flagged QoS-feasible. */
  public double feasibleFraction() {
    int n = 0;
    for (boolean f : feasible) if (f) n++;
    return (double) n / batch;
  }

  /** Returns the mean weighted sum-rate over all instances. */
  public double meanRate() {
    double s = 0;
    for (double v : wsr) s += v;
    return s / batch;
  }

  /** Returns the mean weighted sum-rate over the QoS-feasible instances (NaN when there are none). */
  public double meanFeasibleRate() {
    double s = 0;
    int n = 0;
    for (int b = 0; b < batch; b++) {
      if (feasible[b]) {
        s += wsr[b];
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
