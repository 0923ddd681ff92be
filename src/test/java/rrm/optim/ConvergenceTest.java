package rrm.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import rrm.nn.Parameter;
import rrm.tensor.Tensor;

/**
 * Every optimizer drives a least-squares problem L(x) = mean((A x − b)²) to its minimiser within a step budget.
 * The minimiser comes from the normal equations AᵀA x = Aᵀb, solved by Gaussian elimination.
 */
class ConvergenceTest {
  private static final int ROWS = 40, COLS = 4;
  private static final Tensor A = Tensor.randn(1, ROWS, COLS);
  private static final Tensor B = A.matmul(Tensor.of(new double[] {1.5, -2, 0.5, 3}, COLS, 1))
      .add(Tensor.randn(2, ROWS, 1).mul(0.1));

  private static double loss(Tensor x) {
    return A.matmul(x).sub(B).abs2().mean().item();
  }

  private static Tensor minimiser() {
    double[][] m = new double[COLS][COLS + 1];
    double[] a = A.toArray(), b = B.toArray();
    for (int i = 0; i < COLS; i++) {
      for (int j = 0; j < COLS; j++) for (int r = 0; r < ROWS; r++) m[i][j] += a[r * COLS + i] * a[r * COLS + j];
      for (int r = 0; r < ROWS; r++) m[i][COLS] += a[r * COLS + i] * b[r];
    }
    for (int c = 0; c < COLS; c++) {
      for (int r = c + 1; r < COLS; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= COLS; k++) m[r][k] -= f * m[c][k];
      }
    }
    double[] x = new double[COLS];
    for (int r = COLS - 1; r >= 0; r--) {
      double s = m[r][COLS];
      for (int k = r + 1; k < COLS; k++) s -= m[r][k] * x[k];
      x[r] = s / m[r][r];
    }
    return Tensor.of(x, COLS, 1);
  }

  /** Runs {@code steps} full-batch updates from x = 0; returns the excess loss L(x) − L(x*). */
  private static double excessLoss(Function<List<Parameter>, Optimizer> make, int steps, LrSchedule schedule) {
    Parameter x = Parameter.of("x", Tensor.zeros(COLS, 1));
    Optimizer opt = make.apply(List.of(x));
    double base = opt.learningRate();
    for (int s = 0; s < steps; s++) {
      opt.setLearningRate(base * schedule.multiplier(s));
      opt.zeroGrad();
      A.matmul(x.value()).sub(B).abs2().mean().backward();
      opt.step();
    }
    return loss(x.value()) - loss(minimiser());
  }

  private static void assertConverges(String name, double excess) {
    assertTrue(excess >= -1e-12 && excess < 1e-8, name + ": excess loss " + excess);
  }

  @Test
  void everyOptimizerReachesTheLeastSquaresMinimiser() {
    LrSchedule constant = LrSchedule.constant();
    assertConverges("sgd", excessLoss(p -> Sgd.of(p, 0.1), 500, constant));
    assertConverges("sgd nesterov", excessLoss(p -> Sgd.of(p, 0.02).momentum(0.9).nesterov(), 500, constant));
    // Adaptive methods take steps of about lr whatever the gradient's size, so they hover at a distance of order lr
    // from the minimiser; halving lr every 250 steps lets them settle (and 250 · 0.05 · 2 is ample travel).
    LrSchedule halving = LrSchedule.step(250, 0.5);
    assertConverges("adam", excessLoss(p -> Adam.of(p, 0.05), 3000, halving));
    assertConverges("adam tf1", excessLoss(p -> Adam.of(p, 0.05).tf1(), 3000, halving));
    assertConverges("adamw", excessLoss(p -> AdamW.of(p, 0.05).weightDecay(0), 3000, halving));
    assertConverges("rmsprop tf1", excessLoss(p -> RmsProp.tf1(p, 0.05), 3000, halving));
    assertConverges("rmsprop torch", excessLoss(p -> RmsProp.torch(p, 0.05), 3000, halving));
    assertConverges("novograd", excessLoss(p -> NovoGrad.of(p, 0.05), 3000, halving));
  }
}
