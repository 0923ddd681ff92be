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
 * with {@code A_c = D diag(lambda) D^H} and {@code phi_m = sum_u ||[D^H b_u]_m||^2}. Forward: one Hermitian
 * eigendecomposition per transmitter, then bisection on {@code [0, sqrt(sum phi / P)]} (p is decreasing and
 * {@code p(hi) <= P}) for 100 steps or until the bracket is within 1e-12 relative; mu is the bracket's feasible end.
 * Eigenvalues at most 1e-12 times the largest count as A's null space (with fewer interfered receivers than
 * antennas, {@code K d < N_t}, A is singular exactly). b lies in A's range, so p leaves those directions out: the
 * precoder is the minimum-norm one. If then the budget does not bind as {@code mu -> 0}, mu is set to
 * {@code 1e-12 lambda_max} (inactive), so that {@code (A + mu I)^{-1} b} is within about 1e-12 of {@code A^+ b} and
 * the solve is well posed.
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
    try (var off = Autograd.noGrad()) {
      Eigh e = a.detach().hermitianPart().eigh();
      Tensor proj = e.vectors().mH().matmul(rhs.detach()).abs2().sum(-1);   // [B, K, N_t]: phi per user
      double[] lam = e.values().data();
      double[] phi = proj.data();
      int transmitters = budgets.length;
      Parallel.forRange(b, Parallel.grain(200L * k * nt), (lo, hi) -> {
        double[] groupPhi = new double[transmitters * nt];
        int[] first = new int[transmitters];
        for (int n = lo; n < hi; n++) {
          java.util.Arrays.fill(groupPhi, 0);
          java.util.Arrays.fill(first, -1);
          for (int u = 0; u < k; u++) {
            int c = owner[u];
            if (first[c] < 0) first[c] = u;
            for (int m = 0; m < nt; m++) groupPhi[c * nt + m] += phi[(n * k + u) * nt + m];
          }
          for (int c = 0; c < transmitters; c++) {
            if (first[c] < 0) continue;
            int lo0 = (n * k + first[c]) * nt;
            double[] res = solve(lam, lo0, groupPhi, c * nt, nt, budgets[c]);
            for (int u = 0; u < k; u++) {
              if (owner[u] != c) continue;
              mu[n * k + u] = res[0];
              active[n * k + u] = res[1] > 0;
            }
          }
        }
      });
    }
    Tensor out = Tensor.of(mu, b, k);
    return Autograd.record(out, "powerMultiplier", g -> backward(a, rhs, out, active, owner, budgets.length, g),
        a, rhs);
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
