package rrm.solver;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import rrm.tensor.Tensor;

/**
 * Classical SISO WMMSE written as plain scalar loops over one channel matrix, following paper 002 eqs. (6)-(8) with
 * a = 1, b = 0: a reference independent of the tensor engine and of {@link WmmseSiso}, for cross-checks. It reads
 * the channel through a {@link Store} convention, so the same algorithm runs on the library's store (row = receiver)
 * and on the transposed store of the paper's §IV and the authors' code (row = transmitter): the orientation
 * self-check of notebook 002/00.
 *
 * <pre>
 *   start v_i = sqrt(pmax); per iteration, with h(i, j) = amplitude from transmitter j to receiver i:
 *   n_i = sigma^2 + sum_{j != i} h(i, j)^2 v_j^2,   t_i = n_i + h(i, i)^2 v_i^2
 *   u_i = h(i, i) v_i / t_i,   e_i = n_i / t_i,   w_i = gamma'(e_i)      (gamma'(e) = 1/e: eq. 7)
 *   v_i = clamp(h(i, i) u_i w_i / sum_j h(j, i)^2 u_j^2 w_j, 0, sqrt(pmax))
 * </pre>
 */
public final class ScalarWmmse {
  private ScalarWmmse() {}

  /** How a stored matrix maps to amplitudes. */
  public enum Store {
    /** {@code h[i][j]} is the amplitude from transmitter j to receiver i (the library's G). */
    ROW_RECEIVER,
    /** {@code h[i][j]} is the amplitude from transmitter i to receiver j (paper §IV, the authors' code: G^T). */
    ROW_TRANSMITTER;

    /** Returns the amplitude from transmitter {@code tx} to receiver {@code rx}. */
    public double gain(double[][] h, int rx, int tx) {
      return this == ROW_RECEIVER ? h[rx][tx] : h[tx][rx];
    }
  }

  /** Returns the powers {@code p = v^2 [M]} after T sum-rate iterations (eq. 7) on one stored matrix. */
  public static double[] powers(double[][] h, Store store, double noiseVariance, double pMax, int iterations) {
    return powers(h, store, noiseVariance, pMax, iterations, e -> 1 / e);
  }

  /** As {@link #powers(double[][], Store, double, double, int)} with the weight {@code w = gamma'(e)} (eq. 10). */
  public static double[] powers(double[][] h, Store store, double noiseVariance, double pMax, int iterations,
      DoubleUnaryOperator gammaPrime) {
    check(h, store, noiseVariance, pMax, iterations, gammaPrime);
    int m = h.length;
    double[] v = new double[m], u = new double[m], w = new double[m];
    Arrays.fill(v, Math.sqrt(pMax));
    for (int it = 0; it < iterations; it++) {
      for (int i = 0; i < m; i++) {
        double rest = noiseVariance;
        for (int j = 0; j < m; j++) {
          if (j != i) rest += square(store.gain(h, i, j) * v[j]);
        }
        double direct = store.gain(h, i, i);
        double total = rest + square(direct * v[i]);
        u[i] = direct * v[i] / total;
        w[i] = gammaPrime.applyAsDouble(rest / total);
      }
      for (int i = 0; i < m; i++) {
        double den = 0;
        for (int j = 0; j < m; j++) den += square(store.gain(h, j, i) * u[j]) * w[j];
        v[i] = Math.min(Math.max(store.gain(h, i, i) * u[i] * w[i] / den, 0), Math.sqrt(pMax));
      }
    }
    double[] p = new double[m];
    for (int i = 0; i < m; i++) p[i] = v[i] * v[i];
    return p;
  }

  /** Returns the powers {@code [B, M]} for a batch of stored matrices {@code h [B, M, M]}, sample by sample. */
  public static Tensor powers(Tensor h, Store store, double noiseVariance, double pMax, int iterations,
      DoubleUnaryOperator gammaPrime) {
    if (h == null || h.isComplex() || h.dim() != 3 || h.size(1) != h.size(2)) {
      throw new IllegalArgumentException("ScalarWmmse.powers: h must be real [B, M, M], got "
          + (h == null ? "null" : Arrays.toString(h.shape())));
    }
    int b = h.size(0), m = h.size(1);
    double[] x = h.data();
    double[] out = new double[b * m];
    for (int k = 0; k < b; k++) {
      double[][] one = new double[m][m];
      for (int i = 0; i < m; i++) System.arraycopy(x, (k * m + i) * m, one[i], 0, m);
      System.arraycopy(powers(one, store, noiseVariance, pMax, iterations, gammaPrime), 0, out, k * m, m);
    }
    return Tensor.of(out, b, m);
  }

  private static double square(double x) {
    return x * x;
  }

  private static void check(double[][] h, Store store, double noiseVariance, double pMax, int iterations,
      DoubleUnaryOperator gammaPrime) {
    if (h == null || h.length == 0) {
      throw new IllegalArgumentException("ScalarWmmse.powers: h must be a non-empty M x M matrix");
    }
    for (int i = 0; i < h.length; i++) {
      if (h[i] == null || h[i].length != h.length) {
        throw new IllegalArgumentException("ScalarWmmse.powers: h must be square, but row " + i + " has "
            + (h[i] == null ? "no" : h[i].length) + " entries for M = " + h.length);
      }
      for (double x : h[i]) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("ScalarWmmse.powers: h has a non-finite entry in row " + i);
        }
      }
    }
    if (store == null || gammaPrime == null) {
      throw new IllegalArgumentException("ScalarWmmse.powers: store and gammaPrime must not be null");
    }
    if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
      throw new IllegalArgumentException("ScalarWmmse.powers: the noise variance must be >= 0 and finite, got "
          + noiseVariance);
    }
    if (!(pMax > 0) || !Double.isFinite(pMax)) {
      throw new IllegalArgumentException("ScalarWmmse.powers: pMax must be positive and finite, got " + pMax);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("ScalarWmmse.powers: iterations must be >= 0, got " + iterations);
    }
  }
}
