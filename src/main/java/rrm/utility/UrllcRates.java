package rrm.utility;

import rrm.system.Beamformers;
import rrm.system.UrllcProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Finite-blocklength rates of the URLLC downlink evaluated on (problem, allocation) (USRMNet paper §III-A): the
 * downlink SINR of beamformers {@code V [B, K, N_t, 1]},
 * {@code gamma_k = |h_k^H v_k|^2 / (sum_{l != k} |h_k^H v_l|^2 + sigma_k^2)}, the rate {@link FiniteBlocklength#rate}
 * of it in nats per channel use, and the weighted sum {@code sum_k alpha_k R(gamma_k)} with the problem's weights
 * ({@code 1/K} when it has none, the average per-user rate that the paper reports). Also the uplink dual with MMSE
 * receivers (eq. 9) as a function of the uplink powers alone, and its downlink recovery.
 */
public final class UrllcRates {
  private UrllcRates() {}

  /** Returns {@code theta = Q^{-1}(eps) / sqrt(n)} of the problem. */
  public static double theta(UrllcProblem p) {
    return FiniteBlocklength.theta(p.blocklength(), p.errorProbability());
  }

  /** Returns the QoS SINR threshold nu_3 of the problem ({@link FiniteBlocklength#qosThreshold}). */
  public static double qosThreshold(UrllcProblem p) {
    return FiniteBlocklength.qosThreshold(p.packetBits(), p.blocklength(), p.errorProbability());
  }

  /** Returns the downlink SINRs {@code [B, K]} of beamformers {@code V [B, K, N_t, 1]} (differentiable in V). */
  public static Tensor downlinkSinr(UrllcProblem p, Beamformers v) {
    check("UrllcRates.downlinkSinr", p, v);
    int b = p.batch(), k = p.users(), nt = p.txAntennas();
    Tensor h = p.channels().reshape(b, k, nt);
    Tensor w = v.tensor().reshape(b, k, nt).transpose(1, 2);
    Tensor g = h.matmul(w).abs2(); // [B, K(user), K(beam)]
    Tensor eye = Tensor.eye(k);
    Tensor signal = g.mul(eye).sum(-1);
    Tensor interference = g.mul(eye.rsub(1)).sum(-1);
    return signal.div(interference.add(Tensor.of(p.noise(), k)));
  }

  /** Returns the per-user rates {@code R(gamma_k)} {@code [B, K]} in nats per channel use (differentiable). */
  public static Tensor rates(UrllcProblem p, Beamformers v) {
    return FiniteBlocklength.rate(downlinkSinr(p, v), theta(p));
  }

  /** Returns the weighted sum-rate {@code [B]} in nats per channel use (differentiable). */
  public static Tensor weightedSumRate(UrllcProblem p, Beamformers v) {
    return rates(p, v).mul(weights(p)).sum(-1);
  }

  /** Returns, per instance, whether every user's downlink SINR reaches nu_3 (1 - {@code relTol}). */
  public static boolean[] qosFeasible(UrllcProblem p, Beamformers v, double relTol) {
    double nu3 = qosThreshold(p) * (1 - relTol);
    double[] s;
    try (var off = Autograd.noGrad()) {
      s = downlinkSinr(p, v).data();
    }
    int k = p.users();
    boolean[] ok = new boolean[p.batch()];
    for (int b = 0; b < ok.length; b++) {
      ok[b] = true;
      for (int u = 0; u < k; u++) ok[b] &= s[b * k + u] >= nu3;
    }
    return ok;
  }

  /** Returns the rate weights {@code [B, K]}: the problem's, or {@code 1/K} everywhere. */
  public static Tensor weights(UrllcProblem p) {
    return p.weights() != null ? p.weights() : Tensor.full(1.0 / p.users(), p.batch(), p.users());
  }

  /** Returns the uplink MMSE SINRs {@code [B, K]} of uplink powers {@code q [B, K]} (eq. 9; no gradient). */
  public static Tensor mmseSinr(UrllcProblem p, Tensor q) {
    checkPowers("UrllcRates.mmseSinr", p, q);
    int k = p.users();
    double[] qs = q.data(), out = new double[p.batch() * k];
    Parallel.forRange(p.batch(), Parallel.grain(8L * k * k * (k + p.txAntennas())), (lo, hi) -> {
      double[] qb = new double[k], s = new double[k];
      for (int b = lo; b < hi; b++) {
        MmseReceiver r = MmseReceiver.of(p, b);
        System.arraycopy(qs, b * k, qb, 0, k);
        r.update(qb);
        r.sinr(s);
        System.arraycopy(s, 0, out, b * k, k);
      }
    });
    return Tensor.of(out, p.batch(), k);
  }

  /**
   * Returns the downlink beamformers {@code V [B, K, N_t, 1]} that reach the uplink MMSE SINRs of powers
   * {@code q [B, K]}: the unit MMSE beams {@code w_k}, scaled by the square roots of the downlink powers
   * {@code (diag(G_kk / gamma_k) - G_off)^{-1} 1} (so the total power equals {@code sum q}). Users with zero uplink
   * power get a zero beam. No gradient.
   */
  public static Beamformers downlinkFromUplink(UrllcProblem p, Tensor q) {
    checkPowers("UrllcRates.downlinkFromUplink", p, q);
    int k = p.users(), nt = p.txAntennas();
    double[] qs = q.data(), re = new double[p.batch() * k * nt], im = new double[re.length];
    Parallel.forRange(p.batch(), Parallel.grain(8L * k * k * (k + nt)), (lo, hi) -> {
      double[] qb = new double[k];
      double[] wr = new double[k * nt], wi = new double[k * nt];
      for (int b = lo; b < hi; b++) {
        System.arraycopy(qs, b * k, qb, 0, k);
        MmseReceiver r = MmseReceiver.of(p, b);
        downlink(r, qb, wr, wi);
        System.arraycopy(wr, 0, re, b * k * nt, k * nt);
        System.arraycopy(wi, 0, im, b * k * nt, k * nt);
      }
    });
    return Beamformers.of(Tensor.complex(re, im, p.batch(), k, nt, 1));
  }

  /**
   * Fills {@code wr, wi [K*N_t]} with the downlink beamformers {@code sqrt(p_k) w_k} that reach the uplink MMSE SINRs
   * of {@code q} on receiver {@code r} (one instance); see {@link #downlinkFromUplink}.
   */
  public static void downlink(MmseReceiver r, double[] q, double[] wr, double[] wi) {
    int k = r.users(), nt = r.antennas();
    r.update(q);
    double[] g = new double[k * k], s = new double[k];
    r.gains(g);
    r.sinr(s);
    r.beams(wr, wi);
    // users with q_k = 0 have gamma_k = 0: solve for the others only
    int[] on = new int[k];
    int n = 0;
    for (int u = 0; u < k; u++) if (s[u] > 0) on[n++] = u;
    double[] gs = new double[n * n], ss = new double[n];
    for (int i = 0; i < n; i++) {
      ss[i] = s[on[i]];
      for (int j = 0; j < n; j++) gs[i * n + j] = g[on[i] * k + on[j]];
    }
    double[] pw = n == 0 ? new double[0] : Duality.powersForSinr(n, gs, ss, true);
    double[] pk = new double[k];
    if (pw != null) for (int i = 0; i < n; i++) pk[on[i]] = pw[i];
    for (int u = 0; u < k; u++) {
      double a = Math.sqrt(pk[u]);
      for (int x = 0; x < nt; x++) {
        wr[u * nt + x] *= a;
        wi[u * nt + x] *= a;
      }
    }
  }

  private static void check(String op, UrllcProblem p, Beamformers v) {
    if (p == null || v == null) throw new IllegalArgumentException(op + ": problem and beamformers must not be null");
    int[] want = {p.batch(), p.users(), p.txAntennas(), 1};
    if (!java.util.Arrays.equals(v.tensor().shape(), want)) {
      throw new IllegalArgumentException(op + ": beamformers must be " + Shape.str(want) + " for " + p + ", got "
          + Shape.str(v.tensor().shape()));
    }
  }

  private static void checkPowers(String op, UrllcProblem p, Tensor q) {
    if (p == null || q == null) throw new IllegalArgumentException(op + ": problem and powers must not be null");
    if (q.isComplex() || q.dim() != 2 || q.size(0) != p.batch() || q.size(1) != p.users()) {
      throw new IllegalArgumentException(op + ": uplink powers must be real [" + p.batch() + ", " + p.users()
          + "], got " + (q.isComplex() ? "complex " : "") + Shape.str(q.shape()));
    }
    Shape.finite(op, "uplink powers", q);
    for (double x : q.data()) {
      if (x < 0) throw new IllegalArgumentException(op + ": uplink powers must be >= 0, got " + x);
    }
  }
}
