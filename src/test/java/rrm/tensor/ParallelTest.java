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
  void badThreadCountsNameTheVariableTheAllowedValuesAndTheValue() {
    for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
      var e = assertThrows(IllegalArgumentException.class, () -> Parallel.initialThreads(bad));
      String m = e.getMessage();
      assertTrue(m.contains("RRM_THREADS") && m.contains("'" + bad + "'"), m);
      assertTrue(m.contains("whole number >= 1") && m.contains("unset for all"), m);
    }
  }

  @Test
  void aBadEnvironmentFailsEachUseWithTheSameErrorUntilSetThreadsFixesIt() {
    int before = Parallel.threads();
    try {
      Parallel.useEnvironment(name -> name.equals("RRM_THREADS") ? "two" : null);
      for (int attempt = 0; attempt < 2; attempt++) {
        var e = assertThrows(IllegalArgumentException.class, Parallel::threads, "attempt " + attempt);
        assertTrue(e.getMessage().contains("RRM_THREADS") && e.getMessage().contains("'two'"), e.getMessage());
        var loop = assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(8, 1, (from, to) -> { }));
        assertEquals(e.getMessage(), loop.getMessage());
      }
      Parallel.setThreads(2);
      assertEquals(2, Parallel.threads());
      int[] out = new int[8];
      Parallel.forRange(8, 1, (from, to) -> {
        for (int i = from; i < to; i++) out[i] = i * i;
      });
      assertEquals(49, out[7]);
      Parallel.useEnvironment(name -> name.equals("RRM_THREADS") ? "3" : null);
      assertEquals(3, Parallel.threads(), "a corrected environment is read on the next use");
    } finally {
      Parallel.useEnvironment(System::getenv);
      Parallel.setThreads(before);
    }
  }

  @Test
  void setThreadsRejectsZero() {
    var e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
