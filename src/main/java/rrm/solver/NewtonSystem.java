package rrm.solver;

import java.util.Arrays;

/**
 * The Newton system of the log barrier of a {@link ConvexProgram}, {@code H dz = -g} with
 *
 * <pre>
 *   g = t grad f0 + sum_r grad f_r / s_r,      H = t hess f0 + sum_r [ grad f_r grad f_r^T / s_r^2 + hess f_r / s_r ],
 * </pre>
 *
 * {@code s_r = -f_r(z) > 0}, assembled row by row from the sparse rows and solved by block elimination: the variables
 * split into kept ones x and eliminated blocks y_j whose Hessian is block diagonal; each block's x-coupling is stored
 * only on its support (the kept variables that share a row with it). With {@code H_jj = L_j L_j^T} the step is
 * {@code (H_xx - sum_j H_xj H_jj^{-1} H_jx) dx = -g_x + sum_j H_xj H_jj^{-1} g_j}, then
 * {@code dy_j = -H_jj^{-1}(g_j + H_jx dx)}.
 */
final class NewtonSystem {
  private final ConvexProgram p;
  private final int nx;
  private final int[] xpos;
  private final int[] owner;
  private final int[] ypos;
  private final int[] rowBlock;
  private final int[][] support;
  private final int[] suppPos;
  private final double[] hxx;
  private final double[][] hyy;
  private final double[][] hxy;
  private final double[] grad;
  private final double[] gv;
  private final double[] gCoef;
  private final double[] rx;
  private final double[][] u;
  private final double[][] zmat;
  private final double[] wOuter;
  private final double[] wCurv;

  NewtonSystem(ConvexProgram p) {
    this.p = p;
    int n = p.n;
    owner = new int[n];
    ypos = new int[n];
    Arrays.fill(owner, -1);
    for (int j = 0; j < p.blocks.length; j++) {
      for (int i = p.blocks[j][0]; i < p.blocks[j][1]; i++) {
        owner[i] = j;
        ypos[i] = i - p.blocks[j][0];
      }
    }
    xpos = new int[n];
    int c = 0;
    for (int i = 0; i < n; i++) xpos[i] = owner[i] < 0 ? c++ : -1;
    nx = c;
    rowBlock = new int[p.rows()];
    boolean[][] touches = new boolean[p.blocks.length][nx];
    for (int r = 0; r < p.rows(); r++) {
      int b = -1;
      for (int q = p.ptr[r]; q < p.ptr[r + 1]; q++) if (owner[p.var[q]] >= 0) b = owner[p.var[q]];
      rowBlock[r] = b;
      if (b < 0) continue;
      for (int q = p.ptr[r]; q < p.ptr[r + 1]; q++) if (xpos[p.var[q]] >= 0) touches[b][xpos[p.var[q]]] = true;
    }
    support = new int[p.blocks.length][];
    suppPos = new int[p.blocks.length * nx];
    Arrays.fill(suppPos, -1);
    hyy = new double[p.blocks.length][];
    hxy = new double[p.blocks.length][];
    for (int j = 0; j < p.blocks.length; j++) {
      int cnt = 0;
      for (int x = 0; x < nx; x++) if (touches[j][x]) cnt++;
      support[j] = new int[cnt];
      cnt = 0;
      for (int x = 0; x < nx; x++) {
        if (touches[j][x]) {
          suppPos[j * nx + x] = cnt;
          support[j][cnt++] = x;
        }
      }
      int s = p.blocks[j][1] - p.blocks[j][0];
      hyy[j] = new double[s * s];
      hxy[j] = new double[support[j].length * s];
    }
    hxx = new double[nx * nx];
    rx = new double[nx];
    u = new double[p.blocks.length][];
    zmat = new double[p.blocks.length][];
    for (int j = 0; j < p.blocks.length; j++) {
      u[j] = new double[p.blocks[j][1] - p.blocks[j][0]];
      zmat[j] = new double[support[j].length * u[j].length];
    }
    grad = new double[n];
    gv = new double[p.var.length];
    gCoef = new double[p.rows()];
    wOuter = new double[p.rows()];
    wCurv = new double[p.rows()];
  }

  /** Assembles the barrier's g and H at z with slacks s and barrier weight t; returns g (owned by this object). */
  double[] assemble(double[] z, double[] s, double t) {
    for (int r = 0; r < s.length; r++) {
      double inv = 1 / s[r];
      gCoef[r] = inv;
      wOuter[r] = inv * inv;
      wCurv[r] = inv;
    }
    return assemble(z, t, gCoef, wOuter, wCurv);
  }

  /**
   * Assembles {@code g = scale grad f0 + sum_r gc_r grad f_r} and
   * {@code H = scale hess f0 + sum_r [wo_r grad f_r grad f_r^T + wc_r hess f_r]}; returns g (owned by this object).
   * The barrier uses {@code (t, 1/s, 1/s^2, 1/s)}; a primal-dual method would use {@code (1, 1/(t s), lambda/s, lambda)}.
   */
  double[] assemble(double[] z, double scale, double[] gc, double[] wo, double[] wc) {
    Arrays.fill(hxx, 0);
    for (double[] h : hyy) Arrays.fill(h, 0);
    for (double[] h : hxy) Arrays.fill(h, 0);
    for (int i = 0; i < p.n; i++) {
      double a = 1 + z[i];
      grad[i] = scale * (p.c[i] + p.d[i] * (z[i] - p.e[i]) - p.w[i] / a);
      addDiag(i, scale * (p.d[i] + p.w[i] / (a * a)));
    }
    for (int r = 0; r < p.rows(); r++) {
      double g1 = gc[r], w2 = wo[r], w3 = wc[r];
      int lo = p.ptr[r], hi = p.ptr[r + 1], b = rowBlock[r];
      for (int q = lo; q < hi; q++) {
        int v = p.var[q];
        gv[q] = p.lin[q] + p.quad[q] * z[v];
        grad[v] += gv[q] * g1;
        if (p.quad[q] != 0) addDiag(v, p.quad[q] * w3);
      }
      for (int q1 = lo; q1 < hi; q1++) {
        int v1 = p.var[q1];
        double a1 = gv[q1] * w2;
        int x1 = xpos[v1];
        for (int q2 = lo; q2 < hi; q2++) {
          int v2 = p.var[q2];
          double val = a1 * gv[q2];
          int x2 = xpos[v2];
          if (x1 >= 0 && x2 >= 0) {
            hxx[x1 * nx + x2] += val;
          } else if (x1 < 0 && x2 < 0) {
            int sz = p.blocks[b][1] - p.blocks[b][0];
            hyy[b][ypos[v1] * sz + ypos[v2]] += val;
          } else if (x1 >= 0) {
            int sz = p.blocks[b][1] - p.blocks[b][0];
            hxy[b][suppPos[b * nx + x1] * sz + ypos[v2]] += val;
          }
        }
      }
    }
    return grad;
  }

  private void addDiag(int v, double val) {
    if (xpos[v] >= 0) {
      hxx[xpos[v] * nx + xpos[v]] += val;
    } else {
      int b = owner[v], sz = p.blocks[b][1] - p.blocks[b][0];
      hyy[b][ypos[v] * sz + ypos[v]] += val;
    }
  }

  /** Solves {@code H dz = -g} (destroys the assembled H). */
  void solve(double[] g, double[] dz) {
    double[] rx = this.rx;
    for (int i = 0; i < p.n; i++) if (xpos[i] >= 0) rx[xpos[i]] = -g[i];
    for (int j = 0; j < p.blocks.length; j++) {
      int sz = p.blocks[j][1] - p.blocks[j][0], cs = support[j].length;
      cholesky(hyy[j], sz);
      double[] uj = u[j];
      for (int y = 0; y < sz; y++) uj[y] = -g[p.blocks[j][0] + y];
      cholSolve(hyy[j], sz, uj, 0);
      // Z = H_jj^{-1} H_jx, stored column by column of the support: zm[a * sz + y]
      double[] zm = zmat[j];
      System.arraycopy(hxy[j], 0, zm, 0, cs * sz);
      for (int a = 0; a < cs; a++) cholSolve(hyy[j], sz, zm, a * sz);
      for (int a = 0; a < cs; a++) {
        int xa = support[j][a];
        double acc = 0;
        for (int y = 0; y < sz; y++) acc += hxy[j][a * sz + y] * uj[y];
        rx[xa] -= acc;
        for (int b2 = 0; b2 < cs; b2++) {
          double sum = 0;
          for (int y = 0; y < sz; y++) sum += hxy[j][a * sz + y] * zm[b2 * sz + y];
          hxx[xa * nx + support[j][b2]] -= sum;
        }
      }
    }
    cholesky(hxx, nx);
    cholSolve(hxx, nx, rx, 0);
    for (int i = 0; i < p.n; i++) if (xpos[i] >= 0) dz[i] = rx[xpos[i]];
    for (int j = 0; j < p.blocks.length; j++) {
      int sz = p.blocks[j][1] - p.blocks[j][0], cs = support[j].length;
      for (int y = 0; y < sz; y++) {
        double v = u[j][y];
        for (int a = 0; a < cs; a++) v -= zmat[j][a * sz + y] * rx[support[j][a]];
        dz[p.blocks[j][0] + y] = v;
      }
    }
  }

  /** In-place lower Cholesky of the n x n matrix a; a relative jitter is added to the diagonal if it is not PD. */
  static void cholesky(double[] a, int n) {
    double maxDiag = 0;
    for (int i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
    double[] keep = null;
    for (double jitter = 0; ; jitter = jitter == 0 ? 1e-14 * Math.max(maxDiag, 1e-300) : jitter * 100) {
      if (jitter > 0) {
        if (keep == null) throw new IllegalStateException("NewtonSystem: lost the matrix copy");
        System.arraycopy(keep, 0, a, 0, n * n);
        for (int i = 0; i < n; i++) a[i * n + i] += jitter;
      } else {
        keep = a.clone();
      }
      if (factor(a, n)) return;
      if (jitter > maxDiag) {
        throw new IllegalStateException("NewtonSystem: the Newton matrix is not positive definite even with jitter "
            + jitter);
      }
    }
  }

  private static boolean factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
      if (!(d > 0)) return false;
      double l = Math.sqrt(d);
      a[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
        a[i * n + j] = s / l;
      }
    }
    return true;
  }

  /** Solves {@code L L^T x = b} in place on {@code b[off, off + n)}. */
  static void cholSolve(double[] l, int n, double[] b, int off) {
    for (int i = 0; i < n; i++) {
      double s = b[off + i];
      for (int k = 0; k < i; k++) s -= l[i * n + k] * b[off + k];
      b[off + i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[off + i];
      for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[off + k];
      b[off + i] = s / l[i * n + i];
    }
  }
}
