package rrm.solver;

import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/**
 * The centralised sums of {@link MimoNeighbourhood} for MISO links (one receive antenna, one stream) when many
 * updates run on the same channels (classical WMMSE). With {@code h_ij} the row channel from transmitter j to receiver
 * i, the Gram matrix {@code M_ij = h_ij^H h_ij} ({@code N_t x N_t}, Hermitian) serves both sums of an update:
 *
 * <pre>
 *   receiver i:     N_i = c_i + sum_{j != i} |h_ij v_j|^2 = c_i + sum_{j != i} v_j^H M_ij v_j
 *   transmitter j:  A_j = sum_i |u_i|^2 w_i M_ij
 * </pre>
 *
 * Every {@code M_ij} is formed once, packed as {@code N_t^2} reals (the diagonal, then the real and imaginary parts of
 * the upper triangle), row by row: receiver i's row holds its K links, its own link zeroed (kept apart for A_i). Both
 * sums then stream the rows once per update: {@code N_i} is the dot product of row i with the transmitters' packed
 * {@code v_j v_j^H}, and the {@code A_j} are the weighted sum of the rows over i, a loop the JIT vectorises. Per link
 * that is {@code N_t^2} multiply-adds in each sum instead of forming {@code h_ij v_j} and {@code conj(h_ij) u_i} anew,
 * and the two sums read the same array. The results equal the fused kernels ({@link MimoSignals#receive},
 * {@link TransmitKernel}) up to rounding (the products are grouped differently). Receivers are summed one per work item
 * and each {@code A_j} over i descending (the transmitters split into one contiguous block per thread, each streaming
 * the rows' segment of its block), so results do not depend on the thread count. The receive pass runs over the rows
 * ascending and the transmit pass descending, so each starts on the rows the other left in the cache (about 7 % less
 * CPU time at K = 1000, where the rows take 32 MB).
 *
 * <p>Without gradients only: when a precoder, receiver or weight requires a gradient, or a weight is complex, the sums
 * come from the fused kernels, which record their backward passes.
 */
final class MisoGram implements MimoNeighbourhood {
  private final MimoSignals s;
  private final int b;
  private final int k;
  private final int nt;
  private final int m;
  /** Packed Gram matrices {@code [B, K (receiver), K (transmitter), N_t^2]}, own links zeroed. */
  private final double[] gram;
  /** Packed Gram matrices of the own links, {@code [B, K, N_t^2]}. */
  private final double[] own;
  /** Direct channels {@code h_ii}, {@code [B, K, N_t]}. */
  private final double[] dr;
  private final double[] di;

  private MisoGram(MimoSignals s) {
    this.s = s;
    b = s.batch();
    k = s.users();
    nt = s.txAntennas();
    m = nt * nt;
    double[] hr = s.channels().data(), hi = s.channels().imagData();
    gram = new double[b * k * k * m];
    own = new double[b * k * m];
    dr = new double[b * k * nt];
    di = new double[dr.length];
    Parallel.forRange(b * k, Parallel.grain((long) k * m * 2), (lo, hi2) -> {
      for (int q = lo; q < hi2; q++) {
        int i = q % k;
        for (int j = 0; j < k; j++) {
          int h = (q * k + j) * nt;
          if (j == i) {
            pack(hr, hi, h, own, q * m);
            System.arraycopy(hr, h, dr, q * nt, nt);
            System.arraycopy(hi, h, di, q * nt, nt);
          } else {
            pack(hr, hi, h, gram, (q * k + j) * m);
          }
        }
      }
    });
  }

  /** Returns the sums for MISO signals (N_r = d = 1, interference channel); null for any other problem. */
  static MisoGram of(MimoSignals s) {
    if (s.rxAntennas() != 1 || s.streams() != 1 || s.channels().size(3) != s.users()) return null;
    int[] owner = s.owner();
    for (int j = 0; j < owner.length; j++) {
      if (owner[j] != j) return null;
    }
    return new MisoGram(s);
  }

  /** Writes the packed {@code h^H h} of the row {@code h} (at {@code h0} of hr, hi) to {@code out[o..o + N_t^2)}. */
  private void pack(double[] hr, double[] hi, int h0, double[] out, int o) {
    int x = o + nt;
    for (int t = 0; t < nt; t++) {
      double ar = hr[h0 + t], ai = hi[h0 + t];
      out[o + t] = ar * ar + ai * ai;
      for (int p = t + 1; p < nt; p++) {        // conj(h_t) h_p
        double br = hr[h0 + p], bi = hi[h0 + p];
        out[x++] = ar * br + ai * bi;
        out[x++] = ar * bi - ai * br;
      }
    }
  }

  @Override
  public MimoSignals.Received receive(Tensor v, double loading) {
    if (Autograd.enabled() && v.requiresGrad()) return s.receive(v, loading);
    s.checkPrecoders("MisoGram.receive", v);
    if (!(loading >= 0) || !Double.isFinite(loading)) {
      throw new IllegalArgumentException("MisoGram.receive: loading must be >= 0 and finite, got " + loading);
    }
    double[] vr = v.data(), vi = v.imagData(), noise = s.noise();
    double[] q = new double[b * k * m];                    // packed v_j v_j^H, off-diagonal terms doubled
    for (int j = 0; j < b * k; j++) {
      int o = j * m, x = o + nt, vo = j * nt;
      for (int t = 0; t < nt; t++) {
        double ar = vr[vo + t], ai = vi[vo + t];
        q[o + t] = ar * ar + ai * ai;
        for (int p = t + 1; p < nt; p++) {                 // 2 conj(v_t) v_p, sign of Im folded in
          double br = vr[vo + p], bi = vi[vo + p];
          q[x++] = 2 * (ar * br + ai * bi);
          q[x++] = -2 * (ar * bi - ai * br);
        }
      }
    }
    double[] outR = new double[b * k], outI = new double[b * k], cov = new double[b * k];
    Parallel.forRange(b * k, Parallel.grain((long) k * m * 2), (lo, hi2) -> {
      for (int r = lo; r < hi2; r++) {
        int n = r / k;
        cov[r] = noise[r % k] + loading + dot(gram, r * k * m, q, n * k * m, k * m);
        double sr = 0, si = 0;
        for (int t = 0; t < nt; t++) {
          double ar = dr[r * nt + t], ai = di[r * nt + t], br = vr[r * nt + t], bi = vi[r * nt + t];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        outR[r] = sr;
        outI[r] = si;
      }
    });
    return new MimoSignals.Received(Tensor.complex(outR, outI, b, k, 1, 1),
        Tensor.complex(cov, new double[b * k], b, k, 1, 1));
  }

  /** Returns {@code sum_x a[ao + x] c[co + x]} over {@code x < len}, in four interleaved partial sums. */
  private static double dot(double[] a, int ao, double[] c, int co, int len) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int x = 0;
    for (; x + 3 < len; x += 4) {
      s0 += a[ao + x] * c[co + x];
      s1 += a[ao + x + 1] * c[co + x + 1];
      s2 += a[ao + x + 2] * c[co + x + 2];
      s3 += a[ao + x + 3] * c[co + x + 3];
    }
    for (; x < len; x++) s0 += a[ao + x] * c[co + x];
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public Tensor[] transmit(Tensor u, Tensor w) {
    if (Autograd.enabled() && (u.requiresGrad() || w.requiresGrad()) || !real(w)) {
      return TransmitKernel.apply(s.channels(), u, w, s.owner());
    }
    double[] ur = u.data(), ui = u.imagData(), wr = w.data();
    double[] weight = new double[b * k];                    // |u_i|^2 w_i
    double[] rr = new double[b * k * nt], ri = new double[rr.length];
    for (int q = 0; q < b * k; q++) {
      double u0r = ur[q], u0i = ui == null ? 0 : ui[q], w0 = wr[q];
      weight[q] = w0 * (u0r * u0r + u0i * u0i);
      for (int t = 0; t < nt; t++) {                        // rhs_q = w_q conj(h_qq) u_q
        double xr = dr[q * nt + t], xi = -di[q * nt + t];
        rr[q * nt + t] = w0 * (xr * u0r - xi * u0i);
        ri[q * nt + t] = w0 * (xr * u0i + xi * u0r);
      }
    }
    double[] packed = new double[b * k * m];
    int blocks = Math.min(k, Parallel.threads()), width = (k + blocks - 1) / blocks;
    Parallel.forRange(b * blocks, Parallel.grain((long) k * width * m + 1), (lo, hi2) -> {
      double[] acc = new double[width * m];
      for (int item = lo; item < hi2; item++) {
        int n = item / blocks, j0 = item % blocks * width, j1 = Math.min(k, j0 + width);
        int len = Math.max(0, j1 - j0) * m;
        java.util.Arrays.fill(acc, 0);
        for (int i = k - 1; i >= 0; i--) {                   // descending: the receive pass ended on these rows
          int q = n * k + i, row = (q * k + j0) * m;
          double c = weight[q];
          for (int x = 0; x < len; x++) acc[x] += c * gram[row + x];
          if (i >= j0 && i < j1) {                          // the own link, in its place in the sum over i
            for (int x = 0; x < m; x++) acc[(i - j0) * m + x] += c * own[q * m + x];
          }
        }
        System.arraycopy(acc, 0, packed, (n * k + j0) * m, len);
      }
    });
    return new Tensor[] {unpack(packed), Tensor.complex(rr, ri, b, k, nt, 1)};
  }

  /** Returns the Hermitian {@code [B, K, N_t, N_t]} matrices of their packed form. */
  private Tensor unpack(double[] packed) {
    double[] ar = new double[b * k * m], ai = new double[ar.length];
    for (int q = 0; q < b * k; q++) {
      int o = q * m, x = o + nt;
      for (int t = 0; t < nt; t++) {
        ar[o + t * nt + t] = packed[o + t];
        for (int p = t + 1; p < nt; p++) {
          double re = packed[x++], im = packed[x++];
          ar[o + t * nt + p] = re;
          ai[o + t * nt + p] = im;
          ar[o + p * nt + t] = re;
          ai[o + p * nt + t] = -im;
        }
      }
    }
    return Tensor.complex(ar, ai, b, k, nt, nt);
  }

  private static boolean real(Tensor w) {
    double[] im = w.imagData();
    if (im == null) return true;
    for (double x : im) {
      if (x != 0) return false;
    }
    return true;
  }

  @Override
  public long messagesPerIteration() {
    return 0;
  }
}
