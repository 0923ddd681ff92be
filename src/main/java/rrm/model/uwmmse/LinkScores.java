package rrm.model.uwmmse;

import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * The raw graph scores of {@link MimoUwmmse} (paper 001 eq. (11)), {@code s_ij = <omega, vec H_ij>} for channels
 * {@code H [B, M, N_r, C, N_t]} and weights {@code omega [N_r N_t, 1]}: {@code s [B, M, C]}, read from the channels in
 * place. It equals {@code H.permute(0, 1, 3, 2, 4).reshape(B, M, C, N_r N_t).matmul(omega)} bit for bit (each score is
 * the matmul's chain of fused multiply-adds over {@code p = r N_t + t} ascending, and each weight gradient its chain
 * over the links in order) without the permuted copy of the channels.
 */
final class LinkScores {
  /** Links per parallel work item of the forward pass. */
  private static final int GRAIN = 64;

  private LinkScores() {}

  /** Returns {@code s [B, M, C]}; differentiable in both arguments. */
  static Tensor apply(Tensor h, Tensor omega) {
    if (h == null || h.dim() != 5) {
      throw new IllegalArgumentException("LinkScores.apply: channels must be [B, M, N_r, C, N_t], got "
          + (h == null ? "null" : java.util.Arrays.toString(h.shape())));
    }
    int b = h.size(0), m = h.size(1), nr = h.size(2), c = h.size(3), nt = h.size(4), rt = nr * nt;
    if (omega == null || omega.dim() != 2 || omega.size(0) != rt || omega.size(1) != 1) {
      throw new IllegalArgumentException("LinkScores.apply: omega must be [N_r N_t, 1] = [" + rt + ", 1], got "
          + (omega == null ? "null" : java.util.Arrays.toString(omega.shape())));
    }
    double[] hr = h.data(), hi = h.imagOrZeros(), wr = omega.data(), wi = omega.imagOrZeros();
    double[] sr = new double[b * m * c], si = new double[sr.length];
    Parallel.forRange(b * m, GRAIN, (lo, hi2) -> {
      for (int q = lo; q < hi2; q++) {
        int h0 = q * nr * c * nt, s0 = q * c;
        for (int r = 0; r < nr; r++) {
          for (int j = 0; j < c; j++) {
            int ho = h0 + (r * c + j) * nt;
            double accR = sr[s0 + j], accI = si[s0 + j];
            for (int t = 0; t < nt; t++) {
              double xr = hr[ho + t], xi = hi[ho + t], yr = wr[r * nt + t], yi = wi[r * nt + t];
              accR = Math.fma(xr, yr, Math.fma(-xi, yi, accR));
              accI = Math.fma(xr, yi, Math.fma(xi, yr, accI));
            }
            sr[s0 + j] = accR;
            si[s0 + j] = accI;
          }
        }
      }
    });
    Tensor s = Tensor.complex(sr, si, b, m, c);
    return Autograd.record(s, "linkScores", g -> new Tensor[] {
        h.requiresGrad() ? channelGradient(g, omega, b, m, nr, c, nt) : null,
        omega.requiresGrad() ? weightGradient(h, g, nr, c, nt) : null}, h, omega);
  }

  /** {@code H̄[q, r, j, t] = g[q, j] conj(omega[r N_t + t])}. */
  private static Tensor channelGradient(Tensor g, Tensor omega, int b, int m, int nr, int c, int nt) {
    double[] gr = g.data(), gi = g.imagOrZeros(), wr = omega.data(), wi = omega.imagOrZeros();
    double[] or = new double[b * m * nr * c * nt], oi = new double[or.length];
    for (int q = 0; q < b * m; q++) {
      for (int r = 0; r < nr; r++) {
        for (int j = 0; j < c; j++) {
          int o = ((q * nr + r) * c + j) * nt;
          double xr = gr[q * c + j], xi = gi[q * c + j];
          for (int t = 0; t < nt; t++) {
            double yr = wr[r * nt + t], yi = -wi[r * nt + t];
            or[o + t] = xr * yr - xi * yi;
            oi[o + t] = xr * yi + xi * yr;
          }
        }
      }
    }
    return Tensor.complex(or, oi, b, m, nr, c, nt);
  }

  /**
   * {@code omega̅[p] = sum_links conj(H_link[p]) g_link}, one chain over the links in order per p, in one sequential
   * sweep over the channels (so the result does not depend on the thread count).
   */
  private static Tensor weightGradient(Tensor h, Tensor g, int nr, int c, int nt) {
    int rt = nr * nt, links = g.numel() / c;
    double[] hr = h.data(), hi = h.imagOrZeros(), gr = g.data(), gi = g.imagOrZeros();
    double[] or = new double[rt], oi = new double[rt];
    for (int q = 0; q < links; q++) {
      for (int r = 0; r < nr; r++) {
        int h0 = (q * nr + r) * c * nt;
        for (int j = 0; j < c; j++) {
          double vr = gr[q * c + j], vi = gi[q * c + j];
          for (int t = 0, o = h0 + j * nt, p = r * nt; t < nt; t++, o++, p++) {
            double ur = hr[o], ui = -hi[o];
            or[p] = Math.fma(ur, vr, Math.fma(-ui, vi, or[p]));
            oi[p] = Math.fma(ur, vi, Math.fma(ui, vr, oi[p]));
          }
        }
      }
    }
    return Tensor.complex(or, oi, rt, 1);
  }
}
