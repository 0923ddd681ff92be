package rrm.paper.p000;

import rrm.model.unrolled.UsrmnetState;
import rrm.solver.UrllcSolution;

/**
 * The paper's evaluation of USRMNet after a layer (§IV): per test instance the WSR of the layer's powers with their
 * MMSE beams (eq. 9), the violation {@code V_b} of the layer's auxiliary variables (mean of the positive parts of
 * (10h)–(10k) with the beams the layer started from), and the QoS flag (every {@code gamma_k >= nu_3} and
 * {@code sum q <= P}). {@code varpi_2} is the share with {@code V_b = 0} exactly; the paper averages the WSR over
 * those instances only, and {@code varpi_1} compares two methods on that same subset.
 *
 * @param wsr WSR per instance, nats per channel use
 * @param violation V_b per instance
 * @param qosFeasible QoS flag per instance
 * @param powerShare mean of {@code sum q / P}
 * @param byConstraint violation per instance and coupled constraint (10h), (10i), (10j), (10k) {@code [N * 4]}
 */
public record UsrmnetMetrics(double[] wsr, double[] violation, boolean[] qosFeasible, double powerShare,
    double[] byConstraint) {
  /** Names of the four coupled constraints in the order of {@link #constraintShares}. */
  public static final java.util.List<String> CONSTRAINTS = java.util.List.of("(10h) varphi <= gamma",
      "(10i) gamma <= phi", "(10j) V(phi) <= psi", "(10k) sqrt(psi) <= theta");

  /** Returns the metrics of a state after at least one layer. */
  public static UsrmnetMetrics of(UsrmnetState s) {
    double[] v = s.violation();
    if (v == null) throw new IllegalArgumentException("UsrmnetMetrics.of: the state has no layer output yet");
    boolean[] ok = new boolean[s.size()];
    for (int b : s.reachable()) ok[b] = true;
    UrllcSolution sol = UrllcSolution.ofUplink(s.problem(), s.powers(), ok, null);
    double[] q = s.powers().data();
    double share = 0;
    for (double x : q) share += x;
    share /= s.size() * s.problem().pMax();
    return new UsrmnetMetrics(sol.weightedSumRate().toArray(), v, sol.qosFeasible(), share, s.violationByConstraint());
  }

  /** Returns the instances with {@code V_b = 0}. */
  public boolean[] zeroViolation() {
    boolean[] z = new boolean[violation.length];
    for (int b = 0; b < z.length; b++) z[b] = violation[b] == 0;
    return z;
  }

  /** Returns varpi_2: the share of instances with {@code V_b = 0}. */
  public double varpi2() {
    return share(zeroViolation());
  }

  /**
   * Returns, per coupled constraint (10h), (10i), (10j), (10k), the share of instances where it is broken (positive
   * part above 0 for some user): which constraint makes {@code V_b > 0}.
   */
  public double[] constraintShares() {
    int n = violation.length;
    double[] out = new double[4];
    for (int b = 0; b < n; b++) for (int c = 0; c < 4; c++) if (byConstraint[b * 4 + c] > 0) out[c]++;
    for (int c = 0; c < 4; c++) out[c] /= n;
    return out;
  }

  /** Returns the share of instances with {@code V_b <= 1e-9}. */
  public double nearZeroShare() {
    boolean[] z = new boolean[violation.length];
    for (int b = 0; b < z.length; b++) z[b] = violation[b] <= 1e-9;
    return share(z);
  }

  /** Returns the QoS-feasible share. */
  public double qosShare() {
    return share(qosFeasible);
  }

  /** Returns the mean WSR over the instances with {@code V_b = 0} (the paper's USRMNet row). */
  public double meanOnZeroViolation() {
    return mean(wsr, zeroViolation());
  }

  /** Returns the mean WSR over all instances. */
  public double mean() {
    return mean(wsr, null);
  }

  /** Returns the mean of {@code x} over {@code mask} (null: all), NaN when empty. */
  public static double mean(double[] x, boolean[] mask) {
    double s = 0;
    int n = 0;
    for (int b = 0; b < x.length; b++) {
      if (mask == null || mask[b]) {
        s += x[b];
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Returns the share of true entries. */
  public static double share(boolean[] mask) {
    int n = 0;
    for (boolean m : mask) if (m) n++;
    return n / (double) mask.length;
  }

  /**
   * Returns varpi_1 = mean(ours) / mean(reference) over the instances of {@code mask} among the first
   * {@code reference.length} (a reference run on a prefix of the test set).
   */
  public static double ratio(double[] ours, double[] reference, boolean[] mask) {
    double a = 0, b = 0;
    for (int i = 0; i < reference.length; i++) {
      if (mask == null || mask[i]) {
        a += ours[i];
        b += reference[i];
      }
    }
    return a / b;
  }
}
