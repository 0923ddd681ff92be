package rrm.tensor;

import java.util.Arrays;

/**
 * A fixed batch of square matrices {@code A [B, M, M]} that multiplies vectors {@code y [B, M]} per sample, in
 * both orientations, with gradients to y (the only O(M^2) ops of WMMSE and
 * UWMMSE):
 *
 * <pre>
 *   times(y)[b, i]          = sum_j A[b, i, j] y[b, j]     backward: g -> A^T g
 *   transposeTimes(y)[b, i] = sum_j A[b, j, i] y[b, j]     backward: g -> A g
 * </pre>
 *
 * <p>Why not {@code matmul}: for the small M of these problems a profile showed the engine's column-vector product
 * spending most of its time on loop overhead. Here {@code A y} runs as dot products of four rows at a time and
 * {@code A^T y} as a sum of rows scaled by y, so both orientations, forward and backward, read A in its stored
 * layout and no transpose is ever copied. No gradient flows into A (the channels are data). Each sample is computed
 * on its own, in a fixed order, so results do not depend on the batch split or the thread count.
 */
public final class MatVec {
  /**
   * Multiply-adds per parallel chunk, about 2^18 (~0.1 ms): smaller chunks cost more to hand to a worker than they
   * save (measured: splitting a batch-64 training step made it twice as slow). Inference gets its parallelism from
   * {@link Chunks} instead.
   */
  static final long CHUNK_WORK = 1L << 18;

  private final double[] a;
  private final int batch;
  private final int m;

  private MatVec(double[] a, int batch, int m) {
    this.a = a;
    this.batch = batch;
    this.m = m;
  }

  /** Returns the operator of the matrices {@code a [B, M, M]} (their values, which must not change afterwards). */
  public static MatVec of(Tensor a) {
    if (a.isComplex() || a.dim() != 3 || a.size(1) != a.size(2)) {
      throw new IllegalArgumentException("MatVec.of: expects real matrices [B, M, M], got "
          + (a.isComplex() ? "a complex tensor of shape " : "shape ") + Shape.str(a.shape()));
    }
    return new MatVec(a.data(), a.size(0), a.size(1));
  }

  /** Returns the operator of the row-major matrices {@code a [B, M, M]}, which becomes the operator's own. */
  public static MatVec of(double[] a, int batch, int m) {
    return new MatVec(a, batch, m);
  }

  /** Returns {@code A y} per sample: {@code [B, M]}. */
  public Tensor times(Tensor y) {
    return product("times", y, false);
  }

  /** Returns {@code A^T y} per sample: {@code [B, M]}. */
  public Tensor transposeTimes(Tensor y) {
    return product("transposeTimes", y, true);
  }

  /**
   * Returns {@code A y} (or {@code A^T y} when {@code transpose}) on flat row-major arrays {@code [B * M]}, without
   * recording: the kernel for fused ops that write their own backward.
   */
  public double[] apply(double[] y, boolean transpose) {
    if (y.length != batch * m) {
      throw new IllegalArgumentException("MatVec.apply: y must hold B * M = " + batch * m + " values, got " + y.length);
    }
    return transpose ? transposeKernel(y) : kernel(y);
  }

  private Tensor product(String op, Tensor y, boolean transpose) {
    check(op, y);
    Tensor out = Tensor.of(apply(y.data(), transpose), batch, m);
    return Autograd.record(out, "MatVec." + op, g -> new Tensor[] {
        Tensor.of(apply(g.data(), !transpose), batch, m)}, y);
  }

  /** {@code A y}: for each sample, dot products of four rows of A at a time with y. */
  private double[] kernel(double[] y) {
    double[] out = new double[batch * m];
    int mm = m * m;
    Parallel.forRange(batch, (int) Math.max(1, CHUNK_WORK / mm), (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * m, i = 0;
        for (; i + 3 < m; i += 4) {
          int r0 = b * mm + i * m, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
          double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
          for (int j = 0; j < m; j++) {
            double yj = y[o + j];
            s0 += a[r0 + j] * yj;
            s1 += a[r1 + j] * yj;
            s2 += a[r2 + j] * yj;
            s3 += a[r3 + j] * yj;
          }
          out[o + i] = s0;
          out[o + i + 1] = s1;
          out[o + i + 2] = s2;
          out[o + i + 3] = s3;
        }
        for (; i < m; i++) {
          int r = b * mm + i * m;
          double s = 0;
          for (int j = 0; j < m; j++) s += a[r + j] * y[o + j];
          out[o + i] = s;
        }
      }
    });
    return out;
  }

  /** {@code A^T y}: for each sample, the rows of A scaled by the entries of y and summed. */
  private double[] transposeKernel(double[] y) {
    double[] out = new double[batch * m];
    int mm = m * m;
    Parallel.forRange(batch, (int) Math.max(1, CHUNK_WORK / mm), (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * m;
        for (int j = 0; j < m; j++) {
          double x = y[o + j];
          int r = b * mm + j * m;
          for (int i = 0; i < m; i++) out[o + i] += x * a[r + i];
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

  /** Returns the batch size B. */
  public int batch() {
    return batch;
  }

  /** Returns the matrix size M. */
  public int size() {
    return m;
  }
}
