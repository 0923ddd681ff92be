package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.tensor.Tensor;

/** Channel sources: the right batches and shapes, seeded, and the pool reused in a new order on each pass. */
class ChannelSourceTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE);
  private static final Topology TOPO = NET.drop(Paper002.TOPOLOGY_SEED);

  @Test
  void freshStepKIsSamplesKBToKBPlusBOfTheStream() {
    ChannelSource s = ChannelSource.fresh(NET, TOPO, 99);
    Tensor batch = s.batch(3, 8).amplitudes();
    assertArrayEquals(new int[] {8, 20, 20}, batch.shape());
    assertArrayEquals(NET.sample(TOPO, 99, 24, 8).toArray(), batch.toArray());
    assertEquals(NET.noiseVariance(), s.noiseVariance());
    assertEquals(1.0, s.pMax());
  }

  @Test
  void poolVisitsEveryBatchOncePerPassInANewOrder() {
    int n = 6;
    ChannelSource s = ChannelSource.pool(NET, TOPO, 99, n);
    Set<String> pool = new HashSet<>();
    for (int j = 0; j < n; j++) pool.add(key(NET.sample(TOPO, 99, 4 * j, 4)));
    StringBuilder orders = new StringBuilder();
    for (int pass = 0; pass < 3; pass++) {
      Set<String> seen = new HashSet<>();
      for (int k = 0; k < n; k++) {
        String key = key(s.batch(pass * n + k, 4).amplitudes());
        seen.add(key);
        orders.append(key.hashCode()).append(',');
      }
      assertEquals(pool, seen, "pass " + pass + " visits each pool batch once");
      orders.append('|');
    }
    String[] passes = orders.toString().split("\\|");
    assertTrue(!passes[0].equals(passes[1]) || !passes[1].equals(passes[2]), "orders change between passes");
    assertArrayEquals(s.batch(7, 4).amplitudes().toArray(), ChannelSource.pool(NET, TOPO, 99, n).batch(7, 4).amplitudes().toArray());
  }

  @Test
  void randomDensityDrawsATopologyPerSample() {
    ChannelSource s = ChannelSource.randomDensity(NET, 5, 0.5, 5.0);
    Tensor b = s.batch(2, 6).amplitudes();
    assertArrayEquals(new int[] {6, 20, 20}, b.shape());
    assertArrayEquals(NET.sampleRandomDensity(5, 12, 6, 0.5, 5.0).toArray(), b.toArray());
  }

  @Test
  void randomSizeDrawsOneSizePerBatchWithinTheRange() {
    ChannelSource s = ChannelSource.randomSize(NET, 5, 5, 50);
    Set<Integer> sizes = new HashSet<>();
    for (int step = 0; step < 12; step++) {
      Tensor b = s.batch(step, 3).amplitudes();
      int m = b.size(1);
      assertEquals(3, b.size(0));
      assertEquals(m, b.size(2));
      assertTrue(m >= 5 && m <= 50, "size " + m);
      assertEquals(AdHocSiso.randomSize(5, step, 5, 50), m);
      sizes.add(m);
    }
    assertTrue(sizes.size() > 1, "sizes vary across batches: " + sizes);
  }

  @Test
  void descriptionsNameTheSourceAndFingerprintTheTopology() {
    String a = ChannelSource.fresh(NET, TOPO, 99).description();
    String b = ChannelSource.fresh(NET, NET.drop(7), 99).description();
    assertTrue(a.startsWith("fresh("), a);
    assertNotEquals(a, b);
    assertEquals(a, ChannelSource.fresh(NET, NET.drop(Paper002.TOPOLOGY_SEED), 99).description());
    assertTrue(ChannelSource.pool(NET, TOPO, 1, 10).description().contains("10 batches"));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> ChannelSource.pool(NET, TOPO, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ChannelSource.randomDensity(NET, 1, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> ChannelSource.randomSize(NET, 1, 10, 5));
    assertThrows(IllegalArgumentException.class, () -> ChannelSource.fresh(NET, TOPO, 1).batch(-1, 4));
  }

  private static String key(Tensor t) {
    return java.util.Arrays.toString(t.toArray());
  }
}
