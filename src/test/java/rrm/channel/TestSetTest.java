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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.tensor.Npy;
import rrm.tensor.Tensor;

class TestSetTest {
  @TempDir Path dir;

  private final AdHocSiso net = Paper002.scenario(Regime.HIGH_NOISE).withPairs(6);
  private final Topology topo = net.drop(2);

  @Test
  void saveThenLoadReturnsTheSameSet() {
    TestSet set = net.testSet(topo, 10, 77);
    Path p = dir.resolve("sub/test.npy");
    set.save(p);
    assertTrue(Files.isRegularFile(dir.resolve("sub/test.json")));
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
    Path p = dir.resolve("nothing.npy");
    var e = assertThrows(UncheckedIOException.class, () -> TestSet.load(p));
    assertEquals("TestSet.load: no test set file at " + p, e.getMessage());
  }

  @Test
  void channelsAreAPlainNpyArrayAndTheSidecarHoldsTheRest() throws IOException {
    TestSet set = net.testSet(topo, 3, 5);
    Path p = dir.resolve("plain.npy");
    set.save(p);
    Tensor channels = Npy.read(p);
    assertArrayEquals(new int[] {3, 6, 6}, channels.shape());
    assertArrayEquals(set.channels().toArray(), channels.toArray(), 0);
    String json = Files.readString(dir.resolve("plain.json"));
    for (String field : List.of("\"format\": \"rrm test set\"", "\"channels\": \"plain.npy\"", "\"samples\": 3",
        "\"pairs\": 6", "\"seed\": 5", "\"exponent\": 2.2", "\"tx\": [[" + topo.tx()[0][0] + ", ")) {
      assertTrue(json.contains(field), field + " in " + json);
    }
  }

  @Test
  void corruptFilesAreClearErrors() throws IOException {
    Path p = dir.resolve("t.npy");
    net.testSet(topo, 4, 1).save(p);
    byte[] bytes = Files.readAllBytes(p);

    Files.write(p, Arrays.copyOf(bytes, bytes.length - 5));
    var e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().startsWith("TestSet.load: " + p + " is not a valid test set:"), e.getMessage());
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());

    byte[] bad = bytes.clone();
    bad[1] = 'X';
    Files.write(p, bad);
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("does not start with the .npy magic"), e.getMessage());

    Files.write(p, Arrays.copyOf(bytes, bytes.length + 8));
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("is longer than its header says"), e.getMessage());
  }

  @Test
  void aMissingOrInconsistentSidecarIsAClearError() throws IOException {
    Path p = dir.resolve("s.npy");
    Path meta = dir.resolve("s.json");
    net.testSet(topo, 4, 1).save(p);
    String json = Files.readString(meta);

    Files.writeString(meta, json.replace("\"samples\": 4", "\"samples\": 5"));
    var e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("its channels are [4, 6, 6], the metadata announce real [5, 6, 6]"),
        e.getMessage());

    Files.writeString(meta, json.replace("\"version\": 2", "\"version\": 1"));
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().contains("expected 'rrm test set' version 2"), e.getMessage());

    Files.writeString(meta, json.substring(0, json.length() / 2));
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.load(p));
    assertTrue(e.getMessage().startsWith("TestSet.load: " + meta + " is not a valid test set: it is not valid JSON"),
        e.getMessage());

    Files.delete(meta);
    var io = assertThrows(UncheckedIOException.class, () -> TestSet.load(p));
    assertTrue(io.getMessage().contains("have no metadata file " + meta), io.getMessage());
  }

  @Test
  void cachedWritesOnceThenLoadsAndRefusesADifferentSet() {
    Path p = dir.resolve("cache.npy");
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
