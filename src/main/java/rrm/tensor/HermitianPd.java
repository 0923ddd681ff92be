package rrm.tensor;

/**
 * Ops on Hermitian positive definite matrices through their {@link Cholesky} factor: log-det, solve and inverse
 * (paper 001: rate {@code log det(N + S) - log det N}; paper 004: {@code J_i}, {@code R̃_k}).
 *
 * <p>Backward rules, for Hermitian A and Hermitian perturbations (the gradients are Hermitian):
 * <ul>
 *   <li>{@code ℓ = log det A} (real): {@code Ā = ℓ̄ A^{-1}};
 *   <li>{@code X = A^{-1} B}: {@code B̄ = A^{-1} X̄}, {@code Ā = herm(-B̄ X^H)};
 *   <li>{@code X = A^{-1}}: {@code Ā = herm(-X X̄ X)}, where {@code herm(M) = (M + M^H) / 2}.
 * </ul>
 */
final class HermitianPd {
  private HermitianPd() {}

  /** {@code a [..., n, n] -> log det A [...]} (real). */
  static Tensor logdet(Tensor a) {
    Cholesky ch = Cholesky.factor("logdetHpd", a);
    Tensor out = ch.logdet();
    return Autograd.record(out, "logdetHpd", g -> {
      Tensor w = g.real().unsqueeze(-1).unsqueeze(-1);
      return new Tensor[] {ch.inverse().mul(w)};
    }, a);
  }

  /** {@code a [..., n, n], b [..., n, k] -> A^{-1} B}; the batch axes broadcast. */
  static Tensor solve(Tensor a, Tensor b) {
    Tensor[] system = Solve.system("solveHpd", a, b);
    Tensor aa = system[0], bf = system[1];
    boolean keep = Autograd.enabled() && (aa.requiresGrad || bf.requiresGrad);
    Cholesky.Solved solved = Cholesky.factorAndSolve("solveHpd", aa, bf, keep);
    Tensor x = solved.x();
    if (!keep) return x; // no backward: no factor to keep
    Cholesky ch = solved.factor();
    return Autograd.record(x, "solveHpd", g -> {
      Tensor gb = ch.solve(g);
      return new Tensor[] {aa.requiresGrad ? Cholesky.hermitian(gb.matmul(x.mH()).neg()) : null,
          bf.requiresGrad ? gb : null};
    }, aa, bf);
  }

  /** {@code a [..., n, n] -> A^{-1}}, exactly Hermitian. */
  static Tensor inverse(Tensor a) {
    Cholesky ch = Cholesky.factor("inverseHpd", a);
    Tensor x = ch.inverse();
    return Autograd.record(x, "inverseHpd", g -> new Tensor[] {Cholesky.hermitian(x.matmul(g).matmul(x).neg())}, a);
  }
}
