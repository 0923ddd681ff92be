package rrm.utility;

import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * Fused kernel of {@link MimoSignals#receive}: from channels {@code H [B, K, N_r, C, N_t]} (constant) and precoders
 * {@code V [B, K, N_t, d]} it forms, per receiver i and without materialising the pairwise products,
 *
 * <pre>
 *   F_ij = H[i, :, owner(j), :] V_j,    direct_i = F_ii,    cov_i = sum_{j != i} F_ij F_ij^H + c_i I
 * </pre>
 *
 * (sum over j ascending, the same arithmetic in every chunk, so results do not depend on the thread count). Backward
 * (conjugate-Wirtinger): {@code V̄_i += H_ii^H direct̄_i} and, with {@code F̄_ij = (cov̄_i + cov̄_i^H) F_ij},
 * {@code V̄_j += sum_{i != j} H_ij^H F̄_ij}.
 */
final class ReceiveKernel {
  private ReceiveKernel() {}

  /** Returns {direct [B, K, N_r, d], cov [B, K, N_r, N_r]}; {@code diag[i]} is added to the diagonal of cov_i. */
  static Tensor[] apply(Tensor h, Tensor v, int[] owner, double[] diag) {
    int b = h.size(0), k = h.size(1), nr = h.size(2), c = h.size(3), nt = h.size(4), d = v.size(3);
    double[] hr = h.data(), hi = h.imagData(), vr = v.data(), vi = v.imagData();
    double[] dr = new double[b * k * nr * d], di = new double[dr.length];
    double[] cr = new double[b * k * nr * nr], ci = new double[cr.length];
    // the pairwise products of one stream, kept for the backward pass of cov when one will run
    boolean keep = d == 1 && nr > 1 && v.requiresGrad() && Autograd.enabled();
    double[] keptR = keep ? new double[b * k * k * nr] : null, keptI = keep ? new double[keptR.length] : null;
    Parallel.forRange(b * k, Parallel.grain((long) k * nr * nt * d * 4 + 1), (lo, hi2) -> {
      double[] fr = new double[k * nr * d], fi = new double[k * nr * d];
      double[] pr = new double[k * nt], pi = new double[k * nt];
      for (int q = lo; q < hi2; q++) {
        int n = q / k, i = q % k;
        if (nr == 1 && d == 1) {
          scalar(hr, hi, vr, vi, owner, n, i, k, c, nt, diag[i], dr, di, cr, q);
          continue;
        }
        int co = q * nr * nr;
        for (int r = 0; r < nr; r++) cr[co + r * nr + r] = diag[i];
        if (d == 1) products(hr, hi, vr, vi, owner, n, i, k, nr, c, nt, fr, fi, pr, pi);
        if (keep) {
          System.arraycopy(fr, 0, keptR, q * k * nr, k * nr);
          System.arraycopy(fi, 0, keptI, q * k * nr, k * nr);
        }
        for (int j = 0; j < k; j++) {
          if (d != 1) product(hr, hi, vr, vi, n, i, owner[j], j, k, nr, c, nt, d, fr, fi);
          int f0 = d == 1 ? j * nr : 0;
          if (j == i) {
            System.arraycopy(fr, f0, dr, q * nr * d, nr * d);
            System.arraycopy(fi, f0, di, q * nr * d, nr * d);
            continue;
          }
          if (d == 1) {                       // Hermitian rank one: upper triangle, mirrored below
            for (int r = 0; r < nr; r++) {
              double ar = fr[f0 + r], ai = fi[f0 + r];
              cr[co + r * nr + r] += ar * ar + ai * ai;
              for (int p = r + 1; p < nr; p++) {
                double xr = ar * fr[f0 + p] + ai * fi[f0 + p], xi = ai * fr[f0 + p] - ar * fi[f0 + p];
                cr[co + r * nr + p] += xr;
                ci[co + r * nr + p] += xi;
                cr[co + p * nr + r] += xr;
                ci[co + p * nr + r] -= xi;
              }
            }
            continue;
          }
          for (int r = 0; r < nr; r++) {
            for (int p = 0; p < nr; p++) {
              double sr = 0, si = 0;
              for (int s = 0; s < d; s++) {
                double ar = fr[r * d + s], ai = fi[r * d + s], br = fr[p * d + s], bi = -fi[p * d + s];
                sr += ar * br - ai * bi;
                si += ar * bi + ai * br;
              }
              cr[co + r * nr + p] += sr;
              ci[co + r * nr + p] += si;
            }
          }
        }
      }
    });
    Tensor direct = Tensor.complex(dr, di, b, k, nr, d);
    Tensor cov = Tensor.complex(cr, ci, b, k, nr, nr);
    direct = Autograd.record(direct, "mimoDirect", g -> new Tensor[] {null, directBackward(h, g, owner, nt)}, h, v);
    cov = Autograd.record(cov, "mimoInterference", g -> new Tensor[] {null, covBackward(h, v, g, owner, keptR, keptI)}, h, v);
    return new Tensor[] {direct, cov};
  }

  /**
   * Receiver i of instance n when {@code N_r = d = 1}: {@code f_j = h_ij . v_j} (a dot product over the N_t antennas),
   * {@code direct = f_i}, {@code cov = diag + sum_{j != i} |f_j|^2}, the same operations in the same order as the
   * general loop (identical results) without its per-pair scratch arrays.
   */
  private static void scalar(double[] hr, double[] hi, double[] vr, double[] vi, int[] owner, int n, int i, int k,
      int c, int nt, double diag, double[] dr, double[] di, double[] cr, int q) {
    int row = (n * k + i) * c * nt;
    int v0 = n * k * nt;
    double cov = diag;
    if (nt == 2) {                            // unrolled, the same expressions
      for (int j = 0; j < k; j++) {
        int ho = row + owner[j] * 2, vo = v0 + j * 2;
        double a0r = hr[ho], a0i = hi[ho], a1r = hr[ho + 1], a1i = hi[ho + 1];
        double b0r = vr[vo], b0i = vi[vo], b1r = vr[vo + 1], b1i = vi[vo + 1];
        double sr = 0 + (a0r * b0r - a0i * b0i) + (a1r * b1r - a1i * b1i);
        double si = 0 + (a0r * b0i + a0i * b0r) + (a1r * b1i + a1i * b1r);
        if (j == i) {
          dr[q] = sr;
          di[q] = si;
        } else {
          cov += sr * sr + si * si;
        }
      }
      cr[q] = cov;
      return;
    }
    for (int j = 0; j < k; j++) {
      int ho = row + owner[j] * nt, vo = v0 + j * nt;
      double sr = 0, si = 0;
      for (int t = 0; t < nt; t++) {
        double ar = hr[ho + t], ai = hi[ho + t], br = vr[vo + t], bi = vi[vo + t];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      if (j == i) {
        dr[q] = sr;
        di[q] = si;
      } else {
        cov += sr * sr + si * si;
      }
    }
    cr[q] = cov;
  }

  /** {@code out = H[n, i, :, cell, :] V[n, j]} ({@code N_r x d}). */
  private static void product(double[] hr, double[] hi, double[] vr, double[] vi, int n, int i, int cell, int j,
      int k, int nr, int c, int nt, int d, double[] fr, double[] fi) {
    int vo = (n * k + j) * nt * d;
    if (d == 1) {
      for (int r = 0; r < nr; r++) {
        int ho = (((n * k + i) * nr + r) * c + cell) * nt;
        double sr = 0, si = 0;
        for (int t = 0; t < nt; t++) {
          double ar = hr[ho + t], ai = hi[ho + t], br = vr[vo + t], bi = vi[vo + t];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        fr[r] = sr;
        fi[r] = si;
      }
      return;
    }
    for (int r = 0; r < nr; r++) {
      int ho = (((n * k + i) * nr + r) * c + cell) * nt;
      for (int s = 0; s < d; s++) {
        double sr = 0, si = 0;
        for (int t = 0; t < nt; t++) {
          double ar = hr[ho + t], ai = hi[ho + t], br = vr[vo + t * d + s], bi = vi[vo + t * d + s];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        fr[r * d + s] = sr;
        fi[r * d + s] = si;
      }
    }
  }

  /**
   * {@link #product} for one stream and every transmitter at once: {@code f[j N_r + r] = (H[n, i, :, owner(j), :]
   * v_j)[r]}. Each entry is the same sum over t ascending from 0 as in {@link #product} (identical results). The
   * elementwise products of a row of H with the precoders are formed first, in one loop over a contiguous row when
   * every user has its own transmitter (the interference channel: the loop vectorises), and then summed per user;
   * {@code pr, pi} hold them ({@code K N_t} each).
   */
  private static void products(double[] hr, double[] hi, double[] vr, double[] vi, int[] owner, int n, int i, int k,
      int nr, int c, int nt, double[] fr, double[] fi, double[] pr, double[] pi) {
    int v0 = n * k * nt, len = k * nt;
    boolean aligned = aligned(owner, c);
    for (int r = 0; r < nr; r++) {
      int row = ((n * k + i) * nr + r) * c * nt;
      if (aligned) {
        for (int x = 0; x < len; x++) {
          double ar = hr[row + x], ai = hi[row + x], br = vr[v0 + x], bi = vi[v0 + x];
          pr[x] = ar * br - ai * bi;
          pi[x] = ar * bi + ai * br;
        }
      } else {
        for (int j = 0; j < k; j++) {
          for (int t = 0, ho = row + owner[j] * nt, x = j * nt; t < nt; t++, x++) {
            double ar = hr[ho + t], ai = hi[ho + t], br = vr[v0 + x], bi = vi[v0 + x];
            pr[x] = ar * br - ai * bi;
            pi[x] = ar * bi + ai * br;
          }
        }
      }
      for (int j = 0; j < k; j++) {
        double sr = 0, si = 0;
        for (int x = j * nt; x < (j + 1) * nt; x++) {
          sr += pr[x];
          si += pi[x];
        }
        fr[j * nr + r] = sr;
        fi[j * nr + r] = si;
      }
    }
  }

  /** Returns whether user j is served by transmitter j for every j and there are no other transmitters. */
  private static boolean aligned(int[] owner, int c) {
    if (owner.length != c) return false;
    for (int j = 0; j < owner.length; j++) if (owner[j] != j) return false;
    return true;
  }

  /** {@code out[t, s] += sum_r conj(H[n, i, r, cell, t]) x[r, s]} into {@code V̄_j}. */
  private static void adjoint(double[] hr, double[] hi, double[] xr, double[] xi, int xo, int n, int i, int cell,
      int k, int nr, int c, int nt, int d, double[] or, double[] oi, int oo) {
    for (int r = 0; r < nr; r++) {
      int ho = (((n * k + i) * nr + r) * c + cell) * nt;
      for (int t = 0; t < nt; t++) {
        double ar = hr[ho + t], ai = -hi[ho + t];
        for (int s = 0; s < d; s++) {
          double br = xr[xo + r * d + s], bi = xi[xo + r * d + s];
          or[oo + t * d + s] += ar * br - ai * bi;
          oi[oo + t * d + s] += ar * bi + ai * br;
        }
      }
    }
  }

  private static Tensor directBackward(Tensor h, Tensor g, int[] owner, int nt) {
    int b = h.size(0), k = h.size(1), nr = h.size(2), c = h.size(3), d = g.size(3);
    double[] hr = h.data(), hi = h.imagData(), gr = g.data(), gi = g.imagOrZeros();
    double[] or = new double[b * k * nt * d], oi = new double[or.length];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < k; i++) {
        adjoint(hr, hi, gr, gi, (n * k + i) * nr * d, n, i, owner[i], k, nr, c, nt, d, or, oi, (n * k + i) * nt * d);
      }
    }
    return Tensor.complex(or, oi, b, k, nt, d);
  }

  /** The gradient of cov; {@code keptR, keptI} are the forward pass's pairwise products, or null to recompute them. */
  private static Tensor covBackward(Tensor h, Tensor v, Tensor g, int[] owner, double[] keptR, double[] keptI) {
    int b = h.size(0), k = h.size(1), nr = h.size(2), c = h.size(3), nt = h.size(4), d = v.size(3);
    double[] hr = h.data(), hi = h.imagData(), vr = v.data(), vi = v.imagData(), gr = g.data(), gi = g.imagOrZeros();
    double[] or = new double[b * k * nt * d], oi = new double[or.length];
    Parallel.forRange(b, Parallel.grain((long) k * k * nr * (nt + nr) * d * 4 + 1), (lo, hi2) -> {
      int pairs = d == 1 ? k : 1;
      double[] fr = new double[pairs * nr * d], fi = new double[fr.length];
      double[] xr = new double[pairs * nr * d], xi = new double[xr.length];
      double[] pr = new double[k * nt], pi = new double[k * nt];
      for (int n = lo; n < hi2; n++) {          // instance n writes only its own V̄ entries
        if (d == 1) {
          covBackwardSingle(hr, hi, vr, vi, gr, gi, owner, n, k, nr, c, nt, fr, fi, keptR, keptI, xr, xi, pr, pi, or,
              oi);
        } else {
          covBackward(hr, hi, vr, vi, gr, gi, owner, n, k, nr, c, nt, d, fr, fi, xr, xi, or, oi);
        }
      }
    });
    return Tensor.complex(or, oi, b, k, nt, d);
  }

  /**
   * {@link #covBackward(double[], double[], double[], double[], double[], double[], int[], int, int, int, int, int,
   * int, double[], double[], double[], double[], double[], double[])} for one stream, every transmitter of a receiver
   * at once ({@link #products}, or the forward pass's copy of them): the same terms added to each {@code V̄_j[t]} in the same order (receiver i, then
   * antenna r, ascending), so identical results, with independent sums innermost.
   */
  private static void covBackwardSingle(double[] hr, double[] hi, double[] vr, double[] vi, double[] gr, double[] gi,
      int[] owner, int n, int k, int nr, int c, int nt, double[] fr, double[] fi, double[] keptR, double[] keptI,
      double[] xr, double[] xi, double[] pr, double[] pi, double[] or, double[] oi) {
    for (int i = 0; i < k; i++) {
      int go = (n * k + i) * nr * nr;
      if (keptR == null) {
        products(hr, hi, vr, vi, owner, n, i, k, nr, c, nt, fr, fi, pr, pi);
      } else {
        System.arraycopy(keptR, (n * k + i) * k * nr, fr, 0, k * nr);
        System.arraycopy(keptI, (n * k + i) * k * nr, fi, 0, k * nr);
      }
      for (int j = 0; j < k; j++) {                  // x_j = (G + G^H) f_j
        if (j == i) continue;
        for (int r = 0; r < nr; r++) {
          double sr = 0, si = 0;
          for (int p = 0; p < nr; p++) {
            double ar = gr[go + r * nr + p] + gr[go + p * nr + r];
            double ai = gi[go + r * nr + p] - gi[go + p * nr + r];
            sr += ar * fr[j * nr + p] - ai * fi[j * nr + p];
            si += ar * fi[j * nr + p] + ai * fr[j * nr + p];
          }
          xr[j * nr + r] = sr;
          xi[j * nr + r] = si;
        }
      }
      for (int r = 0; r < nr; r++) {                 // V̄_j += H_ij^H x_j
        int row = ((n * k + i) * nr + r) * c * nt;
        for (int j = 0; j < k; j++) {
          if (j == i) continue;
          int ho = row + owner[j] * nt, oo = (n * k + j) * nt;
          double br = xr[j * nr + r], bi = xi[j * nr + r];
          for (int t = 0; t < nt; t++) {
            double ar = hr[ho + t], ai = -hi[ho + t];
            or[oo + t] += ar * br - ai * bi;
            oi[oo + t] += ar * bi + ai * br;
          }
        }
      }
    }
  }

  /** The backward pass of {@code cov} for instance n (any d). */
  private static void covBackward(double[] hr, double[] hi, double[] vr, double[] vi, double[] gr, double[] gi,
      int[] owner, int n, int k, int nr, int c, int nt, int d, double[] fr, double[] fi, double[] xr, double[] xi,
      double[] or, double[] oi) {
    for (int i = 0; i < k; i++) {
      int go = (n * k + i) * nr * nr;
      for (int j = 0; j < k; j++) {
        if (j == i) continue;
        product(hr, hi, vr, vi, n, i, owner[j], j, k, nr, c, nt, d, fr, fi);
        for (int r = 0; r < nr; r++) {              // x = (G + G^H) f
          for (int s = 0; s < d; s++) {
            double sr = 0, si = 0;
            for (int p = 0; p < nr; p++) {
              double ar = gr[go + r * nr + p] + gr[go + p * nr + r];
              double ai = gi[go + r * nr + p] - gi[go + p * nr + r];
              sr += ar * fr[p * d + s] - ai * fi[p * d + s];
              si += ar * fi[p * d + s] + ai * fr[p * d + s];
            }
            xr[r * d + s] = sr;
            xi[r * d + s] = si;
          }
        }
        adjoint(hr, hi, xr, xi, 0, n, i, owner[j], k, nr, c, nt, d, or, oi, (n * k + j) * nt * d);
      }
    }
  }
}
