package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rrm.channel.MimoAdHoc.Fading;
import rrm.channel.MimoAdHoc.Geometry;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

class MimoAdHocTest {
  private final MimoAdHoc net = new MimoAdHoc(3, 5, Geometry.HALF_NORMAL, 3.0, Fading.rayleigh(), 1e-11, 1.0);

  @Test
  void batchIsAMimoProblemInTheCommonLayoutWithNoiseAndBudget() {
    MimoProblem p = net.batch(1, Split.TEST, 7, 0, 4);
    assertArrayEquals(new int[] {4, 7, 3, 7, 5}, p.channels().shape());
    assertEquals(3, p.rxAntennas());
    assertEquals(5, p.txAntennas());
    assertEquals(1e-11, p.noise()[6], 0);
    assertEquals(1.0, p.budgets()[0], 0);
  }

  @Test
  void everyBatchIsReproducibleOnItsOwnAndIndependentOfThreads() {
    Parallel.setThreads(1);
    double[] one = net.channels(5, Split.TRAIN, 6, 3, 5).data();
    Parallel.setThreads(2);
    double[] two = net.channels(5, Split.TRAIN, 6, 3, 5).data();
    assertArrayEquals(one, two);
    double[] firstTwo = net.channels(5, Split.TRAIN, 6, 3, 2).data();
    assertArrayEquals(Arrays.copyOf(one, firstTwo.length), firstTwo);
  }

  @Test
  void splitsSizesSeedsAndBatchIndicesGiveDifferentStreams() {
    double first = net.channels(5, Split.TRAIN, 6, 0, 1).data()[0];
    assertFalse(first == net.channels(5, Split.TEST, 6, 0, 1).data()[0]);
    assertFalse(first == net.channels(5, Split.TRAIN, 6, 1, 1).data()[0]);
    assertFalse(first == net.channels(6, Split.TRAIN, 6, 0, 1).data()[0]);
    assertFalse(MimoAdHoc.batchKey(5, Split.TRAIN, 6, 0) == MimoAdHoc.batchKey(5, Split.TRAIN, 8, 0));
  }

  @Test
  void channelsArePathGainTimesUnitPowerRayleighFading() {
    int m = 6, b = 400;
    Tensor h = net.channels(9, Split.TEST, m, 0, b);
    double[] re = h.data(), im = h.imagData();
    double s2 = 0, sr = 0, s4 = 0;
    int n = 0;
    for (int k = 0; k < b; k++) {
      double[] g = net.gains(9, Split.TEST, m, 0, k).data();
      for (int i = 0; i < m; i++) {
        for (int r = 0; r < 3; r++) {
          for (int j = 0; j < m; j++) {
            for (int t = 0; t < 5; t++) {
              int o = (((k * m + i) * 3 + r) * m + j) * 5 + t;
              double fr = re[o] / g[i * m + j], fi = im[o] / g[i * m + j];
              double p = fr * fr + fi * fi;
              s2 += p;
              s4 += p * p;
              sr += fr;
              n++;
            }
          }
        }
      }
    }
    assertEquals(1.0, s2 / n, 0.02);       // E|F|^2 = 1
    assertEquals(2.0, s4 / n, 0.08);       // E|F|^4 = 2 for CN(0, 1)
    assertEquals(0.0, sr / n, 0.01);
  }

  @Test
  void ricianFadingHasTheStatedLineOfSightMeanAndUnitPower() {
    MimoAdHoc ric = net.withFading(Fading.rician(20));
    int m = 4, b = 300;
    Tensor h = ric.channels(2, Split.TEST, m, 0, b);
    double[] re = h.data(), im = h.imagData();
    double sr = 0, si = 0, s2 = 0;
    int n = re.length;
    for (int k = 0; k < b; k++) {
      double[] g = ric.gains(2, Split.TEST, m, 0, k).data();
      int per = m * 3 * m * 5;
      for (int q = 0; q < per; q++) {
        int i = q / (3 * m * 5), j = (q / 5) % m;
        double fr = re[k * per + q] / g[i * m + j], fi = im[k * per + q] / g[i * m + j];
        sr += fr;
        si += fi;
        s2 += fr * fr + fi * fi;
      }
    }
    double mean = Math.sqrt(100.0 / (2 * 101));
    assertEquals(mean, sr / n, 0.005);
    assertEquals(mean, si / n, 0.005);
    assertEquals(1.0, s2 / n, 0.005);
    assertEquals(100.0, Fading.rician(20).kLinear(), 1e-12);
  }

  @Test
  void gainsFollowTheDistancesOfThePositions() {
    Tensor pos = net.positions(3, Split.VALIDATION, 5, 2, 1);
    Tensor g = net.gains(3, Split.VALIDATION, 5, 2, 1);
    double dx = pos.get(5 + 2, 0) - pos.get(4, 0), dy = pos.get(5 + 2, 1) - pos.get(4, 1);
    assertEquals(1 / (1 + Math.pow(Math.hypot(dx, dy), 3)), g.get(2, 4), 1e-15);
  }

  @Test
  void placementsFollowTheirLaws() {
    int m = 50;
    double sum = 0;
    int n = 0;
    for (int k = 0; k < 40; k++) {
      for (double x : net.positions(4, Split.TEST, m, 0, k).data()) {
        assertTrue(x >= 0);
        sum += x;
        n++;
      }
    }
    assertEquals(m * Math.sqrt(2 / Math.PI), sum / n, 0.03 * m);   // half-normal scaled by M
    MimoAdHoc uniform = net.withGeometry(Geometry.UNIFORM_SQUARE);
    double usum = 0;
    for (int k = 0; k < 40; k++) {
      for (double x : uniform.positions(4, Split.TEST, m, 0, k).data()) {
        assertTrue(x >= 0 && x < Math.sqrt(m));
        usum += x;
      }
    }
    assertEquals(Math.sqrt(m) / 2, usum / n, 0.03 * Math.sqrt(m));
  }

  @Test
  void trainingLayoutsKeepTheirStreamsBitForBit() {
    // Hashes of batch 2 (3 samples, M = 6, seed 1001) of every split, and of the positions of its sample 1, taken
    // before the layouts became a sealed type: those batches must never change.
    int[][] expected = {
        {-1169957934, -1960183300, 664052531}, {-1928022350, -877010149, -1982999939},
        {-1782597331, 1591780171, -1301576011}, {309944340, 580562336, 32586000},
        {1783348238, -1074571073, -45996597}, {696147678, 356055477, 47570413}};
    int row = 0;
    for (Geometry g : new Geometry[] {Geometry.HALF_NORMAL, Geometry.UNIFORM_SQUARE}) {
      MimoAdHoc n = net.withGeometry(g);
      for (Split s : new Split[] {Split.TRAIN, Split.VALIDATION, Split.TEST}) {
        Tensor h = n.channels(1001, s, 6, 2, 3);
        int[] got = {Arrays.hashCode(h.data()), Arrays.hashCode(h.imagData()),
            Arrays.hashCode(n.positions(1001, s, 6, 2, 1).data())};
        assertArrayEquals(expected[row++], got, g + " " + s);
      }
    }
    assertEquals("HALF_NORMAL", Geometry.HALF_NORMAL.toString());   // part of the committed checkpoints' settings
    assertEquals("UNIFORM_SQUARE", Geometry.UNIFORM_SQUARE.toString());
  }

  @Test
  void gaussianLayoutIsCentredOnTheTrainingLayoutWithStandardDeviationKappaL() {
    int m = 40;
    for (Geometry around : new Geometry[] {Geometry.HALF_NORMAL, Geometry.UNIFORM_SQUARE}) {
      double kappa = 0.3;
      MimoAdHoc g = net.withGeometry(Geometry.gaussian(around, kappa));
      double sum = 0, sq = 0;
      int n = 0;
      for (int k = 0; k < 50; k++) {
        for (double x : g.positions(4, Split.TEST, m, 0, k).data()) {
          sum += x;
          sq += x * x;
          n++;
        }
      }
      double mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
      double c = around == Geometry.HALF_NORMAL ? m * Math.sqrt(2 / Math.PI) : Math.sqrt(m) / 2;
      double l = around == Geometry.HALF_NORMAL ? m : Math.sqrt(m);
      assertEquals(c, around.centre(m), 1e-12);
      assertEquals(l, around.length(m), 1e-12);
      assertEquals(c, mean, 0.03 * kappa * l, around.toString());   // n = 8000 draws: SE of the mean 0.011 s
      assertEquals(kappa * l, sd, 0.03 * kappa * l, around.toString());
    }
    // Not clipped: with s = 1.0 L around the half-normal centre 0.8 M, about a fifth of the coordinates are < 0.
    double[] wide = net.withGeometry(Geometry.gaussian(Geometry.HALF_NORMAL, 1.0)).positions(4, Split.TEST, m, 0, 0)
        .data();
    assertTrue(Arrays.stream(wide).anyMatch(x -> x < 0));
  }

  @Test
  void gaussianLayoutsUseTheirOwnStreamsSharedOverKappa() {
    int m = 7;
    MimoAdHoc g1 = net.withGeometry(Geometry.gaussian(Geometry.HALF_NORMAL, 0.2));
    MimoAdHoc g2 = net.withGeometry(Geometry.gaussian(Geometry.HALF_NORMAL, 0.6));
    // Never the fading of the training layout's batches, in any split, at any batch index tried (both layouts draw
    // 4M normals for the positions, so a shared stream would show as shared fading).
    for (Split s : new Split[] {Split.TRAIN, Split.VALIDATION, Split.TEST}) {
      for (int b = 0; b < 4; b++) {
        double[] gauss = g1.channels(1001, s, m, b, 2).data();
        for (Split s2 : new Split[] {Split.TRAIN, Split.VALIDATION, Split.TEST}) {
          for (int b2 = 0; b2 < 4; b2++) {
            double[] plain = net.channels(1001, s2, m, b2, 2).data();
            // The same stream would give the same fading F, hence equal ratios g_G F / (g_P F) on one link's entries.
            assertFalse(gauss[0] / plain[0] > 0 && Math.abs(gauss[1] / plain[1] - gauss[0] / plain[0]) < 1e-12,
                "Gaussian fading coincides with " + s2 + " batch " + b2);
          }
        }
      }
    }
    // The same standard draws for every kappa: positions c + kappa L z share z.
    double c = m * Math.sqrt(2 / Math.PI);
    double[] p1 = g1.positions(5, Split.TEST, m, 1, 0).data(), p2 = g2.positions(5, Split.TEST, m, 1, 0).data();
    for (int k = 0; k < p1.length; k++) assertEquals((p1[k] - c) / (0.2 * m), (p2[k] - c) / (0.6 * m), 1e-9);
    Parallel.setThreads(1);
    double[] one = g1.channels(5, Split.TEST, m, 1, 5).data();
    Parallel.setThreads(2);
    assertArrayEquals(one, g1.channels(5, Split.TEST, m, 1, 5).data());
  }

  @Test
  void badInputIsRejectedNamingTheArgument() {
    var nr = assertThrows(IllegalArgumentException.class, () -> net.withAntennas(0, 5));
    assertTrue(nr.getMessage().contains("rxAntennas") && nr.getMessage().contains("got 0"), nr.getMessage());
    var nt = assertThrows(IllegalArgumentException.class, () -> net.withAntennas(3, -1));
    assertTrue(nt.getMessage().contains("txAntennas"), nt.getMessage());
    var k = assertThrows(IllegalArgumentException.class, () -> Fading.rician(-3));
    assertTrue(k.getMessage().contains("K-factor") && k.getMessage().contains("-3"), k.getMessage());
    var size = assertThrows(IllegalArgumentException.class, () -> net.batch(1, Split.TEST, 0, 0, 4));
    assertTrue(size.getMessage().contains("size") && size.getMessage().contains("got 0"), size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> net.withNoiseVariance(-1));
    assertThrows(IllegalArgumentException.class, () -> net.withPMax(0));
    assertThrows(IllegalArgumentException.class, () -> net.channels(1, Split.TEST, 3, -1, 2));
    for (double kappa : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      var e = assertThrows(IllegalArgumentException.class, () -> Geometry.gaussian(Geometry.HALF_NORMAL, kappa));
      assertTrue(e.getMessage().contains("kappa") && e.getMessage().contains("got " + kappa), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Geometry.gaussian(null, 0.2));
    assertThrows(IllegalArgumentException.class,
        () -> Geometry.gaussian(Geometry.gaussian(Geometry.HALF_NORMAL, 0.2), 0.2));
  }
}
