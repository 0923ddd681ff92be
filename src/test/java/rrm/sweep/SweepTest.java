package rrm.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class SweepTest {

  /** A small seeded configuration: the mean of n uniform draws, failing on purpose when n is negative. */
  public record Draws(int n, long seed, String label) implements Serializable {
    public Map<String, Object> run() {
      if (n < 0) throw new IllegalStateException("n must not be negative, got " + n);
      SplittableRandom r = new SplittableRandom(seed);
      double s = 0;
      for (int i = 0; i < n; i++) s += r.nextDouble();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", n == 0 ? Double.NaN : s / n);
      m.put("parity", n % 2 == 0 ? "even" : "odd");
      return m;
    }
  }

  static final List<Draws> GRID = Grid.of(List.of(3, 8, 20), List.of(1L, 2L), (n, s) -> new Draws(n, s, "g"));

  @Test
  void tableHasOneRowPerConfigurationWithSettingsMetricsAndRunColumns(@TempDir Path dir) {
    Table t = Sweep.of("draws", GRID).cacheDir(dir).progress(false).run();
    assertEquals(6, t.rowCount());
    assertEquals(List.of("n", "seed", "label", "mean", "parity", "status", "error", "wall_s", "node", "attempts",
        "cached"), t.columnNames());
    assertEquals(List.of(3, 3, 8, 8, 20, 20), t.intColumn("n").asList());
    for (int i = 0; i < GRID.size(); i++) {
      assertEquals((Double) GRID.get(i).run().get("mean"), t.doubleColumn("mean").get(i), 0.0);
      assertEquals("ok", t.stringColumn("status").get(i));
    }
  }

  @Test
  void resultsDoNotDependOnTheNumberOfWorkers(@TempDir Path dir) {
    Table one = Sweep.of("w1", GRID).cacheDir(dir).progress(false).executor("in-process").run();
    Table two = Sweep.of("w2", GRID).cacheDir(dir).progress(false).executor("in-process[2]").run();
    assertEquals(Sweep.results(one).toString(), Sweep.results(two).toString());
    assertEquals(List.of("n", "seed", "label", "mean", "parity", "status"), Sweep.results(one).columnNames());
  }

  @Test
  void aFailingConfigurationIsReportedWithoutLosingTheOthers(@TempDir Path dir) {
    List<Draws> grid = List.of(new Draws(4, 1, "a"), new Draws(-1, 1, "bad"), new Draws(5, 1, "c"));
    Table t = Sweep.of("fail", grid).cacheDir(dir).progress(false).executor("in-process[2]").run();
    assertEquals(List.of("ok", "failed", "ok"), t.stringColumn("status").asList());
    assertTrue(t.stringColumn("error").get(1).contains("n must not be negative, got -1"), t.stringColumn("error").get(1));
    assertTrue(t.doubleColumn("mean").isMissing(1));
    assertEquals((Double) grid.get(2).run().get("mean"), t.doubleColumn("mean").get(2), 0.0);
    var e = assertThrows(IllegalStateException.class, () -> Sweep.requireOk(t));
    assertTrue(e.getMessage().contains("1 of 3 configurations failed"), e.getMessage());
    assertTrue(e.getMessage().contains("row 1, n=-1, seed=1, label=bad: java.lang.IllegalStateException: n must not be"
        + " negative, got -1"), e.getMessage());
  }

  @Test
  void aReRunComputesOnlyWhatIsMissing(@TempDir Path dir) {
    AtomicInteger calls = new AtomicInteger();
    SweepTask<Draws> counted = c -> {
      calls.incrementAndGet();
      return c.run();
    };
    Table first = Sweep.of("cache", GRID.subList(0, 4), counted).cacheDir(dir).progress(false).run();
    assertEquals(4, calls.get());
    Table second = Sweep.of("cache", GRID, counted).cacheDir(dir).progress(false).run();
    assertEquals(6, calls.get(), "only the two new configurations run");
    assertEquals(List.of(true, true, true, true, false, false), second.booleanColumn("cached").asList());
    for (int i = 0; i < 4; i++) {
      assertEquals(first.doubleColumn("mean").get(i), second.doubleColumn("mean").get(i), 0.0);
      assertEquals(first.stringColumn("parity").get(i), second.stringColumn("parity").get(i));
    }
    Sweep.of("cache", GRID, counted).cacheDir(dir).progress(false).recompute(true).run();
    assertEquals(12, calls.get(), "recompute runs everything again");
  }

  /** Returns a task that throws on its first call and runs the configuration after. */
  private static SweepTask<Draws> failsOnFirstCall() {
    AtomicInteger calls = new AtomicInteger();
    return c -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("first call fails");
      return c.run();
    };
  }

  @Test
  void failedConfigurationsAreNotCached(@TempDir Path dir) {
    SweepTask<Draws> flaky = failsOnFirstCall();
    List<Draws> one = List.of(new Draws(3, 7, "x"));
    assertEquals("failed", Sweep.of("flaky", one, flaky).cacheDir(dir).progress(false).run().stringColumn("status")
        .get(0));
    Table again = Sweep.of("flaky", one, flaky).cacheDir(dir).progress(false).run();
    assertEquals("ok", again.stringColumn("status").get(0));
    assertFalse(again.booleanColumn("cached").get(0));
  }

  @Test
  void inProcessAttemptsRetryAFailingConfiguration(@TempDir Path dir) {
    SweepTask<Draws> flaky = failsOnFirstCall();
    Table t = Sweep.of("retry", List.of(new Draws(3, 7, "x")), flaky).cacheDir(dir).progress(false)
        .executor(InProcessExecutor.of(1).attempts(2)).run();
    assertEquals("ok", t.stringColumn("status").get(0));
    assertEquals(2, t.intColumn("attempts").get(0));
  }

  @Test
  void badInputIsRefusedWithClearMessages() {
    var e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("x", List.of()));
    assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
    record NoRun(int a) {}
    e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("x", List.of(new NoRun(1))));
    assertTrue(e.getMessage().contains("has no public method `Map<String, ?> run()`"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Executor.named("in-process[0]"));
    assertTrue(e.getMessage().contains("positive integer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Executor.named("local[2]"));
    assertTrue(e.getMessage().contains("rrm-spark module is not on the classpath"), e.getMessage());
  }

  @Test
  void sweepMainRunsAGridFile(@TempDir Path dir) throws Exception {
    Path grid = dir.resolve("draws.csv");
    java.nio.file.Files.writeString(grid, "# three configurations\nn,seed,label\n3,1,a\n8,2,b\n\n20,1,c\n");
    assertEquals(List.of(new Draws(3, 1, "a"), new Draws(8, 2, "b"), new Draws(20, 1, "c")),
        SweepMain.read(grid, Draws.class));
    Path out = dir.resolve("out.csv");
    SweepMain.main(new String[] {grid.toString(), "--record", Draws.class.getName(), "--executor", "in-process[2]",
        "--out", out.toString(), "--cache", dir.resolve("cache").toString()});
    Table t = Table.read().csv(out.toString());
    assertEquals(3, t.rowCount());
    assertEquals((Double) new Draws(8, 2, "b").run().get("mean"), t.doubleColumn("mean").get(1), 1e-12);
    java.nio.file.Files.writeString(grid, "n,label,seed\n3,a,1\n");
    var e = assertThrows(IllegalArgumentException.class, () -> SweepMain.read(grid, Draws.class));
    assertTrue(e.getMessage().contains("must name the components of Draws in order, n,seed,label"), e.getMessage());
    java.nio.file.Files.writeString(grid, "n,seed,label\nthree,1,a\n");
    e = assertThrows(IllegalArgumentException.class, () -> SweepMain.read(grid, Draws.class));
    assertTrue(e.getMessage().contains("value of n must be a int, got 'three'"), e.getMessage());
  }

  @Test
  void libraryCodeCheckNamesANonLibraryTask() {
    SweepTask<Draws> lambda = c -> c.run();
    var e = assertThrows(IllegalArgumentException.class,
        () -> LibraryCode.check(lambda, GRID, "spark://cluster:7077"));
    assertTrue(e.getMessage().contains("cannot run on spark://cluster:7077: class " + SweepTest.class.getName()),
        e.getMessage());
    assertTrue(e.getMessage().contains("not from a jar"), e.getMessage());
    // JDK classes are library code; records defined outside a jar are not.
    LibraryCode.check("a string task stand-in", List.of(), "spark://cluster:7077");
    e = assertThrows(IllegalArgumentException.class,
        () -> LibraryCode.check(RecordRun.INSTANCE, GRID, "spark://cluster:7077"));
    assertTrue(e.getMessage().contains(RecordRun.class.getName()) || e.getMessage().contains(Draws.class.getName()),
        e.getMessage());
  }
}
