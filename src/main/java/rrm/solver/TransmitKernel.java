package rrm.solver;

import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * Fused kernel of the WMMSE precoder system: from channels {@code H [B, K, N_r, C, N_t]} (constant), receivers
 * {@code U [B, K, N_r, d]} and weights {@code W [B, K, d, d]} it forms, per user j of transmitter {@code c = owner(j)},
 *
 * <pre>
 *   G_ij = H[i, :, c, :]^H U_i,     A_j = sum_i G_ij W_i G_ij^H   [N_t, N_t],     rhs_j = G_jj W_j   [N_t, d]
 * </pre>
 *
 * without materialising the pairwise {@code G} (per instance, sum over i ascending: results do not depend on the thread
 * count). With one stream and real weights (classical WMMSE) only the upper triangle of each (Hermitian) {@code A_j}
 * is accumulated and the lower one mirrored.
 * Backward (conjugate-Wirtinger), for each pair: {@code W̄_i += G^H Ā_j G},
 * {@code Ḡ = Ā_j G W_i^H + Ā_j^H G W_i} (plus {@code rhs̄_j W_j^H} and {@code W̄_j += G^H rhs̄_j} when i = j) and
 * {@code Ū_i += H_ij Ḡ}.
 */
final class TransmitKernel {
  /** Users per parallel work item: every A_j is summed by one item, over i ascending. */
  private static final int BLOCK = 256;

  private TransmitKernel() {}

  /** Returns {A [B, K, N_t, N_t], rhs [B, K, N_t, d]}. */
  static Tensor[] apply(Tensor h, Tensor u, Tensor w, int[] owner) {
    int b = h.size(0), k = h.size(1), nr = h.size(2), c = h.size(3), nt = h.size(4), d = u.size(3);
    double[] hr = h.data(), hi = h.imagData(), ur = u.data(), ui = u.imagOrZeros(), wr = w.data(), wi = w.imagOrZeros();
    double[] ar = new double[b * k * nt * nt], ai = new double[ar.length];
    double[] rr = new double[b * k * nt * d], ri = new double[rr.length];
    int blocks = (k + BLOCK - 1) / BLOCK;
    Parallel.forRange(b * blocks, Parallel.grain((long) k * Math.min(k, BLOCK) * nt * (nr + nt) * d * 4 + 1),
        (lo, hi2) -> {
      double[] gr = new double[nt * d], gi = new double[nt * d], xr = new double[nt * d], xi = new double[nt * d];
      double[] cr = new double[c * nt], ci = new double[c * nt];
      for (int item = lo; item < hi2; item++) {
        int n = item / blocks, j0 = item % blocks * BLOCK, j1 = Math.min(k, j0 + BLOCK);
        boolean real = d == 1;                          // real weights: every A_j is Hermitian, build its upper half
        for (int i = 0; i < k && real; i++) real = wi[n * k + i] == 0;
        if (real && nr == 1) {
          scalar(hr, hi, ur, ui, wr, owner, n, j0, j1, k, c, nt, gr, gi, ar, ai, rr, ri);
        } else {
          for (int i = 0; i < k; i++) {
            if (d == 1) adjoints(hr, hi, ur, ui, n, i, k, nr, c, nt, cr, ci);
            pairs(hr, hi, ur, ui, wr, wi, owner, n, i, j0, j1, k, nr, c, nt, d, real, gr, gi, xr, xi, ar, ai, rr, ri, cr,
                ci);
          }
        }
        if (real) {
          for (int q = n * k + j0; q < n * k + j1; q++) {
            int ao = q * nt * nt;
            for (int t = 0; t < nt; t++) {
              ai[ao + t * nt + t] = 0;
              for (int p = t + 1; p < nt; p++) {
                ar[ao + p * nt + t] = ar[ao + t * nt + p];
                ai[ao + p * nt + t] = -ai[ao + t * nt + p];
              }
            }
          }
        }
      }
    });
    Tensor a = Tensor.complex(ar, ai, b, k, nt, nt);
    Tensor rhs = Tensor.complex(rr, ri, b, k, nt, d);
    a = Autograd.record(a, "wmmseSystem", g -> backward(h, u, w, owner, g, null), h, u, w);
    rhs = Autograd.record(rhs, "wmmseRhs", g -> backward(h, u, w, owner, null, g), h, u, w);
    return new Tensor[] {a, rhs};
  }

  /**
   * Adds receiver i's terms {@code G_ij W_i G_ij^H} to {@code A_j} for the users {@code j0 <= j < j1} of instance n (the
   * upper triangle only when {@code real}), and {@code rhs_i = G_ii W_i} when i is among them. With one stream,
   * {@code cr, ci} hold {@link #adjoints} of receiver i.
   */
  private static void pairs(double[] hr, double[] hi, double[] ur, double[] ui, double[] wr, double[] wi, int[] owner,
      int n, int i, int j0, int j1, int k, int nr, int c, int nt, int d, boolean real, double[] gr, double[] gi,
      double[] xr, double[] xi, double[] ar, double[] ai, double[] rr, double[] ri, double[] cr, double[] ci) {
    int wo = (n * k + i) * d * d;
    for (int j = j0; j < j1; j++) {
      int q = n * k + j, ao = q * nt * nt;
      if (d == 1) {
        copy(cr, ci, owner[j] * nt, gr, gi, nt);
      } else {
        adjoint(hr, hi, ur, ui, n, i, owner[j], k, nr, c, nt, d, gr, gi);
      }
      if (real) {
        double w0 = wr[wo];
        for (int t = 0; t < nt; t++) {
          double pr = w0 * gr[t], pi = w0 * gi[t];
          xr[t] = pr;
          xi[t] = pi;
          int row = ao + t * nt;
          for (int p = t; p < nt; p++) {
            ar[row + p] += pr * gr[p] + pi * gi[p];
            ai[row + p] += pi * gr[p] - pr * gi[p];
          }
        }
      } else if (d == 1) {
        double w0r = wr[wo], w0i = wi[wo];
        for (int t = 0; t < nt; t++) {
          xr[t] = gr[t] * w0r - gi[t] * w0i;
          xi[t] = gr[t] * w0i + gi[t] * w0r;
        }
        for (int t = 0; t < nt; t++) {
          double pr = xr[t], pi = xi[t];
          int row = ao + t * nt;
          for (int p = 0; p < nt; p++) {          // x_t conj(g_p)
            ar[row + p] += pr * gr[p] + pi * gi[p];
            ai[row + p] += pi * gr[p] - pr * gi[p];
          }
        }
      } else {
        times(gr, gi, wr, wi, wo, nt, d, xr, xi);                          // x = G W_i
        for (int t = 0; t < nt; t++) {
          for (int p = 0; p < nt; p++) {
            double sr = 0, si = 0;
            for (int s = 0; s < d; s++) {
              double pr = xr[t * d + s], pi = xi[t * d + s], qr = gr[p * d + s], qi = -gi[p * d + s];
              sr += pr * qr - pi * qi;
              si += pr * qi + pi * qr;
            }
            ar[ao + t * nt + p] += sr;
            ai[ao + t * nt + p] += si;
          }
        }
      }
      if (i == j) {
        System.arraycopy(xr, 0, rr, q * nt * d, nt * d);
        System.arraycopy(xi, 0, ri, q * nt * d, nt * d);
      }
    }
  }

  /**
   * The loop of {@link #pairs} over all receivers i when {@code N_r = d = 1} and the weights are real: {@code g =
   * conj(h_ij) u_i}, upper triangle of {@code A_j += w_i g g^H}, the same operations in the same order (identical
   * results) with the receiver's scalars hoisted out of the pair loop.
   */
  private static void scalar(double[] hr, double[] hi, double[] ur, double[] ui, double[] wr, int[] owner, int n,
      int j0, int j1, int k, int c, int nt, double[] gr, double[] gi, double[] ar, double[] ai, double[] rr,
      double[] ri) {
    double[] acc = nt == 2 ? new double[4 * (j1 - j0)] : null;    // A_j entries 00, Re 01, Im 01, 11
    for (int i = 0; i < k; i++) {
      int row = (n * k + i) * c * nt, qi = n * k + i;
      double u0r = ur[qi], u0i = ui[qi], w0 = wr[qi];
      if (nt == 2) {
        two(hr, hi, owner, row, n * k, qi, j0, j1, u0r, u0i, w0, acc, rr, ri);
        continue;
      }
      for (int j = j0; j < j1; j++) {
        int h0 = row + owner[j] * nt, ao = (n * k + j) * nt * nt;
        for (int t = 0; t < nt; t++) {
          double xr = hr[h0 + t], xi = -hi[h0 + t];
          gr[t] = xr * u0r - xi * u0i;
          gi[t] = xr * u0i + xi * u0r;
        }
        for (int t = 0; t < nt; t++) {
          double pr = w0 * gr[t], pi = w0 * gi[t];
          int at = ao + t * nt;
          for (int p = t; p < nt; p++) {
            ar[at + p] += pr * gr[p] + pi * gi[p];
            ai[at + p] += pi * gr[p] - pr * gi[p];
          }
          if (i == j) {
            rr[qi * nt + t] = pr;
            ri[qi * nt + t] = pi;
          }
        }
      }
    }
    if (acc != null) {
      for (int j = j0; j < j1; j++) {
        int ao = (n * k + j) * 4, o = (j - j0) * 4;
        ar[ao] = acc[o];
        ar[ao + 1] = acc[o + 1];
        ai[ao + 1] = acc[o + 2];
        ar[ao + 3] = acc[o + 3];
      }
    }
  }

  /**
   * {@link #scalar} for one receiver when {@code N_t = 2}, unrolled, with the same expressions (the imaginary
   * diagonal, zeroed afterwards, is not accumulated).
   */
  private static void two(double[] hr, double[] hi, int[] owner, int row, int base, int qi, int j0, int j1,
      double u0r, double u0i, double w0, double[] acc, double[] rr, double[] ri) {
    for (int j = j0; j < j1; j++) {
      int h0 = row + owner[j] * 2, ao = (j - j0) * 4;
      double x0r = hr[h0], x0i = -hi[h0], x1r = hr[h0 + 1], x1i = -hi[h0 + 1];
      double g0r = x0r * u0r - x0i * u0i, g0i = x0r * u0i + x0i * u0r;
      double g1r = x1r * u0r - x1i * u0i, g1i = x1r * u0i + x1i * u0r;
      double p0r = w0 * g0r, p0i = w0 * g0i, p1r = w0 * g1r, p1i = w0 * g1i;
      acc[ao] += p0r * g0r + p0i * g0i;
      acc[ao + 1] += p0r * g1r + p0i * g1i;
      acc[ao + 2] += p0i * g1r - p0r * g1i;
      acc[ao + 3] += p1r * g1r + p1i * g1i;
      if (base + j == qi) {
        rr[qi * 2] = p0r;
        ri[qi * 2] = p0i;
        rr[qi * 2 + 1] = p1r;
        ri[qi * 2 + 1] = p1i;
      }
    }
  }

  /**
   * {@link #adjoint} for one stream and every transmitter at once: {@code g[cell N_t + t] = sum_r conj(H[n, i, r,
   * cell, t]) u_i[r]}, the same expressions in the same order (identical results), over a contiguous row of H.
   */
  private static void adjoints(double[] hr, double[] hi, double[] ur, double[] ui, int n, int i, int k, int nr, int c,
      int nt, double[] gr, double[] gi) {
    int uo = (n * k + i) * nr, h0 = (n * k + i) * nr * c * nt, len = c * nt;
    double u0r = ur[uo], u0i = ui[uo];
    for (int x = 0; x < len; x++) {             // r = 0 initialises
      double xr = hr[h0 + x], xi = -hi[h0 + x];
      gr[x] = xr * u0r - xi * u0i;
      gi[x] = xr * u0i + xi * u0r;
    }
    for (int r = 1; r < nr; r++) {
      int ho = h0 + r * len;
      double yr = ur[uo + r], yi = ui[uo + r];
      for (int x = 0; x < len; x++) {
        double xr = hr[ho + x], xi = -hi[ho + x];
        gr[x] += xr * yr - xi * yi;
        gi[x] += xr * yi + xi * yr;
      }
    }
  }

  /**
   * Copies the {@code n} entries from {@code from} of a receiver's {@link #adjoints} to {@code gr, gi}: a plain loop,
   * which costs less than two calls of {@code System.arraycopy} for the few entries of one pair.
   */
  private static void copy(double[] cr, double[] ci, int from, double[] gr, double[] gi, int n) {
    for (int t = 0; t < n; t++) {
      gr[t] = cr[from + t];
      gi[t] = ci[from + t];
    }
  }

  /** {@code g[t, s] = sum_r conj(H[n, i, r, cell, t]) U[n, i, r, s]}. */
  private static void adjoint(double[] hr, double[] hi, double[] ur, double[] ui, int n, int i, int cell, int k,
      int nr, int c, int nt, int d, double[] gr, double[] gi) {
    int uo = (n * k + i) * nr * d;
    if (d == 1) {
      int h0 = ((n * k + i) * nr * c + cell) * nt;
      double u0r = ur[uo], u0i = ui[uo];
      for (int t = 0; t < nt; t++) {             // r = 0 initialises
        double xr = hr[h0 + t], xi = -hi[h0 + t];
        gr[t] = xr * u0r - xi * u0i;
        gi[t] = xr * u0i + xi * u0r;
      }
      for (int r = 1; r < nr; r++) {
        int ho = h0 + r * c * nt;
        double yr = ur[uo + r], yi = ui[uo + r];
        for (int t = 0; t < nt; t++) {
          double xr = hr[ho + t], xi = -hi[ho + t];
          gr[t] += xr * yr - xi * yi;
          gi[t] += xr * yi + xi * yr;
        }
      }
      return;
    }
    java.util.Arrays.fill(gr, 0);
    java.util.Arrays.fill(gi, 0);
    for (int r = 0; r < nr; r++) {
      int ho = (((n * k + i) * nr + r) * c + cell) * nt;
      for (int t = 0; t < nt; t++) {
        double xr = hr[ho + t], xi = -hi[ho + t];
        for (int s = 0; s < d; s++) {
          double yr = ur[uo + r * d + s], yi = ui[uo + r * d + s];
          gr[t * d + s] += xr * yr - xi * yi;
          gi[t * d + s] += xr * yi + xi * yr;
        }
      }
    }
  }

  /** {@code out = x M} for {@code x [rows, d]} and the {@code d x d} matrix at {@code m[mo..]}. */
  private static void times(double[] xr, double[] xi, double[] mr, double[] mi, int mo, int rows, int d,
      double[] or, double[] oi) {
    for (int t = 0; t < rows; t++) {
      for (int s = 0; s < d; s++) {
        double sr = 0, si = 0;
        for (int e = 0; e < d; e++) {
          double ar = xr[t * d + e], ai = xi[t * d + e], br = mr[mo + e * d + s], bi = mi[mo + e * d + s];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        or[t * d + s] = sr;
        oi[t * d + s] = si;
      }
    }
  }

  /**
   * Returns {null, Ū, W̄} for the gradient of A ({@code ga}) or of rhs ({@code gRhs}); Ū (W̄) is null when u (w) needs
   * no gradient, and is then not computed (in the first unrolled layer the receivers are constants).
   */
  private static Tensor[] backward(Tensor h, Tensor u, Tensor w, int[] owner, Tensor ga, Tensor gRhs) {
    int b = h.size(0), k = h.size(1), nr = h.size(2), c = h.size(3), nt = h.size(4), d = u.size(3);
    boolean needU = u.requiresGrad(), needW = w.requiresGrad();
    if (!needU && !needW) return new Tensor[3];
    double[] hr = h.data(), hi = h.imagData(), ur = u.data(), ui = u.imagOrZeros(), wr = w.data(), wi = w.imagOrZeros();
    double[] gar = ga == null ? null : ga.data(), gai = ga == null ? null : ga.imagOrZeros();
    double[] grr = gRhs == null ? null : gRhs.data(), gri = gRhs == null ? null : gRhs.imagOrZeros();
    double[] our = needU ? new double[u.numel()] : null, oui = needU ? new double[our.length] : null;
    double[] owr = needW ? new double[w.numel()] : null, owi = needW ? new double[owr.length] : null;
    Sums out = new Sums(our, oui, owr, owi);
    long cost = (long) (ga == null ? 1 : k) * k * nt * (nr + nt + d) * d * 4 + 1;
    Parallel.forRange(b, Parallel.grain(cost), (lo, hi2) -> {   // instance n writes only its own Ū, W̄ entries
      double[] gr = new double[nt * d], gi = new double[nt * d];
      double[] bar = new double[nt * d], bai = new double[nt * d];
      double[] cr = d == 1 ? new double[c * nt] : null, ci = d == 1 ? new double[c * nt] : null;
      for (int n = lo; n < hi2; n++) {
        if (d == 1) {
          single(hr, hi, ur, ui, wr, wi, owner, gar, gai, grr, gri, n, k, nr, c, nt, gr, gi, bar, bai, cr, ci, out);
        } else {
          backward(hr, hi, ur, ui, wr, wi, owner, gar, gai, grr, gri, n, k, nr, c, nt, d, gr, gi, bar, bai, out);
        }
      }
    });
    return new Tensor[] {null, needU ? Tensor.complex(our, oui, u.shape()) : null, !needW ? null : w.isComplex()
        ? Tensor.complex(owr, owi, w.shape()) : Tensor.of(owr, w.shape())};
  }

  /** The gradient arrays a backward pass fills: Ū (or null when not needed) and W̄ (or null). */
  private record Sums(double[] ur, double[] ui, double[] wr, double[] wi) {}

  /**
   * The backward pass of instance n when {@code d = 1}: the terms of {@link #backward(double[], double[], double[],
   * double[], double[], double[], int[], double[], double[], double[], double[], int, int, int, int, int, int,
   * double[], double[], double[], double[], Sums)} with the same expressions and summation order (identical results),
   * the channel adjoints of a receiver formed once ({@link #adjoints}), receivers outermost, and only the gradients
   * that are needed.
   */
  private static void single(double[] hr, double[] hi, double[] ur, double[] ui, double[] wr, double[] wi,
      int[] owner, double[] gar, double[] gai, double[] grr, double[] gri, int n, int k, int nr, int c, int nt,
      double[] gr, double[] gi, double[] bar, double[] bai, double[] cr, double[] ci, Sums out) {
    boolean needU = out.ur() != null, needW = out.wr() != null;
    for (int i = 0; i < k; i++) {                          // receiver outermost: H_i., Ū_i and W̄_i stay in cache
      int qi = n * k + i;
      if (gar != null) adjoints(hr, hi, ur, ui, n, i, k, nr, c, nt, cr, ci);
      for (int j = gar == null ? i : 0; j < (gar == null ? i + 1 : k); j++) {
        int ao = (n * k + j) * nt * nt, q = n * k + j;
        if (gar != null) {
          copy(cr, ci, owner[j] * nt, gr, gi, nt);
        } else {
          adjoint(hr, hi, ur, ui, n, i, owner[j], k, nr, c, nt, 1, gr, gi);
        }
        double w0r = wr[qi], w0i = wi[qi];
        java.util.Arrays.fill(bar, 0);
        java.util.Arrays.fill(bai, 0);
        if (gar != null && needU) {
          for (int t = 0; t < nt; t++) {                   // Ḡ_t = (Ā G conj(w) + Ā^H G w)_t
            double sr = 0, si = 0;
            for (int p = 0; p < nt; p++) {
              double a1r = gar[ao + t * nt + p], a1i = gai[ao + t * nt + p];
              double a2r = gar[ao + p * nt + t], a2i = -gai[ao + p * nt + t];
              double gpr = gr[p], gpi = gi[p];
              double x1r = gpr * w0r - gpi * -w0i, x1i = gpr * -w0i + gpi * w0r;
              double x2r = gpr * w0r - gpi * w0i, x2i = gpr * w0i + gpi * w0r;
              sr += a1r * x1r - a1i * x1i + a2r * x2r - a2i * x2i;
              si += a1r * x1i + a1i * x1r + a2r * x2i + a2i * x2r;
            }
            bar[t] += sr;
            bai[t] += si;
          }
        }
        if (gar != null && needW) {                          // W̄_i += G^H Ā G
          double sr = 0, si = 0;
          for (int t = 0; t < nt; t++) {
            double xr = gr[t], xi = -gi[t];
            for (int p = 0; p < nt; p++) {
              double mr = gar[ao + t * nt + p], mi = gai[ao + t * nt + p];
              double yr = mr * gr[p] - mi * gi[p], yi = mr * gi[p] + mi * gr[p];
              sr += xr * yr - xi * yi;
              si += xr * yi + xi * yr;
            }
          }
          out.wr()[qi] += sr;
          out.wi()[qi] += si;
        }
        if (grr != null && i == j) {
          int ro = q * nt;
          double sr = 0, si = 0;
          for (int t = 0; t < nt; t++) {
            double xr = grr[ro + t], xi = gri[ro + t];
            double br = 0, bi = 0;
            br += xr * w0r - xi * -w0i;                      // rhs̄_t conj(w)
            bi += xr * -w0i + xi * w0r;
            bar[t] += br;
            bai[t] += bi;
            double yr = gr[t], yi = -gi[t];                  // conj(g_t) rhs̄_t
            sr += yr * xr - yi * xi;
            si += yr * xi + yi * xr;
          }
          if (needW) {
            out.wr()[qi] += sr;
            out.wi()[qi] += si;
          }
        }
        if (needU) {
          int uo = qi * nr;
          for (int r = 0; r < nr; r++) {
            int ho = ((qi * nr + r) * c + owner[j]) * nt;
            double xr = 0, xi = 0;
            for (int t = 0; t < nt; t++) {
              double hr0 = hr[ho + t], hi0 = hi[ho + t];
              xr += hr0 * bar[t] - hi0 * bai[t];
              xi += hr0 * bai[t] + hi0 * bar[t];
            }
            out.ur()[uo + r] += xr;
            out.ui()[uo + r] += xi;
          }
        }
      }
    }
  }

  /** The backward pass of instance n for any d (see {@link #backward(Tensor, Tensor, Tensor, int[], Tensor, Tensor)}). */
  private static void backward(double[] hr, double[] hi, double[] ur, double[] ui, double[] wr, double[] wi,
      int[] owner, double[] gar, double[] gai, double[] grr, double[] gri, int n, int k, int nr, int c, int nt, int d,
      double[] gr, double[] gi, double[] bar, double[] bai, Sums out) {
    double[] our = out.ur(), oui = out.ui(), owr = out.wr(), owi = out.wi();
    for (int j = 0; j < k; j++) {
      int ao = (n * k + j) * nt * nt;
      for (int i = 0; i < k; i++) {
        if (gar == null && i != j) continue;
        int wo = (n * k + i) * d * d;
        adjoint(hr, hi, ur, ui, n, i, owner[j], k, nr, c, nt, d, gr, gi);
        java.util.Arrays.fill(bar, 0);
        java.util.Arrays.fill(bai, 0);
        if (gar != null) {
          for (int t = 0; t < nt && our != null; t++) {
            for (int s = 0; s < d; s++) {
              // (Ā G W^H + Ā^H G W)[t, s]
              double sr = 0, si = 0;
              for (int p = 0; p < nt; p++) {
                double a1r = gar[ao + t * nt + p], a1i = gai[ao + t * nt + p];
                double a2r = gar[ao + p * nt + t], a2i = -gai[ao + p * nt + t];
                for (int e = 0; e < d; e++) {
                  double gpr = gr[p * d + e], gpi = gi[p * d + e];
                  double w1r = wr[wo + s * d + e], w1i = -wi[wo + s * d + e];   // W^H[e, s]
                  double w2r = wr[wo + e * d + s], w2i = wi[wo + e * d + s];    // W[e, s]
                  double x1r = gpr * w1r - gpi * w1i, x1i = gpr * w1i + gpi * w1r;
                  double x2r = gpr * w2r - gpi * w2i, x2i = gpr * w2i + gpi * w2r;
                  sr += a1r * x1r - a1i * x1i + a2r * x2r - a2i * x2i;
                  si += a1r * x1i + a1i * x1r + a2r * x2i + a2i * x2r;
                }
              }
              bar[t * d + s] += sr;
              bai[t * d + s] += si;
            }
          }
          // W̄_i += G^H Ā G
          for (int e = 0; e < d && owr != null; e++) {
            for (int s = 0; s < d; s++) {
              double sr = 0, si = 0;
              for (int t = 0; t < nt; t++) {
                double xr = gr[t * d + e], xi = -gi[t * d + e];
                for (int p = 0; p < nt; p++) {
                  double mr = gar[ao + t * nt + p], mi = gai[ao + t * nt + p];
                  double yr = mr * gr[p * d + s] - mi * gi[p * d + s], yi = mr * gi[p * d + s] + mi * gr[p * d + s];
                  sr += xr * yr - xi * yi;
                  si += xr * yi + xi * yr;
                }
              }
              owr[wo + e * d + s] += sr;
              owi[wo + e * d + s] += si;
            }
          }
        }
        if (grr != null && i == j) {
          int ro = (n * k + j) * nt * d;
          for (int t = 0; t < nt; t++) {
            for (int s = 0; s < d; s++) {
              double sr = 0, si = 0;
              for (int e = 0; e < d; e++) {
                double xr = grr[ro + t * d + e], xi = gri[ro + t * d + e];
                double yr = wr[wo + s * d + e], yi = -wi[wo + s * d + e];
                sr += xr * yr - xi * yi;
                si += xr * yi + xi * yr;
              }
              bar[t * d + s] += sr;
              bai[t * d + s] += si;
            }
          }
          for (int e = 0; e < d && owr != null; e++) {
            for (int s = 0; s < d; s++) {
              double sr = 0, si = 0;
              for (int t = 0; t < nt; t++) {
                double xr = gr[t * d + e], xi = -gi[t * d + e], yr = grr[ro + t * d + s], yi = gri[ro + t * d + s];
                sr += xr * yr - xi * yi;
                si += xr * yi + xi * yr;
              }
              owr[wo + e * d + s] += sr;
              owi[wo + e * d + s] += si;
            }
          }
        }
        // Ū_i += H_ij Ḡ
        if (our == null) continue;
        int uo = (n * k + i) * nr * d;
        for (int r = 0; r < nr; r++) {
          int ho = (((n * k + i) * nr + r) * c + owner[j]) * nt;
          for (int s = 0; s < d; s++) {
            double sr = 0, si = 0;
            for (int t = 0; t < nt; t++) {
              double xr = hr[ho + t], xi = hi[ho + t], yr = bar[t * d + s], yi = bai[t * d + s];
              sr += xr * yr - xi * yi;
              si += xr * yi + xi * yr;
            }
            our[uo + r * d + s] += sr;
            oui[uo + r * d + s] += si;
          }
        }
      }
    }
  }
}
