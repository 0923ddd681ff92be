package rrm.tensor;

/**
 * Forward and back substitution with {@link Lu} factors: {@code X = A^{-1} B} and, for the backward pass of
 * {@code solve}, {@code X = A^{-H} B} with the same factors ({@code A = P^T L U}, so {@code A^H = U^H L^H P}). Columns of
 * B are solved one at a time with scalar loops (B has few columns in practice: a vector or a few streams). Each matrix
 * is handled by one thread, so results do not depend on the thread count.
 */
final class LuSolve {
  private LuSolve() {}

  /**
   * Returns {@code X = A^{-1} B} for every matrix of {@code a [..., n, n]} and block of {@code b [..., n, k]} without
   * keeping the factors (for solves that need no gradient): each matrix is factored in a scratch block and solved at
   * once. Same kernels, pivots and messages as {@link Lu#factor(String, Tensor, boolean)} (below
   * {@link Lu#ROWS_FROM}) followed by {@link #solve}.
   */
  static Tensor once(String op, Tensor a, Tensor b, boolean strict) {
    Shape.square(op, "a", a);
    Matrices.requireFinite(op, a);
    int n = a.shape[a.dim() - 1];
    int k = b.shape[b.dim() - 1];
    int count = Matrices.count(a);
    boolean complex = a.im != null || b.im != null;
    double[] xr = new double[b.re.length];
    double[] xi = complex ? new double[b.re.length] : null;
    double[] bi = complex && b.im == null ? new double[b.re.length] : b.im;
    int[] failedColumn = new int[count];
    double[] failedPivot = new double[count];
    Parallel.forRange(count, Parallel.grain((long) n * n * (n + k) + 1), (from, to) -> {
      double[] fr = new double[n * n];
      double[] fi = complex ? new double[n * n] : null;
      int[] perm = new int[n];
      double[] rr = new double[n], ri = new double[n];
      double[] ur = new double[n], ui = new double[n];
      for (int m = from; m < to; m++) {
        System.arraycopy(a.re, m * n * n, fr, 0, n * n);
        if (a.im != null) System.arraycopy(a.im, m * n * n, fi, 0, n * n);
        // a real matrix is factored as real (fi stays 0), exactly as Lu.factor does
        int c = a.im != null ? Lu.flatComplex(fr, fi, 0, n, perm, 0, strict, rr, ri)
            : Lu.flatReal(fr, 0, n, perm, 0, strict, rr);
        if (c >= 0) {
          failedColumn[m] = c + 1;
          failedPivot[m] = a.im != null ? Elementwise.hypot(fr[c * n + c], fi[c * n + c]) : Math.abs(fr[c * n + c]);
          continue;
        }
        for (int col = 0; col < k; col++) {
          int xo = m * n * k + col;
          if (complex) column(fr, fi, 0, perm, rr, ri, 0, n, b.re, bi, xr, xi, xo, k, ur, ui, false);
          else column(fr, 0, perm, 0, n, b.re, xr, xo, k, ur, false);
        }
      }
    });
    int bad = Matrices.firstFailure(failedColumn);
    if (bad >= 0) throw Matrices.singular(op, bad, a.shape, failedPivot[bad], failedColumn[bad] - 1);
    return Tensor.wrap(xr, xi, b.shape.clone());
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
   * pivots' reciprocals {@code rr + i ri} (at {@code po}, like the permutation) replace divisions by the pivots.
   */
  private static void column(double[] ar, double[] ai, int fo, int[] perm, double[] rr, double[] ri, int po, int n,
      double[] br, double[] bi, double[] xr, double[] xi, int xo, int k, double[] ur, double[] ui, boolean adjoint) {
    double conj = adjoint ? -1 : 1;
    for (int t = 0; t < n; t++) {
      // forward: L (unit lower) or U^H (lower, non-unit)
      int i = t;
      int src = adjoint ? xo + i * k : xo + perm[po + i] * k;
      double sr = br[src], si = bi[src];
      for (int j = 0; j < i; j++) {
        int e = adjoint ? fo + j * n + i : fo + i * n + j;
        double lr = ar[e], li = conj * ai[e];
        sr -= lr * ur[j] - li * ui[j];
        si -= lr * ui[j] + li * ur[j];
      }
      if (adjoint) { // times 1 / conj(u_ii) = conj(1 / u_ii)
        double pr = rr[po + i], pi = -ri[po + i];
        double qr = sr * pr - si * pi, qi = sr * pi + si * pr;
        sr = qr;
        si = qi;
      }
      ur[i] = sr;
      ui[i] = si;
    }
    for (int i = n - 1; i >= 0; i--) {
      // backward: U (upper, non-unit) or L^H (upper, unit)
      double sr = ur[i], si = ui[i];
      for (int j = i + 1; j < n; j++) {
        int e = adjoint ? fo + j * n + i : fo + i * n + j;
        double lr = ar[e], li = conj * ai[e];
        sr -= lr * ur[j] - li * ui[j];
        si -= lr * ui[j] + li * ur[j];
      }
      if (!adjoint) { // times 1 / u_ii
        double pr = rr[po + i], pi = ri[po + i];
        double qr = sr * pr - si * pi, qi = sr * pi + si * pr;
        sr = qr;
        si = qi;
      }
      ur[i] = sr;
      ui[i] = si;
    }
    for (int i = 0; i < n; i++) {
      int dst = adjoint ? xo + perm[po + i] * k : xo + i * k;
      xr[dst] = ur[i];
      xi[dst] = ui[i];
    }
  }
}
