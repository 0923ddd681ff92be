package rrm.tensor;

/**
 * Hermitian eigendecomposition {@code A = V diag(λ) V^H} of a batch of small matrices, real or complex: eigenvalues
 * {@code values [..., n]} (real, ascending) and orthonormal eigenvectors {@code vectors [..., n, n]} (column j belongs
 * to {@code λ_j}). Used by WMMSE-Shi's bisection (paper 001) and GCN-WMMSE's μ-block (paper 004).
 *
 * <p>Forward, per matrix: Householder reduction to a Hermitian tridiagonal matrix {@code A = Q T Q^H} (n - 2 complex
 * reflectors), a diagonal unitary D that makes T's off-diagonal real and non-negative ({@code T = D T_r D^H}), then
 * the implicit QL iteration with Wilkinson shifts on the real symmetric {@code T_r}, its plane rotations applied to
 * the columns of {@code Q D} (so the eigenvectors cost real rotations of complex columns); at n = 5 this takes half
 * the time of the cyclic complex Jacobi method it replaced (engine benchmark). The input must be Hermitian up to rounding
 * (the message names the matrix otherwise; only the lower triangle is read). Each eigenvector's phase is fixed so
 * that its entry of largest modulus (the first, at ties) is real and positive.
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
  /** The QL iterations allowed per eigenvalue (two or three are typical). */
  private static final int MAX_ITERATIONS = 60;

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
      double[] zr = new double[n * n];
      double[] zi = new double[n * n];
      double[] d = new double[n];
      double[] e = new double[n];
      double[] scratch = new double[4 * n];
      int[] order = new int[n];
      for (int b = from; b < to; b++) {
        int shift = load(a.re, a.im, b * n * n, wr, wi, n);
        tridiagonalise(wr, wi, zr, zi, n, d, e, scratch);
        if (!ql(d, e, zr, zi, n)) failed[b] = 1;
        finish(d, shift, zr, zi, n, order, lam, b * n, vr, vi, b * n * n);
      }
    });
    int bad = Matrices.firstFailure(failed);
    if (bad >= 0) {
      throw Matrices.fail(op, bad, a.shape, "did not converge in " + MAX_ITERATIONS + " QL iterations per eigenvalue");
    }
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
   * Copies the matrix at {@code o} into the full Hermitian {@code w} (its lower triangle, mirrored), scaled by a power
   * of two (exact) so that the largest entry of the lower triangle is in [1, 2): no overflow in the squares. Returns
   * the exponent to scale the eigenvalues back by.
   */
  private static int load(double[] re, double[] im, int o, double[] wr, double[] wi, int n) {
    double big = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double r = re[o + i * n + j], c = im == null ? 0 : im[o + i * n + j];
        big = Math.max(big, Math.max(Math.abs(r), Math.abs(c)));
        wr[i * n + j] = r;
        wi[i * n + j] = c;
      }
    }
    int shift = big > 0 ? Math.getExponent(big) : 0;
    double down = Math.scalb(1.0, -shift);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double r = wr[i * n + j] * down, c = wi[i * n + j] * down;
        wr[i * n + j] = r;
        wi[i * n + j] = c;
        wr[j * n + i] = r;
        wi[j * n + i] = -c;
      }
      wr[i * n + i] *= down;
      wi[i * n + i] = 0;
    }
    return shift;
  }

  /**
   * Reduces the full Hermitian matrix w (overwritten) to the real tridiagonal {@code T_r}: diagonal d, off-diagonal
   * {@code e[0 .. n-2]} (non-negative), and writes {@code Z = (Q D)^T} into {@code zr, zi}, so that
   * {@code A = (Q D) T_r (Q D)^H} and row j of Z is column j of {@code Q D}. Step k applies the reflector
   * {@code H_k = I - tau v v^H} (v on rows k+1 .. n-1) to both sides; v is kept in column k below the diagonal and Q^T
   * is accumulated backward, {@code H_{n-3}^T ... H_0^T}, each reflector touching only the trailing block. Scratch:
   * length 4n.
   */
  private static void tridiagonalise(double[] wr, double[] wi, double[] zr, double[] zi, int n, double[] d,
      double[] e, double[] scratch) {
    // scratch: p (re, im interleaved) in [0, 2n), each reflector's tau in [2n, 3n), and the imaginary parts of the
    // sub-diagonal entries t_k in [3n, 4n) (their real parts wait in e until D is formed)
    int tauAt = 2 * n;
    for (int k = 0; k < n - 2; k++) {
      int s = k + 1;
      double x0r = wr[s * n + k], x0i = wi[s * n + k];
      double tail = 0;
      for (int i = s + 1; i < n; i++) tail += wr[i * n + k] * wr[i * n + k] + wi[i * n + k] * wi[i * n + k];
      scratch[tauAt + k] = 0;
      if (tail == 0) continue; // already tridiagonal in this column: the sub-diagonal entry stays x0
      double x0 = Elementwise.hypot(x0r, x0i);
      double norm = Math.sqrt(x0 * x0 + tail);
      double phr = x0 == 0 ? 1 : x0r / x0, phi = x0 == 0 ? 0 : x0i / x0;
      double alr = -phr * norm, ali = -phi * norm; // alpha = -phase(x0) |x|: H x = alpha e_1
      // v = x - alpha e_1 in column k (the sub-diagonal entry becomes alpha after the step), tau = 2 / v^H v
      wr[s * n + k] = x0r - alr;
      wi[s * n + k] = x0i - ali;
      double tau = 1 / (norm * norm + norm * x0);
      scratch[tauAt + k] = tau;
      // p = tau B v over the trailing block B = w[s.., s..]
      double kk = 0;
      for (int i = s; i < n; i++) {
        double sr = 0, si = 0;
        for (int j = s; j < n; j++) {
          double br = wr[i * n + j], bi = wi[i * n + j], vr = wr[j * n + k], vi = wi[j * n + k];
          sr += br * vr - bi * vi;
          si += br * vi + bi * vr;
        }
        double pr = tau * sr, pi = tau * si;
        scratch[2 * i] = pr;
        scratch[2 * i + 1] = pi;
        kk += wr[i * n + k] * pr + wi[i * n + k] * pi; // Re v^H p
      }
      kk *= tau / 2;
      // w = p - K v; B -= v w^H + w v^H on the lower triangle, mirrored
      for (int i = s; i < n; i++) {
        scratch[2 * i] -= kk * wr[i * n + k];
        scratch[2 * i + 1] -= kk * wi[i * n + k];
      }
      for (int i = s; i < n; i++) {
        double vir = wr[i * n + k], vii = wi[i * n + k], pir = scratch[2 * i], pii = scratch[2 * i + 1];
        for (int j = s; j <= i; j++) {
          double vjr = wr[j * n + k], vji = wi[j * n + k], pjr = scratch[2 * j], pji = scratch[2 * j + 1];
          // v_i conj(w_j) + w_i conj(v_j)
          double r = wr[i * n + j] - (vir * pjr + vii * pji + pir * vjr + pii * vji);
          double c = wi[i * n + j] - (vii * pjr - vir * pji + pii * vjr - pir * vji);
          wr[i * n + j] = r;
          wi[i * n + j] = c;
          wr[j * n + i] = r;
          wi[j * n + i] = -c;
        }
        wi[i * n + i] = 0;
      }
      // the sub-diagonal entry alpha, read below as t_k
      e[k] = alr;
      scratch[3 * n + k] = ali;
    }
    if (n >= 2) {
      e[n - 2] = wr[(n - 1) * n + n - 2];
      scratch[3 * n + n - 2] = wi[(n - 1) * n + n - 2];
      for (int k = 0; k < n - 2; k++) {
        if (scratch[tauAt + k] == 0) { // untouched column: t_k is the entry itself
          e[k] = wr[(k + 1) * n + k];
          scratch[3 * n + k] = wi[(k + 1) * n + k];
        }
      }
    }
    for (int i = 0; i < n; i++) d[i] = wr[i * n + i];
    // X = Q^T = H_{n-3}^T ... H_0^T, backward: x_r <- x_r - tau (x_r . conj(v)) v^T on rows and columns k+1 ..
    java.util.Arrays.fill(zr, 0);
    java.util.Arrays.fill(zi, 0);
    for (int i = 0; i < n; i++) zr[i * n + i] = 1;
    for (int k = n - 3; k >= 0; k--) {
      double tau = scratch[tauAt + k];
      if (tau == 0) continue;
      for (int r = k + 1; r < n; r++) {
        double sr = 0, si = 0;
        for (int j = k + 1; j < n; j++) {
          double xr = zr[r * n + j], xi = zi[r * n + j], vr = wr[j * n + k], vi = wi[j * n + k];
          sr += xr * vr + xi * vi;
          si += xi * vr - xr * vi;
        }
        sr *= tau;
        si *= tau;
        for (int j = k + 1; j < n; j++) {
          double vr = wr[j * n + k], vi = wi[j * n + k];
          zr[r * n + j] -= sr * vr - si * vi;
          zi[r * n + j] -= sr * vi + si * vr;
        }
      }
    }
    // D: delta_0 = 1, delta_{i+1} = delta_i t_i / |t_i|; row i of Z is delta_i times row i of Q^T, and e_i = |t_i|
    double dr = 1, di = 0;
    for (int i = 1; i < n; i++) {
      double tr = e[i - 1], ti = scratch[3 * n + i - 1];
      double t = Elementwise.hypot(tr, ti);
      e[i - 1] = t;
      if (t > 0) {
        double nr = (dr * tr - di * ti) / t, ni = (dr * ti + di * tr) / t;
        dr = nr;
        di = ni;
      }
      for (int j = 0; j < n; j++) {
        int at = i * n + j;
        double qr = zr[at], qi = zi[at];
        zr[at] = qr * dr - qi * di;
        zi[at] = qr * di + qi * dr;
      }
    }
    e[n - 1] = 0;
  }

  /**
   * Implicit QL with Wilkinson shifts on the real symmetric tridiagonal (d, e), rotating the rows of the complex
   * {@code n x n} z (the transposed eigenvector basis); leaves the eigenvalues (unsorted) in d. Returns false if an
   * eigenvalue needed more than {@link #MAX_ITERATIONS} iterations.
   */
  private static boolean ql(double[] d, double[] e, double[] zr, double[] zi, int n) {
    for (int l = 0; l < n; l++) {
      int iterations = 0;
      while (true) {
        int m = l;
        for (; m < n - 1; m++) {
          double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
          if (Math.abs(e[m]) + dd == dd) break;
        }
        if (m == l) break;
        if (++iterations > MAX_ITERATIONS) return false;
        double g = (d[l + 1] - d[l]) / (2 * e[l]);
        double r = Elementwise.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
        double s = 1, c = 1, p = 0;
        int i = m - 1;
        for (; i >= l; i--) {
          double f = s * e[i], b = c * e[i];
          r = Elementwise.hypot(f, g);
          e[i + 1] = r;
          if (r == 0) { // underflow: split here and start over
            d[i + 1] -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          // rows i and i+1 of z: z_{i+1} <- s z_i + c z_{i+1}, z_i <- c z_i - s z_{i+1}
          for (int k = 0; k < n; k++) {
            int a0 = i * n + k, a1 = a0 + n;
            double fr = zr[a1], fi = zi[a1];
            zr[a1] = s * zr[a0] + c * fr;
            zi[a1] = s * zi[a0] + c * fi;
            zr[a0] = c * zr[a0] - s * fr;
            zi[a0] = c * zi[a0] - s * fi;
          }
        }
        if (r == 0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    }
    return true;
  }

  /**
   * Writes the eigenvalues d (unsorted, scaled by {@code 2^-shift}) ascending into {@code lam} at {@code lo}, and the
   * eigenvectors, rows of z, as the matching columns of the block at {@code o}, each with its phase fixed.
   */
  private static void finish(double[] d, int shift, double[] zr, double[] zi, int n, int[] order, double[] lam,
      int lo, double[] vr, double[] vi, int o) {
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = 0; i < n; i++) { // selection sort, the first smallest at ties
      int m = i;
      for (int j = i + 1; j < n; j++) if (d[order[j]] < d[order[m]]) m = j;
      int t = order[i];
      order[i] = order[m];
      order[m] = t;
    }
    for (int j = 0; j < n; j++) {
      int row = order[j] * n;
      lam[lo + j] = Math.scalb(d[order[j]], shift);
      int best = 0;
      double bm = -1;
      for (int k = 0; k < n; k++) {
        double mk = zr[row + k] * zr[row + k] + zi[row + k] * zi[row + k];
        if (mk > bm) {
          bm = mk;
          best = k;
        }
      }
      double mr = zr[row + best], mi = zi[row + best];
      double mod = Elementwise.hypot(mr, mi);
      double ur = mr / mod, ui = -mi / mod; // multiply the vector by conj(phase)
      for (int k = 0; k < n; k++) {
        double x = zr[row + k], y = zi[row + k];
        vr[o + k * n + j] = x * ur - y * ui;
        vi[o + k * n + j] = x * ui + y * ur;
      }
      vi[o + best * n + j] = 0;
    }
  }
}
