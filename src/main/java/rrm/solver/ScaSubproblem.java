package rrm.solver;

import rrm.utility.FiniteBlocklength;

/**
 * The convex SCA subproblem of HeBF for fixed unit beams (USRMNet paper eq. 10 with the successive convex
 * approximation of He et al. 2021, Alg. 1): variables {@code z = [q; phi_lo; phi_up; psi; theta; a; b]} with
 * {@code a_kl ~ phi_lo_k q_l} and {@code b_kl ~ phi_up_k q_l} for l != k (n = 5K + 2K(K-1)), and
 *
 * <pre>
 *   maximise  sum_k alpha_k (ln(1 + phi_lo_k) - theta_sc theta_k)
 *   s.t.  phi_lo_k >= nu_3,  phi_up_k <= gt_k = P ||hb_k||^2,  V(nu_3) <= psi_k <= V(gt_k),  sum_k q_k <= P,
 *         sum_{l != k} a_kl G_lk - q_k G_kk + phi_lo_k <= 0                     (10h: phi_lo_k <= uplink SINR)
 *         q_k G_kk - sum_{l != k} b_kl G_lk - phi_up_k <= 0                     (10i: uplink SINR <= phi_up_k)
 *         (1 - pb_k)^2 (1 + phi_up_k)^2 - (1 - 2 pb_k) - psi_k <= 0              (10j: V(phi_up) <= psi, tangent at pb)
 *         sqrt(pb_k) / 2 + psi_k / (2 sqrt(pb_k)) - theta_k <= 0          (10k: sqrt(psi) <= theta, tangent at pb)
 *         McCormick envelopes of a_kl and b_kl on phi in [nu_3, gt_k], q_l in [qt_l, P]
 * </pre>
 *
 * where {@code G_lk = |hb_l^H w_k|^2}, qt are the least uplink powers reaching nu_3 with these beams and pb is the
 * linearisation point of psi. The rows (10j) and (10k) are inner approximations (the tangent of the convex
 * {@code 1/(1 - psi)} and of the concave {@code sqrt(psi)}), the envelopes an outer one, so the true SINR is recomputed
 * after the solve. The blocks {@code a_k.} and {@code b_k.} are eliminated in the Newton steps (each touches only
 * phi_k and q).
 */
public final class ScaSubproblem {
  private ScaSubproblem() {}

  /** Returns n = 5K + 2K(K-1). */
  public static int variables(int k) {
    return 5 * k + 2 * k * (k - 1);
  }

  /** Index of q_k. */
  public static int q(int k, int user) {
    return user;
  }

  /** Index of phi_lo_k (the SINR lower epigraph variable inside the log). */
  public static int phiLo(int k, int user) {
    return k + user;
  }

  /** Index of phi_up_k (the SINR upper epigraph variable). */
  public static int phiUp(int k, int user) {
    return 2 * k + user;
  }

  /** Index of psi_k. */
  public static int psi(int k, int user) {
    return 3 * k + user;
  }

  /** Index of theta_k. */
  public static int theta(int k, int user) {
    return 4 * k + user;
  }

  /**
   * Builds the subproblem.
   *
   * @param k users K
   * @param g gains {@code G [K*K]}, {@code G_lk = |hb_l^H w_k|^2}
   * @param alpha rate weights {@code [K]}
   * @param gainCap {@code gt_k = P ||hb_k||^2} {@code [K]}
   * @param qMin least uplink powers qt {@code [K]} for the current beams
   * @param psiBar linearisation point pb {@code [K]}, in (0, 1)
   * @param pMax power budget P
   * @param nu3 QoS SINR threshold
   * @param thetaSc {@code Q^{-1}(eps) / sqrt(n)}
   */
  public static ConvexProgram build(int k, double[] g, double[] alpha, double[] gainCap, double[] qMin,
      double[] psiBar, double pMax, double nu3, double thetaSc) {
    ConvexProgram.Builder b = ConvexProgram.builder(variables(k));
    int off = 5 * k, km = k - 1;
    double vNu = FiniteBlocklength.dispersion(nu3);
    for (int u = 0; u < k; u++) {
      b.logReward(phiLo(k, u), alpha[u]).linearCost(theta(k, u), alpha[u] * thetaSc);
      b.bounds(phiLo(k, u), nu3, Double.POSITIVE_INFINITY);
      b.bounds(phiUp(k, u), Double.NEGATIVE_INFINITY, gainCap[u]);
      b.bounds(psi(k, u), vNu, FiniteBlocklength.dispersion(gainCap[u]));
    }
    int[] all = new int[k];
    double[] ones = new double[k];
    for (int u = 0; u < k; u++) {
      all[u] = q(k, u);
      ones[u] = 1;
    }
    b.lessEq(all, ones, pMax);
    for (int u = 0; u < k; u++) {
      // (10h) and (10i): rows over q_u, phi_u and the user's block of bilinear variables
      int[] ih = new int[k + 1], ii = new int[k + 1];
      double[] ah = new double[k + 1], ai = new double[k + 1];
      int c = 0;
      for (int l = 0; l < k; l++) {
        if (l == u) continue;
        ih[c] = off + u * km + c;
        ah[c] = g[l * k + u];
        ii[c] = off + k * km + u * km + c;
        ai[c] = -g[l * k + u];
        c++;
      }
      ih[km] = q(k, u);
      ah[km] = -g[u * k + u];
      ih[k] = phiLo(k, u);
      ah[k] = 1;
      ii[km] = q(k, u);
      ai[km] = g[u * k + u];
      ii[k] = phiUp(k, u);
      ai[k] = -1;
      b.lessEq(ih, ah, 0);
      b.lessEq(ii, ai, 0);
      // (10j) tangent of 1/(1 - psi) at pb, times (1 - pb)^2
      double cc = (1 - psiBar[u]) * (1 - psiBar[u]);
      b.lessEq(new int[] {phiUp(k, u), psi(k, u)}, new double[] {2 * cc, -1}, new double[] {2 * cc, 0},
          (1 - 2 * psiBar[u]) - cc);
      // (10k) tangent of sqrt(psi) at pb
      double sq = Math.sqrt(psiBar[u]);
      b.lessEq(new int[] {psi(k, u), theta(k, u)}, new double[] {1 / (2 * sq), -1}, -0.5 * sq);
      // McCormick envelopes, a for phi_lo and b for phi_up
      c = 0;
      for (int l = 0; l < k; l++) {
        if (l == u) continue;
        mccormick(b, off + u * km + c, phiLo(k, u), q(k, l), nu3, gainCap[u], qMin[l], pMax);
        mccormick(b, off + k * km + u * km + c, phiUp(k, u), q(k, l), nu3, gainCap[u], qMin[l], pMax);
        c++;
      }
    }
    for (int u = 0; u < k && km > 0; u++) {
      b.eliminate(off + u * km, off + (u + 1) * km);
      b.eliminate(off + k * km + u * km, off + k * km + (u + 1) * km);
    }
    return b.build();
  }

  /**
   * Returns a strictly feasible point of {@link #build}'s program when one is easy to construct, else a nearby point
   * (then the solver's Phase I finishes the job): uplink powers {@code c qt} with c slightly above 1 (all SINRs then
   * exceed nu_3 with the fixed beams, as the noise term does not scale), {@code phi_lo} halfway between nu_3 and that
   * SINR, {@code phi_up} just above it, the bilinear variables at their products (strictly inside the envelopes),
   * psi halfway between its lower bounds and {@code V(gt)}, and theta just above its tangent bound.
   */
  public static double[] start(int k, double[] g, double[] gainCap, double[] qMin, double[] psiBar, double pMax,
      double nu3) {
    double[] z = new double[variables(k)];
    double sum = 0;
    for (double v : qMin) sum += v;
    double c = sum < pMax ? Math.min(1 + 0.5 * (pMax / sum - 1), 1.01) : 1;
    int off = 5 * k, km = k - 1;
    double vNu = FiniteBlocklength.dispersion(nu3);
    for (int u = 0; u < k; u++) z[q(k, u)] = c * qMin[u];
    for (int u = 0; u < k; u++) {
      double interference = 1;
      for (int l = 0; l < k; l++) if (l != u) interference += z[q(k, l)] * g[l * k + u];
      double sinr = z[q(k, u)] * g[u * k + u] / interference;
      double lo = 0.5 * (nu3 + sinr);
      double up = Math.min(sinr + 0.1 * (sinr - nu3), 0.5 * (sinr + gainCap[u]));
      z[phiLo(k, u)] = lo;
      z[phiUp(k, u)] = up;
      double cc = (1 - psiBar[u]) * (1 - psiBar[u]);
      double psiLo = Math.max(vNu, cc * (1 + up) * (1 + up) - 1 + 2 * psiBar[u]);
      double psiHi = FiniteBlocklength.dispersion(gainCap[u]);
      double ps = 0.5 * (psiLo + psiHi);
      z[psi(k, u)] = ps;
      double sq = Math.sqrt(psiBar[u]);
      z[theta(k, u)] = 0.5 * sq + ps / (2 * sq) + 1e-3;
      int cnt = 0;
      for (int l = 0; l < k; l++) {
        if (l == u) continue;
        z[off + u * km + cnt] = lo * z[q(k, l)];
        z[off + k * km + u * km + cnt] = up * z[q(k, l)];
        cnt++;
      }
    }
    return z;
  }

  /** Adds the four envelope rows of {@code w ~ x y} with {@code x in [xl, xu]}, {@code y in [yl, yu]}. */
  private static void mccormick(ConvexProgram.Builder b, int w, int x, int y, double xl, double xu, double yl,
      double yu) {
    int[] idx = {w, x, y};
    b.lessEq(idx, new double[] {-1, yl, xl}, xl * yl);
    b.lessEq(idx, new double[] {-1, yu, xu}, xu * yu);
    b.lessEq(idx, new double[] {1, -yl, -xu}, -xu * yl);
    b.lessEq(idx, new double[] {1, -yu, -xl}, -xl * yu);
  }
}
