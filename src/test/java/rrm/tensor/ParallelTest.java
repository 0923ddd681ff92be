package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void threadsFromTheEnvironment() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(cores, Parallel.initialThreads(null));
    assertEquals(cores, Parallel.initialThreads("  "));
    assertEquals(1, Parallel.initialThreads("1"));
    assertEquals(3, Parallel.initialThreads(" 3 "));
  }

  @Test
  void badThreadCountsNameTheVariableAndTheValue() {
    for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
      var e = assertThrows(IllegalArgumentException.class, () -> Parallel.initialThreads(bad));
      assertTrue(e.getMessage().contains("RRM_THREADS") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void setThreadsRejectsZero() {
    var e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
