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
 * HeBF on the first {@link #SAMPLES} test samples of every Table I cell, computed once and committed as
 * {@code data/reference/000-hebf-table1.csv}: HeBF takes 2–60 ms per sample on 2 cores (K = 4 to 10; the 16,000
 * samples took 7 minutes beside a training job), too long for a notebook's five minutes, and a prefix of 20–60 samples
 * leaves a standard error of 0.3–0.8 %, too coarse for Table I's ±1 % band. Notebook 4B compares this mean with the paper and pairs these per-sample values
 * with USRMNet's for ϖ₁; it also reruns HeBF on the first samples of each cell and shows whether they still equal the
 * file.
 *
 * <p>The file has one line per sample, {@code cell,sample,wsr,qos_feasible}, cells 0–15 in
 * {@link Paper000#tableOne()} order, samples 0 to {@link #SAMPLES} − 1 of stream {@link Paper000#testSeed(int)}, the
 * weighted sum-rate (nats per channel use) written so that it reads back to the same double, and 1 or 0. Lines starting
 * with {@code #} are comments. Regenerate it from the repository root with
 * <pre>
 * java -cp 'target/classes:target/lib/*' rrm.paper.p000.HebfReference data/reference/000-hebf-table1.csv
 * </pre>
 * (written to a temporary file and moved into place at the end, so an interrupted run leaves the old file).
 */
public final class HebfReference {
  /** Test samples per cell: the first 1000 of the cell's 5000. */
  public static final int SAMPLES = 1000;
  /** The file's name under {@code data/reference/}. */
  public static final String FILE = "000-hebf-table1.csv";

  private static final String HEADER = "cell,sample,wsr,qos_feasible";

  private HebfReference() {}

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

  /** Runs HeBF ({@link Hebf#defaults()}) on the first {@code count} test samples of Table I cell {@code cell}. */
  public static Cell live(int cell, int count) {
    List<UrllcDownlink> cells = Paper000.tableOne();
    if (cell < 0 || cell >= cells.size()) {
      throw new IllegalArgumentException("HebfReference.live: cell must be in [0, " + cells.size() + "), got " + cell);
    }
    if (count < 1) throw new IllegalArgumentException("HebfReference.live: count must be >= 1, got " + count);
    UrllcProblem test = cells.get(cell).sample(Paper000.testSeed(cell), 0, count);
    UrllcSolution s = Hebf.defaults().solve(test);
    return new Cell(cell, s.weightedSumRate().toArray(), s.qosFeasible().clone());
  }

  /**
   * Reads the file: every Table I cell with samples 0 to {@link #SAMPLES} − 1 in order. Throws naming the file and
   * line for a missing file, a wrong header, a line out of order, a non-finite rate or a missing cell.
   */
  public static Map<Integer, Cell> load(Path file) {
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
    int cells = Paper000.tableOne().size();
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

  /** Writes cells (each with {@link #SAMPLES} samples, cells 0–15 in order) to {@code file}, via a temporary file. */
  public static void write(Path file, List<Cell> cells) {
    int expected = Paper000.tableOne().size();
    if (cells.size() != expected) {
      throw new IllegalArgumentException("HebfReference.write: expected " + expected + " cells, got " + cells.size());
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# HeBF (Hebf.defaults()) on the first ").append(SAMPLES)
        .append(" test samples of every Table I cell of paper 000 (stream Paper000.testSeed(cell));")
        .append(" wsr in nats per channel use\n").append(HEADER).append('\n');
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

  /** Computes every cell and writes the file named by the one argument. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("HebfReference.main: give the output file, got " + Arrays.toString(args));
    }
    List<Cell> cells = new ArrayList<>();
    for (int c = 0; c < Paper000.tableOne().size(); c++) {
      long t0 = System.nanoTime();
      Cell cell = live(c, SAMPLES);
      cells.add(cell);
      System.out.printf("cell %d: mean %.6f, %.1f ms per sample%n", c, Arrays.stream(cell.wsr()).average().orElse(0),
          (System.nanoTime() - t0) / 1e6 / SAMPLES);
    }
    write(Path.of(args[0]), cells);
    System.out.println("wrote " + args[0]);
  }
}
