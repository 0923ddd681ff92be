package rrm.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The numbers a paper reports, read from one {@code data/paper/<paper>-<table>.csv} file (a header row, then one
 * row per reported figure; a {@code source} column names the table or figure). Rows are picked by key columns:
 *
 * <pre>{@code
 * PaperValues table1 = PaperValues.load("002-table1");
 * double uw = table1.value("algorithm", "UWMMSE", "test_sum_rate");          // 83.21
 * PaperValue fig2 = PaperValues.load("002-fig2-text").where("regime", "low noise")
 *     .where("method", "WMMSE").get("mean_sum_rate");                     // 82.94, source Sec. IV-A text
 * verdicts.within("WMMSE mean sum-rate (bit/s/Hz)", fig2, ours, 0.5);
 * }</pre>
 *
 * An empty cell is a value the paper does not give and reads as NaN. A missing file, column or row, or a
 * selection that matches several rows, is an {@link IllegalArgumentException} naming the file and what exists.
 */
public final class PaperValues {

  private final Path file;
  private final List<String> header;
  private final List<List<String>> rows;
  private final List<String> filters;

  private PaperValues(Path file, List<String> header, List<List<String>> rows, List<String> filters) {
    this.file = file;
    this.header = header;
    this.rows = rows;
    this.filters = filters;
  }

  /**
   * Reads a paper-values CSV file (UTF-8, comma-separated, fields with commas or quotes in double quotes).
   *
   * @throws IllegalArgumentException if the file does not exist (listing the CSV files of its folder) or a row
   *     has more fields than the header
   */
  public static PaperValues read(Path csv) {
    Objects.requireNonNull(csv, "PaperValues.read: csv must not be null");
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("PaperValues.read: no file " + csv.toAbsolutePath().normalize()
          + "; " + describeFolder(csv.toAbsolutePath().getParent()) + ".");
    }
    List<List<String>> records;
    try {
      records = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("PaperValues.read: could not read " + csv + ".", e);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("PaperValues.read: " + csv + " is empty; expected a header row.");
    }
    List<String> header = records.get(0).stream().map(String::trim).toList();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.size() == 1 && r.get(0).isBlank()) {
        continue;
      }
      if (r.size() > header.size()) {
        throw new IllegalArgumentException("PaperValues.read: line " + (i + 1) + " of " + csv + " has " + r.size()
            + " fields, but the header has " + header.size() + ".");
      }
      List<String> padded = new ArrayList<>(r.stream().map(String::trim).toList());
      while (padded.size() < header.size()) {
        padded.add("");
      }
      rows.add(List.copyOf(padded));
    }
    return new PaperValues(csv, header, List.copyOf(rows), List.of());
  }

  /**
   * Reads {@code data/paper/<name>.csv} (name with or without {@code .csv}) from the working directory or the
   * nearest parent folder that has it, so notebooks in any folder of the project find it.
   *
   * @throws IllegalArgumentException naming the folders searched and the files that exist
   */
  public static PaperValues load(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("PaperValues.load: name must be a file name such as '002-table1'.");
    }
    String fileName = name.endsWith(".csv") ? name : name + ".csv";
    Path start = Path.of("").toAbsolutePath();
    Path folder = null;
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve("paper");
      if (Files.isRegularFile(candidate.resolve(fileName))) {
        return read(candidate.resolve(fileName));
      }
      if (folder == null && Files.isDirectory(candidate)) {
        folder = candidate;
      }
    }
    throw new IllegalArgumentException("PaperValues.load: no data/paper/" + fileName + " in " + start
        + " or its parent folders" + (folder == null ? "" : "; " + describeFolder(folder)) + ".");
  }

  /** Returns the rows whose {@code column} equals {@code value} (exact text, surrounding spaces ignored). */
  public PaperValues where(String column, String value) {
    Objects.requireNonNull(value, "PaperValues.where: value must not be null");
    int c = column(column);
    List<List<String>> kept = rows.stream().filter(r -> r.get(c).equals(value.trim())).toList();
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(where() + ": no row with " + column + " = '" + value + "'"
          + (rows.isEmpty() ? "" : "; " + column + " takes " + distinct(c)) + ".");
    }
    List<String> f = new ArrayList<>(filters);
    f.add(column + " = " + value);
    return new PaperValues(file, header, kept, List.copyOf(f));
  }

  /** Returns {@code column} of the row where {@code keyColumn} equals {@code key}. */
  public double value(String keyColumn, String key, String column) {
    return where(keyColumn, key).value(column);
  }

  /**
   * Returns {@code column} of the one row selected so far as a number; NaN for an empty cell.
   *
   * @throws IllegalArgumentException if the column is missing, several rows are selected or the cell is text
   */
  public double value(String column) {
    return get(column).value();
  }

  /** Returns {@code column} of the row where {@code keyColumn} equals {@code key}, with its source. */
  public PaperValue get(String keyColumn, String key, String column) {
    return where(keyColumn, key).get(column);
  }

  /** Returns {@code column} of the one row selected so far, with its source, for {@link Verdicts}. */
  public PaperValue get(String column) {
    String cell = text(column);
    double v;
    try {
      v = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where() + ": " + column + " is '" + cell + "', not a number.");
    }
    int s = header.indexOf("source");
    return new PaperValue(v, s < 0 ? "" : rows.get(0).get(s), where() + ": " + column);
  }

  /** Returns the text of {@code column} in the one row selected so far ("" for an empty cell). */
  public String text(String column) {
    int c = column(column);
    if (rows.size() != 1) {
      List<String> others = header.stream().filter(h -> !filters.stream().anyMatch(f -> f.startsWith(h + " = ")))
          .toList();
      throw new IllegalArgumentException(where() + ": " + rows.size() + " rows match, expected one; narrow the "
          + "choice with where(column, value) on one of " + others + ".");
    }
    return rows.get(0).get(c);
  }

  /** Returns the column names in file order. */
  public List<String> columns() {
    return header;
  }

  /** Returns how many rows are selected (all rows before any {@link #where}). */
  public int size() {
    return rows.size();
  }

  /** Returns the file this was read from. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return where() + " (" + rows.size() + (rows.size() == 1 ? " row)" : " rows)");
  }

  private int column(String name) {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException(where() + ": no column '" + name + "'; the columns are " + header + ".");
    }
    return c;
  }

  private List<String> distinct(int c) {
    return List.copyOf(rows.stream().map(r -> r.get(c)).collect(java.util.stream.Collectors.toCollection(
        LinkedHashSet::new)));
  }

  /** Returns "PaperValues 002-table1.csv" plus the filters applied, for messages. */
  private String where() {
    return "PaperValues " + file.getFileName() + (filters.isEmpty() ? "" : " [" + String.join(", ", filters) + "]");
  }

  private static String describeFolder(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      return "the folder " + folder + " does not exist";
    }
    try (Stream<Path> files = Files.list(folder)) {
      return folder + " holds " + files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
          .sorted().toList();
    } catch (IOException e) {
      return "the folder " + folder + " cannot be listed";
    }
  }
}
