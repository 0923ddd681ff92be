package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.tensor.Parallel;
import tech.tablesaw.api.Table;

/** Timings on a fake clock (each call advances it by a scripted amount) and on cheap real bodies. */
class TimingTest {

  private static final double EXACT = 1e-9;

  /** A clock that only moves when a fake task runs. */
  static final class FakeClock {
    long nanos;
    int calls;
    final double[] callMs;

    FakeClock(double... callMs) {
      this.callMs = callMs;
    }

    void call() {
      nanos += (long) (callMs[Math.min(calls, callMs.length - 1)] * 1e6);
      calls++;
    }
  }

  @Test
  void warmUpTakesThreeCallsAndAtLeastTheWarmUpTime() {
    FakeClock quick = new FakeClock(300);   // 0.3 s per call: 1 s of warm-up needs 4 calls
    Timing t = Timing.of(2, 1.0, () -> quick.nanos, () -> 0.5).time("slow", 1, quick::call);
    assertEquals(4, t.result("slow").warmupCalls());
    assertEquals(6, quick.calls);
    FakeClock instant = new FakeClock(1);
    Timing u = Timing.of(2, 0.0, () -> instant.nanos, () -> 0.5).time("fast", 1, instant::call);
    assertEquals(Timing.MIN_WARMUP_CALLS, u.result("fast").warmupCalls());
  }

  @Test
  void bestAndMedianOfTheTimedCallsPerCallAndPerSample() {
    // Warm-up: three calls of 1 ms (warm-up time 0); then the five timed calls take 9, 4, 7, 5, 30 ms.
    FakeClock clock = new FakeClock(1, 1, 1, 9, 4, 7, 5, 30);
    Timing.Result r = Timing.of(5, 0.0, () -> clock.nanos, () -> 1.25).time("UWMMSE", 64, clock::call)
        .result("UWMMSE");
    assertEquals(4.0, r.bestMs(), EXACT);
    assertEquals(7.0, r.medianMs(), EXACT);
    assertEquals(4.0 / 64, r.bestMsPerSample(), EXACT);
    assertEquals(7.0 / 64, r.medianMsPerSample(), EXACT);
    assertEquals(1.25, r.loadAverage(), EXACT);
    assertEquals(Parallel.threads(), r.threads());
  }

  @Test
  void evenRepsTakeTheMeanOfTheMiddleTwo() {
    FakeClock clock = new FakeClock(1, 1, 1, 2, 8, 4, 6);
    Timing.Result r = Timing.of(4, 0.0, () -> clock.nanos, () -> 0).time("t", 1, clock::call).result("t");
    assertEquals(5.0, r.medianMs(), EXACT);
  }

  @Test
  void tableHasOneRowPerTaskWithBestAtMostMedian() {
    double[] sink = new double[1];
    Table t = Timing.of(3, 0.01)
        .time("sum 1e4", 10, () -> sink[0] += sum(10_000))
        .time("sum 1e5", 100, () -> sink[0] += sum(100_000))
        .table();
    assertEquals(List.of("task", "samples", "reps", "warmup_calls", "best_ms", "median_ms", "best_ms_per_sample",
        "median_ms_per_sample", "threads", "load_avg"), t.columnNames());
    assertEquals(List.of("sum 1e4", "sum 1e5"), t.stringColumn("task").asList());
    for (int i = 0; i < t.rowCount(); i++) {
      assertTrue(t.doubleColumn("best_ms").get(i) <= t.doubleColumn("median_ms").get(i));
      assertTrue(t.doubleColumn("best_ms").get(i) >= 0);
      assertTrue(t.intColumn("warmup_calls").get(i) >= Timing.MIN_WARMUP_CALLS);
      assertEquals(t.doubleColumn("best_ms").get(i) / t.intColumn("samples").get(i),
          t.doubleColumn("best_ms_per_sample").get(i), EXACT);
    }
    assertTrue(sink[0] > 0);
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("Timing.of: reps must be at least 1, but was 0.",
        assertThrows(IllegalArgumentException.class, () -> Timing.of(0, 1.0)).getMessage());
    assertEquals("Timing.of: warmupSeconds must be a finite number >= 0, but was NaN.",
        assertThrows(IllegalArgumentException.class, () -> Timing.of(1, Double.NaN)).getMessage());
    Timing t = Timing.of(1, 0).time("a", 1, () -> { });
    assertEquals("Timing.time: task 'a' is already timed; names must be unique.",
        assertThrows(IllegalArgumentException.class, () -> t.time("a", 1, () -> { })).getMessage());
    assertEquals("Timing.time: samples must be at least 1, but was 0 for task 'b'.",
        assertThrows(IllegalArgumentException.class, () -> t.time("b", 0, () -> { })).getMessage());
    assertEquals("Timing.result: no task 'c'; timed tasks are [a].",
        assertThrows(IllegalArgumentException.class, () -> t.result("c")).getMessage());
  }

  private static double sum(int n) {
    double s = 0;
    for (int i = 1; i <= n; i++) {
      s += Math.sqrt(i);
    }
    return s;
  }

  @Test
  void bestMsIsTheFastestOfTheTimedCallsAndMachineNamesTheCores() {
    double ms = Timing.bestMs(() -> { }, 3, 0.0);
    org.junit.jupiter.api.Assertions.assertTrue(ms >= 0 && ms < 50, "an empty body takes " + ms + " ms");
    org.junit.jupiter.api.Assertions.assertTrue(Timing.machine().matches("\\d+ cores, load (\\d+\\.\\d\\d|NaN)"),
        Timing.machine());
  }
}
