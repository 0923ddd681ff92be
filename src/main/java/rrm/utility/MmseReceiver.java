package rrm.utility;

import rrm.system.UrllcProblem;

/**
 * MMSE receive beams of the uplink dual of one URLLC downlink instance (USRMNet paper eqs. 8-9), computed in the
 * K-dimensional span of the users' channels. With normalised channels {@code hb_k = h_k / sigma_k}, uplink powers q
 * and {@code S = I + sum_j q_j hb_j hb_j^H}, the MMSE beam of user k is {@code w_k ∝ S^{-1} hb_k} and its SINR has the
 * closed form (Sherman-Morrison)
 *
 * <pre>
 *   gamma_k = q_k t_k / (1 - q_k t_k),   t_k = hb_k^H S^{-1} hb_k.
 * </pre>
 *
 * By the push-through identity {@code S^{-1} Hb = Hb (I + Q A)^{-1}} with the Gram matrix
 * {@code A_lk = hb_l^H hb_k}, everything follows from {@code C = (I + Q A)^{-1}} and {@code M = A C = Hb^H S^{-1} Hb}:
 * {@code t_k = M_kk}, {@code 1 - q_k t_k = C_kk} (so no cancellation), the beam is {@code w_k = Hb c_k / ||Hb c_k||}
 * with {@code ||Hb c_k||^2 = c_k^H M_{:,k}}, and the gains {@code G_lk = |hb_l^H w_k|^2 = |M_lk|^2 / ||Hb c_k||^2}.
 * One update costs O(K^3) after the O(K^2 N_t) Gram matrix, whatever N_t.
 *
 * <p>An instance holds workspace: use one per thread.
 */
public final class MmseReceiver {
  private final int k;
  private final int nt;
  private final double[] hre;
  private final double[] him;
  private final double[] are;
  private final double[] aim;
  private final double[] cre;
  private final double[] cim;
  private final double[] mre;
  private final double[] mim;
  private final double[] q;
  private final double[] gjRe;
  private final double[] gjIm;

  private MmseReceiver(int k, int nt, double[] hre, double[] him) {
    this.k = k;
    this.nt = nt;
    this.hre = hre;
    this.him = him;
    are = new double[k * k];
    aim = new double[k * k];
    for (int l = 0; l < k; l++) {
      for (int j = 0; j < k; j++) {
        double sr = 0, si = 0;
        for (int a = 0; a < nt; a++) { // row_l . conj(row_j) = hb_l^H hb_j
          double xr = hre[l * nt + a], xi = him[l * nt + a], yr = hre[j * nt + a], yi = him[j * nt + a];
          sr += xr * yr + xi * yi;
          si += xi * yr - xr * yi;
        }
        are[l * k + j] = sr;
        aim[l * k + j] = si;
      }
    }
    cre = new double[k * k];
    cim = new double[k * k];
    mre = new double[k * k];
    mim = new double[k * k];
    q = new double[k];
    gjRe = new double[2 * k * k];
    gjIm = new double[2 * k * k];
  }

  /** Returns the receiver of instance {@code b} of {@code problem}; throws if a noise variance is 0. */
  public static MmseReceiver of(UrllcProblem problem, int b) {
    if (b < 0 || b >= problem.batch()) {
      throw new IllegalArgumentException("MmseReceiver.of: instance " + b + " is outside [0, " + problem.batch()
          + ")");
    }
    int k = problem.users(), nt = problem.txAntennas();
    double[] noise = problem.noise();
    double[] re = problem.channels().data(), im = problem.channels().imagData();
    double[] hr = new double[k * nt], hi = new double[k * nt];
    for (int u = 0; u < k; u++) {
      if (!(noise[u] > 0)) {
        throw new IllegalArgumentException("MmseReceiver.of: the noise variance of user " + u + " must be > 0 to "
            + "normalise its channel, got " + noise[u]);
      }
      double s = 1 / Math.sqrt(noise[u]);
      for (int a = 0; a < nt; a++) {
        int src = (b * k + u) * nt + a;
        hr[u * nt + a] = re[src] * s;
        hi[u * nt + a] = im[src] * s;
      }
    }
    return new MmseReceiver(k, nt, hr, hi);
  }

  /** Returns the number of users K. */
  public int users() {
    return k;
  }

  /** Returns N_t. */
  public int antennas() {
    return nt;
  }

  /** Returns {@code ||hb_k||^2}, the SNR of user k per unit power. */
  public double channelGain(int user) {
    return are[user * k + user];
  }

  /** Sets the uplink powers {@code q [K]} (>= 0) and computes C and M; the queries below refer to these powers. */
  public void update(double[] powers) {
    System.arraycopy(powers, 0, q, 0, k);
    // W = [I + Q A | I] reduced to [I | C] by Gauss-Jordan with partial pivoting (complex, K x 2K)
    int w = 2 * k;
    double[] xr = gjRe, xi = gjIm;
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        xr[r * w + c] = (r == c ? 1 : 0) + q[r] * are[r * k + c];
        xi[r * w + c] = q[r] * aim[r * k + c];
        xr[r * w + k + c] = r == c ? 1 : 0;
        xi[r * w + k + c] = 0;
      }
    }
    for (int c = 0; c < k; c++) {
      int piv = c;
      double best = -1;
      for (int r = c; r < k; r++) {
        double m = xr[r * w + c] * xr[r * w + c] + xi[r * w + c] * xi[r * w + c];
        if (m > best) {
          best = m;
          piv = r;
        }
      }
      if (piv != c) {
        for (int j = 0; j < w; j++) {
          double t = xr[c * w + j];
          xr[c * w + j] = xr[piv * w + j];
          xr[piv * w + j] = t;
          t = xi[c * w + j];
          xi[c * w + j] = xi[piv * w + j];
          xi[piv * w + j] = t;
        }
      }
      double pr = xr[c * w + c], pi = xi[c * w + c], den = pr * pr + pi * pi;
      double ir = pr / den, ii = -pi / den;
      for (int j = 0; j < w; j++) {
        double a = xr[c * w + j], bb = xi[c * w + j];
        xr[c * w + j] = a * ir - bb * ii;
        xi[c * w + j] = a * ii + bb * ir;
      }
      for (int r = 0; r < k; r++) {
        if (r == c) continue;
        double fr = xr[r * w + c], fi = xi[r * w + c];
        if (fr == 0 && fi == 0) continue;
        for (int j = 0; j < w; j++) {
          double a = xr[c * w + j], bb = xi[c * w + j];
          xr[r * w + j] -= fr * a - fi * bb;
          xi[r * w + j] -= fr * bb + fi * a;
        }
      }
    }
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        cre[r * k + c] = xr[r * w + k + c];
        cim[r * k + c] = xi[r * w + k + c];
      }
    }
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        double sr = 0, si = 0;
        for (int j = 0; j < k; j++) {
          double a = are[r * k + j], b = aim[r * k + j], x = cre[j * k + c], y = cim[j * k + c];
          sr += a * x - b * y;
          si += a * y + b * x;
        }
        mre[r * k + c] = sr;
        mim[r * k + c] = si;
      }
    }
  }

  /** Fills {@code out [K]} with the MMSE SINRs {@code gamma_k = q_k M_kk / C_kk} at the current powers. */
  public void sinr(double[] out) {
    for (int u = 0; u < k; u++) out[u] = q[u] * mre[u * k + u] / cre[u * k + u];
  }

  /**
   * Fills {@code jac [K*K]} with {@code d gamma_k / d q_j} (row k, column j) at the current powers:
   * {@code t_k / (1 - q_k t_k)} on the diagonal and {@code -q_k |M_kj|^2 / (1 - q_k t_k)^2} off it.
   */
  public void sinrJacobian(double[] jac) {
    for (int u = 0; u < k; u++) {
      double d = cre[u * k + u];
      for (int j = 0; j < k; j++) {
        double m2 = mre[u * k + j] * mre[u * k + j] + mim[u * k + j] * mim[u * k + j];
        jac[u * k + j] = j == u ? mre[u * k + u] / d : -q[u] * m2 / (d * d);
      }
    }
  }

  /** Fills {@code g [K*K]} with the gains {@code G_lk = |hb_l^H w_k|^2} of the MMSE beams at the current powers. */
  public void gains(double[] g) {
    for (int c = 0; c < k; c++) {
      double n2 = beamNorm2(c);
      for (int l = 0; l < k; l++) {
        g[l * k + c] = (mre[l * k + c] * mre[l * k + c] + mim[l * k + c] * mim[l * k + c]) / n2;
      }
    }
  }

  /** Fills {@code re, im [K*N_t]} (beam k at offset k*N_t) with the unit-norm MMSE beams at the current powers. */
  public void beams(double[] re, double[] im) {
    for (int c = 0; c < k; c++) {
      double s = 1 / Math.sqrt(beamNorm2(c));
      for (int a = 0; a < nt; a++) {
        double sr = 0, si = 0;
        for (int j = 0; j < k; j++) { // hb_j[a] = conj(row_j[a])
          double hr = hre[j * nt + a], hi = -him[j * nt + a], x = cre[j * k + c], y = cim[j * k + c];
          sr += hr * x - hi * y;
          si += hr * y + hi * x;
        }
        re[c * nt + a] = sr * s;
        im[c * nt + a] = si * s;
      }
    }
  }

  /** Fills {@code g [K*K]} with {@code G_lk = |hb_l^H w_k|^2} for given beams {@code w} ({@code [K*N_t]} each). */
  public void gains(double[] re, double[] im, double[] g) {
    for (int l = 0; l < k; l++) {
      for (int c = 0; c < k; c++) {
        double sr = 0, si = 0;
        for (int a = 0; a < nt; a++) { // row_l . w_c
          double xr = hre[l * nt + a], xi = him[l * nt + a], yr = re[c * nt + a], yi = im[c * nt + a];
          sr += xr * yr - xi * yi;
          si += xr * yi + xi * yr;
        }
        g[l * k + c] = sr * sr + si * si;
      }
    }
  }

  private double beamNorm2(int c) {
    double s = 0;
    for (int l = 0; l < k; l++) s += cre[l * k + c] * mre[l * k + c] + cim[l * k + c] * mim[l * k + c];
    return s;
  }
}
