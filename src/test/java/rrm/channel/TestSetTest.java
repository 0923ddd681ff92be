package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;

class TestSetTest {
  @TempDir Path dir;

  private final AdHocSiso net = Paper002.scenario(Regime.HIGH_NOISE).withPairs(6);
  private final Topology topo = net.drop(2);

  @Test
  void saveThenLoadReturnsTheSameSet() {
    TestSet set = net.testSet(topo, 10, 77);
    Path p = dir.resolve("sub/test.bin");
    set.save(p);
    TestSet back = TestSet.load(p);
    assertEquals(topo, back.topology());
    assertArrayEquals(set.channels().toArray(), back.channels().toArray(), 0);
    assertArrayEquals(set.channels().shape(), back.channels().shape());
    assertEquals(1.0, back.noiseVariance(), 0);
    assertEquals(77, back.seed());
    assertEquals(10, back.size());
    assertArrayEquals(set.slice(3, 2).toArray(), net.sample(topo, 77, 3, 2).toArray(), 0);
  }

  @Test
  void missingFileIsAClearError() {
    Path p = dir.resolve("nothing.bin");
    var e = assertThrows(UncheckedIOException.class, () -> TestSet.load(p));
    assertEquals("TestSet.load: no test set file at " + p, e.getMessage());
  }

  @Test
  void corruptFilesAreClearErrors() throws IOException {
    Path p = dir.resolve("t.bin");
    net.testSet(topo, 4, 1).save(p);
    byte[] bytes = Files.readAllBytes(p);

    Files.write(p, Arrays.copyOf(bytes, bytes.length - 5));
    var e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());

    byte[] bad = bytes.clone();
    bad[0] = 'X';
    Files.write(p, bad);
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("does not start with the test-set magic"), e.getMessage());

    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    Files.write(p, longer);
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("bytes after the 4 samples"), e.getMessage());
  }

  @Test
  void cachedWritesOnceThenLoadsAndRefusesADifferentSet() {
    Path p = dir.resolve("cache.bin");
    TestSet first = TestSet.cached(p, net, topo, 5, 9);
    assertTrue(Files.exists(p));
    TestSet second = TestSet.cached(p, net, topo, 5, 9);
    assertArrayEquals(first.channels().toArray(), second.channels().toArray(), 0);
    var e = assertThrows(IllegalStateException.class, () -> TestSet.cached(p, net, topo, 5, 10));
    assertTrue(e.getMessage().contains("seed 9 vs 10"), e.getMessage());
  }

  @Test
  void channelsMustMatchTheTopology() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new TestSet(topo, net.sample(net.withPairs(4).drop(1), 2, 1), 1, 1, 0));
    assertTrue(e.getMessage().contains("must have shape [B, 6, 6]"), e.getMessage());
  }
}
