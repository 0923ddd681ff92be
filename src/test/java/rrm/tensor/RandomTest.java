package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomTest {
  @Test
  void bulkNormalsEqualTheLoopOfSingleDrawsBitForBitAndLeaveTheSameGeneratorState() {
    // ranges shorter than, equal to and spanning several blocks of 256, at offsets, from several generator states
    int[][] ranges = {{0, 0}, {0, 1}, {3, 10}, {0, 256}, {5, 261}, {7, 1000}, {0, 2048}};
    for (int[] r : ranges) {
      for (long stream = 0; stream < 3; stream++) {
        long seed = Random.stream(42, r[0] * 10_000L + r[1] * 10L + stream);
        SplittableRandom one = new SplittableRandom(seed), bulk = new SplittableRandom(seed);
        double[] expected = new double[r[1] + 3], actual = new double[r[1] + 3];
        actual[r[1] + 2] = expected[r[1] + 2] = 9;   // outside the range: untouched
        for (int i = r[0]; i < r[1]; i++) expected[i] = Random.normal(one);
        Random.normals(bulk, actual, r[0], r[1]);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
              "range " + r[0] + ".." + r[1] + ", entry " + i);
        }
        assertEquals(one.nextLong(), bulk.nextLong(), "generator state after range " + r[0] + ".." + r[1]);
      }
    }
  }

  @Test
  void bulkNormalsRefuseBadRangesByName() {
    SplittableRandom rng = new SplittableRandom(1);
    double[] out = new double[4];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Random.normals(rng, out, 2, 5));
    assertTrue(e.getMessage().contains("to = 5") && e.getMessage().contains("out.length = 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Random.normals(rng, out, 3, 2));
    assertTrue(e.getMessage().contains("from = 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Random.normals(null, out, 0, 1));
    assertTrue(e.getMessage().contains("rng"), e.getMessage());
  }
}
