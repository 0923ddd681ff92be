package rrm.system;

import rrm.tensor.Autograd;
import rrm.tensor.MatVec;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Power control in the SISO interference channel: M transmitter-receiver pairs sharing one band, a batch of B
 * channel realisations.
 *
 * <pre>
 *   SINR_i = |h_ii|^2 p_i / (sigma_i^2 + sum_{j != i} |h_ij|^2 p_j),    0 <= p_i <= pmax_i
 * </pre>
 *
 * <p>The channels are stored as real amplitudes {@code |h| [B, M, M]}, row = receiver i, column = transmitter j. Say
 * which quantity you hold by the factory's name: {@link #ofAmplitudes} takes {@code |h_ij|}, {@link #ofPowerGains}
 * takes {@code |h_ij|^2}. A single {@code [M, M]} matrix is a batch of one. The noise is per receiver
 * ({@link #withNoise}; one value for all by default), the power budget per transmitter ({@link #withBudgets}), and
 * optional rate weights {@code [B, M]} serve weighted sum-rate problems.
 *
 * <p>The channels are data: no gradient flows into them. The quantities every WMMSE iteration and every unrolled
 * layer reuse (power gains and interference gains as {@link MatVec} operators, the direct links) are computed once
 * per problem, on first use.
 *
 * <pre>{@code
 * SisoProblem pr = SisoProblem.ofAmplitudes(g, 6.76e-10, 1.0);       // g [B, 20, 20], row = receiver
 * Powers p = Wmmse.of(100).allocate(pr);
 * Tensor sumRate = Utility.sumRate().of(pr, p);                      // [B] in bit/s/Hz
 * }</pre>
 */
public final class SisoProblem implements Problem {
  private final Tensor amplitudes;
  private final double[] noise;
  private final double[] budgets;
  private final Tensor weights;
  private volatile Gains gains;

  /** The operators and vectors derived from the channels, built once. */
  private record Gains(MatVec power, MatVec interference, Tensor direct, Tensor directPowerGain) {}

  private SisoProblem(Tensor amplitudes, double[] noise, double[] budgets, Tensor weights) {
    this.amplitudes = amplitudes;
    this.noise = noise;
    this.budgets = budgets;
    this.weights = weights;
  }

  /**
   * Returns the problem of channel amplitudes {@code |h| [B, M, M]} or {@code [M, M]} (real, finite; row = receiver),
   * noise variance {@code >= 0} at every receiver and power budget {@code > 0} at every transmitter.
   */
  public static SisoProblem ofAmplitudes(Tensor amplitudes, double noiseVariance, double pMax) {
    Tensor a = channels("SisoProblem.ofAmplitudes", "amplitudes", amplitudes);
    return new SisoProblem(a, noise("SisoProblem.ofAmplitudes", noiseVariance, a.size(1)),
        budget("SisoProblem.ofAmplitudes", pMax, a.size(1)), null);
  }

  /**
   * Returns the problem of channel power gains {@code |h|^2 [B, M, M]} or {@code [M, M]} (real, finite, >= 0; row =
   * receiver); the amplitudes are their square roots. A negative entry is refused: power gains cannot be negative,
   * so the tensor probably holds signed amplitudes.
   */
  public static SisoProblem ofPowerGains(Tensor powerGains, double noiseVariance, double pMax) {
    String op = "SisoProblem.ofPowerGains";
    Tensor gains = channels(op, "powerGains", powerGains);
    Checks.nonNegative(op, "powerGains", gains, "power gains |h|^2 are never negative: did you pass amplitudes? "
        + "Use SisoProblem.ofAmplitudes");
    Tensor a;
    try (var off = Autograd.noGrad()) {
      a = gains.sqrt();
    }
    return new SisoProblem(a, noise(op, noiseVariance, a.size(1)), budget(op, pMax, a.size(1)), null);
  }

  private static Tensor channels(String op, String arg, Tensor t) {
    Checks.notNull(op, arg, t);
    Checks.real(op, arg, t);
    Tensor g = t.dim() == 2 ? t.reshape(1, t.size(0), t.size(1)) : t;
    if (g.dim() != 3 || g.size(1) != g.size(2) || g.size(1) < 1 || g.size(0) < 1) {
      throw new IllegalArgumentException(op + ": " + arg + " must be [B, M, M] or [M, M] with B, M >= 1 (row = "
          + "receiver, column = transmitter), got " + Shape.str(t.shape()));
    }
    Shape.finite(op, arg, g);
    return g.detach();
  }

  private static double[] noise(String op, double s2, int m) {
    if (!(s2 >= 0) || !Double.isFinite(s2)) {
      throw new IllegalArgumentException(op + ": the noise variance must be >= 0 and finite, got " + s2);
    }
    return Checks.fill(s2, m);
  }

  private static double[] budget(String op, double pMax, int m) {
    if (!(pMax > 0) || !Double.isFinite(pMax)) {
      throw new IllegalArgumentException(op + ": the power budget pMax must be > 0 and finite, got " + pMax);
    }
    return Checks.fill(pMax, m);
  }

  /** Returns a copy with one noise variance per receiver ({@code M} values, each >= 0). */
  public SisoProblem withNoise(double... perReceiver) {
    return new SisoProblem(amplitudes, Checks.perEntity("SisoProblem.withNoise", "noise", perReceiver, links(), true),
        budgets, weights);
  }

  /** Returns a copy with one power budget per transmitter ({@code M} values, each > 0). */
  public SisoProblem withBudgets(double... perTransmitter) {
    return new SisoProblem(amplitudes, noise,
        Checks.perEntity("SisoProblem.withBudgets", "budgets", perTransmitter, links(), false), weights);
  }

  /** Returns a copy with rate weights {@code [M]} (shared by the batch) or {@code [B, M]}, each >= 0. */
  public SisoProblem withWeights(Tensor w) {
    return new SisoProblem(amplitudes, noise, budgets,
        Checks.weights("SisoProblem.withWeights", Checks.notNull("SisoProblem.withWeights", "weights", w), batch(),
            links()));
  }

  @Override
  public int batch() {
    return amplitudes.size(0);
  }

  /** Returns the number of pairs M. */
  public int links() {
    return amplitudes.size(1);
  }

  /** Returns the amplitudes {@code |h| [B, M, M]} (row = receiver). */
  public Tensor amplitudes() {
    return amplitudes;
  }

  /** Returns the power gains {@code |h|^2 [B, M, M]} (row = receiver). */
  public Tensor powerGains() {
    try (var off = Autograd.noGrad()) {
      return amplitudes.square();
    }
  }

  /** Returns the noise variance of each receiver, {@code [M]}. */
  public double[] noise() {
    return noise.clone();
  }

  /** Returns the noise variance shared by all receivers; throws if it differs between receivers. */
  public double noiseVariance() {
    if (!Checks.uniform(noise)) {
      throw new IllegalStateException("SisoProblem.noiseVariance: the noise differs between receivers; use noise()");
    }
    return noise[0];
  }

  /** Returns whether every receiver has the same noise variance. */
  public boolean uniformNoise() {
    return Checks.uniform(noise);
  }

  /** Returns the power budget of each transmitter, {@code [M]}. */
  public double[] budgets() {
    return budgets.clone();
  }

  /** Returns the power budget shared by all transmitters; throws if it differs between transmitters. */
  public double pMax() {
    if (!Checks.uniform(budgets)) {
      throw new IllegalStateException("SisoProblem.pMax: the budgets differ between transmitters; use budgets()");
    }
    return budgets[0];
  }

  /** Returns whether every transmitter has the same power budget. */
  public boolean uniformBudget() {
    return Checks.uniform(budgets);
  }

  /** Returns the budgets as a tensor {@code [B, M]}. */
  public Tensor budgetTensor() {
    return Tensor.of(budgets, links()).reshape(1, links()).expand(batch(), links());
  }

  /** Returns the rate weights {@code [B, M]}, or null when none were given. */
  public Tensor weights() {
    return weights;
  }

  @Override
  public SisoProblem slice(int from, int to) {
    Checks.slice("SisoProblem.slice", from, to, batch());
    if (from == 0 && to == batch()) return this;
    return new SisoProblem(amplitudes.slice(0, from, to), noise, budgets, Checks.sliceOrSelf(weights, from, to));
  }

  /** Returns the power gains as an operator: {@code times(y)_i = sum_j |h_ij|^2 y_j}. */
  public MatVec power() {
    return gains().power();
  }

  /** Returns the interference gains (power gains with a zero diagonal) as an operator. */
  public MatVec interference() {
    return gains().interference();
  }

  /** Returns the direct amplitudes {@code |h_ii| [B, M]}. */
  public Tensor direct() {
    return gains().direct();
  }

  /** Returns the direct power gains {@code |h_ii|^2 [B, M]}. */
  public Tensor directPowerGain() {
    return gains().directPowerGain();
  }

  /**
   * Returns the interference plus noise at every receiver for powers {@code p [B, M]}:
   * {@code sigma_i^2 + sum_{j != i} |h_ij|^2 p_j}, summed off the diagonal directly (no "total minus own"
   * subtraction, which cancels catastrophically when one link dominates). Differentiable in p.
   */
  public Tensor interferencePlusNoise(Tensor p) {
    Tensor i = interference().times(p);
    return uniformNoise() ? i.add(noise[0]) : i.add(Tensor.of(noise, links()));
  }

  private Gains gains() {
    Gains g = gains;
    if (g == null) {
      g = computeGains();
      gains = g;
    }
    return g;
  }

  private Gains computeGains() {
    int b = batch(), m = links(), mm = m * m;
    double[] x = amplitudes.data();
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
    return new Gains(MatVec.of(s, b, m), MatVec.of(off, b, m), Tensor.of(d, b, m), Tensor.of(d2, b, m));
  }

  @Override
  public String toString() {
    return "SisoProblem[B=" + batch() + ", M=" + links() + ", noise " + (uniformNoise() ? noise[0] : "per receiver")
        + ", pmax " + (uniformBudget() ? budgets[0] : "per transmitter") + (weights == null ? "" : ", weighted")
        + "]";
  }
}
