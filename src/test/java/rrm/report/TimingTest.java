package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Timing: warm-up first, then the best or the median of the timed runs, on a scripted clock. */
class TimingTest {
  /** A clock that only moves when the body runs: run k (0-based) takes durations[k] ms, the last one repeating. */
  private static final class Script {
    final AtomicLong now = new AtomicLong();
    final AtomicInteger runs = new AtomicInteger();
    final double[] durations;

    Script(double... durations) {
      this.durations = durations;
    }

    void run() {
      int k = runs.getAndIncrement();
      now.addAndGet((long) (durations[Math.min(k, durations.length - 1)] * 1e6));
    }
  }

  @Test
  void bestMsWarmsUpThreeRunsThenReturnsTheFastestTimedRun() {
    Script s = new Script(100, 100, 100, 7, 5, 9);
    double ms = Timing.bestMs(s::run, 3, 0, s.now::get);
    assertEquals(6, s.runs.get(), "3 warm-up runs and 3 timed runs");
    assertEquals(5.0, ms, 1e-9);
  }

  @Test
  void bestMsKeepsWarmingUpUntilTheWarmupTimeHasPassed() {
    Script s = new Script(10);
    Timing.bestMs(s::run, 1, 0.1, s.now::get);
    assertEquals(11, s.runs.get(), "100 ms of warm-up at 10 ms per run, then one timed run");
  }

  @Test
  void medianMsIsTheMiddleTimedRunAfterTheWarmups() {
    Script s = new Script(50, 4, 8, 6);
    assertEquals(6.0, Timing.medianMs(s::run, 1, 3, s.now::get), 1e-9);
    assertEquals(4, s.runs.get());
  }

  @Test
  void realClockGivesANonNegativeTime() {
    assertTrue(Timing.bestMs(() -> { }, 2, 0) >= 0);
  }

  @Test
  void machineNamesTheCoresAndTheLoad() {
    String m = Timing.machine();
    assertTrue(m.startsWith(Runtime.getRuntime().availableProcessors() + " cores, load "), m);
  }

  @Test
  void badArgumentsAreRejectedWithTheirName() {
    var e = assertThrows(IllegalArgumentException.class, () -> Timing.bestMs(() -> { }, 0, 0));
    assertTrue(e.getMessage().contains("reps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Timing.bestMs(() -> { }, 1, Double.NaN));
    assertTrue(e.getMessage().contains("warmupSeconds"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Timing.medianMs(null, 1, 1));
    assertTrue(e.getMessage().contains("body"), e.getMessage());
  }
}
