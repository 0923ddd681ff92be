package rrm.model.gnn;

import rrm.system.SisoProblem;

/**
 * The feature normalisation of channel amplitudes for graph networks (paper 003 Sec. V-B; the statistics follow the
 * authors' code): {@code a~ = (a - m) / r} with separate statistics for direct ({@code i = j}) and cross
 * ({@code i != j}) links, m the mean and r the root mean square (not the standard deviation) over all entries of a
 * training set, every cross entry included (not only the graph's edges). Fitted once on training data and reused on
 * every test set, including larger networks.
 *
 * @param directMean m of the direct links
 * @param directRms r of the direct links, > 0
 * @param crossMean m of the cross links
 * @param crossRms r of the cross links, > 0
 */
public record AmplitudeScaling(double directMean, double directRms, double crossMean, double crossRms) {
  /** No scaling: raw amplitudes (the Gaussian IC of Sec. V-A, whose amplitudes are of order one). */
  public static final AmplitudeScaling RAW = new AmplitudeScaling(0, 1, 0, 1);

  public AmplitudeScaling {
    if (!Double.isFinite(directMean) || !Double.isFinite(crossMean)) {
      throw new IllegalArgumentException("AmplitudeScaling: means must be finite, got " + directMean + " and "
          + crossMean);
    }
    if (!(directRms > 0) || !(crossRms > 0) || !Double.isFinite(directRms) || !Double.isFinite(crossRms)) {
      throw new IllegalArgumentException("AmplitudeScaling: RMS values must be > 0 and finite, got directRms = "
          + directRms + ", crossRms = " + crossRms);
    }
  }

  /** Returns the statistics of the amplitudes of a training problem (at least two pairs, so cross links exist). */
  public static AmplitudeScaling fit(SisoProblem training) {
    if (training == null) throw new IllegalArgumentException("AmplitudeScaling.fit: training must not be null");
    return fit(1, c -> training);
  }

  /**
   * Returns the statistics of a training set streamed in {@code chunks} parts ({@code chunk.apply(c)} for c in
   * {@code [0, chunks)}, each with at least two pairs): the same sums as one {@link #fit(SisoProblem)} of all parts,
   * without holding them at once.
   */
  public static AmplitudeScaling fit(int chunks, java.util.function.IntFunction<SisoProblem> chunk) {
    String op = "AmplitudeScaling.fit";
    if (chunks < 1) throw new IllegalArgumentException(op + ": chunks must be >= 1, got " + chunks);
    if (chunk == null) throw new IllegalArgumentException(op + ": chunk must not be null");
    Sums sums = new Sums();
    for (int c = 0; c < chunks; c++) {
      SisoProblem training = chunk.apply(c);
      if (training == null) throw new IllegalArgumentException(op + ": chunk " + c + " is null");
      if (training.links() < 2) {
        throw new IllegalArgumentException(op + ": needs at least 2 pairs (cross links), got " + training.links()
            + (chunks > 1 ? " in chunk " + c : ""));
      }
      sums.add(training.amplitudes().data(), training.batch(), training.links(), 1);
    }
    return sums.scaling();
  }

  /**
   * Returns the statistics of the entries {@code x[((s K + i) K + j) inner + n]} of B instances of K x K links with
   * {@code inner} entries per link (one per antenna); link {@code (i, i)} is direct.
   */
  static AmplitudeScaling fit(double[] x, int b, int k, int inner) {
    if (k < 2) {
      throw new IllegalArgumentException("AmplitudeScaling.fit: needs at least 2 pairs (cross links), got " + k);
    }
    Sums sums = new Sums();
    sums.add(x, b, k, inner);
    return sums.scaling();
  }

  /** Running first and second moments of direct and cross entries. */
  private static final class Sums {
    private double sd, sd2, sc, sc2, nd, nc;

    void add(double[] x, int b, int k, int inner) {
      for (int s = 0; s < b; s++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            int at = ((s * k + i) * k + j) * inner;
            for (int n = 0; n < inner; n++) {
              double v = x[at + n];
              if (i == j) {
                sd += v;
                sd2 += v * v;
              } else {
                sc += v;
                sc2 += v * v;
              }
            }
          }
        }
      }
      nd += (double) b * k * inner;
      nc += (double) b * k * (k - 1) * inner;
    }

    AmplitudeScaling scaling() {
      return new AmplitudeScaling(sd / nd, Math.sqrt(sd2 / nd), sc / nc, Math.sqrt(sc2 / nc));
    }
  }

  /** Returns the scaled direct amplitude. */
  public double direct(double a) {
    return (a - directMean) / directRms;
  }

  /** Returns the scaled cross amplitude. */
  public double cross(double a) {
    return (a - crossMean) / crossRms;
  }
}
