package rrm.paper.p002;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rrm.channel.AdHocSiso;
import rrm.solver.Wmmse;
import rrm.solver.WmmseResult;

/** The selection rule (see notebooks/002-uwmmse-power/README.md) that chose {@link AdHocSiso#PAPER_TOPOLOGY_SEED}. */
class PaperTopologySeedTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE);

  /** Returns {W100 mean, Tr4 mean} on the 640-sample probe of topology seed s. */
  private static double[] probe(long s) {
    WmmseResult r = Wmmse.of(100).run(NET.problem(NET.sample(NET.drop(s), 640, Paper002.PROBE_SEED)));
    double[] curve = r.meanSumRate();
    return new double[] {curve[100], curve[4]};
  }

  private static boolean passes(double[] w) {
    return Math.abs(w[0] - 82.94) <= 1.0 && Math.abs(w[1] / w[0] - 0.922) <= 0.01;
  }

  @Test
  void paperTopologySeedSatisfiesTheRule() {
    double[] w = probe(Paper002.TOPOLOGY_SEED);
    assertTrue(passes(w), "W100 " + w[0] + ", Tr4/W100 " + w[1] / w[0]);
  }

  @Test
  @Tag("slow")
  void noEarlierSeedSatisfiesTheRule() {
    for (long s = 0; s < Paper002.TOPOLOGY_SEED; s++) assertFalse(passes(probe(s)), "seed " + s + " passes");
  }
}
