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

/** The committed HeBF results of Tables I and II: complete, equal to a rerun, read back exactly; bad files refused. */
class HebfReferenceTest {
  private static final HebfReference ONE = HebfReference.TABLE_ONE, TWO = HebfReference.TABLE_TWO;

  @Test
  void theCommittedFilesHoldEveryCellAndEqualARerunOnTheirFirstSamples() {
    // Table I: the two cheapest cells (K = 4); Table II: a K = 4 cell and a K = 6 cell of the inferred annuli
    committedFileEqualsARerun(ONE, 0, 4);
    committedFileEqualsARerun(TWO, 1, HebfReference.tableTwoCell(6, true, 2));
  }

  private static void committedFileEqualsARerun(HebfReference table, int... rerun) {
    Map<Integer, HebfReference.Cell> ref = table.load(Path.of("data/reference", table.file()));
    assertEquals(16, ref.size());
    for (HebfReference.Cell c : ref.values()) {
      assertEquals(HebfReference.SAMPLES, c.samples());
      for (double w : c.wsr()) assertTrue(w > 0, table + " cell " + c.cell() + ": a positive rate");
    }
    // HeBF on the first two samples gives the file's values to the last bit
    for (int cell : rerun) {
      HebfReference.Cell live = table.live(cell, 2);
      for (int b = 0; b < 2; b++) {
        assertEquals(ref.get(cell).wsr()[b], live.wsr()[b], 0, "cell " + cell + ", sample " + b);
        assertEquals(ref.get(cell).qosFeasible()[b], live.qosFeasible()[b]);
      }
      assertEquals(0, ref.get(cell).maxRelativeDifference(live), 0);
    }
  }

  @Test
  void tableTwoCellsAreTheTestSetsOfNotebook4C() {
    List<HebfReference.Setting> settings = TWO.settings();
    assertEquals(16, settings.size());
    for (int k : new int[] {4, 6}) {
      for (boolean inferred : new boolean[] {false, true}) {
        double[][] annuli = inferred ? Paper000.TABLE2_INFERRED_ANNULI : Paper000.TABLE2_TEST_ANNULI;
        for (int j = 0; j < 4; j++) {
          HebfReference.Setting at = settings.get(HebfReference.tableTwoCell(k, inferred, j));
          assertEquals(Paper000.tableTwo(k, annuli[j][0], annuli[j][1]), at.scenario());
          assertEquals(Paper000.testSeed((inferred ? 24 : 20) + j), at.seed());
        }
      }
    }
    assertEquals(Paper000.tableOne().get(7), ONE.settings().get(7).scenario());
    assertEquals(Paper000.testSeed(7), ONE.settings().get(7).seed());
    var e = assertThrows(IllegalArgumentException.class, () -> HebfReference.tableTwoCell(8, false, 0));
    assertTrue(e.getMessage().contains("users must be one of [4, 6], got 8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HebfReference.tableTwoCell(4, true, 4));
    assertTrue(e.getMessage().contains("column must be in [0, 4), got 4"), e.getMessage());
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
    TWO.write(file, cells);
    Map<Integer, HebfReference.Cell> back = TWO.load(file);
    for (HebfReference.Cell c : cells) {
      assertArrayEquals(c.wsr(), back.get(c.cell()).wsr(), 0);
      assertArrayEquals(c.qosFeasible(), back.get(c.cell()).qosFeasible());
    }
  }

  @Test
  void badFilesAndArgumentsAreRefusedByName(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("none.csv");
    var e = assertThrows(IllegalArgumentException.class, () -> ONE.load(missing));
    assertTrue(e.getMessage().contains("no file") && e.getMessage().contains("none.csv"), e.getMessage());

    Path good = dir.resolve("good.csv");
    ONE.write(good, syntheticCells());
    List<String> lines = Files.readAllLines(good);
    int h = lines.indexOf("cell,sample,wsr,qos_feasible"); // after the comment lines

    Path header = write(dir, "header.csv", lines, h, "cell,sample,rate,qos");
    e = assertThrows(IllegalArgumentException.class, () -> ONE.load(header));
    assertTrue(e.getMessage().contains("line " + (h + 1)) && e.getMessage().contains("header"), e.getMessage());

    Path order = write(dir, "order.csv", lines, h + 4, "0,7,1.5,1");
    e = assertThrows(IllegalArgumentException.class, () -> ONE.load(order));
    assertTrue(e.getMessage().contains("line " + (h + 5)) && e.getMessage().contains("expected cell 0, sample 3"),
        e.getMessage());

    Path nan = write(dir, "nan.csv", lines, h + 1, "0,0,NaN,1");
    e = assertThrows(IllegalArgumentException.class, () -> ONE.load(nan));
    assertTrue(e.getMessage().contains("line " + (h + 2)) && e.getMessage().contains("finite"), e.getMessage());

    Path flag = write(dir, "flag.csv", lines, h + 1, "0,0,1.5,yes");
    e = assertThrows(IllegalArgumentException.class, () -> ONE.load(flag));
    assertTrue(e.getMessage().contains("qos_feasible must be 0 or 1"), e.getMessage());

    Path shortFile = dir.resolve("short.csv");
    Files.write(shortFile, lines.subList(0, lines.size() - 1));
    e = assertThrows(IllegalArgumentException.class, () -> ONE.load(shortFile));
    assertTrue(e.getMessage().contains("expected 16000 samples") && e.getMessage().contains("got 15999"),
        e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> ONE.write(dir.resolve("x.csv"), syntheticCells().subList(0, 3)));
    assertTrue(e.getMessage().contains("expected 16 cells, got 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TWO.live(16, 1));
    assertTrue(e.getMessage().contains("cell must be in [0, 16), got 16"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ONE.live(0, 0));
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
