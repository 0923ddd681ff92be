package rrm.utility;

/**
 * SINRs of given beams and the uplink-downlink duality of the URLLC downlink (USRMNet paper eqs. 7-8, after He et
 * al. 2021, Lemma 1), on one instance's gain matrix {@code G [K*K]} with {@code G_lk = |hb_l^H w_k|^2} (row = user
 * channel l, column = beam k, unit-norm beams, normalised channels {@code hb_k = h_k / sigma_k}):
 *
 * <pre>
 *   uplink   gamma_k = q_k G_kk / (sum_{l != k} q_l G_lk + 1)      (interference: a column sum)
 *   downlink gamma_k = p_k G_kk / (sum_{l != k} p_l G_kl + 1)      (interference: a row sum)
 * </pre>
 *
 * Given target SINRs, {@link #powersForSinr} solves the linear system that meets them with equality, e.g. the
 * downlink powers {@code (diag(G_kk / gamma_k) - G_off) p = 1} that reach the uplink SINRs of (q, W): then
 * {@code sum p = sum q}.
 */
public final class Duality {
  private Duality() {}

  /** Fills {@code out [K]} with the uplink SINRs of powers {@code q} through beams with gains {@code g}. */
  public static void uplinkSinr(int k, double[] g, double[] q, double[] out) {
    for (int u = 0; u < k; u++) {
      double i = 1;
      for (int l = 0; l < k; l++) if (l != u) i += q[l] * g[l * k + u];
      out[u] = q[u] * g[u * k + u] / i;
    }
  }

  /** Fills {@code out [K]} with the downlink SINRs of powers {@code p} through beams with gains {@code g}. */
  public static void downlinkSinr(int k, double[] g, double[] p, double[] out) {
    for (int u = 0; u < k; u++) {
      double i = 1;
      for (int l = 0; l < k; l++) if (l != u) i += p[l] * g[u * k + l];
      out[u] = p[u] * g[u * k + u] / i;
    }
  }

  /**
   * Returns the powers {@code [K]} that give exactly the SINRs {@code gamma} through beams with gains {@code g}
   * (downlink when {@code downlink}, else uplink), or null when no non-negative solution exists (the targets are not
   * reachable with these beams at any power).
   */
  public static double[] powersForSinr(int k, double[] g, double[] gamma, boolean downlink) {
    double[] a = new double[k * k];
    for (int r = 0; r < k; r++) {
      if (!(gamma[r] > 0)) return new double[k];
      for (int c = 0; c < k; c++) {
        a[r * k + c] = r == c ? g[r * k + r] / gamma[r] : -(downlink ? g[r * k + c] : g[c * k + r]);
      }
    }
    double[] p = new double[k];
    java.util.Arrays.fill(p, 1);
    if (!solve(k, a, p)) return null;
    for (double v : p) if (!(v > 0) || !Double.isFinite(v)) return null;
    return p;
  }

  /** Solves {@code a x = b} in place (b becomes x) by Gaussian elimination with partial pivoting; false if singular. */
  static boolean solve(int n, double[] a, double[] b) {
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) piv = r;
      if (a[piv * n + c] == 0) return false;
      if (piv != c) {
        for (int j = 0; j < n; j++) {
          double t = a[c * n + j];
          a[c * n + j] = a[piv * n + j];
          a[piv * n + j] = t;
        }
        double t = b[c];
        b[c] = b[piv];
        b[piv] = t;
      }
      for (int r = c + 1; r < n; r++) {
        double f = a[r * n + c] / a[c * n + c];
        if (f == 0) continue;
        for (int j = c; j < n; j++) a[r * n + j] -= f * a[c * n + j];
        b[r] -= f * b[c];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int j = r + 1; j < n; j++) s -= a[r * n + j] * b[j];
      b[r] = s / a[r * n + r];
    }
    return true;
  }
}
