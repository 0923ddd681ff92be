package rrm.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.paper.p002.DepthWidthRun;
import rrm.paper.p002.Regime;
import rrm.spark.SparkExecutor;
import rrm.sweep.Sweep;
import rrm.sweep.SweepTask;
import tech.tablesaw.api.Table;

/**
 * What Spark costs a sweep, next to what a sweep's tasks cost: the start-up of the SparkContext (once per JVM), the
 * overhead per task of Spark's local mode over the in-process executor (trivial tasks), and one UWMMSE training task
 * (paper 002 §IV-B recipe) in-process and on Spark. Run from the root after {@code make spark} and
 * {@code mvn -q -o -f spark/pom.xml test-compile}:
 *
 * <pre>
 * java -cp 'spark/target/test-classes:target/lib/*:spark/target/lib/*' rrm.bench.SparkSweepBenchmark [steps]
 * </pre>
 */
public final class SparkSweepBenchmark {
  /** A trivial configuration: its task returns its number. */
  public record Nothing(int i) implements java.io.Serializable {}

  static final SweepTask<Nothing> NOTHING = c -> Map.of("value", (double) c.i());

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int tasks = 64;
    String master = "local[2]";
    System.out.printf(Locale.ROOT, "load average %.2f, %d cores, Java %s%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    List<Nothing> one = List.of(new Nothing(0));
    List<Nothing> many = IntStream.range(0, tasks).mapToObj(Nothing::new).toList();

    // Warm the in-process path (class loading, Tablesaw) so that it is not charged to Spark.
    run(many, NOTHING, "in-process");
    double cpu0 = cpuSeconds();
    double startup = run(one, NOTHING, master);   // the first sweep on Spark starts the SparkContext
    double startupCpu = cpuSeconds() - cpu0;
    double firstJob = run(one, NOTHING, master);  // a one-task job once the context exists
    double inProcess = best(() -> run(many, NOTHING, "in-process"));
    cpu0 = cpuSeconds();
    double spark = best(() -> run(many, NOTHING, master));
    double sparkCpu = (cpuSeconds() - cpu0) / 5;
    System.out.printf(Locale.ROOT, "Spark %s start-up (first sweep of one trivial task): %.2f s wall, %.2f s CPU of "
        + "this JVM%n", master, startup, startupCpu);
    System.out.printf(Locale.ROOT, "one-task sweep once started: %.1f ms%n", 1e3 * firstJob);
    System.out.printf(Locale.ROOT, "%d trivial tasks: in-process %.1f ms, Spark %s %.1f ms (best of 5) -> overhead "
        + "%.2f ms per task; Spark CPU %.2f ms per task%n", tasks, 1e3 * inProcess, master, 1e3 * spark,
        1e3 * (spark - inProcess) / tasks, 1e3 * sparkCpu / tasks);

    // A typical task: one UWMMSE model (K = 4, F = 4) trained for `steps` steps and tested on 640 samples.
    Path dir = Files.createTempDirectory("rrm-bench-ckpt");
    List<DepthWidthRun> train = List.of(DepthWidthRun.of("bench", UwmmseConfig.defaults(), Regime.LOW_NOISE,
        rrm.optim.TrainingBudget.named("bench", 1, steps), 640, dir, true));
    SweepTask<DepthWidthRun> own = DepthWidthRun::run;
    run(train, own, "in-process"); // warm-up of the training code
    double trainIn = Double.POSITIVE_INFINITY, trainSpark = Double.POSITIVE_INFINITY;
    for (int r = 0; r < 2; r++) { // alternated, best of two each: the machine's load changes during the run
      trainSpark = Math.min(trainSpark, run(train, own, master));
      trainIn = Math.min(trainIn, run(train, own, "in-process"));
    }
    System.out.printf(Locale.ROOT, "training task (%d steps of 64, K = 4, F = 4): in-process %.2f s, Spark %s %.2f s "
        + "(best of 2 each; difference %+.0f ms)%n", steps, trainIn, master, trainSpark, 1e3 * (trainSpark - trainIn));
    SparkExecutor.stop();
  }

  private static <C extends Record> double run(List<C> configs, SweepTask<? super C> task, String executor) {
    long t0 = System.nanoTime();
    Table t = Sweep.of("bench", configs, task).noCache().progress(false).executor(executor).run();
    double s = (System.nanoTime() - t0) / 1e9;
    Sweep.requireOk(t);
    return s;
  }

  /** Returns the CPU time of this JVM (all threads), seconds: a figure the machine's other load hardly changes. */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  private static double best(java.util.function.DoubleSupplier body) {
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < 5; r++) best = Math.min(best, body.getAsDouble());
    return best;
  }
}
