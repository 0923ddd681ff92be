package rrm.solver;

import rrm.tensor.Autograd;
import rrm.tensor.Eigh;
import rrm.tensor.Parallel;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * The Lagrange multiplier of the textbook WMMSE precoder update (Shi et al. 2011, §III): for transmitter c with
 * Hermitian positive semidefinite {@code A_c} and right-hand sides {@code b_u} of its users u,
 *
 * <pre>
 *   mu_c = 0                     if A_c is nonsingular and p(0) <= P_c,
 *   mu_c > 0 with p(mu_c) = P_c  otherwise,          p(mu) = sum_{u of c} ||(A_c + mu I)^{-1} b_u||_F^2
 *                                                          = sum_m phi_m / (lambda_m + mu)^2
 * </pre>
 *
 * Forward: where {@code A_c} is positive definite (a Cholesky pivot above 1e-12 of its largest diagonal entry), mu
 * is 0 if {@code p(0) <= P_c}, else the root of p found by Newton's method on {@code 1 / sqrt(p)} with one Cholesky
 * factorisation per step (Moré and Sorensen; {@link Newton}). Where {@code A_c} is numerically singular (with fewer
 * interfered receivers than antennas, {@code K d < N_t}, it is singular exactly) the eigendecomposition
 * {@code A_c = D diag(lambda) D^H} decides: {@code p(mu) = sum_m phi_m / (lambda_m + mu)^2} with
 * {@code phi_m = sum_u ||[D^H b_u]_m||^2}, bisection on {@code [0, sqrt(sum phi / P)]} for 100 steps or until the
 * bracket is within 1e-12 relative (mu is its feasible end). Eigenvalues at most 1e-12 times the largest count as
 * A's null space; b lies in A's range, so p leaves those directions out and the precoder is the minimum-norm one. If
 * then the budget does not bind as {@code mu -> 0}, mu is set to {@code 1e-12 lambda_max} (inactive), so that
 * {@code (A + mu I)^{-1} b} is within about 1e-12 of {@code A^+ b} and the solve is well posed.
 *
 * <p>Backward (implicit-function theorem on {@code g = p(mu; A, b) - P = 0}): with {@code M = A + mu I},
 * {@code X_u = M^{-1} b_u}, {@code Z_u = M^{-1} X_u} and {@code s = sum_u Re tr(X_u^H Z_u) > 0},
 * {@code dmu = sum_u (Re<Z_u, db_u> - Re<Z_u X_u^H, dA>) / s}, so
 * {@code b̄_u = mū Z_u / s} and {@code Ā_u = -mū Z_u X_u^H / s}. Where the budget does not bind (mu = 0) the
 * multiplier is constant and gets no gradient. This lets an unrolled network differentiate through the bisection
 * without differentiating its iterations.
 */
final class PowerMultiplier {
  static final int MAX_STEPS = 100;
  static final double RELATIVE_WIDTH = 1e-12;
  static final double SINGULAR = 1e-12;

  private PowerMultiplier() {}

  /**
   * Returns mu {@code [B, K]} (real) for {@code a [B, K, N_t, N_t]} (user j's matrix; users of the same transmitter
   * hold the same matrix), {@code rhs [B, K, N_t, d]}, the transmitter of each user and the budget of each transmitter.
   */
  static Tensor of(Tensor a, Tensor rhs, int[] owner, double[] budgets) {
    int b = a.size(0), k = a.size(1), nt = a.size(2), d = rhs.size(3);
    if (owner.length != k) {
      throw new IllegalArgumentException("PowerMultiplier.of: owner must have one entry per user (" + k + "), got "
          + owner.length + " (a " + Shape.str(a.shape()) + ")");
    }
    double[] mu = new double[b * k];
    boolean[] active = new boolean[b * k];
    int transmitters = budgets.length;
    int[][] members = members(owner, transmitters);
    boolean[] fallback = new boolean[b * transmitters];
    double[] ar = a.data(), ai = a.imagData(), br = rhs.data(), bi = rhs.imagData();
    Parallel.forRange(b, Parallel.grain(400L * k * nt * nt), (lo, hi) -> {
      Newton w = new Newton(nt, d);
      for (int n = lo; n < hi; n++) {
        for (int c = 0; c < transmitters; c++) {
          if (members[c].length == 0) continue;
          double[] res = w.solve(ar, ai, br, bi, n, k, members[c], budgets[c]);
          if (res == null) {
            fallback[n * transmitters + c] = true;
            continue;
          }
          for (int u : members[c]) {
            mu[n * k + u] = res[0];
            active[n * k + u] = res[1] > 0;
          }
        }
      }
    });
    boolean any = false;
    for (boolean f : fallback) any |= f;
    if (any) eigenPath(a, rhs, members, budgets, fallback, mu, active);
    Tensor out = Tensor.of(mu, b, k);
    return Autograd.record(out, "powerMultiplier", g -> backward(a, rhs, out, active, owner, budgets.length, g),
        a, rhs);
  }

  /** Returns the users of each transmitter. */
  private static int[][] members(int[] owner, int transmitters) {
    int[] count = new int[transmitters];
    for (int c : owner) count[c]++;
    int[][] out = new int[transmitters][];
    for (int c = 0; c < transmitters; c++) out[c] = new int[count[c]];
    int[] fill = new int[transmitters];
    for (int u = 0; u < owner.length; u++) out[owner[u]][fill[owner[u]]++] = u;
    return out;
  }

  /** The eigendecomposition path for the transmitters whose matrix is (numerically) singular. */
  private static void eigenPath(Tensor a, Tensor rhs, int[][] members, double[] budgets, boolean[] which,
      double[] mu, boolean[] active) {
    int b = a.size(0), k = a.size(1), nt = a.size(2), transmitters = budgets.length;
    try (var off = Autograd.noGrad()) {
      Eigh e = a.detach().hermitianPart().eigh();
      double[] lam = e.values().data();
      double[] phi = e.vectors().mH().matmul(rhs.detach()).abs2().sum(-1).data();   // [B, K, N_t]
      double[] groupPhi = new double[nt];
      for (int n = 0; n < b; n++) {
        for (int c = 0; c < transmitters; c++) {
          if (!which[n * transmitters + c]) continue;
          java.util.Arrays.fill(groupPhi, 0);
          for (int u : members[c]) for (int m = 0; m < nt; m++) groupPhi[m] += phi[(n * k + u) * nt + m];
          double[] res = solve(lam, (n * k + members[c][0]) * nt, groupPhi, 0, nt, budgets[c]);
          for (int u : members[c]) {
            mu[n * k + u] = res[0];
            active[n * k + u] = res[1] > 0;
          }
        }
      }
    }
  }

  /** Returns mu {@code [B, K]} for the interference channel (user j is served by transmitter j). */
  static Tensor of(Tensor a, Tensor rhs, double[] budgets) {
    int[] owner = new int[a.size(1)];
    for (int j = 0; j < owner.length; j++) owner[j] = j;
    return of(a, rhs, owner, budgets);
  }

  /**
   * Returns {mu, active ? 1 : 0} for one transmitter: eigenvalues at {@code lam[lo..]}, weights at {@code phi[po..]}.
   * Directions with eigenvalue at most {@code SINGULAR * lambda_max} are A's null space: b lies in A's range, so their
   * weights are rounding errors and are left out (the minimum-norm solution).
   */
  private static double[] solve(double[] lam, int lo, double[] phi, int po, int n, double budget) {
    double maxL = 0;
    for (int m = 0; m < n; m++) maxL = Math.max(maxL, lam[lo + m]);
    double floor = SINGULAR * maxL;
    double total = 0;
    boolean regular = maxL > 0;
    for (int m = 0; m < n; m++) {
      if (lam[lo + m] > floor) total += phi[po + m];
      else regular = false;
    }
    double slack = regular ? 0 : maxL > 0 ? floor : 1.0;    // an inactive mu that keeps A + mu I invertible
    if (total == 0 || power(lam, lo, phi, po, n, 0, floor) <= budget) return new double[] {slack, 0};
    double left = 0, right = Math.sqrt(total / budget);
    for (int step = 0; step < MAX_STEPS && right - left > RELATIVE_WIDTH * right; step++) {
      double mid = 0.5 * (left + right);
      if (power(lam, lo, phi, po, n, mid, floor) > budget) left = mid;
      else right = mid;
    }
    return new double[] {right, 1};
  }

  private static double power(double[] lam, int lo, double[] phi, int po, int n, double mu, double floor) {
    double p = 0;
    for (int m = 0; m < n; m++) {
      if (lam[lo + m] <= floor) continue;
      double den = lam[lo + m] + mu;
      p += phi[po + m] / (den * den);
    }
    return p;
  }

  /**
   * Newton's method on {@code phi(mu) = 1 / sqrt(p(mu)) - 1 / sqrt(P)} (Moré and Sorensen's trust-region iteration),
   * each step one Cholesky factorisation {@code A + mu I = L L^H}: {@code x_u = (A + mu I)^{-1} b_u},
   * {@code q_u = L^{-1} x_u}, {@code p = sum ||x_u||^2}, {@code mu <- mu + p (sqrt(p / P) - 1) / sum ||q_u||^2}. phi
   * is concave and increasing, so from mu = 0 the iterates increase to the root without overshooting (p stays >= P)
   * and converge quadratically; stops at {@code p <= P (1 + 1e-13)}. The same multiplier as the bisection (the root of
   * a monotone equation), at a fraction of the cost of an eigendecomposition.
   */
  private static final class Newton {
    static final int MAX_ITERATIONS = 100;
    static final double TOLERANCE = 1e-13;
    final int n;
    final int d;
    final double[] lr;
    final double[] li;
    final double[] xr;
    final double[] xi;
    final double[] zBufR;
    final double[] zBufI;

    Newton(int n, int d) {
      this.n = n;
      this.d = d;
      lr = new double[n * n];
      li = new double[n * n];
      xr = new double[n * d];
      xi = new double[n * d];
      zBufR = new double[n];
      zBufI = new double[n];
    }

    /** Returns {mu, active ? 1 : 0}, or null when A is numerically singular (the eigendecomposition path decides). */
    double[] solve(double[] ar, double[] ai, double[] br, double[] bi, int sample, int k, int[] users, double budget) {
      int ao = (sample * k + users[0]) * n * n;
      if (!factor(ar, ai, ao, 0)) return null;
      double[] q = new double[1];
      double p = power(br, bi, sample, k, users, q);
      if (p <= budget) return new double[] {0, 0};
      double mu = 0;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        double step = p * (Math.sqrt(p / budget) - 1) / q[0];
        if (!(step > 0)) break;
        mu += step;
        factor(ar, ai, ao, mu);
        p = power(br, bi, sample, k, users, q);
        if (p <= budget * (1 + TOLERANCE) || step <= 1e-15 * mu) break;
      }
      return new double[] {mu, 1};
    }

    /** Factors {@code A + shift I} into L; false when a pivot is at most SINGULAR times the largest diagonal entry. */
    boolean factor(double[] ar, double[] ai, int ao, double shift) {
      double maxDiag = 0;
      for (int i = 0; i < n; i++) maxDiag = Math.max(maxDiag, ar[ao + i * n + i] + shift);
      if (!(maxDiag > 0)) return false;
      for (int j = 0; j < n; j++) {
        double diag = ar[ao + j * n + j] + shift;
        for (int m = 0; m < j; m++) diag -= lr[j * n + m] * lr[j * n + m] + li[j * n + m] * li[j * n + m];
        if (!(diag > SINGULAR * maxDiag)) return false;
        double ljj = Math.sqrt(diag);
        lr[j * n + j] = ljj;
        li[j * n + j] = 0;
        for (int i = j + 1; i < n; i++) {
          double sr = ar[ao + i * n + j], si = ai[ao + i * n + j];
          for (int m = 0; m < j; m++) {          // - L[i, m] conj(L[j, m])
            double pr = lr[i * n + m], pi = li[i * n + m], qr = lr[j * n + m], qi = -li[j * n + m];
            sr -= pr * qr - pi * qi;
            si -= pr * qi + pi * qr;
          }
          lr[i * n + j] = sr / ljj;
          li[i * n + j] = si / ljj;
        }
      }
      return true;
    }

    /**
     * Returns {@code sum_u ||x_u||^2} with {@code x_u = (L L^H)^{-1} b_u}; when {@code q} is given, stores
     * {@code sum_u ||L^{-1} x_u||^2} in {@code q[0]}.
     */
    double power(double[] br, double[] bi, int sample, int k, int[] users, double[] q) {
      double p = 0, s = 0;
      for (int u : users) {
        int bo = (sample * k + u) * n * d;
        for (int c = 0; c < d; c++) {
          for (int i = 0; i < n; i++) {              // L y = b
            double yr = br[bo + i * d + c], yi = bi[bo + i * d + c];
            for (int m = 0; m < i; m++) {
              double pr = lr[i * n + m], pi = li[i * n + m], zr = xr[m * d + c], zi = xi[m * d + c];
              yr -= pr * zr - pi * zi;
              yi -= pr * zi + pi * zr;
            }
            xr[i * d + c] = yr / lr[i * n + i];
            xi[i * d + c] = yi / lr[i * n + i];
          }
          for (int i = n - 1; i >= 0; i--) {         // L^H x = y
            double yr = xr[i * d + c], yi = xi[i * d + c];
            for (int m = i + 1; m < n; m++) {        // conj(L[m, i]) x[m]
              double pr = lr[m * n + i], pi = -li[m * n + i], zr = xr[m * d + c], zi = xi[m * d + c];
              yr -= pr * zr - pi * zi;
              yi -= pr * zi + pi * zr;
            }
            xr[i * d + c] = yr / lr[i * n + i];
            xi[i * d + c] = yi / lr[i * n + i];
          }
          for (int i = 0; i < n; i++) p += xr[i * d + c] * xr[i * d + c] + xi[i * d + c] * xi[i * d + c];
          if (q != null) {
            for (int i = 0; i < n; i++) {            // L z = x (z is not stored beyond its norm)
              double yr = xr[i * d + c], yi = xi[i * d + c];
              for (int m = 0; m < i; m++) {
                double pr = lr[i * n + m], pi = li[i * n + m], zr = zBufR[m], zi = zBufI[m];
                yr -= pr * zr - pi * zi;
                yi -= pr * zi + pi * zr;
              }
              zBufR[i] = yr / lr[i * n + i];
              zBufI[i] = yi / lr[i * n + i];
              s += zBufR[i] * zBufR[i] + zBufI[i] * zBufI[i];
            }
          }
        }
      }
      if (q != null) q[0] = s;
      return p;
    }
  }

  private static Tensor[] backward(Tensor a, Tensor rhs, Tensor mu, boolean[] active, int[] owner, int transmitters,
      Tensor g) {
    int b = a.size(0), k = a.size(1), nt = a.size(2);
    Tensor m = a.add(mu.unsqueeze(-1).unsqueeze(-1).mul(Tensor.eye(nt)));
    Tensor x = m.solve(rhs);
    Tensor z = m.mH().solve(x);
    double[] s = x.conj().mul(z).real().sum(-1).sum(-1).data();      // [B, K]: Re tr(X^H Z)
    double[] gm = g.real().data();
    double[] coef = new double[b * k];
    for (int n = 0; n < b; n++) {
      double[] gs = new double[transmitters];
      double[] ss = new double[transmitters];
      for (int u = 0; u < k; u++) {
        gs[owner[u]] += gm[n * k + u];
        ss[owner[u]] += s[n * k + u];
      }
      for (int u = 0; u < k; u++) {
        int c = owner[u];
        coef[n * k + u] = active[n * k + u] && ss[c] > 0 ? gs[c] / ss[c] : 0;
      }
    }
    Tensor c = Tensor.of(coef, b, k, 1, 1);
    Tensor gb = z.mul(c);
    Tensor ga = gb.matmul(x.mH()).neg();
    return new Tensor[] {ga, gb};
  }
}
