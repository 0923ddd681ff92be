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
  void theBackgroundThreadDrawsUpToDepthBatchesAheadAndNoFurther() throws InterruptedException {
    java.util.Set<Integer> drawn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (BatchSource<Integer> s = BatchSource.prefetched(i -> {
      drawn.add(i);
      return i;
    }, 20)) {
      assertEquals(0, s.batch(0));
      waitFor(drawn, BatchSource.DEPTH);
      assertEquals(upTo(BatchSource.DEPTH), drawn, BatchSource.DEPTH + " batches ahead of batch 0");
      assertEquals(1, s.batch(1));
      waitFor(drawn, 1 + BatchSource.DEPTH);
      assertEquals(upTo(1 + BatchSource.DEPTH), drawn);
    }
  }

  private static java.util.Set<Integer> upTo(int last) {
    return java.util.stream.IntStream.rangeClosed(0, last).boxed().collect(java.util.stream.Collectors.toSet());
  }

  /** Waits (at most 10 s) until batch {@code index} has been drawn. */
  private static void waitFor(java.util.Set<Integer> drawn, int index) throws InterruptedException {
    for (int i = 0; i < 1000 && !drawn.contains(index); i++) Thread.sleep(10);
    Thread.sleep(50);   // time enough for a (wrong) further draw to show up
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
