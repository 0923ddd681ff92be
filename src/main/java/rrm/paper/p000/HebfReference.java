package rrm.paper.p000;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.channel.UrllcDownlink;
import rrm.solver.Hebf;
import rrm.solver.UrllcSolution;
import rrm.system.UrllcProblem;
import rrm.tensor.AtomicFile;

/**
 * HeBF on the first {@link #SAMPLES} test samples of every cell of Table I or Table II, computed once and committed
 * under {@code data/reference/} ({@link #file()}): HeBF takes 2–60 ms per sample on 2 cores (K = 4 to 10; the 16,000
 * samples of Table I took 7 minutes beside a training job), too long for a notebook's five minutes, and a prefix of
 * 20–60 samples leaves a standard error of 0.3–0.8 %, too coarse for the tables' ±1 % band. Notebooks 4B and 4C compare
 * these means with the paper and pair the per-sample values with USRMNet's for ϖ₁; they also rerun HeBF on the first
 * samples of each cell and show whether they still equal the file.
 *
 * <p>{@link #TABLE_ONE} has the 16 cells of {@link Paper000#tableOne()} in order, cell c on test stream
 * {@link Paper000#testSeed(int) testSeed(c)}. {@link #TABLE_TWO} has the 16 distinct test sets of Table II
 * ({@link #tableTwoCell}): K = 4 then K = 6, each with the printed test annuli (streams {@code testSeed(20 + j)}) and
 * then the inferred ones of the (100, 140) m block (streams {@code testSeed(24 + j)}), as notebook 4C draws them.
 *
 * <p>A file has one line per sample, {@code cell,sample,wsr,qos_feasible}, cells in order, samples 0 to
 * {@link #SAMPLES} − 1, the weighted sum-rate (nats per channel use) written so that it reads back to the same double,
 * and 1 or 0. Lines starting with {@code #} are comments. Regenerate one from the repository root with
 * <pre>
 * java -cp 'target/classes:target/lib/*' rrm.paper.p000.HebfReference table1 data/reference/000-hebf-table1.csv
 * java -cp 'target/classes:target/lib/*' rrm.paper.p000.HebfReference table2 data/reference/000-hebf-table2.csv
 * </pre>
 * (written to a temporary file and moved into place at the end, so an interrupted run leaves the old file).
 */
public enum HebfReference {
  /** The 16 cells of Table I. */
  TABLE_ONE("table1", "000-hebf-table1.csv") {
    @Override
    public List<Setting> settings() {
      List<Setting> out = new ArrayList<>();
      List<UrllcDownlink> cells = Paper000.tableOne();
      for (int c = 0; c < cells.size(); c++) {
        UrllcDownlink d = cells.get(c);
        out.add(new Setting((int) d.snrDb() + " dB, N_t=" + d.antennas() + ", n=" + d.blocklength() + ", K="
            + d.users(), d, Paper000.testSeed(c)));
      }
      return out;
    }
  },
  /** The 16 distinct test sets of Table II (see {@link #tableTwoCell}). */
  TABLE_TWO("table2", "000-hebf-table2.csv") {
    @Override
    public List<Setting> settings() {
      List<Setting> out = new ArrayList<>();
      for (int k : TABLE_TWO_USERS) {
        for (boolean inferred : new boolean[] {false, true}) {
          double[][] annuli = inferred ? Paper000.TABLE2_INFERRED_ANNULI : Paper000.TABLE2_TEST_ANNULI;
          for (int j = 0; j < annuli.length; j++) {
            double[] a = annuli[j];
            out.add(new Setting("K=" + k + ", (" + (int) a[0] + ", " + (int) a[1] + ") m" + (inferred ? ", inferred"
                : ""), Paper000.tableTwo(k, a[0], a[1]), Paper000.testSeed((inferred ? 24 : 20) + j)));
          }
        }
      }
      return out;
    }
  };

  /** Test samples per cell: the first 1000 of each test stream. */
  public static final int SAMPLES = 1000;

  private static final int[] TABLE_TWO_USERS = {4, 6};
  private static final String HEADER = "cell,sample,wsr,qos_feasible";

  private final String name;
  private final String file;

  HebfReference(String name, String file) {
    this.name = name;
    this.file = file;
  }

  /** One cell: a label, the scenario and the seed of its test stream. */
  public record Setting(String label, UrllcDownlink scenario, long seed) {}

  /** Returns the cells in file order. */
  public abstract List<Setting> settings();

  /** Returns the file's name under {@code data/reference/}. */
  public String file() {
    return file;
  }

  /**
   * Returns the {@link #TABLE_TWO} cell of K users on test annulus {@code column} (0–3) of the printed annuli
   * ({@link Paper000#TABLE2_TEST_ANNULI}) or of the inferred ones ({@link Paper000#TABLE2_INFERRED_ANNULI}).
   */
  public static int tableTwoCell(int users, boolean inferred, int column) {
    int u = Arrays.binarySearch(TABLE_TWO_USERS, users);
    int columns = Paper000.TABLE2_TEST_ANNULI.length;
    if (u < 0) {
      throw new IllegalArgumentException("HebfReference.tableTwoCell: users must be one of "
          + Arrays.toString(TABLE_TWO_USERS) + ", got " + users);
    }
    if (column < 0 || column >= columns) {
      throw new IllegalArgumentException("HebfReference.tableTwoCell: column must be in [0, " + columns + "), got "
          + column);
    }
    return (2 * u + (inferred ? 1 : 0)) * columns + column;
  }

  /** HeBF's weighted sum-rate and QoS feasibility on the first samples of one cell's test stream. */
  public record Cell(int cell, double[] wsr, boolean[] qosFeasible) {
    /** Returns the number of samples. */
    public int samples() {
      return wsr.length;
    }

    /** Returns the first {@code n} samples (all of them if there are fewer). */
    public Cell first(int n) {
      if (n < 1) throw new IllegalArgumentException("HebfReference.Cell.first: n must be >= 1, got " + n);
      if (n >= samples()) return this;
      return new Cell(cell, Arrays.copyOf(wsr, n), Arrays.copyOf(qosFeasible, n));
    }

    /**
     * Returns the largest relative difference {@code |other - this| / |this|} of the rates over the other's samples,
     * which must be among this cell's first ones (a rerun checked against the file).
     */
    public double maxRelativeDifference(Cell other) {
      if (other.cell() != cell || other.samples() > samples()) {
        throw new IllegalArgumentException("HebfReference.Cell.maxRelativeDifference: expected cell " + cell
            + " with at most " + samples() + " samples, got cell " + other.cell() + " with " + other.samples());
      }
      double worst = 0;
      for (int b = 0; b < other.samples(); b++) {
        worst = Math.max(worst, Math.abs(other.wsr()[b] - wsr[b]) / Math.abs(wsr[b]));
      }
      return worst;
    }
  }

  /** Runs HeBF ({@link Hebf#defaults()}) on the first {@code count} test samples of cell {@code cell}. */
  public Cell live(int cell, int count) {
    List<Setting> cells = settings();
    if (cell < 0 || cell >= cells.size()) {
      throw new IllegalArgumentException("HebfReference.live: cell must be in [0, " + cells.size() + "), got " + cell);
    }
    if (count < 1) throw new IllegalArgumentException("HebfReference.live: count must be >= 1, got " + count);
    Setting at = cells.get(cell);
    UrllcProblem test = at.scenario().sample(at.seed(), 0, count);
    UrllcSolution s = Hebf.defaults().solve(test);
    return new Cell(cell, s.weightedSumRate().toArray(), s.qosFeasible().clone());
  }

  /**
   * Reads a file of this table: every cell with samples 0 to {@link #SAMPLES} − 1 in order. Throws naming the file
   * and line for a missing file, a wrong header, a line out of order, a non-finite rate or a missing cell.
   */
  public Map<Integer, Cell> load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("HebfReference.load: no file " + file.toAbsolutePath()
          + " (regenerate it with rrm.paper.p000.HebfReference, see its documentation)");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("HebfReference.load: cannot read " + file, e);
    }
    int cells = settings().size();
    double[][] wsr = new double[cells][SAMPLES];
    boolean[][] ok = new boolean[cells][SAMPLES];
    int expected = 0; // running index cell * SAMPLES + sample
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String where = file + " line " + (i + 1);
      if (!header) {
        if (!line.equals(HEADER)) throw bad(where, "expected the header '" + HEADER + "', got '" + line + "'");
        header = true;
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 4) throw bad(where, "expected 4 fields, got " + f.length + ": '" + line + "'");
      int cell, sample;
      double w;
      try {
        cell = Integer.parseInt(f[0]);
        sample = Integer.parseInt(f[1]);
        w = Double.parseDouble(f[2]);
      } catch (NumberFormatException e) {
        throw bad(where, "cannot parse '" + line + "'");
      }
      if (expected >= cells * SAMPLES || cell != expected / SAMPLES || sample != expected % SAMPLES) {
        throw bad(where, "expected cell " + expected / SAMPLES + ", sample " + expected % SAMPLES + ", got cell " + cell
            + ", sample " + sample);
      }
      if (!Double.isFinite(w)) throw bad(where, "the rate must be finite, got " + f[2]);
      if (!f[3].equals("0") && !f[3].equals("1")) throw bad(where, "qos_feasible must be 0 or 1, got " + f[3]);
      wsr[cell][sample] = w;
      ok[cell][sample] = f[3].equals("1");
      expected++;
    }
    if (expected != cells * SAMPLES) {
      throw bad(file.toString(), "expected " + cells * SAMPLES + " samples (" + cells + " cells of " + SAMPLES
          + "), got " + expected);
    }
    Map<Integer, Cell> out = new LinkedHashMap<>();
    for (int c = 0; c < cells; c++) out.put(c, new Cell(c, wsr[c], ok[c]));
    return out;
  }

  private static IllegalArgumentException bad(String where, String problem) {
    return new IllegalArgumentException("HebfReference.load: " + where + ": " + problem);
  }

  /** Writes all cells of this table (each with {@link #SAMPLES} samples, in order) to {@code file}. */
  public void write(Path file, List<Cell> cells) {
    int expected = settings().size();
    if (cells.size() != expected) {
      throw new IllegalArgumentException("HebfReference.write: expected " + expected + " cells, got " + cells.size());
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# HeBF (Hebf.defaults()) on the first ").append(SAMPLES).append(" test samples of every ")
        .append(this == TABLE_ONE ? "Table I" : "Table II").append(" cell of paper 000 (rrm.paper.p000.HebfReference.")
        .append(name()).append(");").append(" wsr in nats per channel use\n");
    List<Setting> settings = settings();
    for (int c = 0; c < settings.size(); c++) {
      Setting at = settings.get(c);
      sb.append("# cell ").append(c).append(": ").append(at.label()).append(", test stream ").append(at.seed())
          .append('\n');
    }
    sb.append(HEADER).append('\n');
    for (int c = 0; c < cells.size(); c++) {
      Cell cell = cells.get(c);
      if (cell.cell() != c || cell.samples() != SAMPLES) {
        throw new IllegalArgumentException("HebfReference.write: entry " + c + " must be cell " + c + " with "
            + SAMPLES + " samples, got cell " + cell.cell() + " with " + cell.samples());
      }
      for (int s = 0; s < SAMPLES; s++) {
        sb.append(c).append(',').append(s).append(',').append(Double.toString(cell.wsr()[s])).append(',')
            .append(cell.qosFeasible()[s] ? '1' : '0').append('\n');
      }
    }
    try {
      AtomicFile.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("HebfReference.write: cannot write " + file, e);
    }
  }

  /** Computes every cell of the table named by the first argument ({@code table1} or {@code table2}) into the file
   * named by the second. */
  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("HebfReference.main: give the table (table1 or table2) and the output file,"
          + " got " + Arrays.toString(args));
    }
    HebfReference table = Arrays.stream(values()).filter(t -> t.name.equals(args[0])).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("HebfReference.main: the table must be table1 or table2, got '"
            + args[0] + "'"));
    List<Setting> settings = table.settings();
    List<Cell> cells = new ArrayList<>();
    for (int c = 0; c < settings.size(); c++) {
      long t0 = System.nanoTime();
      Cell cell = table.live(c, SAMPLES);
      cells.add(cell);
      System.out.printf("cell %d (%s): mean %.6f, %.1f ms per sample%n", c, settings.get(c).label(),
          Arrays.stream(cell.wsr()).average().orElse(0), (System.nanoTime() - t0) / 1e6 / SAMPLES);
    }
    table.write(Path.of(args[1]), cells);
    System.out.println("wrote " + args[1]);
  }
}
