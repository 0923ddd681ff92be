package rrm.tensor;

/**
 * Matrix-product kernels behind {@link LinAlg#matmul}: {@code C = A B} for row-major blocks, real or complex (split
 * real and imaginary arrays).
 *
 * <p>Every output element is computed by the same arithmetic on every path, a chain of fused multiply-adds over p
 * ascending starting from 0: real {@code c = fma(a_p, b_p, c)}; complex
 * {@code c_re = fma(ar_p, br_p, fma(-ai_p, bi_p, c_re))}, {@code c_im = fma(ar_p, bi_p, fma(ai_p, br_p, c_im))}. So
 * results do not depend on the path, the blocking or the thread count.
 *
 * <p>Operands are strided views, so the conjugate transposes of the backward pass ({@code G B^H}, {@code A^H G}) are
 * read in place instead of being copied; conjugation multiplies imaginary parts by -1, which is exact, so a view gives
 * the same bits as a copied operand.
 *
 * <p>Paths: a scalar one for short rows, and a "row" path that copies B into one array per row (so the JIT's
 * auto-vectoriser sees offset-free loops; measured 2-4x faster than indexed loops on HotSpot 17) and updates a whole
 * output row per group of four (real) or two (complex) rows of B. Short rows of an A read down its columns over a
 * long inner axis (the {@code A^H G} of a weight gradient) take a third, "tall" path that sweeps p once per block of
 * rows instead of once per row.
 */
final class Gemm {
  private Gemm() {}

  /** Rows at least this long take the row path. */
  static final int ROW_PATH_MIN_N = 16;

  /**
   * One operand: element (r, c) of item t at {@code t * item + r * row + c * col}; imaginary parts (null when real)
   * are multiplied by {@code sign} (-1 reads the conjugate).
   */
  record Operand(double[] re, double[] im, int item, int row, int col, double sign) {}

  /** B of one product copied into one array per row (real, and imaginary or null), plus accumulator rows. */
  static final class Packed {
    final double[][] re;
    final double[][] im;
    final double[] accRe;
    final double[] accIm;

    Packed(int k, int n, boolean complex) {
      re = new double[k][n];
      im = complex ? new double[k][n] : null;
      accRe = new double[n];
      accIm = complex ? new double[n] : null;
    }

    /** Copies the {@code k x n} view of item t of b into the row arrays; returns this. */
    Packed fill(Operand b, int t) {
      int n = accRe.length;
      int bo = t * b.item();
      for (int p = 0; p < re.length; p++) {
        int s = bo + p * b.row();
        if (b.col() == 1) {
          System.arraycopy(b.re(), s, re[p], 0, n);
          if (im != null) System.arraycopy(b.im(), s, im[p], 0, n);
        } else {
          for (int j = 0; j < n; j++) re[p][j] = b.re()[s + j * b.col()];
          if (im != null) for (int j = 0; j < n; j++) im[p][j] = b.im()[s + j * b.col()];
        }
        if (im != null && b.sign() != 1) for (int j = 0; j < n; j++) im[p][j] = -im[p][j];
      }
      return this;
    }

    /** Returns a packing of the same B with fresh accumulators, for another thread. */
    Packed sharing() {
      return new Packed(this);
    }

    private Packed(Packed other) {
      re = other.re;
      im = other.im;
      accRe = new double[other.accRe.length];
      accIm = other.im == null ? null : new double[other.accRe.length];
    }
  }

  /** Real rows {@code [from, to)} of item t of C = A B on the row path. */
  static void realRows(Operand a, int t, Packed b, double[] c, int co, int from, int to, int k, int n) {
    double[] x = a.re();
    int ars = a.row(), acs = a.col();
    double[] acc = b.accRe;
    double[][] rows = b.re;
    for (int i = from; i < to; i++) {
      java.util.Arrays.fill(acc, 0);
      int ai = t * a.item() + i * ars;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        int q = ai + p * acs;
        axpy4(x[q], x[q + acs], x[q + 2 * acs], x[q + 3 * acs], rows[p], rows[p + 1], rows[p + 2], rows[p + 3], acc, n);
      }
      for (; p < k; p++) axpy1(x[ai + p * acs], rows[p], acc, n);
      System.arraycopy(acc, 0, c, co + i * n, n);
    }
  }

  private static void axpy4(double a0, double a1, double a2, double a3, double[] b0, double[] b1, double[] b2,
      double[] b3, double[] c, int n) {
    for (int j = 0; j < n; j++) {
      c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
    }
  }

  private static void axpy1(double a0, double[] b0, double[] c, int n) {
    for (int j = 0; j < n; j++) c[j] = Math.fma(a0, b0[j], c[j]);
  }

  /** Complex rows {@code [from, to)} of item t of C = A B on the row path. */
  static void complexRows(Operand a, int t, Packed b, double[] cr, double[] ci, int co, int from, int to, int k,
      int n) {
    double[] ar = a.re(), ai = a.im();
    double sa = a.sign();
    int ars = a.row(), acs = a.col();
    double[] xr = b.accRe, xi = b.accIm;
    double[][] br = b.re, bi = b.im;
    for (int i = from; i < to; i++) {
      java.util.Arrays.fill(xr, 0);
      java.util.Arrays.fill(xi, 0);
      int a0 = t * a.item() + i * ars;
      int p = 0;
      for (; p + 1 < k; p += 2) {
        int q = a0 + p * acs;
        caxpy2(ar[q], sa * ai[q], ar[q + acs], sa * ai[q + acs], br[p], bi[p], br[p + 1], bi[p + 1], xr, xi, n);
      }
      if (p < k) caxpy1(ar[a0 + p * acs], sa * ai[a0 + p * acs], br[p], bi[p], xr, xi, n);
      System.arraycopy(xr, 0, cr, co + i * n, n);
      System.arraycopy(xi, 0, ci, co + i * n, n);
    }
  }

  private static void caxpy2(double r0, double i0, double r1, double i1, double[] br0, double[] bi0, double[] br1,
      double[] bi1, double[] xr, double[] xi, int n) {
    double m0 = -i0, m1 = -i1;
    for (int j = 0; j < n; j++) {
      double re = Math.fma(r0, br0[j], Math.fma(m0, bi0[j], xr[j]));
      double im = Math.fma(r0, bi0[j], Math.fma(i0, br0[j], xi[j]));
      xr[j] = Math.fma(r1, br1[j], Math.fma(m1, bi1[j], re));
      xi[j] = Math.fma(r1, bi1[j], Math.fma(i1, br1[j], im));
    }
  }

  private static void caxpy1(double r0, double i0, double[] br0, double[] bi0, double[] xr, double[] xi, int n) {
    double m0 = -i0;
    for (int j = 0; j < n; j++) {
      xr[j] = Math.fma(r0, br0[j], Math.fma(m0, bi0[j], xr[j]));
      xi[j] = Math.fma(r0, bi0[j], Math.fma(i0, br0[j], xi[j]));
    }
  }

  /** Inner dimensions at least this long take the tall path when A is read column by column. */
  static final int TALL_MIN_K = 256;

  /** Returns whether rows of item products take {@link #realTall}/{@link #complexTall}: A read down its columns. */
  static boolean tall(Operand a, int k) {
    return a.row() == 1 && a.col() != 1 && k >= TALL_MIN_K;
  }

  /**
   * Real rows {@code [from, to)} of item t with p outermost, for an A stored column by column (the {@code A^H} of a
   * weight gradient, k the long axis): one sweep over p updates every output of the block, where the scalar path
   * would stride through A once per output row. Each element is still the documented chain over p ascending.
   */
  static void realTall(Operand a, Operand b, int t, double[] c, int co, int from, int to, int k, int n) {
    double[] x = a.re(), y = b.re();
    int ars = a.row(), acs = a.col(), brs = b.row(), bcs = b.col(), rows = to - from;
    int ao = t * a.item() + from * ars, bo = t * b.item();
    double[] acc = new double[rows * n];
    for (int p = 0; p < k; p++) {
      int ap = ao + p * acs, bp = bo + p * brs;
      for (int i = 0; i < rows; i++) {
        double u = x[ap + i * ars];
        for (int j = 0, q = i * n; j < n; j++, q++) acc[q] = Math.fma(u, y[bp + j * bcs], acc[q]);
      }
    }
    System.arraycopy(acc, 0, c, co + from * n, rows * n);
  }

  /** The complex {@link #realTall}. */
  static void complexTall(Operand a, Operand b, int t, double[] cr, double[] ci, int co, int from, int to, int k,
      int n) {
    double[] ar = a.re(), ai = a.im(), br = b.re(), bi = b.im();
    double sa = a.sign(), sb = b.sign();
    int ars = a.row(), acs = a.col(), brs = b.row(), bcs = b.col(), rows = to - from;
    int ao = t * a.item() + from * ars, bo = t * b.item();
    double[] xr = new double[rows * n], xi = new double[rows * n];
    for (int p = 0; p < k; p++) {
      int ap = ao + p * acs, bp = bo + p * brs;
      if (n == 1) {                           // a column of outputs (the gradient of a weight vector)
        double vr = br[bp], vi = sb * bi[bp];
        for (int i = 0; i < rows; i++) {
          double ur = ar[ap + i * ars], ui = sa * ai[ap + i * ars];
          xr[i] = Math.fma(ur, vr, Math.fma(-ui, vi, xr[i]));
          xi[i] = Math.fma(ur, vi, Math.fma(ui, vr, xi[i]));
        }
        continue;
      }
      for (int i = 0; i < rows; i++) {
        double ur = ar[ap + i * ars], ui = sa * ai[ap + i * ars];
        for (int j = 0, q = i * n; j < n; j++, q++) {
          double vr = br[bp + j * bcs], vi = sb * bi[bp + j * bcs];
          xr[q] = Math.fma(ur, vr, Math.fma(-ui, vi, xr[q]));
          xi[q] = Math.fma(ur, vi, Math.fma(ui, vr, xi[q]));
        }
      }
    }
    System.arraycopy(xr, 0, cr, co + from * n, rows * n);
    System.arraycopy(xi, 0, ci, co + from * n, rows * n);
  }

  /**
   * Real rows {@code [from, to)} of item t on the scalar path (B read in place): tiles of two rows by four columns
   * held in registers, so each loaded entry feeds two to four multiply-adds.
   */
  static void realScalar(Operand a, Operand b, int t, double[] c, int co, int from, int to, int k, int n) {
    double[] x = a.re(), y = b.re();
    int ars = a.row(), acs = a.col(), brs = b.row(), bcs = b.col();
    int ao = t * a.item(), bo = t * b.item();
    int i = from;
    for (; i + 1 < to; i += 2) {
      int a0 = ao + i * ars, a1 = a0 + ars, c0 = co + i * n, c1 = c0 + n;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (int p = 0, bj = bo + j * bcs, ap = 0; p < k; p++, bj += brs, ap += acs) {
          double u = x[a0 + ap], v = x[a1 + ap];
          double b0 = y[bj], b1 = y[bj + bcs], b2 = y[bj + 2 * bcs], b3 = y[bj + 3 * bcs];
          s0 = Math.fma(u, b0, s0);
          s1 = Math.fma(u, b1, s1);
          s2 = Math.fma(u, b2, s2);
          s3 = Math.fma(u, b3, s3);
          t0 = Math.fma(v, b0, t0);
          t1 = Math.fma(v, b1, t1);
          t2 = Math.fma(v, b2, t2);
          t3 = Math.fma(v, b3, t3);
        }
        c[c0 + j] = s0;
        c[c0 + j + 1] = s1;
        c[c0 + j + 2] = s2;
        c[c0 + j + 3] = s3;
        c[c1 + j] = t0;
        c[c1 + j + 1] = t1;
        c[c1 + j + 2] = t2;
        c[c1 + j + 3] = t3;
      }
      for (; j < n; j++) {
        double s = 0, u = 0;
        for (int p = 0, bj = bo + j * bcs, ap = 0; p < k; p++, bj += brs, ap += acs) {
          s = Math.fma(x[a0 + ap], y[bj], s);
          u = Math.fma(x[a1 + ap], y[bj], u);
        }
        c[c0 + j] = s;
        c[c1 + j] = u;
      }
    }
    if (i < to) {
      int a0 = ao + i * ars, c0 = co + i * n;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0, bj = bo + j * bcs, ap = 0; p < k; p++, bj += brs, ap += acs) s = Math.fma(x[a0 + ap], y[bj], s);
        c[c0 + j] = s;
      }
    }
  }

  /** Complex rows {@code [from, to)} of item t on the scalar path: tiles of two rows by two columns. */
  static void complexScalar(Operand a, Operand b, int t, double[] cr, double[] ci, int co, int from, int to, int k,
      int n) {
    double[] ar = a.re(), ai = a.im(), br = b.re(), bi = b.im();
    double sa = a.sign(), sb = b.sign();
    int ars = a.row(), acs = a.col(), brs = b.row(), bcs = b.col();
    int ao = t * a.item(), bo = t * b.item();
    int i = from;
    for (; i + 1 < to; i += 2) {
      int a0 = ao + i * ars, a1 = a0 + ars, c0 = co + i * n, c1 = c0 + n;
      int j = 0;
      for (; j + 1 < n; j += 2) {
        double r00 = 0, i00 = 0, r01 = 0, i01 = 0, r10 = 0, i10 = 0, r11 = 0, i11 = 0;
        for (int p = 0, bj = bo + j * bcs, ap = 0; p < k; p++, bj += brs, ap += acs) {
          double xr = ar[a0 + ap], xi = sa * ai[a0 + ap], yr = ar[a1 + ap], yi = sa * ai[a1 + ap];
          double ur = br[bj], ui = sb * bi[bj], vr = br[bj + bcs], vi = sb * bi[bj + bcs];
          r00 = Math.fma(xr, ur, Math.fma(-xi, ui, r00));
          i00 = Math.fma(xr, ui, Math.fma(xi, ur, i00));
          r01 = Math.fma(xr, vr, Math.fma(-xi, vi, r01));
          i01 = Math.fma(xr, vi, Math.fma(xi, vr, i01));
          r10 = Math.fma(yr, ur, Math.fma(-yi, ui, r10));
          i10 = Math.fma(yr, ui, Math.fma(yi, ur, i10));
          r11 = Math.fma(yr, vr, Math.fma(-yi, vi, r11));
          i11 = Math.fma(yr, vi, Math.fma(yi, vr, i11));
        }
        cr[c0 + j] = r00;
        ci[c0 + j] = i00;
        cr[c0 + j + 1] = r01;
        ci[c0 + j + 1] = i01;
        cr[c1 + j] = r10;
        ci[c1 + j] = i10;
        cr[c1 + j + 1] = r11;
        ci[c1 + j + 1] = i11;
      }
      if (j < n) {
        complexElement(a, a0, b, bo + j * bcs, k, cr, ci, c0 + j);
        complexElement(a, a1, b, bo + j * bcs, k, cr, ci, c1 + j);
      }
    }
    if (i < to) {
      int a0 = ao + i * ars, c0 = co + i * n;
      for (int j = 0; j < n; j++) complexElement(a, a0, b, bo + j * bcs, k, cr, ci, c0 + j);
    }
  }

  private static void complexElement(Operand a, int a0, Operand b, int bj, int k, double[] cr, double[] ci, int c) {
    double[] ar = a.re(), ai = a.im(), br = b.re(), bi = b.im();
    double sa = a.sign(), sb = b.sign();
    int acs = a.col(), brs = b.row();
    double sr = 0, si = 0;
    for (int p = 0, ap = a0; p < k; p++, bj += brs, ap += acs) {
      double xr = ar[ap], xi = sa * ai[ap], yr = br[bj], yi = sb * bi[bj];
      sr = Math.fma(xr, yr, Math.fma(-xi, yi, sr));
      si = Math.fma(xr, yi, Math.fma(xi, yr, si));
    }
    cr[c] = sr;
    ci[c] = si;
  }
}
