package rrm.tensor;

/**
 * Forward and back substitution with {@link Lu} factors: {@code X = A^{-1} B} and, for the backward pass of
 * {@code solve}, {@code X = A^{-H} B} with the same factors ({@code A = P^T L U}, so {@code A^H = U^H L^H P}). Columns of
 * B are solved one at a time with scalar loops (B has few columns in practice: a vector or a few streams); below
 * {@link Lu#ROWS_FROM}, each matrix is factored and solved in one pass, two matrices side by side in the substitutions.
 * Each matrix is handled by one thread with the same arithmetic whatever its neighbours, so results do not depend on
 * the thread count.
 */
final class LuSolve {
  private LuSolve() {}

  /** Matrices solved side by side by {@link #columnLoops}. */
  private static final int LANES = 2;

  /** A solve's {@code X = A^{-1} B} and, when asked for, the factors it used. */
  record Solved(Tensor x, Lu factors) {}

  /**
   * Returns {@code X = A^{-1} B} for every matrix of {@code a [..., n, n]} (n below {@link Lu#ROWS_FROM}) and block of
   * {@code b [..., n, k]}, keeping the factors when {@code keep} (else each matrix is factored in a scratch block). One
   * matrix at a time is checked (finite), factored and solved while it is in cache; a non-finite matrix gives
   * {@link Matrices#requireFinite}'s error, before any error about a pivot. Pivots and messages are those of
   * {@link Lu#factor(String, Tensor, boolean)}.
   */
  static Solved factorAndSolve(String op, Tensor a, Tensor b, boolean strict, boolean keep) {
    Shape.square(op, "a", a);
    int n = a.shape[a.dim() - 1], nn = n * n;
    int k = b.shape[b.dim() - 1];
    int count = Matrices.count(a);
    boolean complex = a.im != null || b.im != null;
    // kept factors start as a copy of a (not zeroed first) and are factored in place
    double[] lr = keep ? a.re.clone() : null;
    double[] li = keep && a.im != null ? a.im.clone() : null;
    int[] perm = keep ? new int[count * n] : null;
    double[] rr = keep ? new double[count * n] : null, ri = keep ? new double[count * n] : null;
    double[] xr = new double[b.re.length];
    double[] xi = complex ? new double[b.re.length] : null;
    double[] bi = complex && b.im == null ? new double[b.re.length] : b.im;
    int[] status = new int[count];
    double[] failedPivot = new double[count];
    Parallel.forRange(count, Parallel.grain((long) nn * (n + k) + 1), (from, to) -> {
      // scratch for LANES matrices, at the strides of the kept factors
      double[] fr = keep ? lr : new double[LANES * nn];
      double[] fi = keep ? li : a.im != null ? new double[LANES * nn] : null;
      // a real factor solving a complex right-hand side reads zero imaginary parts
      double[] zi = complex && fi == null ? new double[fr.length] : fi;
      int[] p = keep ? perm : new int[LANES * n];
      double[] pr = keep ? rr : new double[LANES * n], pi = keep ? ri : new double[LANES * n];
      double[] ur = new double[LANES * n], ui = new double[LANES * n];
      for (int m0 = from; m0 < to; m0 += LANES) {
        int lanes = Math.min(LANES, to - m0), factored = 0;
        int fo0 = keep ? m0 * nn : 0, po0 = keep ? m0 * n : 0;
        for (int l = 0; l < lanes; l++) {
          int m = m0 + l, o = m * nn, fo = fo0 + l * nn, po = po0 + l * n;
          double scale2 = Matrices.maxSquare(a.re, a.im, o, o + nn);
          if (!Double.isFinite(scale2) && !Matrices.finite(a.re, a.im, o, o + nn)) {
            status[m] = Matrices.NON_FINITE;
            continue;
          }
          int c;
          if (a.im != null) {
            double tol2 = strict ? Pivoting.tolerance2(scale2, n) : 0;
            c = Lu.flatComplex(keep ? lr : a.re, keep ? li : a.im, o, fr, fi, fo, n, p, po, tol2, pr, pi);
          } else {
            if (!keep) System.arraycopy(a.re, o, fr, fo, nn);
            c = Lu.flatReal(fr, fo, n, p, po, strict, pr);
          }
          if (c >= 0) {
            status[m] = c + 1;
            int d = fo + c * n + c;
            failedPivot[m] = a.im != null ? Elementwise.hypot(fr[d], fi[d]) : Math.abs(fr[d]);
          } else {
            factored++;
          }
        }
        for (int col = 0; col < k; col++) {
          int xo0 = m0 * n * k + col;
          if (complex && n != 3 && factored == lanes) {
            columnLoops(fr, zi, fo0, p, pr, pi, po0, n, b.re, bi, xr, xi, xo0, k, ur, ui, false, lanes);
            continue;
          }
          for (int l = 0; l < lanes; l++) {
            if (status[m0 + l] != 0) continue;
            int fo = fo0 + l * nn, po = po0 + l * n, xo = xo0 + l * n * k;
            if (complex) column(fr, zi, fo, p, pr, pi, po, n, b.re, bi, xr, xi, xo, k, ur, ui, false);
            else column(fr, fo, p, po, n, b.re, xr, xo, k, ur, false);
          }
        }
      }
    });
    Matrices.rethrowChecks(op, a, status);
    int bad = Matrices.firstFailure(status);
    if (bad >= 0) throw Matrices.singular(op, bad, a.shape, failedPivot[bad], status[bad] - 1);
    return new Solved(Tensor.wrap(xr, xi, b.shape.clone()), keep ? new Lu(n, count, lr, li, perm, rr, ri) : null);
  }

  /**
   * Returns {@code X = A^{-1} B} ({@code adjoint == false}) or {@code X = A^{-H} B} for a right-hand side
   * {@code B [..., n, k]} holding one {@code n x k} block per matrix factored in {@code lu}.
   */
  static Tensor solve(Lu lu, Tensor b, boolean adjoint) {
    int n = lu.n, count = lu.count;
    double[] re = lu.re, im = lu.im;
    int[] perm = lu.perm;
    int k = b.shape[b.dim() - 1];
    boolean complex = im != null || b.im != null;
    double[] xr = new double[b.re.length];
    double[] xi = complex ? new double[b.re.length] : null;
    double[] bi = complex && b.im == null ? new double[b.re.length] : b.im;
    double[] ai = complex && im == null ? new double[re.length] : im;
    Parallel.forRange(count, Parallel.grain((long) n * n * (k + 1) + 1), (from, to) -> {
      double[] ur = new double[n], ui = new double[n];
      for (int m = from; m < to; m++) {
        for (int c = 0; c < k; c++) {
          int xo = m * n * k + c;
          if (complex) column(re, ai, m * n * n, perm, lu.recipRe, lu.recipIm, m * n, n, b.re, bi, xr, xi, xo, k, ur, ui,
              adjoint);
          else column(re, m * n * n, perm, m * n, n, b.re, xr, xo, k, ur, adjoint);
        }
      }
    });
    return Tensor.wrap(xr, xi, b.shape.clone());
  }

  /**
   * Solves one real column (entries {@code xo + i * k}) with the factors at {@code fo} and scratch u. A^T = U^T L^T P
   * for the adjoint.
   */
  private static void column(double[] a, int fo, int[] perm, int po, int n, double[] b, double[] x, int xo, int k,
      double[] u, boolean adjoint) {
    if (!adjoint) {
      for (int i = 0; i < n; i++) {
        double s = b[xo + perm[po + i] * k];
        for (int j = 0; j < i; j++) s -= a[fo + i * n + j] * u[j];
        u[i] = s;
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = u[i];
        for (int j = i + 1; j < n; j++) s -= a[fo + i * n + j] * u[j];
        u[i] = s / a[fo + i * n + i];
      }
      for (int i = 0; i < n; i++) x[xo + i * k] = u[i];
    } else {
      for (int i = 0; i < n; i++) {
        double s = b[xo + i * k];
        for (int j = 0; j < i; j++) s -= a[fo + j * n + i] * u[j];
        u[i] = s / a[fo + i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = u[i];
        for (int j = i + 1; j < n; j++) s -= a[fo + j * n + i] * u[j];
        u[i] = s;
      }
      for (int i = 0; i < n; i++) x[xo + perm[po + i] * k] = u[i];
    }
  }

  /**
   * Complex counterpart of the real column solve; the adjoint solves {@code A^H x = b} with A^H = U^H L^H P. The
   * pivots' reciprocals {@code rr + i ri} (at {@code po}, like the permutation) replace divisions by the pivots. At
   * n = 3 it runs unrolled ({@link #column3}, bit-identical to {@link #columnLoops}).
   */
  static void column(double[] ar, double[] ai, int fo, int[] perm, double[] rr, double[] ri, int po, int n,
      double[] br, double[] bi, double[] xr, double[] xi, int xo, int k, double[] ur, double[] ui, boolean adjoint) {
    if (n == 3) column3(ar, ai, fo, perm, rr, ri, po, br, bi, xr, xi, xo, k, adjoint);
    else columnLoops(ar, ai, fo, perm, rr, ri, po, n, br, bi, xr, xi, xo, k, ur, ui, adjoint, 1);
  }

  /**
   * The general loops of the complex column solve, for any n, on {@code lanes} consecutive matrices at once: lane l
   * reads the factors at {@code fo + l n²} and {@code po + l n} and the column at {@code xo + l n k}, with scratch
   * {@code u} of {@code lanes * n} entries. Each lane's arithmetic is that of a single solve; the lanes' chains of
   * dependent operations are independent, so the processor overlaps them.
   */
  static void columnLoops(double[] ar, double[] ai, int fo, int[] perm, double[] rr, double[] ri, int po, int n,
      double[] br, double[] bi, double[] xr, double[] xi, int xo, int k, double[] ur, double[] ui, boolean adjoint,
      int lanes) {
    double conj = adjoint ? -1 : 1;
    // entry (i, j) of the triangle applied is at i * rs + j * cs (transposed, and conjugated, for the adjoint)
    int rs = adjoint ? 1 : n, cs = adjoint ? n : 1;
    for (int i = 0; i < n; i++) {
      // forward: L (unit lower) or U^H (lower, non-unit)
      for (int l = 0; l < lanes; l++) {
        int f = fo + l * n * n, p = po + l * n, x = xo + l * n * k, u = l * n;
        int src = adjoint ? x + i * k : x + perm[p + i] * k;
        double sr = br[src], si = bi[src];
        for (int j = 0; j < i; j++) {
          int e = f + i * rs + j * cs;
          double lr = ar[e], li = conj * ai[e];
          sr -= lr * ur[u + j] - li * ui[u + j];
          si -= lr * ui[u + j] + li * ur[u + j];
        }
        if (adjoint) { // times 1 / conj(u_ii) = conj(1 / u_ii)
          double pr = rr[p + i], pi = -ri[p + i];
          double qr = sr * pr - si * pi, qi = sr * pi + si * pr;
          sr = qr;
          si = qi;
        }
        ur[u + i] = sr;
        ui[u + i] = si;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      // backward: U (upper, non-unit) or L^H (upper, unit)
      for (int l = 0; l < lanes; l++) {
        int f = fo + l * n * n, p = po + l * n, u = l * n;
        double sr = ur[u + i], si = ui[u + i];
        for (int j = i + 1; j < n; j++) {
          int e = f + i * rs + j * cs;
          double lr = ar[e], li = conj * ai[e];
          sr -= lr * ur[u + j] - li * ui[u + j];
          si -= lr * ui[u + j] + li * ur[u + j];
        }
        if (!adjoint) { // times 1 / u_ii
          double pr = rr[p + i], pi = ri[p + i];
          double qr = sr * pr - si * pi, qi = sr * pi + si * pr;
          sr = qr;
          si = qi;
        }
        ur[u + i] = sr;
        ui[u + i] = si;
      }
    }
    for (int l = 0; l < lanes; l++) {
      int p = po + l * n, x = xo + l * n * k, u = l * n;
      for (int i = 0; i < n; i++) {
        int dst = adjoint ? x + perm[p + i] * k : x + i * k;
        xr[dst] = ur[u + i];
        xi[dst] = ui[u + i];
      }
    }
  }

  /**
   * The complex column solve at n = 3 in local variables: the same terms in the same order as the general loops
   * (bit-identical). With F the first triangle applied (L, or U^H for the adjoint) and G the second (U, or L^H), the
   * entries below are f_10, f_20, f_21 and g_01, g_02, g_12.
   */
  private static void column3(double[] ar, double[] ai, int fo, int[] perm, double[] rr, double[] ri, int po,
      double[] br, double[] bi, double[] xr, double[] xi, int xo, int k, boolean adjoint) {
    double f10r, f10i, f20r, f20i, f21r, f21i, g01r, g01i, g02r, g02i, g12r, g12i;
    int b0, b1, b2; // rows of b read (permuted for A^{-1} B) or of x written (permuted for the adjoint)
    if (!adjoint) {
      f10r = ar[fo + 3]; f10i = ai[fo + 3]; f20r = ar[fo + 6]; f20i = ai[fo + 6]; f21r = ar[fo + 7]; f21i = ai[fo + 7];
      g01r = ar[fo + 1]; g01i = ai[fo + 1]; g02r = ar[fo + 2]; g02i = ai[fo + 2]; g12r = ar[fo + 5]; g12i = ai[fo + 5];
    } else {
      f10r = ar[fo + 1]; f10i = -ai[fo + 1]; f20r = ar[fo + 2]; f20i = -ai[fo + 2]; f21r = ar[fo + 5]; f21i = -ai[fo + 5];
      g01r = ar[fo + 3]; g01i = -ai[fo + 3]; g02r = ar[fo + 6]; g02i = -ai[fo + 6]; g12r = ar[fo + 7]; g12i = -ai[fo + 7];
    }
    b0 = xo + perm[po] * k;
    b1 = xo + perm[po + 1] * k;
    b2 = xo + perm[po + 2] * k;
    int i0 = adjoint ? xo : b0, i1 = adjoint ? xo + k : b1, i2 = adjoint ? xo + 2 * k : b2;
    int o0 = adjoint ? b0 : xo, o1 = adjoint ? b1 : xo + k, o2 = adjoint ? b2 : xo + 2 * k;
    double p0r = rr[po], p1r = rr[po + 1], p2r = rr[po + 2];
    double c = adjoint ? -1 : 1; // 1 / conj(u_ii) = conj(1 / u_ii) for the adjoint
    double p0i = c * ri[po], p1i = c * ri[po + 1], p2i = c * ri[po + 2];
    double q;
    // forward: s = F^{-1} b
    double s0r = br[i0], s0i = bi[i0];
    if (adjoint) {
      q = s0r * p0r - s0i * p0i;
      s0i = s0r * p0i + s0i * p0r;
      s0r = q;
    }
    double s1r = br[i1], s1i = bi[i1];
    s1r -= f10r * s0r - f10i * s0i;
    s1i -= f10r * s0i + f10i * s0r;
    if (adjoint) {
      q = s1r * p1r - s1i * p1i;
      s1i = s1r * p1i + s1i * p1r;
      s1r = q;
    }
    double s2r = br[i2], s2i = bi[i2];
    s2r -= f20r * s0r - f20i * s0i;
    s2i -= f20r * s0i + f20i * s0r;
    s2r -= f21r * s1r - f21i * s1i;
    s2i -= f21r * s1i + f21i * s1r;
    if (adjoint) {
      q = s2r * p2r - s2i * p2i;
      s2i = s2r * p2i + s2i * p2r;
      s2r = q;
    }
    // backward: x = G^{-1} s
    if (!adjoint) {
      q = s2r * p2r - s2i * p2i;
      s2i = s2r * p2i + s2i * p2r;
      s2r = q;
    }
    s1r -= g12r * s2r - g12i * s2i;
    s1i -= g12r * s2i + g12i * s2r;
    if (!adjoint) {
      q = s1r * p1r - s1i * p1i;
      s1i = s1r * p1i + s1i * p1r;
      s1r = q;
    }
    s0r -= g01r * s1r - g01i * s1i;
    s0i -= g01r * s1i + g01i * s1r;
    s0r -= g02r * s2r - g02i * s2i;
    s0i -= g02r * s2i + g02i * s2r;
    if (!adjoint) {
      q = s0r * p0r - s0i * p0i;
      s0i = s0r * p0i + s0i * p0r;
      s0r = q;
    }
    xr[o0] = s0r; xi[o0] = s0i;
    xr[o1] = s1r; xi[o1] = s1i;
    xr[o2] = s2r; xi[o2] = s2i;
  }
}
