package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outside a kernel: a line at most every 10 s plus the final one, with rate and time left. */
class ProgressTest {

  private long now;

  private Progress start(List<String> lines, long total) {
    return Progress.start("training", total, () -> now, lines::add);
  }

  @Test
  void printsAtMostEveryTenSecondsAndOnceAtTheEnd() {
    List<String> lines = new ArrayList<>();
    Progress p = start(lines, 100);
    for (int s = 1; s <= 100; s++) {
      now += 250_000_000L; // 4 steps per second
      p.update(s, Map.of("loss", 1.0 / s));
    }
    p.finish();
    p.finish();
    assertEquals(3, lines.size(), lines.toString()); // at 10 s, 20 s, and the end (25 s)
    assertEquals("training  40/100 (40%) · loss 0.025 · 4 steps/s · ETA 15.0 s", lines.get(0));
    assertEquals("training  100/100 (100%) · loss 0.01 · 4 steps/s · took 25.0 s", lines.get(2));
  }

  @Test
  void theRateNamesItsUnit() {
    List<String> lines = new ArrayList<>();
    Progress p = start(lines, 10).unit("configurations");
    now += 2_000_000_000L;
    p.update(4);
    p.finish();
    assertEquals("training  4/10 (40%) · 2 configurations/s · took 2.0 s", lines.get(lines.size() - 1));
    assertThrows(IllegalArgumentException.class, () -> p.unit(" "));
  }

  @Test
  void aLoopThatEndedEarlySaysHowInsteadOfHowLongItTook() {
    List<String> lines = new ArrayList<>();
    Progress p = start(lines, 100);
    now += 10_000_000_000L;
    p.update(40);
    p.finish("interrupted at step 40");
    p.finish();
    assertEquals("training  40/100 (40%) · 4 steps/s · interrupted at step 40 after 10.0 s", lines.get(1));
    assertEquals(2, lines.size());
    now += 5_000_000_000L;
    assertEquals(lines.get(1), p.line(), "the line keeps the time of the finish");
  }

  @Test
  void recognisesAKernelSendFailedByAnInterrupt() {
    assertTrue(Progress.interruptedIn(new IllegalStateException("Could not update a display",
        new RuntimeException("Errno 4 : Interrupted function"))));
    // the kernel's own exception: message "Errno 4", the error's name only in its string form
    RuntimeException zmq = new RuntimeException("Errno 4") {
      @Override
      public String toString() {
        return "org.zeromq.ZMQException: Errno 4 : Interrupted function";
      }
    };
    assertTrue(Progress.interruptedIn(new IllegalStateException("Could not update a display through the kernel.",
        zmq)));
    assertTrue(Progress.interruptedIn(new IllegalStateException(new java.nio.channels.ClosedByInterruptException())));
    assertTrue(Progress.interruptedIn(new RuntimeException(new InterruptedException())));
    assertFalse(Progress.interruptedIn(new IllegalStateException("Could not update a display",
        new NoSuchMethodException("updateDisplay"))));
  }

  @Test
  void updatesAfterFinishAreIgnored() {
    List<String> lines = new ArrayList<>();
    Progress p = start(lines, 10);
    p.finish();
    now += 60_000_000_000L;
    p.update(5);
    assertEquals(1, lines.size());
    assertEquals(1, p.shownCount());
  }

  @Test
  void rejectsANonPositiveTotal() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(new ArrayList<>(), 0));
    assertEquals("Progress 'training': total must be at least 1, but was 0.", e.getMessage());
    assertTrue(Display.install().contains("no notebook kernel"));
  }
}
