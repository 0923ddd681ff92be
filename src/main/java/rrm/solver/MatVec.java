package rrm.solver;

import java.util.Arrays;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * A fixed batch of square matrices {@code A [B, M, M]} that multiplies vectors {@code y [B, M]} per sample, in
 * both orientations, with gradients to y (spec §9.1 "structured mat-vecs", the only O(M^2) ops of WMMSE and
 * UWMMSE):
 *
 * <pre>
 *   times(y)[b, i]          = sum_j A[b, i, j] y[b, j]     backward: g -> A^T g
 *   transposeTimes(y)[b, i] = sum_j A[b, j, i] y[b, j]     backward: g -> A g
 * </pre>
 *
 * <p>Why not {@code matmul}: A and its transpose are both stored once, so every product, forward or backward, runs
 * as a sum of rows scaled by the entries of y (a vectorisable loop) and backward never copies a transpose. No
 * gradient flows into A (the channels are data). Each sample is computed on its own, in a fixed order, so results do
 * not depend on the batch split or the thread count.
 */
public final class MatVec {
  private double[] a;
  private double[] at;
  private final int batch;
  private final int m;

  private MatVec(double[] a, double[] at, int batch, int m) {
    this.a = a;
    this.at = at;
    this.batch = batch;
    this.m = m;
  }

  /**
   * Returns the operator of the matrices {@code a [B, M, M]} (their values, which must not change afterwards; no
   * gradient flows back to them). The transpose is built on first use.
   */
  public static MatVec of(Tensor a) {
    if (a.isComplex() || a.dim() != 3 || a.size(1) != a.size(2)) {
      throw new IllegalArgumentException("MatVec.of: expects real matrices [B, M, M], got "
          + (a.isComplex() ? "a complex tensor of shape " : "shape ") + Shape.str(a.shape()));
    }
    return new MatVec(a.data(), null, a.size(0), a.size(1));
  }

  /**
   * Returns the operator of row-major {@code a [B, M, M]} and its transpose {@code at}, either of which may be null
   * (built from the other on first use); the arrays become the operator's own.
   */
  static MatVec of(double[] a, double[] at, int batch, int m) {
    return new MatVec(a, at, batch, m);
  }

  private double[] plain() {
    if (a == null) a = transpose(at);
    return a;
  }

  private double[] transposed() {
    if (at == null) at = transpose(a);
    return at;
  }

  private double[] transpose(double[] src) {
    double[] t = new double[src.length];
    for (int k = 0; k < batch; k++) {
      int o = k * m * m;
      for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) t[o + j * m + i] = src[o + i * m + j];
    }
    return t;
  }

  /** Returns {@code A y} per sample: {@code [B, M]}. */
  public Tensor times(Tensor y) {
    return product("times", y, true);
  }

  /** Returns {@code A^T y} per sample: {@code [B, M]}. */
  public Tensor transposeTimes(Tensor y) {
    return product("transposeTimes", y, false);
  }

  /**
   * Returns {@code A y} ({@code plain}) or {@code A^T y}; the backward is the product with the other orientation.
   */
  private Tensor product(String op, Tensor y, boolean plain) {
    check(op, y);
    Tensor out = Tensor.of(multiply(y.data(), plain), batch, m);
    return Autograd.record(out, "MatVec." + op, g -> new Tensor[] {
        Tensor.of(multiply(g.data(), !plain), batch, m)}, y);
  }

  /** {@code A y} as sums of the rows of A^T scaled by y (plain), or {@code A^T y} as sums of the rows of A. */
  private double[] multiply(double[] y, boolean plain) {
    return kernel(plain ? transposed() : plain(), y);
  }

  private double[] kernel(double[] rows, double[] y) {
    double[] out = new double[batch * m];
    int mm = m * m;
    Parallel.forRange(batch, Parallel.grain(2L * mm), (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * m;
        for (int j = 0; j < m; j++) {
          double x = y[o + j];
          int r = b * mm + j * m;
          for (int i = 0; i < m; i++) out[o + i] += x * rows[r + i];
        }
      }
    });
    return out;
  }

  private void check(String op, Tensor y) {
    if (y.isComplex() || !Arrays.equals(y.shape(), new int[] {batch, m})) {
      throw new IllegalArgumentException("MatVec." + op + ": y must be real [" + batch + ", " + m + "], got "
          + (y.isComplex() ? "complex " : "") + Shape.str(y.shape()));
    }
  }

  /**
   * Returns {@code A y} (or {@code A^T y} when {@code transpose}) on flat row-major arrays {@code [B * M]}, without
   * recording: the kernel for fused ops that write their own backward.
   */
  public double[] apply(double[] y, boolean transpose) {
    if (y.length != batch * m) {
      throw new IllegalArgumentException("MatVec.apply: y must hold B * M = " + batch * m + " values, got " + y.length);
    }
    return multiply(y, !transpose);
  }

  /** Returns the batch size B. */
  public int batch() {
    return batch;
  }

  /** Returns the matrix size M. */
  public int size() {
    return m;
  }
}
