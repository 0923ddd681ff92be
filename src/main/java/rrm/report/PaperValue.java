package rrm.report;

import java.util.Objects;

/**
 * One number a paper reports, with where it comes from; {@link PaperValues#get} returns it and the {@link
 * Verdicts} checks take it in place of a bare number, citing the source in the check's text.
 *
 * @param value the number (NaN when the paper gives none)
 * @param source the paper's table or figure, from the file's {@code source} column (may be empty)
 * @param where the file, the row selection and the column, for example {@code PaperValues 002-table1.csv
 *     [algorithm = UWMMSE]: test_sum_rate}
 */
public record PaperValue(double value, String source, String where) {

  /** Checks that the texts are present. */
  public PaperValue {
    Objects.requireNonNull(source, "source must not be null");
    Objects.requireNonNull(where, "where must not be null");
  }

  /** Returns {@code check} followed by the source in brackets, unless the source is empty or already named. */
  String cite(String check) {
    return source.isBlank() || check.contains(source) ? check : check + " [" + source + "]";
  }
}
