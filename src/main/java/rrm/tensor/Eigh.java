package rrm.tensor;

/**
 * Hermitian eigendecomposition {@code A = V diag(λ) V^H} of a batch of small matrices, real or complex: eigenvalues
 * {@code values [..., n]} (real, ascending) and orthonormal eigenvectors {@code vectors [..., n, n]} (column j belongs
 * to {@code λ_j}). Used by WMMSE-Shi's bisection (paper 001) and GCN-WMMSE's μ-block (paper 004).
 *
 * <p>Forward: cyclic complex Jacobi. Each rotation zeroes {@code a_pq} with the unitary
 * {@code G = [[c, s e^{iφ}], [-s e^{-iφ}, c]]} on rows and columns p, q ({@code φ = arg a_pq}, {@code t = s/c} the
 * smaller root of {@code t^2 + 2θt - 1 = 0}, {@code θ = (a_qq - a_pp) / (2|a_pq|)}); sweeps repeat until every
 * off-diagonal entry is negligible. The input must be Hermitian up to rounding (the message names the matrix
 * otherwise). Each eigenvector's phase is fixed so that its entry of largest modulus (the first, at ties) is real
 * and positive.
 *
 * <p>Backward (for Hermitian perturbations; the gradient is Hermitian):
 * {@code Ā = V (diag(λ̄) + F ∘ (M - M^H) / 2) V^H} with {@code M = V^H V̄} and {@code F_ij = 1 / (λ_j - λ_i)} off the
 * diagonal, 0 on it. <b>Caveats.</b> With repeated (or nearly repeated) eigenvalues the eigenvectors are not unique
 * and the vector gradient is undefined (infinite) or ill-conditioned; only the eigenvalue gradient is then usable.
 * The eigenvector phases are a gauge: a loss must not depend on them (use, e.g., {@code |v|^2} or
 * {@code V f(Λ) V^H}), or its gradient is meaningless.
 *
 * @param values eigenvalues {@code [..., n]}, ascending
 * @param vectors eigenvectors {@code [..., n, n]} as columns
 */
public record Eigh(Tensor values, Tensor vectors) {
  private static final double EPS = 0x1p-53;
  private static final int MAX_SWEEPS = 60;

  /** Decomposes every matrix of {@code a [..., n, n]}; see {@link Tensor#eigh()}. */
  static Eigh of(Tensor a) {
    String op = "eigh";
    Shape.square(op, "a", a);
    Matrices.requireFinite(op, a);
    Matrices.requireHermitian(op, a);
    int n = a.shape[a.dim() - 1];
    int count = Matrices.count(a);
    double[] lam = new double[count * n];
    double[] vr = new double[a.re.length];
    double[] vi = new double[a.re.length];
    int[] failed = new int[count];
    Parallel.forRange(count, Parallel.grain(10L * n * n * n + 1), (from, to) -> {
      double[] wr = new double[n * n];
      double[] wi = new double[n * n];
      double[] tr = new double[n * n];
      double[] ti = new double[n * n];
      for (int b = from; b < to; b++) {
        int o = b * n * n;
        System.arraycopy(a.re, o, wr, 0, n * n);
        if (a.im != null) System.arraycopy(a.im, o, wi, 0, n * n);
        else java.util.Arrays.fill(wi, 0);
        if (!jacobi(wr, wi, tr, ti, n)) failed[b] = 1;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            vr[o + i * n + j] = tr[j * n + i];
            vi[o + i * n + j] = ti[j * n + i];
          }
        }
        finish(wr, lam, b * n, vr, vi, o, n);
      }
    });
    int bad = Matrices.firstFailure(failed);
    if (bad >= 0) throw Matrices.fail(op, bad, a.shape, "did not converge in " + MAX_SWEEPS + " Jacobi sweeps");
    boolean complex = a.im != null;
    Tensor values = Tensor.wrap(lam, null, Shape.prefix(a.shape, 1));
    Tensor vectors = Tensor.wrap(vr, complex ? vi : null, a.shape.clone());
    Tensor recordedValues = Autograd.record(values, "eigh (values)", g -> new Tensor[] {
        vectors.matmul(g.real().diagEmbed()).matmul(vectors.mH())}, a);
    Tensor recordedVectors = Autograd.record(vectors, "eigh (vectors)", g -> new Tensor[] {
        vectorGradient(values, vectors, g)}, a);
    return new Eigh(recordedValues, recordedVectors);
  }

  /** {@code V (F ∘ (M - M^H) / 2) V^H} with {@code M = V^H V̄}. */
  private static Tensor vectorGradient(Tensor values, Tensor v, Tensor g) {
    Tensor m = v.mH().matmul(g);
    Tensor skew = m.sub(m.mH()).mul(0.5);
    int n = v.shape[v.dim() - 1];
    int count = Matrices.count(v);
    double[] f = new double[count * n * n];
    for (int b = 0; b < count; b++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j) f[b * n * n + i * n + j] = 1.0 / (values.re[b * n + j] - values.re[b * n + i]);
        }
      }
    }
    Tensor scaled = skew.mul(Tensor.wrap(f, null, v.shape.clone()));
    return v.matmul(scaled).matmul(v.mH());
  }

  /**
   * Diagonalises the Hermitian work matrix w in place, accumulating the eigenvectors as the rows of t (that is,
   * {@code t = V^T}, so every update runs along rows); returns false if it did not converge.
   */
  private static boolean jacobi(double[] wr, double[] wi, double[] tr, double[] ti, int n) {
    java.util.Arrays.fill(tr, 0);
    java.util.Arrays.fill(ti, 0);
    for (int i = 0; i < n; i++) tr[i * n + i] = 1;
    double norm = 0;
    for (int k = 0; k < n * n; k++) norm += wr[k] * wr[k] + wi[k] * wi[k];
    double floor = EPS * EPS * Math.sqrt(norm);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double xr = wr[p * n + q], xi = wi[p * n + q];
          double r = Elementwise.hypot(xr, xi);
          double app = wr[p * n + p], aqq = wr[q * n + q];
          if (r <= floor || r <= EPS * Math.sqrt(Math.abs(app * aqq))) continue;
          rotated = true;
          rotate(wr, wi, tr, ti, n, p, q, xr / r, xi / r, r, app, aqq);
        }
      }
      if (!rotated) return true;
    }
    return false;
  }

  private static void rotate(double[] wr, double[] wi, double[] tr, double[] ti, int n, int p, int q, double er,
      double ei, double r, double app, double aqq) {
    double theta = (aqq - app) / (2 * r);
    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    // A' = G^H A G: for k outside {p, q}, a_pk' = c a_pk - s e^{iφ} a_qk, a_qk' = s e^{-iφ} a_pk + c a_qk, and the
    // columns follow by Hermitian symmetry.
    for (int k = 0; k < n; k++) {
      if (k == p || k == q) continue;
      double pr = wr[p * n + k], pi = wi[p * n + k], qr = wr[q * n + k], qi = wi[q * n + k];
      double npr = c * pr - s * (er * qr - ei * qi), npi = c * pi - s * (er * qi + ei * qr);
      double nqr = s * (er * pr + ei * pi) + c * qr, nqi = s * (er * pi - ei * pr) + c * qi;
      wr[p * n + k] = npr;
      wi[p * n + k] = npi;
      wr[q * n + k] = nqr;
      wi[q * n + k] = nqi;
      wr[k * n + p] = npr;
      wi[k * n + p] = -npi;
      wr[k * n + q] = nqr;
      wi[k * n + q] = -nqi;
    }
    wr[p * n + q] = 0;
    wi[p * n + q] = 0;
    wr[q * n + p] = 0;
    wi[q * n + p] = 0;
    wr[p * n + p] = app - t * r;
    wr[q * n + q] = aqq + t * r;
    // V' = V G on the rows of t = V^T: t_p' = c t_p - s e^{-iφ} t_q, t_q' = s e^{iφ} t_p + c t_q
    int po = p * n, qo = q * n;
    for (int k = 0; k < n; k++) {
      double pr = tr[po + k], pi = ti[po + k], qr = tr[qo + k], qi = ti[qo + k];
      tr[po + k] = c * pr - s * (er * qr + ei * qi);
      ti[po + k] = c * pi - s * (er * qi - ei * qr);
      tr[qo + k] = s * (er * pr - ei * pi) + c * qr;
      ti[qo + k] = s * (er * pi + ei * pr) + c * qi;
    }
  }

  /** Sorts eigenpairs ascending and fixes each eigenvector's phase. */
  private static void finish(double[] w, double[] lam, int lo, double[] vr, double[] vi, int o, int n) {
    for (int i = 0; i < n; i++) lam[lo + i] = w[i * n + i];
    for (int i = 0; i < n; i++) {
      int m = i;
      for (int j = i + 1; j < n; j++) if (lam[lo + j] < lam[lo + m]) m = j;
      if (m != i) {
        double t = lam[lo + i];
        lam[lo + i] = lam[lo + m];
        lam[lo + m] = t;
        for (int k = 0; k < n; k++) {
          swap(vr, o + k * n + i, o + k * n + m);
          swap(vi, o + k * n + i, o + k * n + m);
        }
      }
    }
    for (int j = 0; j < n; j++) {
      int best = 0;
      double bm = -1;
      for (int k = 0; k < n; k++) {
        double mk = vr[o + k * n + j] * vr[o + k * n + j] + vi[o + k * n + j] * vi[o + k * n + j];
        if (mk > bm) {
          bm = mk;
          best = k;
        }
      }
      double mr = vr[o + best * n + j], mi = vi[o + best * n + j];
      double mod = Elementwise.hypot(mr, mi);
      double ur = mr / mod, ui = -mi / mod; // multiply the column by conj(phase)
      for (int k = 0; k < n; k++) {
        double a = vr[o + k * n + j], b = vi[o + k * n + j];
        vr[o + k * n + j] = a * ur - b * ui;
        vi[o + k * n + j] = a * ui + b * ur;
      }
      vi[o + best * n + j] = 0;
    }
  }

  private static void swap(double[] x, int i, int j) {
    double t = x[i];
    x[i] = x[j];
    x[j] = t;
  }
}
