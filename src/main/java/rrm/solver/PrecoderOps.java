package rrm.solver;

import rrm.tensor.Autograd;
import rrm.tensor.Tensor;

/**
 * Two small fused ops of the WMMSE precoder update (one pass each, no broadcast temporaries), differentiable:
 *
 * <ul>
 *   <li>{@link #shift}: {@code A_j + (c + mu_j) I} for a real per-user shift; {@code Ā} passes through,
 *       {@code mū_j = Re tr(Ā_j)};
 *   <li>{@link #project}: {@code V_u s_c} with {@code s_c = min(1, sqrt(P_c / n_c))}, {@code n_c = sum_{u of c}
 *       ||V_u||_F^2} (paper 001 eq. (10)); the gradient is the identity where {@code s_c = 1} and, where the budget is
 *       exceeded, {@code V̄_w = s_c Ḡ_w - (s_c / n_c) (sum_{u of c} Re<Ḡ_u, V_u>) V_w}.
 * </ul>
 */
final class PrecoderOps {
  private PrecoderOps() {}

  /** Returns {@code a [B, K, n, n] + (constant + shift[b, j]) I}; {@code shift [B, K]} real or null. */
  static Tensor shift(Tensor a, Tensor shift, double constant) {
    int b = a.size(0), k = a.size(1), n = a.size(2);
    double[] re = a.data().clone();
    double[] im = a.imagData().clone();
    double[] mu = shift == null ? null : shift.data();
    for (int q = 0; q < b * k; q++) {
      double add = constant + (mu == null ? 0 : mu[q]);
      for (int t = 0; t < n; t++) re[(q * n + t) * n + t] += add;
    }
    Tensor out = Tensor.complex(re, im, a.shape());
    return Autograd.record(out, "shiftDiagonal", g -> new Tensor[] {g,
        shift == null ? null : g.real().diag().sum(-1)}, a, shift);
  }

  /** Returns the projected precoders {@code v [B, K, N_t, d]}; {@code owner[u]} indexes {@code budgets}. */
  static Tensor project(Tensor v, int[] owner, double[] budgets) {
    int b = v.size(0), k = v.size(1), per = v.size(2) * v.size(3), cells = budgets.length;
    double[] vr = v.data(), vi = v.imagData();
    double[] scale = new double[b * cells];
    double[] norm = new double[b * cells];
    for (int n = 0; n < b; n++) {
      for (int u = 0; u < k; u++) {
        double s = 0;
        for (int e = (n * k + u) * per, end = e + per; e < end; e++) s += vr[e] * vr[e] + vi[e] * vi[e];
        norm[n * cells + owner[u]] += s;
      }
      for (int c = 0; c < cells; c++) {
        double n2 = norm[n * cells + c];
        scale[n * cells + c] = n2 > budgets[c] ? Math.sqrt(budgets[c] / n2) : 1.0;
      }
    }
    double[] re = new double[vr.length], im = new double[vr.length];
    for (int n = 0; n < b; n++) {
      for (int u = 0; u < k; u++) {
        double s = scale[n * cells + owner[u]];
        for (int e = (n * k + u) * per, end = e + per; e < end; e++) {
          re[e] = s * vr[e];
          im[e] = s * vi[e];
        }
      }
    }
    Tensor out = Tensor.complex(re, im, v.shape());
    return Autograd.record(out, "project", g -> new Tensor[] {projectBackward(v, g, owner, scale, norm, cells)}, v);
  }

  private static Tensor projectBackward(Tensor v, Tensor g, int[] owner, double[] scale, double[] norm, int cells) {
    int b = v.size(0), k = v.size(1), per = v.size(2) * v.size(3);
    double[] vr = v.data(), vi = v.imagData(), gr = g.data(), gi = g.isComplex() ? g.imagData() : new double[gr.length];
    double[] dot = new double[b * cells];
    for (int n = 0; n < b; n++) {
      for (int u = 0; u < k; u++) {
        double s = 0;
        for (int e = (n * k + u) * per, end = e + per; e < end; e++) s += gr[e] * vr[e] + gi[e] * vi[e];
        dot[n * cells + owner[u]] += s;
      }
    }
    double[] re = new double[vr.length], im = new double[vr.length];
    for (int n = 0; n < b; n++) {
      for (int u = 0; u < k; u++) {
        int c = n * cells + owner[u];
        double s = scale[c];
        double radial = s < 1 ? s / norm[c] * dot[c] : 0;
        for (int e = (n * k + u) * per, end = e + per; e < end; e++) {
          re[e] = s * gr[e] - radial * vr[e];
          im[e] = s * gi[e] - radial * vi[e];
        }
      }
    }
    return Tensor.complex(re, im, v.shape());
  }
}
