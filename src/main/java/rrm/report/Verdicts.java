package rrm.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The closing paper-vs-ours table of a notebook: one row per check with columns {@code
 * check,paper,ours,threshold,verdict} and a summary line such as {@code 7 PASS, 1 WARN, 0 FAIL}. When the
 * environment variable {@value #ENV} names a file (the notebook runner sets it per notebook), the table is
 * (re)written there as CSV after every added check, so tools read results without parsing HTML.
 *
 * <pre>{@code
 * Verdicts v = Verdicts.create("UWMMSE vs paper, Table II");
 * v.atLeast("sum-rate gain over WMMSE (%)", 4.2, ours, 0.0);
 * v.within("sum-rate (bit/s/Hz)", 12.3, rate, 0.5);
 * v.within("UWMMSE test sum-rate (bit/s/Hz)", PaperValues.load("002-table1").get("algorithm", "UWMMSE",
 *     "test_sum_rate"), rate, 0.5);   // the paper value from data/paper, its source cited: "... [Table I]"
 * v   // displays the table and the summary line
 * }</pre>
 */
public final class Verdicts {

  /** Environment variable naming the CSV file to write; unset outside the runner. */
  public static final String ENV = "RRM_VERDICTS_CSV";

  /** The CSV header. */
  public static final String HEADER = "check,paper,ours,threshold,verdict";

  /**
   * One check.
   *
   * @param check what is compared, in words
   * @param paper the paper's value (NaN if the paper gives none)
   * @param ours our value
   * @param threshold the rule in words, for example {@code ≥ 0} or {@code ± 0.5}
   * @param verdict the outcome
   */
  public record Check(String check, double paper, double ours, String threshold, Verdict verdict) {
    /** Checks that the texts and verdict are present. */
    public Check {
      Objects.requireNonNull(check, "check must not be null");
      Objects.requireNonNull(threshold, "threshold must not be null");
      Objects.requireNonNull(verdict, "verdict must not be null");
    }
  }

  private final String title;
  private final Path csv;
  private final List<Check> checks = new ArrayList<>();

  private Verdicts(String title, Path csv) {
    this.title = Objects.requireNonNull(title, "title must not be null");
    this.csv = csv;
    Display.install();
  }

  /** Returns an empty verdict table that writes its CSV where {@value #ENV} says (nowhere if unset). */
  public static Verdicts create(String title) {
    return create(title, System.getenv());
  }

  /** Returns an empty verdict table that writes its CSV where {@value #ENV} in {@code env} says. */
  public static Verdicts create(String title, Map<String, String> env) {
    String path = env.get(ENV);
    return new Verdicts(title, path == null || path.isBlank() ? null : Path.of(path));
  }

  /** Adds a check that passes when {@code ours ≥ bound}. */
  public Verdicts atLeast(String check, double paper, double ours, double bound) {
    return add(check, paper, ours, "≥ " + Format.number(bound), ours >= bound ? Verdict.PASS : Verdict.FAIL);
  }

  /** Adds a check that passes when {@code ours ≤ bound}. */
  public Verdicts atMost(String check, double paper, double ours, double bound) {
    return add(check, paper, ours, "≤ " + Format.number(bound), ours <= bound ? Verdict.PASS : Verdict.FAIL);
  }

  /** Adds a check that passes when {@code lo ≤ ours ≤ hi}. */
  public Verdicts between(String check, double paper, double ours, double lo, double hi) {
    if (!(lo <= hi)) throw new IllegalArgumentException("Verdicts.between: need lo <= hi, got [" + lo + ", " + hi + "]");
    boolean ok = ours >= lo && ours <= hi;
    return add(check, paper, ours, "in [" + Format.number(lo) + ", " + Format.number(hi) + "]",
        ok ? Verdict.PASS : Verdict.FAIL);
  }

  /** Adds a check that passes when {@code |ours − paper| ≤ tol}. */
  public Verdicts within(String check, double paper, double ours, double tol) {
    requireTolerance(tol);
    boolean ok = Math.abs(ours - paper) <= tol;
    return add(check, paper, ours, "± " + Format.number(tol), ok ? Verdict.PASS : Verdict.FAIL);
  }

  /** Adds a check that passes when {@code |ours − paper| ≤ relTol·|paper|} (relTol 0.05 = 5 %). */
  public Verdicts withinRelative(String check, double paper, double ours, double relTol) {
    requireTolerance(relTol);
    boolean ok = Math.abs(ours - paper) <= relTol * Math.abs(paper);
    return add(check, paper, ours, "± " + Format.number(100 * relTol) + " %", ok ? Verdict.PASS : Verdict.FAIL);
  }

  /** Adds a check that passes when {@code ours ≥ bound}, citing the paper value's source in the check. */
  public Verdicts atLeast(String check, PaperValue paper, double ours, double bound) {
    return atLeast(paper.cite(check), paper.value(), ours, bound);
  }

  /** Adds a check that passes when {@code ours ≤ bound}, citing the paper value's source in the check. */
  public Verdicts atMost(String check, PaperValue paper, double ours, double bound) {
    return atMost(paper.cite(check), paper.value(), ours, bound);
  }

  /** Adds a check that passes when {@code |ours − paper| ≤ tol}, citing the paper value's source. */
  public Verdicts within(String check, PaperValue paper, double ours, double tol) {
    return within(paper.cite(check), paper.value(), ours, tol);
  }

  /** Adds a check that passes when {@code |ours − paper| ≤ relTol·|paper|}, citing the paper value's source. */
  public Verdicts withinRelative(String check, PaperValue paper, double ours, double relTol) {
    return withinRelative(paper.cite(check), paper.value(), ours, relTol);
  }

  /** Adds a soft check (PASS when {@code ok}, else WARN), citing the paper value's source. */
  public Verdicts warnUnless(String check, PaperValue paper, double ours, boolean ok, String threshold) {
    return warnUnless(paper.cite(check), paper.value(), ours, ok, threshold);
  }

  /** Adds a check whose verdict the caller decided, citing the paper value's source. */
  public Verdicts add(String check, PaperValue paper, double ours, String threshold, Verdict verdict) {
    return add(paper.cite(check), paper.value(), ours, threshold, verdict);
  }

  /** Adds a soft check: PASS when {@code ok}, else WARN; {@code threshold} states the rule in words. */
  public Verdicts warnUnless(String check, double paper, double ours, boolean ok, String threshold) {
    return add(check, paper, ours, threshold, ok ? Verdict.PASS : Verdict.WARN);
  }

  /** Adds a check whose verdict the caller decided. */
  public Verdicts add(String check, double paper, double ours, String threshold, Verdict verdict) {
    checks.add(new Check(check, paper, ours, threshold, verdict));
    if (csv != null) {
      writeCsv(csv);
    }
    return this;
  }

  /** Returns the checks in the order added. */
  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** Returns how many checks have this verdict. */
  public long count(Verdict verdict) {
    return checks.stream().filter(c -> c.verdict() == verdict).count();
  }

  /** Returns the summary line, for example {@code 7 PASS, 1 WARN, 0 FAIL}. */
  public String summary() {
    return count(Verdict.PASS) + " PASS, " + count(Verdict.WARN) + " WARN, " + count(Verdict.FAIL) + " FAIL";
  }

  /** Returns the checks as a Tablesaw table with columns check, paper, ours, threshold, verdict. */
  public Table table() {
    StringColumn check = StringColumn.create("check");
    DoubleColumn paper = DoubleColumn.create("paper");
    DoubleColumn ours = DoubleColumn.create("ours");
    StringColumn threshold = StringColumn.create("threshold");
    StringColumn verdict = StringColumn.create("verdict");
    for (Check c : checks) {
      check.append(c.check());
      paper.append(c.paper());
      ours.append(c.ours());
      threshold.append(c.threshold());
      verdict.append(c.verdict().name());
    }
    return Table.create(title, check, paper, ours, threshold, verdict);
  }

  /** Returns the CSV text: header {@value #HEADER}, one line per check, NaN as an empty field. */
  public String toCsv() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Check c : checks) {
      b.append(field(c.check())).append(',').append(number(c.paper())).append(',').append(number(c.ours()))
          .append(',').append(field(c.threshold())).append(',').append(c.verdict().name()).append('\n');
    }
    return b.toString();
  }

  /** Writes {@link #toCsv()} to {@code file} (UTF-8), creating parent folders. */
  public void writeCsv(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the verdicts CSV to " + file + ".", e);
    }
  }

  /** Returns the display form: the title, the table with coloured verdicts and the summary line. */
  public Html toHtml() {
    StringBuilder b = new StringBuilder("<div class=\"rrm-verdicts\"><table><caption>")
        .append(Format.html(title)).append("</caption><thead><tr>");
    for (String h : HEADER.split(",")) {
      b.append(h.equals("check") ? "<th style=\"text-align:left\">" : "<th>").append(h).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (Check c : checks) {
      String colour = c.verdict().colour();
      b.append("<tr><td style=\"text-align:left\">").append(Format.html(c.check())).append("</td>")
          .append("<td>").append(Double.isNaN(c.paper()) ? "–" : Format.number(c.paper())).append("</td>")
          .append("<td>").append(Format.number(c.ours())).append("</td>")
          .append("<td>").append(Format.html(c.threshold())).append("</td>")
          .append("<td style=\"font-weight:bold;color:").append(colour).append("\">")
          .append(c.verdict().name()).append("</td></tr>");
    }
    b.append("</tbody></table><p><b>").append(summary()).append("</b></p></div>");
    return new Html(b.toString(), table().print() + "\n" + summary());
  }

  @Override
  public String toString() {
    return title + ": " + summary();
  }

  private static void requireTolerance(double tol) {
    if (!(tol >= 0)) {
      throw new IllegalArgumentException("The tolerance must be a non-negative number, but was " + tol + ".");
    }
  }

  private static String number(double x) {
    return Double.isFinite(x) ? Double.toString(x) : "";
  }

  private static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
