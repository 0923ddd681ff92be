package rrm.tensor;

import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every complex linear-algebra op of paper 001's UWMMSE-MIMO and WMMSE at the sizes the
 * paper uses, on batches of complex matrices: R = 3 receive antennas (the receive covariances N_i, solved as
 * Hermitian positive definite; their log-det in the rate), T = 5 transmit antennas (the precoder systems, general LU,
 * strict and ill-conditioned; the eigendecomposition of the textbook multiplier), the 3 x 5 channel products and the
 * 1 x 1 weights (d = 1). The other tests check these ops at sizes 1 to 4.
 */
class PaperSizeGradientTest {
  private static final int R = 3;
  private static final int T = 5;

  private static Tensor c(long seed, int... shape) {
    return Tensor.complexRandn(seed, shape);
  }

  @Test
  void generalSolvesAndInversesAtThreeAndFive() {
    for (int n : new int[] {R, T}) {
      GradCheck.of(x -> x[0].solve(x[1])).check(Samples.general(n, true, 3, n, n), c(10 + n, 3, n, 1));
      GradCheck.of(x -> x[0].solveIllConditioned(x[1])).check(Samples.general(20 + n, true, 3, n, n),
          c(30 + n, 3, n, 1));
      GradCheck.of(x -> x[0].inverse()).check(Samples.general(40 + n, true, 2, n, n));
    }
    // a batch of systems sharing one right-hand side (broadcast batch axes), as a learned step's mu I term makes
    GradCheck.of(x -> x[0].solve(x[1])).check(Samples.general(50, true, 2, 2, T, T), c(51, 1, T, 1));
  }

  @Test
  void hermitianPositiveDefiniteOpsAtThreeAndFive() {
    for (int n : new int[] {R, T}) {
      GradCheck.of(x -> Samples.hpdOf(x[0]).solveHpd(x[1])).check(c(60 + n, 3, n, n), c(70 + n, 3, n, 1));
      GradCheck.of(x -> Samples.hpdOf(x[0]).logdetHpd()).check(c(80 + n, 3, n, n));
      GradCheck.of(x -> Samples.hpdOf(x[0]).inverseHpd()).check(c(90 + n, 2, n, n));
      GradCheck.of(x -> Samples.hpdOf(x[0]).cholesky()).check(c(100 + n, 2, n, n));
      GradCheck.of(x -> x[0].hermitianPart().solveHpd(x[1])).check(Samples.hpd(110 + n, true, 3, n, n),
          c(120 + n, 3, n, 1));
    }
    // the d = 1 raw weights I + B^H N^{-1} B and their log-det (the rate)
    GradCheck.of(x -> Samples.hpdOf(x[0]).logdetHpd()).check(c(130, 6, 1, 1));
  }

  @Test
  void hermitianEigendecompositionAtThreeAndFive() {
    for (int n : new int[] {R, T}) {
      GradCheck.of(x -> Samples.hpdOf(x[0]).eigh().values()).check(c(140 + n, 3, n, n));
      GradCheck.of(x -> {
        Eigh e = Samples.hpdOf(x[0]).eigh();
        return e.vectors().matmul(e.values().mul(0.3).exp().diagEmbed()).matmul(e.vectors().mH());
      }).check(c(150 + n, 2, n, n));
      GradCheck.of(x -> Samples.hpdOf(x[0]).eigh().vectors().abs2()).check(c(160 + n, 2, n, n));
    }
  }

  @Test
  void channelProductsAndHermitianPartsAtThreeByFive() {
    // H_ij V_j, H_ij^H U_i, the outer products B B^H and H^H U W U^H H, batched over samples and links
    GradCheck.of(x -> x[0].matmul(x[1])).check(c(170, 2, 3, R, T), c(171, 2, 3, T, 1));
    GradCheck.of(x -> x[0].mH().matmul(x[1])).check(c(172, 2, 3, R, T), c(173, 2, 3, R, 1));
    GradCheck.of(x -> x[0].matmul(x[0].mH())).check(c(174, 2, 3, R, 1));
    GradCheck.of(x -> {
      Tensor g = x[0].mH().matmul(x[1]);
      return g.matmul(x[2]).matmul(g.mH()).sum(1);
    }).check(c(175, 2, 3, R, T), c(176, 2, 3, R, 1), c(177, 2, 3, 1, 1));
    GradCheck.of(x -> x[0].hermitianPart()).check(c(178, 2, 3, T, T));
    GradCheck.of(x -> x[0].add(x[1].reshape(1, 1).mul(Tensor.ones(T, T)).mul(20))).check(c(179, 2, T, T), c(180, 1));
  }
}
