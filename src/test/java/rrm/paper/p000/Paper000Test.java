package rrm.paper.p000;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.channel.UrllcDownlink;

class Paper000Test {
  @Test
  void tableOneHasSixteenCellsInThePapersOrder() {
    List<UrllcDownlink> cells = Paper000.tableOne();
    assertEquals(16, cells.size());
    UrllcDownlink first = cells.get(0), last = cells.get(15);
    assertEquals(4, first.users());
    assertEquals(32, first.antennas());
    assertEquals(256, first.blocklength());
    assertEquals(Math.pow(10, 1.5), first.pMax(), 1e-12);
    assertEquals(10, last.users());
    assertEquals(20, last.snrDb(), 0);
    assertEquals(32, last.antennas());
    assertEquals(256, last.blocklength());
    assertEquals(64, cells.get(4).antennas());
    assertEquals(128, cells.get(4).blocklength());
    for (UrllcDownlink c : cells) {
      assertEquals(120, c.dMin(), 0);
      assertEquals(140, c.dMax(), 0);
      assertEquals(1e-5, c.errorProbability(), 0);
      assertEquals(256, c.packetBits());
    }
  }

  @Test
  void baseAndTableTwoScenarios() {
    UrllcDownlink b = Paper000.base();
    assertEquals(6, b.users());
    assertEquals(64, b.antennas());
    assertEquals(128, b.blocklength());
    UrllcDownlink t = Paper000.tableTwo(4, 180, 200);
    assertEquals(180, t.dMin(), 0);
    assertEquals(32, t.antennas());
    assertEquals(256, t.blocklength());
    assertEquals(15, t.snrDb(), 0);
    assertEquals(1003, Paper000.trainSeed(3));
    assertEquals(2003, Paper000.testSeed(3));
  }

  @Test
  void tableThreeOperationCountsFollowTheFormulas() {
    // the paper's printed counts for K = 4, 8, 10 (USRMNet) and K = 4, 8 (HeBF) within 0.5 %; K = 6 (USRMNet) is
    // printed as 4.20e5, which the formula does not give (4.06e5): kept as a known mismatch, not fitted
    double[] us = {2.68e5, 4.20e5, 5.48e5, 6.93e5}, he = {7.77e5, 4.10e6, 2.00e7, 7.63e7};
    for (int i = 0; i < 4; i++) {
      int k = Paper000.USERS[i];
      double u = Paper000.usrmnetComplexity(k, 32, 2), h = Paper000.hebfComplexity(k, 32, 3);
      if (k != 6) assertEquals(1, u / us[i], 0.005, "USRMNet K=" + k);
      assertEquals(1, h / he[i], 0.005, "HeBF K=" + k);
    }
    assertEquals(4.0644e5, Paper000.usrmnetComplexity(6, 32, 2), 50);
  }
}
