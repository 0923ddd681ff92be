package rrm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSourceTest {
  @Test
  void prefetchedBatchesInOrderAreDrawnOnceAheadOnAnotherThread() {
    List<String> draws = Collections.synchronizedList(new ArrayList<>());
    try (BatchSource<Integer> s = BatchSource.prefetched(i -> {
      draws.add(i + ":" + Thread.currentThread().getName());
      return 10 * i;
    }, 5)) {
      for (int i = 0; i < 5; i++) assertEquals(10 * i, s.batch(i));
    }
    assertEquals(5, draws.size(), draws.toString());            // no batch twice, none beyond the count
    assertTrue(draws.get(0).equals("0:" + Thread.currentThread().getName()), draws.toString());
    for (int i = 1; i < 5; i++) assertEquals(i + ":rrm-trainer-prefetch", draws.get(i));
  }

  @Test
  void outOfOrderRequestsStillGetTheirOwnBatch() {
    try (BatchSource<Integer> s = BatchSource.prefetched(i -> 10 * i, 6)) {
      for (int i : new int[] {3, 0, 1, 1, 5, 2, 3}) assertEquals(10 * i, s.batch(i), "batch " + i);
    }
  }

  @Test
  void aFailedDrawRethrowsItsOwnExceptionAndBadIndicesAreRefusedByName() {
    try (BatchSource<Integer> s = BatchSource.prefetched(i -> {
      if (i == 1) throw new IllegalStateException("no batch 1");
      return i;
    }, 3)) {
      assertEquals(0, s.batch(0));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.batch(1));
      assertEquals("no batch 1", e.getMessage());
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> s.batch(3));
      assertTrue(bad.getMessage().contains("[0, 3)") && bad.getMessage().contains("got 3"), bad.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> BatchSource.prefetched(i -> i, -1));
    assertThrows(IllegalArgumentException.class, () -> BatchSource.prefetched(null, 1));
  }
}
