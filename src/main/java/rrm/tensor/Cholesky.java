package rrm.tensor;

/**
 * Cholesky factorisation {@code A = L L^H} of a batch of Hermitian positive definite matrices, real or complex, and
 * the triangular solves built on it (papers 000, 001 and 004).
 *
 * <p>The factor reads the lower triangle; the input must be Hermitian up to rounding ({@code 1e-8} of its largest
 * entry) and positive definite: a pivot {@code a_jj - Σ_k |l_jk|^2} at most {@code n * 2^-52 * max_i a_ii} is
 * rejected with a message naming the matrix and the column.
 *
 * <p>Backward of {@code L = cholesky(A)} (A and its perturbations Hermitian): with {@code M = L^H L̄} and
 * {@code S = Φ(M)}, the Hermitian matrix with lower triangle {@code M_ij / 2} and diagonal {@code Re M_ii / 2},
 * {@code Ā = L^{-H} S L^{-1}} (two triangular solves). The result is Hermitian, the gradient with respect to
 * Hermitian perturbations; compose with {@link Tensor#hermitianPart()} when the input is not Hermitian by
 * construction.
 */
final class Cholesky {
  final int n;
  final int count;
  final int[] shape;
  /** L, one lower-triangular {@code n x n} block per matrix (zeros above the diagonal). */
  final double[] re;
  final double[] im;

  private Cholesky(int n, int count, int[] shape, double[] re, double[] im) {
    this.n = n;
    this.count = count;
    this.shape = shape;
    this.re = re;
    this.im = im;
  }

  /** Factors every matrix of {@code a [..., n, n]}; throws naming {@code op} on bad input. */
  static Cholesky factor(String op, Tensor a) {
    return factorAndSolve(op, a, null, true).factor();
  }

  /** A solve's {@code X = A^{-1} B} and, when asked for, the factor it used. */
  record Solved(Tensor x, Cholesky factor) {}

  /**
   * Factors every matrix of {@code a [..., n, n]} and, unless {@code b} is null, solves {@code A X = B} for
   * {@code b [..., n, k]} with it; keeps the factor when {@code keep} (else each matrix is factored in a scratch
   * block).
   * One matrix at a time is checked (finite, Hermitian), factored and solved while it is in cache; small complex
   * matrices are checked one by one and then factored and solved {@link LuLanes#LANES} at a time
   * ({@link CholeskyLanes}, the same arithmetic). The checks throw what {@link Matrices#requireFinite} and
   * {@link Matrices#requireHermitian} would throw, and before any error about a pivot.
   */
  static Solved factorAndSolve(String op, Tensor a, Tensor b, boolean keep) {
    Shape.square(op, "a", a);
    int n = a.shape[a.dim() - 1], nn = n * n;
    int count = Matrices.count(a);
    int k = b == null ? 0 : b.shape[b.dim() - 1];
    boolean complex = a.im != null || (b != null && b.im != null);
    double[] lr = keep ? new double[a.re.length] : null;
    double[] li = keep && a.im != null ? new double[a.re.length] : null;
    double[] xr = b == null ? null : new double[b.re.length];
    double[] xi = complex && b != null ? new double[b.re.length] : null;
    double[] bi = b == null ? null : complex && b.im == null ? new double[b.re.length] : b.im;
    int[] status = new int[count];
    double[] pivot = new double[count];
    Parallel.forRange(count, Parallel.grain((long) nn * (n + k) + 1), (from, to) -> {
      if (a.im != null && n < CholeskyLanes.MAX_N) {
        CholeskyLanes lanes = new CholeskyLanes(n);
        for (int m0 = from; m0 < to; m0 += LuLanes.LANES) {
          int width = Math.min(LuLanes.LANES, to - m0);
          for (int m = m0; m < m0 + width; m++) status[m] = check(a, m, n);
          lanes.factor(a.re, a.im, m0, width, status, pivot);
          if (keep) lanes.store(lr, li);
          for (int c2 = 0; c2 < k; c2++) lanes.solve(b.re, bi, k, c2, xr, xi);
        }
        return;
      }
      double[] fr = keep ? lr : new double[nn];
      double[] fi = keep ? li : a.im != null ? new double[nn] : null;
      // a real factor solving a complex right-hand side reads zero imaginary parts
      double[] zi = complex && fi == null ? new double[fr.length] : fi;
      for (int m = from; m < to; m++) {
        int o = m * nn, fo = keep ? o : 0;
        status[m] = check(a, m, n);
        if (status[m] != 0) continue;
        int c = factorLoops(a.re, a.im, o, fr, fi, fo, n);
        if (c >= 0) {
          status[m] = c + 1;
          pivot[m] = fr[fo + c * n + c];
          continue;
        }
        for (int c2 = 0; c2 < k; c2++) substituteColumn(fr, zi, fo, n, b.re, bi, xr, xi, m * n * k + c2, k, true, true);
      }
    });
    Matrices.rethrowChecks(op, a, status);
    int bad = Matrices.firstFailure(status);
    if (bad >= 0) {
      throw Matrices.fail(op, bad, a.shape, "is not positive definite (pivot " + String.format("%.3g", pivot[bad])
          + " at column " + (status[bad] - 1) + ")");
    }
    return new Solved(b == null ? null : Tensor.wrap(xr, xi, b.shape.clone()),
        keep ? new Cholesky(n, count, a.shape.clone(), lr, li) : null);
  }

  /**
   * Returns 0 for a finite Hermitian matrix m of {@code a [..., n, n]}, else {@link Matrices#NON_FINITE} or
   * {@link Matrices#NOT_HERMITIAN}.
   */
  private static int check(Tensor a, int m, int n) {
    int o = m * n * n;
    double scale2 = Matrices.maxSquare(a.re, a.im, o, o + n * n);
    if (!Double.isFinite(scale2) && !Matrices.finite(a.re, a.im, o, o + n * n)) return Matrices.NON_FINITE;
    return Matrices.asymmetric(a.re, a.im, o, n, scale2) >= 0 ? Matrices.NOT_HERMITIAN : 0;
  }

  /**
   * Factors the block of a at {@code ao} into the block of l at {@code lo}, writing only the lower triangle; returns
   * the failing column (its pivot left in l's diagonal) or -1. Real ({@code ai} and {@code li} null) or complex; small
   * complex matrices are factored in lanes instead ({@link CholeskyLanes}, the same arithmetic).
   */
  static int factorLoops(double[] ar, double[] ai, int ao, double[] lr, double[] li, int lo, int n) {
    double scale = 0;
    for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(ar[ao + i * n + i]));
    double tol = n * 0x1p-52 * scale;
    for (int j = 0; j < n; j++) {
      int rj = lo + j * n;
      double d = ar[ao + j * n + j];
      for (int k = 0; k < j; k++) d -= lr[rj + k] * lr[rj + k] + (li == null ? 0 : li[rj + k] * li[rj + k]);
      if (!(d > tol)) {
        lr[rj + j] = d;
        return j;
      }
      double ljj = Math.sqrt(d);
      lr[rj + j] = ljj;
      double inv = 1.0 / ljj;
      for (int i = j + 1; i < n; i++) {
        int ri = lo + i * n;
        // l_ij = (a_ij - Σ_k l_ik conj(l_jk)) / l_jj
        double sr = ar[ao + i * n + j], si = ai == null ? 0 : ai[ao + i * n + j];
        for (int k = 0; k < j; k++) {
          if (li == null) {
            sr -= lr[ri + k] * lr[rj + k];
          } else {
            sr -= lr[ri + k] * lr[rj + k] + li[ri + k] * li[rj + k];
            si -= li[ri + k] * lr[rj + k] - lr[ri + k] * li[rj + k];
          }
        }
        lr[ri + j] = sr * inv;
        if (li != null) li[ri + j] = si * inv;
      }
    }
    return -1;
  }

  /** Returns L as a tensor of the factored shape (shares the factor's arrays; do not mutate). */
  Tensor lower() {
    return Tensor.wrap(re, im, shape.clone());
  }

  /**
   * Returns {@code L^{-1} B} ({@code adjoint == false}) or {@code L^{-H} B} for {@code B [..., n, k]}, one column at a
   * time by scalar substitution.
   */
  Tensor triangularSolve(Tensor b, boolean adjoint) {
    return substitute(b, !adjoint, adjoint);
  }

  /** Returns {@code A^{-1} B = L^{-H} L^{-1} B}, both substitutions in one pass over the batch. */
  Tensor solve(Tensor b) {
    return substitute(b, true, true);
  }

  /** Returns {@code L^{-1} B} ({@code lower}), {@code L^{-H} B} ({@code upper}) or both in turn. */
  private Tensor substitute(Tensor b, boolean lower, boolean upper) {
    int k = b.shape[b.dim() - 1];
    boolean complex = im != null || b.im != null;
    double[] xr = new double[b.re.length];
    double[] xi = complex ? new double[b.re.length] : null;
    double[] bi = complex && b.im == null ? new double[b.re.length] : b.im;
    double[] li = complex && im == null ? new double[re.length] : im;
    Parallel.forRange(count, Parallel.grain((long) n * n * k + 1), (from, to) -> {
      for (int m = from; m < to; m++) {
        int fo = m * n * n;
        for (int c = 0; c < k; c++) substituteColumn(re, li, fo, n, b.re, bi, xr, xi, m * n * k + c, k, lower, upper);
      }
    });
    return Tensor.wrap(xr, xi, b.shape.clone());
  }

  /**
   * Returns {@code A^{-1} = Z^H Z} with {@code Z = L^{-1}} (both triangular, so about n³/3 multiply-adds), exactly
   * Hermitian.
   */
  Tensor inverse() {
    boolean complex = im != null;
    double[] or = new double[re.length];
    double[] oi = complex ? new double[re.length] : null;
    Parallel.forRange(count, Parallel.grain((long) n * n * n + 1), (from, to) -> {
      double[] zr = new double[n * n];
      double[] zi = complex ? new double[n * n] : null;
      for (int m = from; m < to; m++) {
        int o = m * n * n;
        for (int j = 0; j < n; j++) {
          // column j of Z: L z = e_j, zero above row j
          zr[j * n + j] = 1 / re[o + j * n + j];
          if (complex) zi[j * n + j] = 0;
          for (int i = j + 1; i < n; i++) {
            double sr = 0, si = 0;
            for (int q = j; q < i; q++) {
              double lr = re[o + i * n + q], zq = zr[q * n + j];
              if (complex) {
                double l2 = im[o + i * n + q], zqi = zi[q * n + j];
                sr += lr * zq - l2 * zqi;
                si += lr * zqi + l2 * zq;
              } else {
                sr += lr * zq;
              }
            }
            double inv = -1 / re[o + i * n + i];
            zr[i * n + j] = sr * inv;
            if (complex) zi[i * n + j] = si * inv;
          }
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j <= i; j++) {
            // (Z^H Z)_ij = Σ_{q >= i} conj(z_qi) z_qj
            double sr = 0, si = 0;
            for (int q = i; q < n; q++) {
              double ar = zr[q * n + i], br = zr[q * n + j];
              if (complex) {
                double ai = zi[q * n + i], bim = zi[q * n + j];
                sr += ar * br + ai * bim;
                si += ar * bim - ai * br;
              } else {
                sr += ar * br;
              }
            }
            or[o + i * n + j] = sr;
            or[o + j * n + i] = sr;
            if (complex) {
              oi[o + i * n + j] = i == j ? 0 : si;
              oi[o + j * n + i] = i == j ? 0 : -si;
            }
          }
        }
      }
    });
    return Tensor.wrap(or, oi, shape.clone());
  }

  /** Returns {@code log det A = 2 Σ_k log l_kk} per matrix, shaped like the batch axes. */
  Tensor logdet() {
    double[] out = new double[count];
    for (int b = 0; b < count; b++) {
      double s = 0;
      for (int i = 0; i < n; i++) s += Math.log(re[b * n * n + i * n + i]);
      out[b] = 2 * s;
    }
    return Tensor.wrap(out, null, Shape.prefix(shape, 2));
  }

  /**
   * Solves one column (entries {@code xo + i * k}) with the factor {@code (lr, li)} at {@code fo}: {@code L x = b}
   * ({@code lower}), {@code L^H x = b} ({@code upper}) or both in turn, real when {@code xi} is null; x may be b.
   */
  static void substituteColumn(double[] lr, double[] li, int fo, int n, double[] br, double[] bi, double[] xr,
      double[] xi, int xo, int k, boolean lower, boolean upper) {
    if (lower) {
      if (xi == null) substitute(lr, fo, n, br, xr, xo, k, false);
      else substitute(lr, li, fo, n, br, bi, xr, xi, xo, k, false);
    }
    if (upper) {
      double[] ur = lower ? xr : br, ui = lower ? xi : bi;
      if (xi == null) substitute(lr, fo, n, ur, xr, xo, k, true);
      else substitute(lr, li, fo, n, ur, ui, xr, xi, xo, k, true);
    }
  }

  /** One real column: {@code L x = b} or {@code L^T x = b}. */
  private static void substitute(double[] re, int fo, int n, double[] b, double[] x, int xo, int k, boolean adjoint) {
    for (int t = 0; t < n; t++) {
      int i = adjoint ? n - 1 - t : t;
      double s = b[xo + i * k];
      if (!adjoint) {
        for (int j = 0; j < i; j++) s -= re[fo + i * n + j] * x[xo + j * k];
      } else {
        for (int j = i + 1; j < n; j++) s -= re[fo + j * n + i] * x[xo + j * k];
      }
      x[xo + i * k] = s / re[fo + i * n + i];
    }
  }

  /**
   * One complex column: {@code L x = b} uses {@code l_ij}; {@code L^H x = b} uses {@code conj(l_ji)}. At n = 3 it runs
   * unrolled ({@link #substitute3}, bit-identical to {@link #substituteLoops}).
   */
  static void substitute(double[] re, double[] li, int fo, int n, double[] br, double[] bi, double[] xr,
      double[] xi, int xo, int k, boolean adjoint) {
    if (n == 3) substitute3(re, li, fo, br, bi, xr, xi, xo, k, adjoint);
    else substituteLoops(re, li, fo, n, br, bi, xr, xi, xo, k, adjoint);
  }

  /** The general loops of the complex column substitution, for any n. */
  static void substituteLoops(double[] re, double[] li, int fo, int n, double[] br, double[] bi, double[] xr,
      double[] xi, int xo, int k, boolean adjoint) {
    for (int t = 0; t < n; t++) {
      int i = adjoint ? n - 1 - t : t;
      double sr = br[xo + i * k], si = bi[xo + i * k];
      int from = adjoint ? i + 1 : 0, to = adjoint ? n : i;
      for (int j = from; j < to; j++) {
        int e = adjoint ? fo + j * n + i : fo + i * n + j;
        double lr = re[e], lim = adjoint ? -li[e] : li[e];
        double vr = xr[xo + j * k], vi = xi[xo + j * k];
        sr -= lr * vr - lim * vi;
        si -= lr * vi + lim * vr;
      }
      double inv = 1 / re[fo + i * n + i]; // the diagonal of L is real and positive
      xr[xo + i * k] = sr * inv;
      xi[xo + i * k] = si * inv;
    }
  }

  /**
   * The complex column substitution at n = 3 in local variables, the same terms in the same order as the loops. With
   * T the triangle solved (L, or L^H for the adjoint), t10, t20, t21 are its entries below the diagonal for L and
   * t01, t02, t12 above it for L^H (conjugated).
   */
  private static void substitute3(double[] re, double[] li, int fo, double[] br, double[] bi, double[] xr,
      double[] xi, int xo, int k, boolean adjoint) {
    double c = adjoint ? -1 : 1;
    double ar = re[fo + 3], ai = c * li[fo + 3]; // t10 or t01
    double br2 = re[fo + 6], bi2 = c * li[fo + 6]; // t20 or t02
    double cr = re[fo + 7], ci = c * li[fo + 7]; // t21 or t12
    double inv0 = 1 / re[fo], inv1 = 1 / re[fo + 4], inv2 = 1 / re[fo + 8];
    int e0 = xo, e1 = xo + k, e2 = xo + 2 * k;
    double x0r, x0i, x1r, x1i, x2r, x2i, sr, si;
    if (!adjoint) {
      x0r = br[e0] * inv0;
      x0i = bi[e0] * inv0;
      sr = br[e1];
      si = bi[e1];
      sr -= ar * x0r - ai * x0i;
      si -= ar * x0i + ai * x0r;
      x1r = sr * inv1;
      x1i = si * inv1;
      sr = br[e2];
      si = bi[e2];
      sr -= br2 * x0r - bi2 * x0i;
      si -= br2 * x0i + bi2 * x0r;
      sr -= cr * x1r - ci * x1i;
      si -= cr * x1i + ci * x1r;
      x2r = sr * inv2;
      x2i = si * inv2;
    } else {
      x2r = br[e2] * inv2;
      x2i = bi[e2] * inv2;
      sr = br[e1];
      si = bi[e1];
      sr -= cr * x2r - ci * x2i;
      si -= cr * x2i + ci * x2r;
      x1r = sr * inv1;
      x1i = si * inv1;
      sr = br[e0];
      si = bi[e0];
      sr -= ar * x1r - ai * x1i;
      si -= ar * x1i + ai * x1r;
      sr -= br2 * x2r - bi2 * x2i;
      si -= br2 * x2i + bi2 * x2r;
      x0r = sr * inv0;
      x0i = si * inv0;
    }
    xr[e0] = x0r;
    xi[e0] = x0i;
    xr[e1] = x1r;
    xi[e1] = x1i;
    xr[e2] = x2r;
    xi[e2] = x2i;
  }

  /** Returns {@code (X + X^H) / 2} of a square batch, computed directly (no graph). */
  static Tensor hermitian(Tensor x) {
    int n = x.shape[x.dim() - 1];
    int count = Matrices.count(x);
    double[] r = new double[x.re.length];
    double[] i = x.im == null ? null : new double[r.length];
    for (int b = 0; b < count; b++) {
      int o = b * n * n;
      for (int p = 0; p < n; p++) {
        for (int q = 0; q < n; q++) {
          r[o + p * n + q] = 0.5 * (x.re[o + p * n + q] + x.re[o + q * n + p]);
          if (i != null) i[o + p * n + q] = 0.5 * (x.im[o + p * n + q] - x.im[o + q * n + p]);
        }
      }
    }
    return Tensor.wrap(r, i, x.shape.clone());
  }

  /** {@code a [..., n, n] -> L [..., n, n]} with {@code A = L L^H}. */
  static Tensor cholesky(Tensor a) {
    Cholesky ch = factor("cholesky", a);
    Tensor l = ch.lower();
    return Autograd.record(l, "cholesky", g -> {
      Tensor s = phi(l.mH().matmul(g));
      Tensor y = ch.triangularSolve(s, true); // L^{-H} S
      return new Tensor[] {ch.triangularSolve(y.mH(), true).mH()}; // (L^{-H} (L^{-H} S)^H)^H = L^{-H} S L^{-1}
    }, a);
  }

  /** Φ of the Cholesky adjoint: the Hermitian matrix with lower triangle M_ij / 2 and diagonal Re M_ii / 2. */
  private static Tensor phi(Tensor m) {
    int n = m.shape[m.dim() - 1];
    int count = Matrices.count(m);
    double[] r = new double[m.re.length];
    double[] i = m.im == null ? null : new double[r.length];
    for (int b = 0; b < count; b++) {
      int o = b * n * n;
      for (int p = 0; p < n; p++) {
        r[o + p * n + p] = 0.5 * m.re[o + p * n + p];
        for (int q = 0; q < p; q++) {
          double vr = 0.5 * m.re[o + p * n + q];
          r[o + p * n + q] = vr;
          r[o + q * n + p] = vr;
          if (i != null) {
            double vi = 0.5 * m.im[o + p * n + q];
            i[o + p * n + q] = vi;
            i[o + q * n + p] = -vi;
          }
        }
      }
    }
    return Tensor.wrap(r, i, m.shape.clone());
  }
}
