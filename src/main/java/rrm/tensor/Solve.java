package rrm.tensor;

import java.util.Arrays;

/**
 * General inverse and linear solve on the last two axes, real or complex (paper 001: the V-step matrices are not
 * Hermitian): the inverse by {@link GaussJordan}, the solve by {@link Lu} and {@link LuSolve}.
 *
 * <p>Backward rules (conjugate-Wirtinger):
 * <ul>
 *   <li>{@code Y = A^{-1}}: {@code Ā = -Y^H Ȳ Y^H};
 *   <li>{@code X = A^{-1} B}: {@code B̄ = A^{-H} X̄} (one extra solve with the same LU factors), {@code Ā = -B̄ X^H}.
 * </ul>
 */
final class Solve {
  private Solve() {}

  /** {@code a [..., n, n] -> A^{-1} [..., n, n]}. */
  static Tensor inverse(Tensor a) {
    Tensor y = GaussJordan.inverse("inverse", a);
    return Autograd.record(y, "inverse", g -> {
      Tensor yh = y.mH();
      return new Tensor[] {yh.matmul(g).matmul(yh).neg()};
    }, a);
  }

  /**
   * {@code a [..., n, n], b [..., n, k] -> A^{-1} B [..., n, k]}; the batch axes broadcast. A right-hand side vector
   * must be given as a column {@code [..., n, 1]}.
   */
  static Tensor solve(Tensor a, Tensor b) {
    return solve("solve", a, b, true);
  }

  /**
   * {@link #solve(Tensor, Tensor)}, refusing a matrix as singular to working precision ({@code strict}, a pivot at most
   * {@code n 2^-52 max|a_ij|}) or only at an exactly zero pivot.
   */
  static Tensor solve(String op, Tensor a, Tensor b, boolean strict) {
    Tensor[] system = system(op, a, b);
    Tensor aa = system[0], bf = system[1];
    int n = aa.shape[aa.dim() - 1];
    boolean keep = Autograd.enabled() && (aa.requiresGrad || bf.requiresGrad);
    Lu lu;
    Tensor x;
    if (aa.im != null ? n < LuLanes.MAX_N : n < Lu.ROWS_FROM) {
      LuSolve.Solved s = LuSolve.small(op, aa, bf, strict, keep);
      if (!keep) return s.x(); // no backward: no factors to keep
      lu = s.lu();
      x = s.x();
    } else {
      lu = Lu.factor(op, aa, strict);
      x = LuSolve.solve(lu, bf, false);
    }
    return Autograd.record(x, "solve", g -> {
      Tensor gb = LuSolve.solve(lu, g, true);
      return new Tensor[] {aa.requiresGrad ? gb.matmul(x.mH()).neg() : null, bf.requiresGrad ? gb : null};
    }, aa, bf);
  }

  /**
   * Checks {@code a [..., n, n]} and {@code b [..., n, k]} of {@code A X = B} for {@code op} and returns them with
   * their batch axes broadcast to a common shape (views, no copy): {@code {a, b}}.
   */
  static Tensor[] system(String op, Tensor a, Tensor b) {
    Shape.square(op, "a", a);
    Shape.atLeastRank(op, "b", b, 2);
    int n = a.shape[a.dim() - 1];
    if (b.shape[b.dim() - 2] != n) {
      throw new IllegalArgumentException(op + ": b must have " + n + " rows to match a, got a " + Shape.str(a.shape)
          + " and b " + Shape.str(b.shape));
    }
    int k = b.shape[b.dim() - 1];
    int[] ba = Shape.prefix(a.shape, 2), bb = Shape.prefix(b.shape, 2);
    if (Arrays.equals(ba, bb)) return new Tensor[] {a, b};
    int[] batch = Shape.broadcast(op + " (batch axes)", ba, bb);
    Tensor ea = Arrays.equals(ba, batch) ? a : Views.expand(a, Shape.concat(batch, n, n));
    Tensor eb = Arrays.equals(bb, batch) ? b : Views.expand(b, Shape.concat(batch, n, k));
    return new Tensor[] {ea, eb};
  }
}
