package rrm.report;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Wall-clock timing for the test-time tables of the notebooks. Each figure comes after a warm-up, so that the JIT has
 * compiled the timed method's loops (a model loaded from a checkpoint has not run in this JVM yet: a first timed
 * call would measure the compiler, not the method).
 *
 * <pre>{@code
 * double ms = Timing.bestMs(() -> method.allocate(problem), 3, 1.0);   // best of 3 after >= 1 s of warm-up
 * }</pre>
 */
public final class Timing {
  private static final int MIN_WARMUP_RUNS = 3;

  private Timing() {}

  /**
   * Returns the smallest wall time in milliseconds of {@code reps} runs of {@code body}, after a warm-up of at least
   * 3 runs lasting at least {@code warmupSeconds} in all.
   */
  public static double bestMs(Runnable body, int reps, double warmupSeconds) {
    return bestMs(body, reps, warmupSeconds, System::nanoTime);
  }

  /** Returns the median wall time in milliseconds of {@code reps} runs of {@code body}, after {@code warmups} runs. */
  public static double medianMs(Runnable body, int warmups, int reps) {
    return medianMs(body, warmups, reps, System::nanoTime);
  }

  /**
   * Returns the machine a timing ran on, for table titles: the cores the JVM may use and the system load average of
   * the last minute (negative when the system does not report it), e.g. {@code "2 cores, load 1.37"}.
   */
  public static String machine() {
    return String.format(Locale.ROOT, "%d cores, load %.2f", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static double bestMs(Runnable body, int reps, double warmupSeconds, LongSupplier clock) {
    check("bestMs", body, reps);
    if (!(warmupSeconds >= 0) || !Double.isFinite(warmupSeconds)) {
      throw new IllegalArgumentException("Timing.bestMs: warmupSeconds must be >= 0 and finite, got " + warmupSeconds);
    }
    long warmEnd = clock.getAsLong() + (long) (warmupSeconds * 1e9);
    for (int i = 0; i < MIN_WARMUP_RUNS || clock.getAsLong() < warmEnd; i++) body.run();
    return Arrays.stream(times(body, reps, clock)).min().getAsDouble();
  }

  static double medianMs(Runnable body, int warmups, int reps, LongSupplier clock) {
    check("medianMs", body, reps);
    if (warmups < 0) throw new IllegalArgumentException("Timing.medianMs: warmups must be >= 0, got " + warmups);
    for (int i = 0; i < warmups; i++) body.run();
    return Stats.of(times(body, reps, clock)).median();
  }

  private static double[] times(Runnable body, int reps, LongSupplier clock) {
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = clock.getAsLong();
      body.run();
      ms[i] = (clock.getAsLong() - t0) / 1e6;
    }
    return ms;
  }

  private static void check(String op, Runnable body, int reps) {
    if (body == null) throw new IllegalArgumentException("Timing." + op + ": body must not be null");
    if (reps < 1) throw new IllegalArgumentException("Timing." + op + ": reps must be >= 1, got " + reps);
  }
}
