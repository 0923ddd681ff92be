package rrm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rrm.paper.p003.GraphSizeRun;
import rrm.paper.p003.Paper003;
import rrm.sweep.Sweep;
import rrm.sweep.SweepTask;
import tech.tablesaw.api.Table;

/**
 * Spark's local-cluster mode: a master, two workers and two executor JVMs of their own, started from the packaged
 * jars (an integration test: it runs after {@code package}, when {@code target/lib} holds rrm-spark and everything
 * else). Library records run there and give the in-process results; a lambda of this class is refused before
 * submission, as a notebook's would be.
 */
class LocalClusterIT {
  static final String MASTER = "local-cluster[2,1,1024]";

  @BeforeAll
  static void sparkHome() throws Exception {
    // The workers launch executors from <spark home>/jars; Spark's test switch lets us name that home here.
    Path home = Files.createTempDirectory("rrm-spark-home");
    Files.createSymbolicLink(home.resolve("jars"), Path.of("target/lib").toAbsolutePath());
    Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
    System.setProperty("spark.testing", "true");
    System.setProperty("spark.test.home", home.toString());
  }

  @AfterAll
  static void stop() {
    SparkExecutor.stop();
  }

  @Test
  void libraryRecordsRunOnSeparateExecutorJvmsWithTheInProcessResults() {
    List<GraphSizeRun> grid = List.of(new GraphSizeRun(6, 1, 2, 65, Paper003.CSI_RADIUS, 3101, 3011, 4),
        new GraphSizeRun(12, 2, 2, 65, Paper003.CSI_RADIUS, 3101, 3011, 4));
    Table here = Sweep.of("cluster", grid).noCache().progress(false).run();
    Table there = Sweep.of("cluster", grid).noCache().progress(false).executor(MASTER).run();
    assertEquals(Sweep.results(here).printAll(), Sweep.results(there).printAll());
    assertTrue(there.stringColumn("node").allMatch(n -> n.contains("executor ") && !n.contains("driver")),
        there.stringColumn("node").asList().toString());
  }

  @Test
  void aLambdaOfThisClassIsRefusedBeforeSubmission() {
    SweepTask<GraphSizeRun> lambda = c -> c.run();
    var e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("cluster",
        List.of(new GraphSizeRun(6, 1, 2, 65, Paper003.CSI_RADIUS, 3101, 3011, 4)), lambda).noCache().progress(false)
        .executor(MASTER).run());
    assertTrue(e.getMessage().startsWith("This sweep cannot run on " + MASTER + ": class "
        + LocalClusterIT.class.getName() + " (of the task's lambda)"), e.getMessage());
  }
}
