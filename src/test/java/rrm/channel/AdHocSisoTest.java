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
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class AdHocSisoTest {
  private final AdHocSiso net = Paper002.scenario(Regime.LOW_NOISE);
  private final Topology topo = net.drop(7);

  @Test
  void paperScenarioHasTheSpecifiedConstants() {
    assertEquals(20, net.pairs());
    assertEquals(6.76e-10, net.noiseVariance(), 1e-24);
    assertEquals(1.0, net.pMax(), 0);
    assertEquals(1.0, Paper002.scenario(Regime.HIGH_NOISE).noiseVariance(), 0);
    assertEquals(Paper002.PATH_LOSS, net.pathLoss());
    assertEquals(20, topo.pairs());
  }

  @Test
  void samplesAreTopologyGainsTimesRayleighFadingWithTheRightMoments() {
    Tensor g = net.sample(topo, 640, 3);
    assertArrayEquals(new int[] {640, 20, 20}, g.shape());
    double[] x = g.data();
    double s = 0, s2 = 0;
    for (int b = 0; b < 640; b++) {
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 20; j++) {
          double f = x[b * 400 + i * 20 + j] / topo.gain(i, j);
          assertTrue(f >= 0);
          s += f;
          s2 += f * f;
        }
      }
    }
    int n = 640 * 400;
    assertEquals(Math.sqrt(Math.PI / 2), s / n, 0.01 * Math.sqrt(Math.PI / 2));
    assertEquals(2.0, s2 / n, 0.02);
  }

  @Test
  void fadingIsNotSymmetric() {
    Tensor g = net.sample(topo, 1, 3);
    double fij = g.get(0, 2, 5) / topo.gain(2, 5), fji = g.get(0, 5, 2) / topo.gain(5, 2);
    assertNotEquals(fij, fji);
  }

  @Test
  void sampleKDependsOnlyOnTheSeedAndItsIndex() {
    Tensor all = net.sample(topo, 128, 42);
    Tensor first = net.sample(topo, 64, 42);
    Tensor second = net.sample(topo, 42, 64, 64);
    assertArrayEquals(first.toArray(), all.slice(0, 0, 64).toArray(), 0);
    assertArrayEquals(second.toArray(), all.slice(0, 64, 128).toArray(), 0);
    assertNotEquals(net.sample(topo, 1, 43).get(0, 0, 0), all.get(0, 0, 0));
  }

  @Test
  void samplesDoNotDependOnTheThreadCount() {
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = net.sample(topo, 300, 5);
      Tensor scaled1 = net.sampleScaled(topo, 2, 50, 5);
      Parallel.setThreads(3);
      assertArrayEquals(one.toArray(), net.sample(topo, 300, 5).toArray(), 0);
      assertArrayEquals(scaled1.toArray(), net.sampleScaled(topo, 2, 50, 5).toArray(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void densitySamplesRedrawReceiversPerSample() {
    Tensor g = net.sampleScaled(topo, 2.0, 2, 9);
    assertArrayEquals(new int[] {2, 20, 20}, g.shape());
    // The same fading stream on a fixed topology would give these amplitudes only if the receivers had not moved.
    double ratio0 = g.get(0, 0, 0) / g.get(0, 1, 1), ratio1 = g.get(1, 0, 0) / g.get(1, 1, 1);
    assertNotEquals(ratio0, ratio1);
    Tensor again = net.sampleScaled(topo, 2.0, 2, 9);
    assertArrayEquals(g.toArray(), again.toArray(), 0);
  }

  @Test
  void sizeSamplesHaveTheRequestedSize() {
    assertArrayEquals(new int[] {3, 5, 5}, net.sampleResized(topo, 5, 3, 1).shape());
    assertArrayEquals(new int[] {3, 50, 50}, net.sampleResized(topo, 50, 3, 1).shape());
  }

  @Test
  void robustStreamsDrawOneDensityPerSampleAndOneSizePerBatch() {
    Tensor g = net.sampleRandomDensity(4, 0, 8, 0.5, 5);
    assertArrayEquals(new int[] {8, 20, 20}, g.shape());
    assertArrayEquals(net.sampleRandomDensity(4, 4, 4, 0.5, 5).toArray(), g.slice(0, 4, 8).toArray(), 0);
    Set<Integer> sizes = new HashSet<>();
    for (int step = 0; step < 200; step++) {
      int m = AdHocSiso.randomSize(4, step, 5, 50);
      assertTrue(m >= 5 && m <= 50);
      sizes.add(m);
    }
    assertTrue(sizes.size() > 30, "sizes should spread over [5, 50], got " + sizes);
    int m3 = AdHocSiso.randomSize(4, 3, 5, 50);
    assertArrayEquals(new int[] {6, m3, m3}, net.sampleRandomSize(4, 3, 6, 5, 50).shape());
  }

  @Test
  void badInputNamesTheProblem() {
    var e = assertThrows(IllegalArgumentException.class, () -> net.withNoiseVariance(-1));
    assertEquals("AdHocSiso: noiseVariance must be >= 0 and finite, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> net.withPairs(0));
    assertEquals("AdHocSiso: the number of pairs M must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> net.withPMax(0));
    assertTrue(e.getMessage().contains("pMax must be positive"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> net.sample(topo, -1, 0));
    assertTrue(e.getMessage().contains("count >= 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> net.sample(null, 1, 0));
    assertTrue(e.getMessage().contains("topology must not be null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AdHocSiso.randomSize(1, 0, 10, 5));
    assertTrue(e.getMessage().contains("mMin <= mMax"), e.getMessage());
  }
}
