package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopologyTest {
  private static final PathLoss LAW = new PathLoss(2.2, 0);

  @Test
  void dropPlacesTransmittersInTheScaledSquareAndReceiversWithinAQuarterOfN() {
    int m = 20, n = 20;
    for (double d : new double[] {0.5, 1, 5}) {
      Topology t = Topology.drop(m, n, d, new SplittableRandom(11), LAW);
      double[][] tx = t.tx(), rx = t.rx();
      for (int i = 0; i < m; i++) {
        for (int c = 0; c < 2; c++) {
          assertTrue(Math.abs(tx[i][c]) <= n / d, "tx outside [-N/d, N/d]");
          assertTrue(Math.abs(rx[i][c] - tx[i][c]) <= n / 4.0, "rx offset outside [-N/4, N/4]");
        }
      }
    }
  }

  @Test
  void gainsAreRowReceiverColumnTransmitterAmplitudes() {
    double[][] tx = {{0, 0}, {10, 0}};
    double[][] rx = {{1, 0}, {10, 2}};
    Topology t = Topology.of(tx, rx, LAW);
    // gain(i, j) = ||t_j - r_i||^-2.2: Tx 1 -> Rx 0 is at distance 9, Tx 0 -> Rx 1 at sqrt(104).
    assertEquals(Math.pow(1, -2.2), t.gain(0, 0), 1e-15);
    assertEquals(Math.pow(2, -2.2), t.gain(1, 1), 1e-15);
    assertEquals(Math.pow(9, -2.2), t.gain(0, 1), 1e-15);
    assertEquals(Math.pow(Math.sqrt(104), -2.2), t.gain(1, 0), 1e-15);
    assertEquals(Math.pow(9, -2.2), t.gains()[0][1], 1e-15);
    assertEquals(2.0, t.directDistance(1), 1e-15);
    // Nearest other receiver of Tx 0 is Rx 1 at sqrt(104); of Tx 1 is Rx 0 at distance 9.
    assertEquals(Math.sqrt(104), t.nearestOtherReceiver(0), 1e-12);
    assertEquals(9, t.nearestOtherReceiver(1), 1e-12);
  }

  @Test
  void pathLossCapRaisesShortDistances() {
    Topology t = Topology.of(new double[][] {{0, 0}}, new double[][] {{0.5, 0}}, new PathLoss(2.2, 1.0));
    assertEquals(1.0, t.gain(0, 0), 0);
    Topology u = Topology.of(new double[][] {{0, 0}}, new double[][] {{0.5, 0}}, LAW);
    assertEquals(Math.pow(0.5, -2.2), u.gain(0, 0), 1e-15);
  }

  @Test
  void scaleTxDividesTransmittersAndRedrawsReceiversWithUnscaledOffsets() {
    Topology base = Topology.drop(20, 20, 1, new SplittableRandom(3), LAW);
    Topology s = Topology.scaleTx(base, 4, new SplittableRandom(5));
    double[][] bt = base.tx(), st = s.tx(), sr = s.rx();
    for (int i = 0; i < 20; i++) {
      assertEquals(bt[i][0] / 4, st[i][0], 0);
      assertEquals(bt[i][1] / 4, st[i][1], 0);
      assertTrue(Math.abs(sr[i][0] - st[i][0]) <= 5 && Math.abs(sr[i][1] - st[i][1]) <= 5);
    }
    assertNotEquals(Arrays.deepToString(base.rx()), Arrays.deepToString(s.rx()));
  }

  @Test
  void resizeKeepsAnOrderedSubsetOrAddsNewPairsInTheBaseArea() {
    Topology base = Topology.drop(20, 20, 1, new SplittableRandom(3), LAW);
    double[][] bt = base.tx();
    Topology small = Topology.resize(base, 5, new SplittableRandom(8));
    assertEquals(5, small.pairs());
    int last = -1;
    for (double[] t : small.tx()) {
      int k = indexOf(bt, t);
      assertTrue(k > last, "the kept transmitters are base transmitters in their original order");
      last = k;
    }
    Topology big = Topology.resize(base, 50, new SplittableRandom(8));
    assertEquals(50, big.pairs());
    double[][] tt = big.tx(), rr = big.rx();
    for (int i = 0; i < 20; i++) assertArrayEquals(bt[i], tt[i], 0);
    for (int i = 20; i < 50; i++) assertTrue(Math.abs(tt[i][0]) <= 20 && Math.abs(tt[i][1]) <= 20);
    for (int i = 0; i < 50; i++) assertTrue(Math.abs(rr[i][0] - tt[i][0]) <= 5 && Math.abs(rr[i][1] - tt[i][1]) <= 5);
  }

  private static int indexOf(double[][] all, double[] t) {
    for (int k = 0; k < all.length; k++) if (Arrays.equals(all[k], t)) return k;
    return -1;
  }

  @Test
  void topologiesAreValuesAndAccessorsReturnCopies() {
    Topology a = Topology.drop(4, 4, 1, new SplittableRandom(1), LAW);
    Topology b = Topology.drop(4, 4, 1, new SplittableRandom(1), LAW);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    a.tx()[0][0] = 1e9;
    a.gains()[0][0] = -1;
    assertEquals(b, a);
    assertEquals(b.gain(0, 0), a.gain(0, 0), 0);
  }

  @Test
  void badInputNamesTheProblem() {
    var e = assertThrows(IllegalArgumentException.class, () -> Topology.drop(0, 20, 1, new SplittableRandom(1), LAW));
    assertTrue(e.getMessage().contains("M must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Topology.drop(5, 20, 0, new SplittableRandom(1), LAW));
    assertTrue(e.getMessage().contains("density factor d must be positive"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Topology.of(new double[][] {{0, Double.NaN}}, new double[][] {{1, 1}}, LAW));
    assertTrue(e.getMessage().contains("tx[0]") && e.getMessage().contains("not finite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Topology.of(new double[][] {{0, 0}}, new double[][] {{1, 1}, {2, 2}}, LAW));
    assertTrue(e.getMessage().contains("tx has 1 positions, rx has 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PathLoss(-1, 0));
    assertTrue(e.getMessage().contains("exponent must be positive"), e.getMessage());
    assertThrows(IllegalStateException.class,
        () -> Topology.of(new double[][] {{0, 0}}, new double[][] {{1, 1}}, LAW).nearestOtherReceiver(0));
  }
}
