package rrm.report;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import rrm.tensor.Parallel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Wall-clock timings of named tasks, for "test time per sample" tables. Each task is first warmed up (at least
 * {@value #MIN_WARMUP_CALLS} calls and at least the warm-up seconds, so that the JIT has compiled its loops: a
 * model loaded from a checkpoint has never run in this JVM), then timed {@code reps} times; the best and the
 * median call are kept, per call (one batch of {@code samples} samples) and per sample. The number of worker
 * threads ({@link Parallel#threads()}) and the system load average are recorded with each task, since both
 * change what a timing means on a shared machine.
 *
 * <pre>{@code
 * Table t = Timing.of(5, 1.0)
 *     .time("UWMMSE", 640, () -> uwmmse.powers(g, s2, pMax))
 *     .time("WMMSE-100", 640, () -> wmmse.powers(g, s2, pMax))
 *     .table();
 * }</pre>
 */
public final class Timing {

  /** Every task is called at least this many times before it is timed. */
  public static final int MIN_WARMUP_CALLS = 3;

  /**
   * The timing of one task.
   *
   * @param task the task's name
   * @param samples samples per call (the batch size)
   * @param reps timed calls
   * @param warmupCalls calls before timing (at least {@value #MIN_WARMUP_CALLS})
   * @param bestMs fastest timed call, in milliseconds
   * @param medianMs median timed call, in milliseconds (mean of the two middle ones for an even count)
   * @param threads worker threads ({@link Parallel#threads()}) during the timing
   * @param loadAverage system load average over the last minute when timing started (NaN if unavailable)
   */
  public record Result(String task, int samples, int reps, int warmupCalls, double bestMs, double medianMs,
      int threads, double loadAverage) {

    /** Returns the fastest call divided by the samples per call, in milliseconds. */
    public double bestMsPerSample() {
      return bestMs / samples;
    }

    /** Returns the median call divided by the samples per call, in milliseconds. */
    public double medianMsPerSample() {
      return medianMs / samples;
    }
  }

  private final int reps;
  private final double warmupSeconds;
  private final LongSupplier nanoClock;
  private final DoubleSupplier loadAverage;
  private final List<Result> results = new ArrayList<>();

  private Timing(int reps, double warmupSeconds, LongSupplier nanoClock, DoubleSupplier loadAverage) {
    if (reps < 1) {
      throw new IllegalArgumentException("Timing.of: reps must be at least 1, but was " + reps + ".");
    }
    if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
      throw new IllegalArgumentException(
          "Timing.of: warmupSeconds must be a finite number >= 0, but was " + warmupSeconds + ".");
    }
    this.reps = reps;
    this.warmupSeconds = warmupSeconds;
    this.nanoClock = nanoClock;
    this.loadAverage = loadAverage;
  }

  /** Returns a timer that warms each task up for at least {@code warmupSeconds}, then times {@code reps} calls. */
  public static Timing of(int reps, double warmupSeconds) {
    return new Timing(reps, warmupSeconds, System::nanoTime, Timing::systemLoadAverage);
  }

  /**
   * Returns the smallest wall time in milliseconds of {@code reps} calls of {@code body}, after a warm-up of at least
   * 3 calls lasting at least {@code warmupSeconds} (one row of {@link #time}, for a single figure).
   */
  public static double bestMs(Runnable body, int reps, double warmupSeconds) {
    return of(reps, warmupSeconds).time("body", 1, body).result("body").bestMs();
  }

  /**
   * Returns the machine a timing ran on, for table titles: the cores the JVM may use and the system load average of
   * the last minute (NaN when the system does not report it), e.g. {@code "2 cores, load 1.37"}.
   */
  public static String machine() {
    return String.format(java.util.Locale.ROOT, "%d cores, load %.2f", Runtime.getRuntime().availableProcessors(),
        systemLoadAverage());
  }

  /** Returns a timer reading time from {@code nanoClock} and the load from {@code loadAverage} (for tests). */
  static Timing of(int reps, double warmupSeconds, LongSupplier nanoClock, DoubleSupplier loadAverage) {
    return new Timing(reps, warmupSeconds, nanoClock, loadAverage);
  }

  /**
   * Warms {@code body} up, times it and adds a row named {@code task}; {@code samples} is how many samples one
   * call processes.
   *
   * @throws IllegalArgumentException if the task name is blank or already timed, or samples is below 1
   */
  public Timing time(String task, int samples, Runnable body) {
    Objects.requireNonNull(body, "Timing.time: body must not be null");
    if (task == null || task.isBlank()) {
      throw new IllegalArgumentException("Timing.time: task must be a non-blank name, but was '" + task + "'.");
    }
    if (results.stream().anyMatch(r -> r.task().equals(task))) {
      throw new IllegalArgumentException("Timing.time: task '" + task + "' is already timed; names must be unique.");
    }
    if (samples < 1) {
      throw new IllegalArgumentException(
          "Timing.time: samples must be at least 1, but was " + samples + " for task '" + task + "'.");
    }
    long warmupEnd = nanoClock.getAsLong() + (long) (warmupSeconds * 1e9);
    int warmupCalls = 0;
    while (warmupCalls < MIN_WARMUP_CALLS || nanoClock.getAsLong() < warmupEnd) {
      body.run();
      warmupCalls++;
    }
    double load = loadAverage.getAsDouble();
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = nanoClock.getAsLong();
      body.run();
      ms[i] = (nanoClock.getAsLong() - t0) / 1e6;
    }
    Arrays.sort(ms);
    double median = reps % 2 == 1 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2;
    results.add(new Result(task, samples, reps, warmupCalls, ms[0], median, Parallel.threads(), load));
    return this;
  }

  /** Returns the timings in the order timed. */
  public List<Result> results() {
    return List.copyOf(results);
  }

  /**
   * Returns the timing of {@code task}.
   *
   * @throws IllegalArgumentException naming the timed tasks if there is no such task
   */
  public Result result(String task) {
    return results.stream().filter(r -> r.task().equals(task)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Timing.result: no task '" + task + "'; timed tasks are "
            + results.stream().map(Result::task).toList() + "."));
  }

  /**
   * Returns one row per task with columns task, samples, reps, warmup_calls, best_ms, median_ms (per call),
   * best_ms_per_sample, median_ms_per_sample, threads, load_avg.
   */
  public Table table() {
    StringColumn task = StringColumn.create("task");
    IntColumn samples = IntColumn.create("samples");
    IntColumn repsCol = IntColumn.create("reps");
    IntColumn warmup = IntColumn.create("warmup_calls");
    DoubleColumn best = DoubleColumn.create("best_ms");
    DoubleColumn median = DoubleColumn.create("median_ms");
    DoubleColumn bestPerSample = DoubleColumn.create("best_ms_per_sample");
    DoubleColumn medianPerSample = DoubleColumn.create("median_ms_per_sample");
    IntColumn threads = IntColumn.create("threads");
    DoubleColumn load = DoubleColumn.create("load_avg");
    for (Result r : results) {
      task.append(r.task());
      samples.append(r.samples());
      repsCol.append(r.reps());
      warmup.append(r.warmupCalls());
      best.append(r.bestMs());
      median.append(r.medianMs());
      bestPerSample.append(r.bestMsPerSample());
      medianPerSample.append(r.medianMsPerSample());
      threads.append(r.threads());
      load.append(r.loadAverage());
    }
    return Table.create("timing (" + Runtime.getRuntime().availableProcessors() + " cores)", task, samples,
        repsCol, warmup, best, median, bestPerSample, medianPerSample, threads, load);
  }

  @Override
  public String toString() {
    return "Timing of " + results.size() + (results.size() == 1 ? " task" : " tasks") + " (" + reps
        + " reps after at least " + MIN_WARMUP_CALLS + " calls and " + Format.number(warmupSeconds) + " s of warm-up)";
  }

  private static double systemLoadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? Double.NaN : load;
  }
}
