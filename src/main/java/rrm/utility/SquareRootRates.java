package rrm.utility;

import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * The rates of {@link MimoRates} computed from square roots of the covariances instead of the covariances: for
 * receiver i the factor {@code L_i = [sigma_i I, F_ij (j != i)]} ({@code N_r x (N_r + (K - 1) d)}, with
 * {@code F_ij = H_ij V_j}) has {@code L_i L_i^H = N_i}, and a Householder QR of {@code L_i^H} gives the triangular
 * {@code R_i} with {@code N_i = R_i^H R_i} without ever forming {@code N_i}. Then
 *
 * <pre>
 *   c_i = log2 det(I_d + Y_i^H Y_i),   Y_i = R_i^{-H} B_i,   B_i = H_ii V_i.
 * </pre>
 *
 * <p>Why: where a receiver's noise is tiny against its interference (noise 4e-12, interference of order 1: a condition
 * number near 1e12), the rounding of the formed {@code N_i} alone is of the size of its smallest eigenvalue's
 * direction, in which the own signal may be all the receiver sees; the rate is then off by up to 1e-5 bit/s/Hz. The
 * QR works on {@code L_i}, whose condition number is the square root of {@code N_i}'s, so the error falls by about
 * that factor. Not differentiable and slower than {@link MimoRates#rates}: for checks and reports (a WMMSE trajectory
 * whose monotonicity is judged to 1e-9).
 */
final class SquareRootRates {
  private static final double LN2 = Math.log(2);

  private SquareRootRates() {}

  /** Returns the per-user rates {@code [B, K]} at precoders {@code v [B, K, N_t, d]}. */
  static Tensor of(MimoSignals s, Tensor v) {
    String op = "MimoRates.precise";
    s.checkPrecoders(op, v);
    int b = s.batch(), k = s.users(), nr = s.rxAntennas(), c = s.channels().size(3), nt = s.txAntennas();
    int d = s.streams();
    int[] owner = s.owner();
    double[] noise = s.noise();
    double[] hr = s.channels().toArray(), hi = s.channels().toImagArray();
    double[] vr = v.toArray(), vi = v.toImagArray();
    double[] yr = new double[b * k * nr * d], yi = new double[b * k * nr * d]; // Y_i [N_r, d] of every receiver
    String[] failure = new String[b * k];
    Parallel.forRange(b * k, Parallel.grain(4L * k * d * nr * (nt + nr) + 1), (from, to) -> {
      int m = nr + (k - 1) * d;
      double[] fr = new double[k * nr * d], fi = new double[k * nr * d]; // F_ij, j = 0..K-1, each N_r x d
      double[] ar = new double[m * nr], ai = new double[m * nr];         // L_i^H, then R_i in its top rows
      for (int at = from; at < to; at++) {
        int n = at / k, i = at % k;
        for (int j = 0; j < k; j++) { // F_ij = H[n, i, :, owner(j), :] V[n, j]
          for (int r = 0; r < nr; r++) {
            for (int q = 0; q < d; q++) {
              double sr = 0, si = 0;
              for (int t = 0; t < nt; t++) {
                int h = (((n * k + i) * nr + r) * c + owner[j]) * nt + t, x = ((n * k + j) * nt + t) * d + q;
                sr += hr[h] * vr[x] - hi[h] * vi[x];
                si += hr[h] * vi[x] + hi[h] * vr[x];
              }
              fr[(j * nr + r) * d + q] = sr;
              fi[(j * nr + r) * d + q] = si;
            }
          }
        }
        // L_i^H: sigma_i I on top, then F_ij^H for every other j
        java.util.Arrays.fill(ar, 0);
        java.util.Arrays.fill(ai, 0);
        double sigma = Math.sqrt(noise[i]);
        for (int r = 0; r < nr; r++) ar[r * nr + r] = sigma;
        int row = nr;
        for (int j = 0; j < k; j++) {
          if (j == i) continue;
          for (int q = 0; q < d; q++, row++) {
            for (int r = 0; r < nr; r++) {
              ar[row * nr + r] = fr[(j * nr + r) * d + q];
              ai[row * nr + r] = -fi[(j * nr + r) * d + q];
            }
          }
        }
        householder(ar, ai, m, nr);
        // Y = R^{-H} B_i: forward substitution with the lower triangular R^H
        int yo = at * nr * d;
        for (int q = 0; q < d; q++) {
          for (int r = 0; r < nr; r++) {
            double sr = fr[(i * nr + r) * d + q], si = fi[(i * nr + r) * d + q];
            for (int p = 0; p < r; p++) { // conj(R[p][r]) y_p
              double xr = ar[p * nr + r], xi = -ai[p * nr + r], pr = yr[yo + p * d + q], pi = yi[yo + p * d + q];
              sr -= xr * pr - xi * pi;
              si -= xr * pi + xi * pr;
            }
            double dr = ar[r * nr + r], di = -ai[r * nr + r], den = dr * dr + di * di;
            if (!(den > 0)) {
              failure[at] = "receiver " + i + " of instance " + n + " has a singular interference-plus-noise "
                  + "covariance (noise " + noise[i] + " and interference of rank below N_r = " + nr + ")";
              break;
            }
            yr[yo + r * d + q] = (sr * dr + si * di) / den;
            yi[yo + r * d + q] = (si * dr - sr * di) / den;
          }
        }
      }
    });
    for (String f : failure) if (f != null) throw new IllegalArgumentException(op + ": " + f);
    if (d > 1) { // log det(I + Y^H Y), a d x d matrix >= I
      Tensor y = Tensor.complex(yr, yi, b, k, nr, d);
      return y.mH().matmul(y).add(Tensor.eye(d)).hermitianPart().logdetHpd().div(LN2);
    }
    double[] out = new double[b * k];
    for (int at = 0; at < b * k; at++) { // log(1 + ||y||^2) without rounding 1 + ||y||^2 first
      double s2 = 0;
      for (int r = 0; r < nr; r++) s2 += yr[at * nr + r] * yr[at * nr + r] + yi[at * nr + r] * yi[at * nr + r];
      out[at] = Math.log1p(s2) / LN2;
    }
    return Tensor.of(out, b, k);
  }

  /**
   * Householder QR of the complex {@code m x n} matrix a (row major, m >= n) in place: R in its upper triangle, the
   * reflectors' vectors below it (not used after).
   */
  private static void householder(double[] ar, double[] ai, int m, int n) {
    for (int col = 0; col < n; col++) {
      double norm2 = 0;
      for (int r = col; r < m; r++) norm2 += ar[r * n + col] * ar[r * n + col] + ai[r * n + col] * ai[r * n + col];
      if (norm2 == 0) continue;
      double norm = Math.sqrt(norm2);
      double x0r = ar[col * n + col], x0i = ai[col * n + col], x0 = Math.hypot(x0r, x0i);
      double phr = x0 == 0 ? 1 : x0r / x0, phi = x0 == 0 ? 0 : x0i / x0;
      double alr = -phr * norm, ali = -phi * norm; // H x = alpha e_1 with |alpha| = ||x||
      // v = x - alpha e_1 in column col (rows col..m-1); tau = 1 / (v^H v / 2) = 1 / (||x||^2 + ||x|| |x_0|)
      ar[col * n + col] = x0r - alr;
      ai[col * n + col] = x0i - ali;
      double tau = 1 / (norm2 + norm * x0);
      for (int q = col + 1; q < n; q++) { // column q -= tau v (v^H column q)
        double sr = 0, si = 0;
        for (int r = col; r < m; r++) {
          double pr = ar[r * n + col], pi = ai[r * n + col], xr = ar[r * n + q], xi = ai[r * n + q];
          sr += pr * xr + pi * xi;
          si += pr * xi - pi * xr;
        }
        sr *= tau;
        si *= tau;
        for (int r = col; r < m; r++) {
          double pr = ar[r * n + col], pi = ai[r * n + col];
          ar[r * n + q] -= sr * pr - si * pi;
          ai[r * n + q] -= sr * pi + si * pr;
        }
      }
      ar[col * n + col] = alr;
      ai[col * n + col] = ali;
    }
  }
}
