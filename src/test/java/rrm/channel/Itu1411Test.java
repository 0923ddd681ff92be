package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Itu1411Test {
  private final Itu1411 m = Itu1411.D2D;

  @Test
  void breakpointAndBasicLossMatchTheClosedForm() {
    double lambda = 2.998e8 / 2.4e9;
    assertEquals(0.124917, lambda, 1e-6);
    assertEquals(4 * 1.5 * 1.5 / lambda, m.breakpoint(), 1e-12);
    assertEquals(72.048, m.breakpoint(), 1e-3);
    assertEquals(71.184, m.breakpointLossDb(), 1e-3);
  }

  @Test
  void lossHasTwoSlopesMeetingAtTheBreakpoint() {
    double rbp = m.breakpoint(), lbp = m.breakpointLossDb();
    assertEquals(lbp + 6, m.lossDb(rbp), 1e-9);
    assertEquals(lbp + 6 - 20, m.lossDb(rbp / 10), 1e-9);
    assertEquals(lbp + 6 + 40, m.lossDb(rbp * 10), 1e-9);
    assertEquals(m.lossDb(rbp * (1 + 1e-12)), m.lossDb(rbp), 1e-9);
    assertEquals(-m.lossDb(30) + 2.5, m.gainDb(30, true), 1e-12);
    assertEquals(-m.lossDb(30), m.gainDb(30, false), 0);
  }

  @Test
  void receivedSnrOrdersOfMagnitudeMatchThePaperSetting() {
    // 40 dBm transmit power against -102.0 dBm noise: a 2 m direct link is about 98.5 dB above the noise
    double noiseDbm = -169 + 10 * Math.log10(5e6);
    assertEquals(98.5, 40 + m.gainDb(2, true) - noiseDbm, 0.1);
    assertEquals(31, 40 + m.gainDb(500, false) - noiseDbm, 0.5);
  }

  @Test
  void badDistancesAndParametersAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.lossDb(0)).getMessage().contains("distance d"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Itu1411(2.4e9, -1, 1.5, 0)).getMessage()
        .contains("txHeight"));
  }
}
