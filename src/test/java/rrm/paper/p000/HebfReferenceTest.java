package rrm.paper.p000;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed HeBF results of Table I: complete, equal to a rerun, and read back exactly; bad files refused. */
class HebfReferenceTest {
  private static final Path FILE = Path.of("data/reference", HebfReference.FILE);

  @Test
  void theCommittedFileHoldsEveryCellAndEqualsARerunOnItsFirstSamples() {
    Map<Integer, HebfReference.Cell> ref = HebfReference.load(FILE);
    assertEquals(16, ref.size());
    for (HebfReference.Cell c : ref.values()) {
      assertEquals(HebfReference.SAMPLES, c.samples());
      for (double w : c.wsr()) assertTrue(w > 0, "cell " + c.cell() + ": a positive rate");
    }
    // the two cheapest cells (K = 4): HeBF on the first two samples gives the file's values to the last bit
    for (int cell : new int[] {0, 4}) {
      HebfReference.Cell live = HebfReference.live(cell, 2);
      for (int b = 0; b < 2; b++) {
        assertEquals(ref.get(cell).wsr()[b], live.wsr()[b], 0, "cell " + cell + ", sample " + b);
        assertEquals(ref.get(cell).qosFeasible()[b], live.qosFeasible()[b]);
      }
      assertEquals(0, ref.get(cell).maxRelativeDifference(live), 0);
    }
  }

  @Test
  void firstSamplesAndTheRelativeDifferenceOfARerun() {
    HebfReference.Cell c = new HebfReference.Cell(3, new double[] {1, 2, 4}, new boolean[] {true, false, true});
    assertEquals(2, c.first(2).samples());
    assertArrayEquals(new double[] {1, 2}, c.first(2).wsr(), 0);
    assertArrayEquals(new boolean[] {true, false}, c.first(2).qosFeasible());
    assertEquals(c, c.first(3));
    assertEquals(c, c.first(5000));
    HebfReference.Cell rerun = new HebfReference.Cell(3, new double[] {1, 2.5}, new boolean[] {true, false});
    assertEquals(0.25, c.maxRelativeDifference(rerun), 0);
    var e = assertThrows(IllegalArgumentException.class, () -> c.first(0));
    assertTrue(e.getMessage().contains("n must be >= 1, got 0"), e.getMessage());
    HebfReference.Cell other = new HebfReference.Cell(4, new double[] {1}, new boolean[] {true});
    e = assertThrows(IllegalArgumentException.class, () -> c.maxRelativeDifference(other));
    assertTrue(e.getMessage().contains("expected cell 3 with at most 3 samples, got cell 4 with 1"), e.getMessage());
  }

  @Test
  void writtenCellsReadBackExactly(@TempDir Path dir) {
    List<HebfReference.Cell> cells = syntheticCells();
    Path file = dir.resolve("ref.csv");
    HebfReference.write(file, cells);
    Map<Integer, HebfReference.Cell> back = HebfReference.load(file);
    for (HebfReference.Cell c : cells) {
      assertArrayEquals(c.wsr(), back.get(c.cell()).wsr(), 0);
      assertArrayEquals(c.qosFeasible(), back.get(c.cell()).qosFeasible());
    }
  }

  @Test
  void badFilesAndArgumentsAreRefusedByName(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("none.csv");
    var e = assertThrows(IllegalArgumentException.class, () -> HebfReference.load(missing));
    assertTrue(e.getMessage().contains("no file") && e.getMessage().contains("none.csv"), e.getMessage());

    Path good = dir.resolve("good.csv");
    HebfReference.write(good, syntheticCells());
    List<String> lines = Files.readAllLines(good);

    Path header = write(dir, "header.csv", lines, 1, "cell,sample,rate,qos");
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.load(header));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("header"), e.getMessage());

    Path order = write(dir, "order.csv", lines, 5, "0,7,1.5,1");
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.load(order));
    assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("expected cell 0, sample 3"),
        e.getMessage());

    Path nan = write(dir, "nan.csv", lines, 2, "0,0,NaN,1");
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.load(nan));
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("finite"), e.getMessage());

    Path flag = write(dir, "flag.csv", lines, 2, "0,0,1.5,yes");
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.load(flag));
    assertTrue(e.getMessage().contains("qos_feasible must be 0 or 1"), e.getMessage());

    Path shortFile = dir.resolve("short.csv");
    Files.write(shortFile, lines.subList(0, lines.size() - 1));
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.load(shortFile));
    assertTrue(e.getMessage().contains("expected 16000 samples") && e.getMessage().contains("got 15999"),
        e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> HebfReference.write(dir.resolve("x.csv"), syntheticCells().subList(0, 3)));
    assertTrue(e.getMessage().contains("expected 16 cells, got 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.live(16, 1));
    assertTrue(e.getMessage().contains("cell must be in [0, 16), got 16"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.live(0, 0));
    assertTrue(e.getMessage().contains("count must be >= 1, got 0"), e.getMessage());
  }

  /** Sixteen cells of made-up rates with every kind of double (the written form must read back to the same bits). */
  private static List<HebfReference.Cell> syntheticCells() {
    java.util.Random rng = new java.util.Random(7);
    List<HebfReference.Cell> cells = new ArrayList<>();
    for (int c = 0; c < 16; c++) {
      double[] w = new double[HebfReference.SAMPLES];
      boolean[] ok = new boolean[HebfReference.SAMPLES];
      for (int s = 0; s < w.length; s++) {
        w[s] = Math.scalb(rng.nextDouble(), rng.nextInt(40) - 20);
        ok[s] = rng.nextBoolean();
      }
      cells.add(new HebfReference.Cell(c, w, ok));
    }
    return cells;
  }

  /** Writes lines to a new file with line {@code at} (0-based) replaced. */
  private static Path write(Path dir, String name, List<String> lines, int at, String replacement) throws IOException {
    List<String> copy = new ArrayList<>(lines);
    copy.set(at, replacement);
    Path file = dir.resolve(name);
    Files.write(file, copy);
    return file;
  }
}
