package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class UrllcDownlinkTest {
  private final UrllcDownlink net = UrllcDownlink.of(6, 16, 15, 120, 140, 128, 1e-5, 256);

  @Test
  void samplesHaveTheProblemLayoutAndTheScenarioConstants() {
    UrllcProblem p = net.sample(5, 3);
    assertArrayEquals(new int[] {5, 6, 1, 1, 16}, p.channels().shape());
    assertEquals(Math.pow(10, 1.5), p.pMax(), 1e-12);
    assertEquals(128, p.blocklength());
    assertEquals(1e-5, p.errorProbability(), 0);
    assertEquals(256, p.packetBits());
    assertEquals(1.0, p.noise()[3], 0);
    assertEquals(1.0 / 6, p.weights().get(4, 5), 1e-15);
  }

  @Test
  void distancesAreUniformInTheAnnulusAndChannelPowerFollowsThePathGain() {
    int n = 4000;
    UrllcDownlink one = net.withUsers(2);
    Tensor d = one.distances(11, 0, n);
    UrllcProblem p = one.sample(n, 11);
    double[] re = p.channels().data(), im = p.channels().imagData(), dd = d.data();
    double sumD = 0, ratio = 0, ratio2 = 0;
    for (int i = 0; i < dd.length; i++) {
      assertTrue(dd[i] >= 120 && dd[i] < 140);
      sumD += dd[i];
      double e = 0;
      for (int a = 0; a < 16; a++) e += re[i * 16 + a] * re[i * 16 + a] + im[i * 16 + a] * im[i * 16 + a];
      double r = e / 16 / one.pathGain(dd[i]);
      ratio += r;
      ratio2 += r * r;
    }
    int m = dd.length;
    assertEquals(130, sumD / m, 4 * 20 / Math.sqrt(12 * m));
    // |h~|^2 / N_t is Gamma(16, 1/16): mean 1, variance 1/16
    assertEquals(1.0, ratio / m, 4 * 0.25 / Math.sqrt(m));
    assertEquals(1.0 / 16, ratio2 / m - Math.pow(ratio / m, 2), 0.01);
  }

  @Test
  void pathGainIsOneOverOnePlusDistanceOverD0Cubed() {
    assertEquals(1 / (1 + Math.pow(130.0 / 50, 3)), net.pathGain(130), 1e-15);
    assertEquals(0.5, net.pathGain(50), 1e-15);
  }

  @Test
  void sampleJDependsOnlyOnTheSeedAndItsIndex() {
    UrllcProblem all = net.sample(40, 7);
    UrllcProblem tail = net.sample(7, 25, 15);
    double[] a = all.channels().slice(0, 25, 40).imagData(), b = tail.channels().imagData();
    assertArrayEquals(a, b, 0);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = net.sample(40, 7).channels().data();
      Parallel.setThreads(2);
      assertArrayEquals(one, net.sample(40, 7).channels().data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Test
  void badScenariosAreRejectedNamingTheArgument() {
    var e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(4, 8, 15, 140, 140, 128, 1e-5, 256));
    assertTrue(e.getMessage().contains("r_min < r_max"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(4, 8, 15, 150, 140, 128, 1e-5, 256));
    assertTrue(e.getMessage().contains("dMax = 140"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(4, 8, 15, 120, 140, 0, 1e-5, 256));
    assertTrue(e.getMessage().contains("blocklength"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(4, 8, 15, 120, 140, 128, 1.0, 256));
    assertTrue(e.getMessage().contains("errorProbability"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(4, 8, 15, 120, 140, 128, 0.0, 256));
    assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(0, 8, 15, 120, 140, 128, 1e-5, 256));
    assertTrue(e.getMessage().contains("users"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> net.sample(0, 1));
    assertTrue(e.getMessage().contains("count"), e.getMessage());
  }

  @Test
  void nanChannelsAreRejectedByTheProblem() {
    Tensor h = Tensor.complex(new double[] {1, Double.NaN}, new double[] {0, 0}, 1, 1, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> UrllcProblem.of(h, 1, 10, 128, 1e-5, 256));
    assertTrue(e.getMessage().contains("channels"), e.getMessage());
  }
}
