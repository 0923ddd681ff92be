package rrm.tensor;

/**
 * Forward and back substitution with {@link Lu} factors: {@code X = A^{-1} B} and, for the backward pass of
 * {@code solve}, {@code X = A^{-H} B} with the same factors ({@code A = P^T L U}, so {@code A^H = U^H L^H P}). Columns of
 * B are solved one at a time with scalar loops (B has few columns in practice: a vector or a few streams). Each matrix
 * is handled by one thread, so results do not depend on the thread count.
 */
final class LuSolve {
  private LuSolve() {}

  /** The factors of A (null unless kept for a backward pass) and {@code X = A^{-1} B}. */
  record Solved(Lu lu, Tensor x) {}

  /**
   * Returns {@code X = A^{-1} B} for every small matrix of {@code a [..., n, n]} (real below {@link Lu#ROWS_FROM},
   * complex below {@link LuLanes#MAX_N}) and block of
   * {@code b [..., n, k]}, factoring and solving in one pass: complex matrices {@link LuLanes#LANES} at a time in
   * {@link LuLanes}, real ones one at a time ({@link Lu#flatReal}); with {@code keep}, also the factors, for the
   * backward pass. Pivots, tolerance and messages as {@link Lu#factor(String, Tensor, boolean)}; the solutions are
   * those of {@link #solve} with these factors, bit for bit.
   */
  static Solved small(String op, Tensor a, Tensor b, boolean strict, boolean keep) {
    Shape.square(op, "a", a);
    Matrices.requireFinite(op, a);
    int count = Matrices.count(a);
    boolean complex = a.im != null || b.im != null;
    double[] xr = new double[b.re.length];
    double[] xi = complex ? new double[b.re.length] : null;
    double[] bi = complex && b.im == null ? new double[b.re.length] : b.im;
    int[] failedColumn = new int[count];
    double[] failedPivot = new double[count];
    int k = b.shape[b.dim() - 1];
    Lu lu = a.im != null ? inLanes(a, b.re, bi, k, xr, xi, strict, keep, failedColumn, failedPivot)
        : oneByOne(a, b.re, bi, k, xr, xi, strict, keep, failedColumn, failedPivot);
    int bad = Matrices.firstFailure(failedColumn);
    if (bad >= 0) throw Matrices.singular(op, bad, a.shape, failedPivot[bad], failedColumn[bad] - 1);
    return new Solved(lu, Tensor.wrap(xr, xi, b.shape.clone()));
  }

  /**
   * {@link #small} for a complex a: factors and solves into {@code (xr, xi)}, notes failures, and returns the factors
   * in the lanes layout if {@code keep}, else null.
   */
  private static Lu inLanes(Tensor a, double[] br, double[] bi, int k, double[] xr, double[] xi, boolean strict,
      boolean keep, int[] failedColumn, double[] failedPivot) {
    int n = a.shape[a.dim() - 1], count = failedColumn.length;
    int lanes = LuLanes.LANES, groups = (count + lanes - 1) / lanes, slots = groups * lanes;
    Lu lu = keep ? new Lu(n, count, new double[slots * n * n], new double[slots * n * n], new int[slots * n],
        new double[slots * n], new double[slots * n], true) : null;
    Parallel.forRange(groups, Parallel.grain((long) lanes * n * n * (n + k) + 1), (g0, g1) -> {
      LuLanes group = new LuLanes(n);
      for (int g = g0; g < g1; g++) {
        group.factor(a.re, a.im, g * lanes, Math.min(lanes, count - g * lanes), strict);
        group.failures(failedColumn, failedPivot);
        for (int col = 0; col < k; col++) group.solve(br, bi, k, col, xr, xi, false);
        if (keep) group.save(lu, g);
      }
    });
    return lu;
  }

  /**
   * {@link #small} for a real a, one matrix at a time, factored as real (a complex right-hand side reads zero
   * imaginary parts of the factors); returns the factors if {@code keep}, else null.
   */
  private static Lu oneByOne(Tensor a, double[] br, double[] bi, int k, double[] xr, double[] xi, boolean strict,
      boolean keep, int[] failedColumn, double[] failedPivot) {
    int n = a.shape[a.dim() - 1], count = failedColumn.length;
    boolean complex = xi != null;
    double[] re = keep ? new double[a.re.length] : null;
    int[] perms = keep ? new int[count * n] : null;
    double[] recipRe = keep ? new double[count * n] : null, recipIm = keep ? new double[count * n] : null;
    Parallel.forRange(count, Parallel.grain((long) n * n * (n + k) + 1), (from, to) -> {
      double[] fr = new double[n * n];
      double[] fi = complex ? new double[n * n] : null;
      int[] perm = new int[n];
      double[] rr = new double[n], ri = new double[n];
      double[] ur = new double[n], ui = new double[n];
      for (int m = from; m < to; m++) {
        System.arraycopy(a.re, m * n * n, fr, 0, n * n);
        int c = Lu.flatReal(fr, 0, n, perm, 0, strict, rr);
        if (c >= 0) {
          failedColumn[m] = c + 1;
          failedPivot[m] = Math.abs(fr[c * n + c]);
          continue;
        }
        if (keep) {
          System.arraycopy(fr, 0, re, m * n * n, n * n);
          System.arraycopy(perm, 0, perms, m * n, n);
          System.arraycopy(rr, 0, recipRe, m * n, n);
        }
        for (int col = 0; col < k; col++) {
          int xo = m * n * k + col;
          if (complex) column(fr, fi, 0, perm, rr, ri, 0, n, br, bi, xr, xi, xo, k, ur, ui, false);
          else column(fr, 0, perm, 0, n, br, xr, xo, k, ur, false);
        }
      }
    });
    return keep ? new Lu(n, count, re, null, perms, recipRe, recipIm, false) : null;
  }

  /**
   * Returns {@code X = A^{-1} B} ({@code adjoint == false}) or {@code X = A^{-H} B} for a right-hand side
   * {@code B [..., n, k]} holding one {@code n x k} block per matrix factored in {@code lu}.
   */
  static Tensor solve(Lu lu, Tensor b, boolean adjoint) {
    if (lu.lanes) return solveLanes(lu, b, adjoint);
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

  /** {@link #solve} with the factors saved by groups of lanes ({@link Lu#lanes}). */
  private static Tensor solveLanes(Lu lu, Tensor b, boolean adjoint) {
    int n = lu.n, k = b.shape[b.dim() - 1], groups = (lu.count + LuLanes.LANES - 1) / LuLanes.LANES;
    double[] xr = new double[b.re.length], xi = new double[b.re.length];
    double[] bi = b.im == null ? new double[b.re.length] : b.im;
    Parallel.forRange(groups, Parallel.grain((long) LuLanes.LANES * n * n * k + 1), (g0, g1) -> {
      LuLanes group = new LuLanes(n);
      for (int g = g0; g < g1; g++) {
        group.restore(lu, g);
        for (int col = 0; col < k; col++) group.solve(b.re, bi, k, col, xr, xi, adjoint);
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
    else columnLoops(ar, ai, fo, perm, rr, ri, po, n, br, bi, xr, xi, xo, k, ur, ui, adjoint);
  }

  /** The general loops of the complex column solve, for any n. */
  static void columnLoops(double[] ar, double[] ai, int fo, int[] perm, double[] rr, double[] ri, int po, int n,
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
