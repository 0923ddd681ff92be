package rrm.report;

/**
 * The F1 score of a binary prediction against a binary truth: {@code F1 = 2 TP / (2 TP + FP + FN)}, the harmonic
 * mean of precision and recall, with TP, FP and FN the true-positive, false-positive and false-negative counts.
 * When there is nothing to find and nothing was predicted ({@code TP + FP + FN = 0}: every label negative in both)
 * the prediction agrees perfectly and the score is 1 (the ratio itself is 0/0).
 *
 * <p>The per-row form scores each row of row-major {@code [rows, columns]} arrays on its own, after thresholding:
 * label = value {@code > threshold} (strictly). For example, per sample, the nodes whose weight exceeds 1 against
 * the nodes whose precoder norm exceeds τ:
 *
 * <pre>{@code
 * double[] f1 = F1Score.perRow(weights, 1.0, norms, 0.5, m);   // one score per sample
 * }</pre>
 */
public final class F1Score {

  private F1Score() {}

  /** Returns {@code 2 TP / (2 TP + FP + FN)} of {@code predicted} against {@code truth}; 1 when both are all false. */
  public static double of(boolean[] predicted, boolean[] truth) {
    if (predicted == null || truth == null) {
      throw new IllegalArgumentException("F1Score.of: predicted and truth must not be null, got "
          + (predicted == null ? "predicted = null" : "truth = null"));
    }
    if (predicted.length != truth.length) {
      throw new IllegalArgumentException("F1Score.of: predicted and truth must have the same length, got "
          + predicted.length + " and " + truth.length);
    }
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i] && truth[i]) tp++;
      else if (predicted[i]) fp++;
      else if (truth[i]) fn++;
    }
    return score(tp, fp, fn);
  }

  /**
   * Returns, for each row of the row-major {@code [rows, columns]} arrays, the F1 score of the labels
   * {@code predicted > predictedThreshold} against {@code truth > truthThreshold}. A NaN compares false.
   *
   * @param columns labels per row (for example the M nodes of a sample), >= 1, dividing both lengths
   */
  public static double[] perRow(double[] predicted, double predictedThreshold, double[] truth, double truthThreshold,
      int columns) {
    int rows = rows("F1Score.perRow", predicted, truth, columns);
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      int tp = 0, fp = 0, fn = 0;
      for (int c = r * columns; c < (r + 1) * columns; c++) {
        boolean p = predicted[c] > predictedThreshold, t = truth[c] > truthThreshold;
        if (p && t) tp++;
        else if (p) fp++;
        else if (t) fn++;
      }
      out[r] = score(tp, fp, fn);
    }
    return out;
  }

  /** Returns the fraction of entries of {@code values} strictly above {@code threshold} (NaN for an empty array). */
  public static double positiveFraction(double[] values, double threshold) {
    if (values == null) throw new IllegalArgumentException("F1Score.positiveFraction: values must not be null");
    int n = 0;
    for (double v : values) if (v > threshold) n++;
    return values.length == 0 ? Double.NaN : (double) n / values.length;
  }

  private static double score(int tp, int fp, int fn) {
    int den = 2 * tp + fp + fn;
    return den == 0 ? 1.0 : 2.0 * tp / den;
  }

  private static int rows(String op, double[] predicted, double[] truth, int columns) {
    if (predicted == null || truth == null) {
      throw new IllegalArgumentException(op + ": predicted and truth must not be null, got "
          + (predicted == null ? "predicted = null" : "truth = null"));
    }
    if (columns < 1) throw new IllegalArgumentException(op + ": columns must be >= 1, got " + columns);
    if (predicted.length != truth.length || predicted.length % columns != 0) {
      throw new IllegalArgumentException(op + ": predicted and truth must both hold rows x " + columns
          + " values, got lengths " + predicted.length + " and " + truth.length);
    }
    return predicted.length / columns;
  }
}
