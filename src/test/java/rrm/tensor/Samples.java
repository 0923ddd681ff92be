package rrm.tensor;

/** Seeded, well-conditioned test matrices for the decomposition tests. */
final class Samples {
  private Samples() {}

  /** Returns {@code G / sqrt(n) + 2 I} with G Gaussian (real or CN(0, 1)): singular values roughly in [1, 3]. */
  static Tensor general(long seed, boolean complex, int... shape) {
    int n = shape[shape.length - 1];
    Tensor g = complex ? Tensor.complexRandn(seed, shape) : Tensor.randn(seed, shape);
    try (var off = Autograd.noGrad()) {
      return g.div(Math.sqrt(n)).add(Tensor.eye(n).mul(2.0));
    }
  }

  /** Returns {@code X X^H / n + I}: Hermitian positive definite with eigenvalues roughly in [1, 5]. */
  static Tensor hpd(long seed, boolean complex, int... shape) {
    try (var off = Autograd.noGrad()) {
      return hpdOf(complex ? Tensor.complexRandn(seed, shape) : Tensor.randn(seed, shape));
    }
  }

  /** Returns {@code X X^H / n + I} for a square-ended X (differentiable, so gradients see Hermitian perturbations). */
  static Tensor hpdOf(Tensor x) {
    int n = x.size(-1);
    return x.matmul(x.mH()).div(n).add(Tensor.eye(n));
  }

  /** Returns a random unitary (orthogonal when real) {@code n x n}: a product of n Householder reflectors. */
  static Tensor unitary(long seed, boolean complex, int n) {
    try (var off = Autograd.noGrad()) {
      Tensor q = Tensor.eye(n);
      for (int r = 0; r < n; r++) {
        Tensor v = complex ? Tensor.complexRandn(Random.stream(seed, r), n, 1) : Tensor.randn(Random.stream(seed, r), n, 1);
        Tensor h = Tensor.eye(n).sub(v.matmul(v.mH()).mul(2.0 / v.abs2().sum().item()));
        q = q.matmul(h);
      }
      return q;
    }
  }

  /** Returns the Hermitian {@code Q diag(values) Q^H} with a random unitary Q. */
  static Tensor withEigenvalues(long seed, boolean complex, double... values) {
    int n = values.length;
    try (var off = Autograd.noGrad()) {
      Tensor q = unitary(seed, complex, n);
      return q.matmul(Tensor.of(values, n).diagEmbed()).matmul(q.mH()).hermitianPart();
    }
  }

  /** Returns the largest |a - b| over real and imaginary parts; shapes must match. */
  static double maxDiff(Tensor a, Tensor b) {
    if (!java.util.Arrays.equals(a.shape(), b.shape())) {
      throw new AssertionError("shapes differ: " + Shape.str(a.shape()) + " vs " + Shape.str(b.shape()));
    }
    double[] ar = a.toArray(), ai = a.toImagArray(), br = b.toArray(), bi = b.toImagArray();
    double m = 0;
    for (int k = 0; k < ar.length; k++) m = Math.max(m, Math.max(Math.abs(ar[k] - br[k]), Math.abs(ai[k] - bi[k])));
    return m;
  }
}
