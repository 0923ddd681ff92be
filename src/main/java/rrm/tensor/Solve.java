package rrm.tensor;

import java.util.Arrays;

/**
 * General inverse and linear solve on the last two axes, real or complex (spec 001 §9.1: the V-step matrices are not
 * Hermitian): the inverse by {@link GaussJordan}, the solve by {@link Lu} and {@link LuSolve}.
 *
 * <p>Backward rules (conjugate-Wirtinger, spec 001 §9.2):
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
    Shape.square("solve", "a", a);
    Shape.atLeastRank("solve", "b", b, 2);
    int n = a.shape[a.dim() - 1];
    if (b.shape[b.dim() - 2] != n) {
      throw new IllegalArgumentException("solve: b must have " + n + " rows to match a, got a " + Shape.str(a.shape)
          + " and b " + Shape.str(b.shape));
    }
    int k = b.shape[b.dim() - 1];
    int[] ba = Shape.prefix(a.shape, 2), bb = Shape.prefix(b.shape, 2);
    Tensor ea = a, eb = b;
    if (!Arrays.equals(ba, bb)) {
      int[] batch = Shape.broadcast("solve (batch axes)", ba, bb);
      if (!Arrays.equals(ba, batch)) ea = Views.expand(a, Shape.concat(batch, n, n));
      if (!Arrays.equals(bb, batch)) eb = Views.expand(b, Shape.concat(batch, n, k));
    }
    Tensor aa = ea, bf = eb;
    boolean keep = Autograd.enabled() && (aa.requiresGrad || bf.requiresGrad);
    if (!keep && n < Lu.ROWS_FROM) return LuSolve.once("solve", aa, bf); // no backward: no factors to keep
    Lu lu = Lu.factor("solve", aa);
    Tensor x = LuSolve.solve(lu, bf, false);
    return Autograd.record(x, "solve", g -> {
      Tensor gb = LuSolve.solve(lu, g, true);
      return new Tensor[] {aa.requiresGrad ? gb.matmul(x.mH()).neg() : null, bf.requiresGrad ? gb : null};
    }, aa, bf);
  }
}
