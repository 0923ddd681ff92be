package rrm.solver;

import rrm.tensor.MatVec;
import java.util.Arrays;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;
import rrm.utility.Rates;

/**
 * A channel batch with the quantities every WMMSE iteration and every UWMMSE layer reuse, computed once
 * (spec §4.3, §9.4): the amplitudes {@code G [B, M, M]} (row = receiver i, column = transmitter j), the power gains
 * {@code G∘G} and the interference gains ({@code G∘G} with a zero diagonal) as {@link MatVec} operators, the direct
 * amplitudes {@code diag(G) [B, M]} and direct power gains, the noise variance and the power budget.
 *
 * <p>The channels are data: no gradient flows into G or sigma^2 (spec §4.4); gradients flow through the vectors
 * the operators multiply.
 */
public final class ChannelState {
  private final Tensor g;
  private final MatVec power;
  private final MatVec interference;
  private final Tensor direct;
  private final Tensor directPowerGain;
  private final double noiseVariance;
  private final double pMax;

  private ChannelState(Tensor g, double noiseVariance, double pMax) {
    int b = g.size(0), m = g.size(1), mm = m * m;
    double[] x = g.data();
    Shape.finite("ChannelState.of", "g", g);
    double[] s = new double[x.length], off = new double[x.length];
    double[] d = new double[b * m], d2 = new double[b * m];
    for (int k = 0; k < x.length; k++) {
      s[k] = x[k] * x[k];
      off[k] = s[k];
    }
    for (int k = 0; k < b; k++) {
      for (int i = 0; i < m; i++) {
        int ii = k * mm + i * m + i;
        off[ii] = 0;
        d[k * m + i] = x[ii];
        d2[k * m + i] = s[ii];
      }
    }
    this.g = g.detach();
    this.power = MatVec.of(s, b, m);
    this.interference = MatVec.of(off, b, m);
    this.direct = Tensor.of(d, b, m);
    this.directPowerGain = Tensor.of(d2, b, m);
    this.noiseVariance = noiseVariance;
    this.pMax = pMax;
  }

  /**
   * Returns the state of channels {@code g [B, M, M]} (real, finite) with noise variance {@code >= 0} and power
   * budget {@code > 0}; throws naming the bad argument otherwise.
   */
  public static ChannelState of(Tensor g, double noiseVariance, double pMax) {
    if (g == null || g.isComplex() || g.dim() != 3 || g.size(1) != g.size(2)) {
      throw new IllegalArgumentException("ChannelState.of: g must be real [B, M, M] (square per sample), got "
          + (g == null ? "null" : (g.isComplex() ? "complex " : "") + Arrays.toString(g.shape())));
    }
    if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
      throw new IllegalArgumentException("ChannelState.of: the noise variance must be >= 0 and finite, got "
          + noiseVariance);
    }
    if (!(pMax > 0) || !Double.isFinite(pMax)) {
      throw new IllegalArgumentException("ChannelState.of: pMax must be positive and finite, got " + pMax);
    }
    return new ChannelState(g, noiseVariance, pMax);
  }

  /** Returns the amplitudes {@code G [B, M, M]} (detached). */
  public Tensor g() {
    return g;
  }

  /** Returns the power gains {@code G∘G} as an operator: {@code times(y)_i = sum_j G_ij^2 y_j}. */
  public MatVec power() {
    return power;
  }

  /** Returns the interference gains ({@code G∘G}, zero diagonal) as an operator. */
  public MatVec interference() {
    return interference;
  }

  /** Returns the direct amplitudes {@code diag(G) [B, M]}. */
  public Tensor direct() {
    return direct;
  }

  /** Returns the direct power gains {@code diag(G)^2 [B, M]}. */
  public Tensor directPowerGain() {
    return directPowerGain;
  }

  /** Returns sigma^2. */
  public double noiseVariance() {
    return noiseVariance;
  }

  /** Returns the per-transmitter power budget. */
  public double pMax() {
    return pMax;
  }

  /** Returns the batch size B. */
  public int batch() {
    return g.size(0);
  }

  /** Returns the number of pairs M. */
  public int pairs() {
    return g.size(1);
  }

  /** Returns the interference plus noise at every receiver, {@code sigma^2 + sum_{j != i} G_ij^2 p_j}: {@code [B, M]}. */
  public Tensor interferencePlusNoise(Tensor p) {
    return interference.times(p).add(noiseVariance);
  }

  /** Returns the rates {@code [B, M]} in bits of powers {@code p [B, M]}: {@link Rates#rates} on the cached gains. */
  public Tensor rates(Tensor p) {
    return directPowerGain.mul(p).div(interferencePlusNoise(p)).log1p().div(Math.log(2));
  }
}
