package rrm.model.unrolled;

import java.util.SplittableRandom;
import rrm.solver.BarrierSolver;
import rrm.solver.ConvexProgram;
import rrm.solver.ConvexSolution;
import rrm.solver.ProjectedGradient;
import rrm.tensor.Autograd;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * A small constrained problem outside radio resource management, to show the UPGDNet framework (USRMNet paper §II)
 * on its own: share a budget among n tasks, each with its own quadratic cost,
 *
 * <pre>
 *   minimise   f(x) = sum_i (d_i / 2) (x_i - e_i)^2
 *   subject to 0 <= x_i <= u_i                 (C_1: simple, enforced by the projection)
 *              sum_i a_i x_i <= b               (C_2: coupled, left to learning and a penalty)
 * </pre>
 *
 * with curvatures {@code d > 0}, targets e, caps {@code u > 0}, prices {@code a > 0} and a budget {@code b > 0} per
 * instance, all {@code [B, n]} ({@code b [B]}). The curvatures span two decades, so a gradient step that is safe for
 * the stiffest coordinate is slow for the others: the setting where learned step sizes pay.
 *
 * <p>The exact minimiser follows from the KKT conditions, {@code x_i(nu) = clamp(e_i - nu a_i / d_i, 0, u_i)} with
 * the multiplier {@code nu >= 0} of C_2 found by bisection ({@link #solve}); with unit curvatures the same rule is
 * the Euclidean projection onto C_1 and C_2 together ({@link #projectFeasible}).
 *
 * @param curvature d {@code [B, n]}, positive
 * @param target e {@code [B, n]}
 * @param cap u {@code [B, n]}, positive
 * @param price a {@code [B, n]}, positive
 * @param budget b {@code [B]}, positive
 */
public record ResourceQp(Tensor curvature, Tensor target, Tensor cap, Tensor price, Tensor budget) {
  /** Smallest and largest curvature of {@link #sample}: two decades. */
  public static final double CURVATURE_MIN = 0.1, CURVATURE_MAX = 10;

  public ResourceQp {
    String op = "ResourceQp";
    if (curvature == null || target == null || cap == null || price == null || budget == null) {
      throw new IllegalArgumentException(op + ": curvature, target, cap, price and budget must not be null");
    }
    if (curvature.dim() != 2) {
      throw new IllegalArgumentException(op + ": curvature must be [B, n], got " + java.util.Arrays.toString(
          curvature.shape()));
    }
    int[] want = curvature.shape();
    for (Tensor t : new Tensor[] {target, cap, price}) {
      if (!java.util.Arrays.equals(t.shape(), want)) {
        throw new IllegalArgumentException(op + ": target, cap and price must have the curvature's shape "
            + java.util.Arrays.toString(want) + ", got " + java.util.Arrays.toString(t.shape()));
      }
    }
    if (budget.dim() != 1 || budget.size(0) != want[0]) {
      throw new IllegalArgumentException(op + ": budget must be [" + want[0] + "], got "
          + java.util.Arrays.toString(budget.shape()));
    }
    positive(op, "curvature", curvature);
    positive(op, "cap", cap);
    positive(op, "price", price);
    positive(op, "budget", budget);
    for (double v : target.data()) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException(op + ": target must be finite, got " + v);
    }
  }

  private static void positive(String op, String name, Tensor t) {
    for (double v : t.data()) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(op + ": " + name + " must be positive and finite, got " + v);
      }
    }
  }

  /**
   * Returns {@code batch} instances of {@code n} tasks, instance k drawn from stream k of {@code seed}: curvatures
   * log-uniform in [{@value #CURVATURE_MIN}, {@value #CURVATURE_MAX}], targets U[0, 2], caps 1, prices U[0.5, 1.5],
   * and a budget {@code rho sum_i a_i min(e_i, u_i)} with {@code rho ~ U[0.3, 0.9]}, so the budget binds in every
   * instance (the tasks cannot all reach their targets).
   */
  public static ResourceQp sample(int n, int batch, long seed) {
    if (n < 1 || batch < 1) {
      throw new IllegalArgumentException("ResourceQp.sample: n and batch must be >= 1, got " + n + " and " + batch);
    }
    double[] d = new double[batch * n], e = new double[batch * n], u = new double[batch * n], a = new double[batch * n];
    double[] b = new double[batch];
    for (int k = 0; k < batch; k++) {
      SplittableRandom rng = new SplittableRandom(Random.stream(seed, k));
      double reach = 0;
      for (int i = k * n; i < (k + 1) * n; i++) {
        d[i] = CURVATURE_MIN * Math.pow(CURVATURE_MAX / CURVATURE_MIN, rng.nextDouble());
        e[i] = Random.uniform(rng, 0, 2);
        u[i] = 1;
        a[i] = Random.uniform(rng, 0.5, 1.5);
        reach += a[i] * Math.min(e[i], u[i]);
      }
      b[k] = Random.uniform(rng, 0.3, 0.9) * reach;
    }
    return new ResourceQp(Tensor.of(d, batch, n), Tensor.of(e, batch, n), Tensor.of(u, batch, n),
        Tensor.of(a, batch, n), Tensor.of(b, batch));
  }

  /** Returns the number of instances B. */
  public int batch() {
    return curvature.size(0);
  }

  /** Returns the number of tasks n. */
  public int size() {
    return curvature.size(1);
  }

  /** Returns the instances {@code idx} (in that order) as a new batch. */
  public ResourceQp select(int[] idx) {
    return new ResourceQp(rows(curvature, idx), rows(target, idx), rows(cap, idx), rows(price, idx),
        rows(budget.unsqueeze(1), idx).squeeze(1));
  }

  private static Tensor rows(Tensor t, int[] idx) {
    int n = t.size(1);
    double[] v = t.data(), out = new double[idx.length * n];
    for (int r = 0; r < idx.length; r++) {
      if (idx[r] < 0 || idx[r] >= t.size(0)) {
        throw new IllegalArgumentException("ResourceQp.select: index " + idx[r] + " outside [0, " + t.size(0) + ")");
      }
      System.arraycopy(v, idx[r] * n, out, r * n, n);
    }
    return Tensor.of(out, idx.length, n);
  }

  /** Returns the objective {@code f(x) [B]} of points {@code x [B, n]}. */
  public Tensor objective(Tensor x) {
    check("objective", x);
    Tensor r = x.sub(target);
    return r.mul(r).mul(curvature).sum(-1).mul(0.5);
  }

  /** Returns the gradient {@code d (x - e) [B, n]} of the objective. */
  public Tensor gradient(Tensor x) {
    check("gradient", x);
    return x.sub(target).mul(curvature);
  }

  /** Returns the projection {@code clamp(x, 0, u)} onto the simple constraints C_1 (differentiable). */
  public Tensor box(Tensor x) {
    check("box", x);
    return x.clampMin(0).minimum(cap);
  }

  /** Returns the coupled constraint {@code sum_i a_i x_i - b [B, 1]} ({@code <= 0} holds). */
  public Tensor coupled(Tensor x) {
    check("coupled", x);
    return x.mul(price).sum(-1, true).sub(budget.unsqueeze(1));
  }

  /** Returns the points {@code [B, n]} all zero: feasible for every instance. */
  public Tensor zeros() {
    return Tensor.zeros(batch(), size());
  }

  /**
   * Returns the Euclidean projection of {@code x [B, n]} onto C_1 and C_2 together (no gradient: the classical
   * projected gradient method uses it).
   */
  public Tensor projectFeasible(Tensor x) {
    check("projectFeasible", x);
    int b = batch(), n = size();
    double[] y = x.data(), ones = new double[n], out = new double[b * n];
    java.util.Arrays.fill(ones, 1);
    for (int k = 0; k < b; k++) kkt(k, ones, y, out);
    return Tensor.of(out, b, n);
  }

  /** Returns the exact minimiser {@code [B, n]} by bisection on the multiplier of C_2. */
  public Tensor solve() {
    int b = batch(), n = size();
    double[] out = new double[b * n];
    for (int k = 0; k < b; k++) kkt(k, null, target.data(), out);
    return Tensor.of(out, b, n);
  }

  /**
   * Writes instance k's {@code x_i(nu) = clamp(e_i - nu a_i / d_i, 0, u_i)} for the smallest {@code nu >= 0} with
   * {@code sum a_i x_i(nu) <= b}; curvatures {@code d} from the instance when {@code unit} is null, else those.
   */
  private void kkt(int k, double[] unit, double[] centre, double[] out) {
    int n = size(), o = k * n;
    double[] d = curvature.data(), u = cap.data(), a = price.data();
    double bk = budget.data()[k];
    double hi = 1;
    if (spend(o, n, 0, unit, d, centre, u, a, null) > bk) {
      while (spend(o, n, hi, unit, d, centre, u, a, null) > bk) hi *= 2;
      double lo = 0;
      for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
        double mid = 0.5 * (lo + hi);
        if (spend(o, n, mid, unit, d, centre, u, a, null) > bk) lo = mid;
        else hi = mid;
      }
      spend(o, n, hi, unit, d, centre, u, a, out);
    } else {
      spend(o, n, 0, unit, d, centre, u, a, out);
    }
  }

  private static double spend(int o, int n, double nu, double[] unit, double[] d, double[] e, double[] u, double[] a,
      double[] out) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double di = unit == null ? d[o + i] : unit[i];
      double x = Math.min(Math.max(e[o + i] - nu * a[o + i] / di, 0), u[o + i]);
      if (out != null) out[o + i] = x;
      s += a[o + i] * x;
    }
    return s;
  }

  /**
   * Returns the classical projected gradient method's iterates from 0 ({@code iterations + 1} points, the start
   * first): step {@code 1 / max_i d_i} per instance (safe for the stiffest task), projection onto C_1 and C_2
   * ({@link #projectFeasible}); the same update ({@link ProjectedGradient#step}) as a UPGDNet layer without learning.
   */
  public java.util.List<Tensor> projectedGradient(int iterations) {
    if (iterations < 0) {
      throw new IllegalArgumentException("ResourceQp.projectedGradient: iterations must be >= 0, got " + iterations);
    }
    Tensor eta = curvature.max(-1, true).reciprocal();
    java.util.List<Tensor> out = new java.util.ArrayList<>();
    try (var off = Autograd.noGrad()) {
      Tensor x = zeros();
      out.add(x);
      for (int t = 0; t < iterations; t++) {
        x = ProjectedGradient.step(x, gradient(x), eta, null, this::projectFeasible);
        out.add(x);
      }
    }
    return out;
  }

  /**
   * Returns instance {@code k} as a {@link ConvexProgram} (separable quadratic cost, bounds, one linear row), for an
   * independent check of {@link #solve} with the project's interior-point solvers.
   */
  public ConvexProgram program(int k) {
    if (k < 0 || k >= batch()) throw new IllegalArgumentException("ResourceQp.program: k outside [0, " + batch() + ")");
    int n = size(), o = k * n;
    ConvexProgram.Builder p = ConvexProgram.builder(n);
    int[] idx = new int[n];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      a[i] = price.data()[o + i];
      p.quadraticCost(i, curvature.data()[o + i], target.data()[o + i]).bounds(i, 0, cap.data()[o + i]);
    }
    return p.lessEq(idx, a, budget.data()[k]).build();
  }

  /** Returns instance k solved by {@link BarrierSolver} from the strictly feasible point {@code x = 0.1 x_box}. */
  public ConvexSolution solveWithBarrier(int k) {
    ConvexProgram p = program(k);
    int n = size();
    double[] start = new double[n];
    double spend = 0;
    for (int i = 0; i < n; i++) spend += price.data()[k * n + i] * cap.data()[k * n + i];
    double scale = Math.min(0.5, 0.5 * budget.data()[k] / spend);
    for (int i = 0; i < n; i++) start[i] = scale * cap.data()[k * n + i];
    return BarrierSolver.defaults().solve(p, start);
  }

  private void check(String op, Tensor x) {
    if (x == null || !java.util.Arrays.equals(x.shape(), curvature.shape())) {
      throw new IllegalArgumentException("ResourceQp." + op + ": x must be " + java.util.Arrays.toString(
          curvature.shape()) + " (B, n), got " + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
    }
  }
}
