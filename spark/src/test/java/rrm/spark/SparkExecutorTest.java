package rrm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.paper.p003.GraphSizeRun;
import rrm.paper.p003.Paper003;
import rrm.sweep.Executor;
import rrm.sweep.Grid;
import rrm.sweep.LibraryCode;
import rrm.sweep.Sweep;
import rrm.sweep.SweepTask;
import tech.tablesaw.api.Table;

/** Spark in local mode, one SparkContext for the class (a context is reused for the same master). */
class SparkExecutorTest {

  /** Library records (from the rrm jar): one untrained WCGCN per size and layout seed. */
  static final List<GraphSizeRun> GRID = Grid.of(List.of(5, 12, 30), List.of(1L, 2L),
      (k, seed) -> new GraphSizeRun(k, seed, 2, 65, Paper003.CSI_RADIUS, 3101, 3011, 4));

  /** A configuration that fails on its first attempt (the marker file does not exist yet) and succeeds after. */
  public record FailsOnce(String marker, int value) implements Serializable {}

  static final SweepTask<FailsOnce> FAILS_ONCE = c -> {
    Path m = Path.of(c.marker());
    if (!Files.exists(m)) {
      Files.writeString(m, "attempted");
      throw new IOException("first attempt fails on purpose");
    }
    return Map.of("twice", 2.0 * c.value());
  };

  @AfterAll
  static void stop() {
    SparkExecutor.stop();
  }

  @Test
  void aSmallSweepGivesIdenticalTablesInProcessAndOnLocalSpark(@TempDir Path dir) {
    Table inProcess = Sweep.of("sizes", GRID).noCache().progress(false).run();
    Table spark = Sweep.of("sizes", GRID).noCache().progress(false).executor("local[2]").run();
    assertEquals(6, spark.rowCount());
    assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "ok"), spark.stringColumn("status").asList());
    assertEquals(Sweep.results(inProcess).printAll(), Sweep.results(spark).printAll());
    assertTrue(spark.stringColumn("node").get(0).contains("executor driver"), spark.stringColumn("node").get(0));
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndSucceeds(@TempDir Path dir) {
    List<FailsOnce> grid = List.of(new FailsOnce(dir.resolve("a").toString(), 3),
        new FailsOnce(dir.resolve("b").toString(), 4));
    Table t = Sweep.of("retry", grid, FAILS_ONCE).noCache().progress(false).executor("local[2, 2]").run();
    assertEquals(List.of("ok", "ok"), t.stringColumn("status").asList());
    assertEquals(List.of(2, 2), t.intColumn("attempts").asList());
    assertEquals(List.of(6.0, 8.0), t.doubleColumn("twice").asList());
  }

  @Test
  void aTaskThatFailsOnEveryAttemptGivesAFailedRowAndKeepsTheOthers(@TempDir Path dir) {
    List<FailsOnce> grid = List.of(new FailsOnce(dir.resolve("missing-dir/x").toString(), 1),
        new FailsOnce(dir.resolve("c").toString(), 5));
    Table t = Sweep.of("retry", grid, FAILS_ONCE).noCache().progress(false).executor("local[2, 2]").run();
    assertEquals(List.of("failed", "ok"), t.stringColumn("status").asList());
    assertTrue(t.stringColumn("error").get(0).contains("NoSuchFileException"), t.stringColumn("error").get(0));
    assertEquals(10.0, t.doubleColumn("twice").get(1), 0.0);
  }

  @Test
  void aNotebookStyleLambdaIsRefusedBeforeReachingANonLocalMaster() {
    SweepTask<GraphSizeRun> lambda = c -> c.run();
    Executor cluster = Executor.named("spark://127.0.0.1:7");
    var e = assertThrows(IllegalArgumentException.class,
        () -> Sweep.of("sizes", GRID, lambda).noCache().progress(false).executor(cluster).run());
    assertTrue(e.getMessage().startsWith("This sweep cannot run on spark://127.0.0.1:7: class "
        + SparkExecutorTest.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("(of the task's lambda) comes from file:"), e.getMessage());
    assertTrue(e.getMessage().contains("must be library code"), e.getMessage());
    // The same sweep through the records' own run() is library code only: the check lets it through.
    Sweep<GraphSizeRun> library = Sweep.of("sizes", GRID);
    LibraryCode.check(library.task(), library.configs(), "spark://127.0.0.1:7");
  }

  @Test
  void badMastersAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> SparkExecutor.of("local[two]"));
    assertTrue(e.getMessage().contains("local[n, retries]"), e.getMessage());
    assertEquals(3, SparkExecutor.of("local[2, 3]").attempts());
    assertEquals(1, SparkExecutor.of("local[*]").attempts());
  }
}
