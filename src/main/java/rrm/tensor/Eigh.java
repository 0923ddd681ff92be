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
      double[] qr = new double[n * n];
      double[] qi = new double[n * n];
      double[] d = new double[n];
      double[] e = new double[n];
      double[] hr = new double[n];
      double[] hi = new double[n];
      double[] sub = new double[2 * n];
      for (int b = from; b < to; b++) {
        int o = b * n * n;
        System.arraycopy(a.re, o, wr, 0, n * n);
        if (a.im != null) System.arraycopy(a.im, o, wi, 0, n * n);
        else java.util.Arrays.fill(wi, 0);
        // scale by a power of two (exact) so that the largest entry is in [1, 2): no overflow in the squares
        double big = 0;
        for (int k = 0; k < n * n; k++) big = Math.max(big, Math.max(Math.abs(wr[k]), Math.abs(wi[k])));
        int shift = big > 0 ? Math.getExponent(big) : 0;
        if (shift != 0) {
          double down = Math.scalb(1.0, -shift);
          for (int k = 0; k < n * n; k++) {
            wr[k] *= down;
            wi[k] *= down;
          }
        }
        tridiagonalise(wr, wi, qr, qi, n, d, e, hr, hi, sub);
        // the QL rotations combine columns of Q D: rotate the rows of its transpose (contiguous), kept in w
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            wr[j * n + i] = qr[i * n + j];
            wi[j * n + i] = qi[i * n + j];
          }
        }
        if (!ql(d, e, wr, wi, n)) failed[b] = 1;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            vr[o + i * n + j] = wr[j * n + i];
            vi[o + i * n + j] = wi[j * n + i];
          }
        }
        for (int i = 0; i < n; i++) lam[b * n + i] = Math.scalb(d[i], shift);
        finish(lam, b * n, vr, vi, o, n);
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
   * Reduces the Hermitian matrix w (lower triangle read; overwritten) to the real tridiagonal {@code T_r}: diagonal d,
   * off-diagonal {@code e[0 .. n-2]} (non-negative), and writes {@code Q D} (with {@code A = (Q D) T_r (Q D)^H}) into
   * {@code zr, zi}. Scratch: {@code vr, vi} of length n, {@code sub} of length 2n.
   */
  private static void tridiagonalise(double[] wr, double[] wi, double[] zr, double[] zi, int n, double[] d,
      double[] e, double[] vr, double[] vi, double[] sub) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        zr[i * n + j] = i == j ? 1 : 0;
        zi[i * n + j] = 0;
      }
    }
    double[] pr = d, pi = e; // free until the end: p = tau B v
    for (int k = 0; k < n - 2; k++) {
      // x = column k below the diagonal, rows k+1 .. n-1 (read from the lower triangle)
      int m = n - k - 1;
      double x0r = wr[(k + 1) * n + k], x0i = wi[(k + 1) * n + k];
      double tail = 0;
      for (int i = k + 2; i < n; i++) tail += wr[i * n + k] * wr[i * n + k] + wi[i * n + k] * wi[i * n + k];
      if (tail == 0) {
        sub[2 * k] = x0r;
        sub[2 * k + 1] = x0i;
        continue;
      }
      double x0 = Elementwise.hypot(x0r, x0i);
      double norm = Math.sqrt(x0 * x0 + tail);
      double phr = x0 == 0 ? 1 : x0r / x0, phi = x0 == 0 ? 0 : x0i / x0;
      double alr = -phr * norm, ali = -phi * norm; // alpha = -phase(x0) |x|: H x = alpha e_1
      sub[2 * k] = alr;
      sub[2 * k + 1] = ali;
      // v = x - alpha e_1, tau = 2 / v^H v = 1 / (|x|^2 + |x| |x0|)
      vr[0] = x0r - alr;
      vi[0] = x0i - ali;
      for (int i = 1; i < m; i++) {
        vr[i] = wr[(k + 1 + i) * n + k];
        vi[i] = wi[(k + 1 + i) * n + k];
      }
      double tau = 1 / (norm * norm + norm * x0);
      // p = tau B v with B the trailing block (Hermitian; entry (i, j) read from the lower triangle)
      double kk = 0;
      for (int i = 0; i < m; i++) {
        double sr = 0, si = 0;
        for (int j = 0; j < m; j++) {
          int r = k + 1 + Math.max(i, j), c = k + 1 + Math.min(i, j);
          double br = wr[r * n + c], bi = i >= j ? wi[r * n + c] : -wi[r * n + c];
          sr += br * vr[j] - bi * vi[j];
          si += br * vi[j] + bi * vr[j];
        }
        pr[i] = tau * sr;
        pi[i] = tau * si;
        kk += vr[i] * pr[i] + vi[i] * pi[i]; // Re v^H p
      }
      kk *= tau / 2;
      // w = p - K v; B -= v w^H + w v^H (lower triangle)
      for (int i = 0; i < m; i++) {
        pr[i] -= kk * vr[i];
        pi[i] -= kk * vi[i];
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j <= i; j++) {
          int at = (k + 1 + i) * n + k + 1 + j;
          // v_i conj(w_j) + w_i conj(v_j)
          wr[at] -= vr[i] * pr[j] + vi[i] * pi[j] + pr[i] * vr[j] + pi[i] * vi[j];
          wi[at] -= vi[i] * pr[j] - vr[i] * pi[j] + pi[i] * vr[j] - pr[i] * vi[j];
        }
      }
      // Q <- Q H on columns k+1 .. n-1: q_r -= tau (q_r . v) v^H
      for (int r = 0; r < n; r++) {
        int ro = r * n + k + 1;
        double sr = 0, si = 0;
        for (int j = 0; j < m; j++) {
          sr += zr[ro + j] * vr[j] - zi[ro + j] * vi[j];
          si += zr[ro + j] * vi[j] + zi[ro + j] * vr[j];
        }
        sr *= tau;
        si *= tau;
        for (int j = 0; j < m; j++) {
          zr[ro + j] -= sr * vr[j] + si * vi[j];
          zi[ro + j] -= si * vr[j] - sr * vi[j];
        }
      }
    }
    if (n >= 2) {
      sub[2 * (n - 2)] = wr[(n - 1) * n + n - 2];
      sub[2 * (n - 2) + 1] = wi[(n - 1) * n + n - 2];
    }
    for (int i = 0; i < n; i++) d[i] = wr[i * n + i];
    // D: delta_0 = 1, delta_{i+1} = delta_i t_i / |t_i|; column j of Q is scaled by delta_j, and e_i = |t_i|
    double dr = 1, di = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        double tr = sub[2 * (i - 1)], ti = sub[2 * (i - 1) + 1];
        double t = Elementwise.hypot(tr, ti);
        e[i - 1] = t;
        if (t > 0) {
          double nr = (dr * tr - di * ti) / t, ni = (dr * ti + di * tr) / t;
          dr = nr;
          di = ni;
        }
      }
      if (i == 0) continue;
      for (int r = 0; r < n; r++) {
        int at = r * n + i;
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

  /** Sorts eigenpairs ascending and fixes each eigenvector's phase. */
  private static void finish(double[] lam, int lo, double[] vr, double[] vi, int o, int n) {
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
