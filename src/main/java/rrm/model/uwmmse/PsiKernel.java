package rrm.model.uwmmse;

import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * The GCN Psi of eqs. (11)-(12) as one differentiable op with hand-written forward and backward loops: a profile
 * showed that the ~12 small tensor ops per GCN (matmuls with inner sizes 3 and 4, broadcasts, slices) cost most of
 * a UWMMSE forward pass. Per sample and node i, with X the shared layer-1 input {@code [D X0, S X0 (, 1)]}:
 *
 * <pre>
 *   z_i  = relu(X_i W1)                                   W1 = [Omega11; Omega12 (; c1)]   [P, F]
 *   pre_i = G_ii (z_i . w21) + (S (Z w22))_i + c2
 *   a_i  = sigmoid(pre_i)
 * </pre>
 *
 * Backward (gradients to W1, w21, w22, c2; X and G are data): {@code gpre = ga a (1 - a)},
 * {@code gy1 = D gpre}, {@code gy2 = S^T gpre}, {@code gw21 = sum z gy1}, {@code gw22 = sum z gy2},
 * {@code gz = gy1 w21^T + gy2 w22^T} masked by {@code z > 0}, {@code gW1 = sum X^T gz}.
 *
 * <p>X ({@code [B, P, M]}) and Z ({@code [B, F, M]}) are stored feature-major, so every inner loop runs over the M
 * nodes of a sample and vectorises. Sums over samples and nodes run in a fixed order (sample, then node), so results
 * do not depend on the thread count.
 */
final class PsiKernel {
  /** About 2^18 multiply-adds per parallel chunk: smaller chunks cost more to hand out than they save. */
  private static final long CHUNK_WORK = 1L << 18;

  private PsiKernel() {}

  static Tensor apply(GcnInput x, Tensor w1, Tensor w21, Tensor w22, Tensor c2) {
    int b = x.direct.size(0), m = x.direct.size(1);
    int p = w1.size(0), f = w1.size(1);
    double[] xs = x.layer1.data();
    double[] d = x.direct.data();
    double[] wa = w1.data(), wb = w21.data(), wc = w22.data();
    double bias = c2 == null ? 0 : c2.data()[0];
    double[] z = new double[b * f * m];
    double[] y1 = new double[b * m];
    double[] y2 = new double[b * m];
    Parallel.forRange(b, (int) Math.max(1, CHUNK_WORK / ((long) m * (p + 2) * f)), (from, to) -> {
      for (int s = from; s < to; s++) {
        int yo = s * m;
        for (int c = 0; c < f; c++) {
          int zo = (s * f + c) * m;
          for (int k = 0; k < p; k++) {
            double w = wa[k * f + c];
            int xo = (s * p + k) * m;
            for (int i = 0; i < m; i++) z[zo + i] += w * xs[xo + i];
          }
          double u = wb[c], v = wc[c];
          for (int i = 0; i < m; i++) {
            double zv = Math.max(z[zo + i], 0);
            z[zo + i] = zv;
            y1[yo + i] += zv * u;
            y2[yo + i] += zv * v;
          }
        }
      }
    });
    boolean txRow = x.shift == GcnShift.TX_ROW;
    double[] sy2 = x.g.apply(y2, txRow);
    double[] out = new double[b * m];
    for (int n = 0; n < out.length; n++) {
      double v = d[n] * y1[n] + sy2[n] + bias;
      double e = Math.exp(-Math.abs(v));
      out[n] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
    Tensor a = Tensor.of(out, b, m);
    return Autograd.record(a, "Gcn.psi", ga -> {
      double[] g = ga.data();
      double[] gpre = new double[b * m];
      double[] gy1 = new double[b * m];
      double gc = 0;
      for (int n = 0; n < gpre.length; n++) {
        gpre[n] = g[n] * out[n] * (1 - out[n]);
        gy1[n] = d[n] * gpre[n];
        gc += gpre[n];
      }
      double[] gy2 = x.g.apply(gpre, !txRow);
      double[] gw1 = new double[p * f];
      double[] gw21 = new double[f];
      double[] gw22 = new double[f];
      double[] gz = new double[m];
      for (int s = 0; s < b; s++) {
        int yo = s * m;
        for (int c = 0; c < f; c++) {
          int zo = (s * f + c) * m;
          double u = wb[c], v = wc[c], s21 = 0, s22 = 0;
          for (int i = 0; i < m; i++) {
            double zv = z[zo + i];
            s21 += zv * gy1[yo + i];
            s22 += zv * gy2[yo + i];
            gz[i] = zv > 0 ? gy1[yo + i] * u + gy2[yo + i] * v : 0;
          }
          gw21[c] += s21;
          gw22[c] += s22;
          for (int k = 0; k < p; k++) {
            int xo = (s * p + k) * m;
            double acc = 0;
            for (int i = 0; i < m; i++) acc += xs[xo + i] * gz[i];
            gw1[k * f + c] += acc;
          }
        }
      }
      return new Tensor[] {Tensor.of(gw1, p, f), Tensor.of(gw21, f, 1), Tensor.of(gw22, f, 1),
          c2 == null ? null : Tensor.of(new double[] {gc}, c2.shape())};
    }, w1, w21, w22, c2);
  }
}
