package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.channel.D2dLayout;
import rrm.channel.D2dPowerControl;
import rrm.channel.D2dSamples;
import rrm.channel.GaussianIc;
import rrm.channel.InterferenceGraph;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.WeightedSumRate;

class WeightedWmmseTest {
  private final D2dPowerControl d2d = D2dPowerControl.of(new D2dLayout(20, 632, 2, 65, 1), true);

  @Test
  void weightedObjectiveNeverDecreasesAndIsTheWeightedSumRateOfTheIterate() {
    SisoProblem p = d2d.samples(1, 0, 8).problem();
    Tensor traj = WeightedWmmse.of(30).trajectory(p);
    double[] t = traj.data();
    for (int n = 0; n < 8; n++) {
      for (int k = 1; k <= 30; k++) {
        double prev = t[n * 31 + k - 1], cur = t[n * 31 + k];
        assertTrue(cur >= prev - 1e-9 * Math.abs(prev), "instance " + n + " iteration " + k + ": " + prev + " -> "
            + cur);
      }
    }
    for (int k : new int[] {0, 1, 7, 30}) {
      double[] direct = WeightedSumRate.of(p, WeightedWmmse.of(k).allocate(p)).data();
      for (int n = 0; n < 8; n++) assertEquals(direct[n], t[n * 31 + k], 1e-9 * Math.abs(direct[n]));
    }
  }

  @Test
  void unitWeightsGiveTheClassicalSumRateWmmse() {
    SisoProblem p = new GaussianIc(10, 10).samples(4, 0, 16);
    double[] ours = WeightedWmmse.of(100).allocate(p).tensor().data();
    double[] classic = Wmmse.of(100).allocate(p).tensor().data();
    assertArrayEquals(classic, ours, 1e-12);
  }

  @Test
  void powersRespectTheBudgetAndZeroWeightLinksAreSilent() {
    SisoProblem p = d2d.samples(2, 0, 4).problem();
    double[] w = p.weights().toArray();
    w[3] = 0;
    w[20 + 7] = 0;
    SisoProblem q = p.withWeights(Tensor.of(w, 4, 20));
    Powers x = WeightedWmmse.of(50).allocate(q);
    x.checkFeasible(q);
    assertEquals(0, x.tensor().get(0, 3), 0);
    assertEquals(0, x.tensor().get(1, 7), 0);
  }

  @Test
  void aSingleLinkGoesToFullPowerInOneIteration() {
    SisoProblem p = SisoProblem.ofAmplitudes(Tensor.of(new double[] {0.3}, 1, 1, 1), 0.5, 2.0)
        .withWeights(Tensor.of(new double[] {0.7}, 1, 1));
    Powers x = new WeightedWmmse(1, true, 3).allocate(p);
    assertEquals(2.0, x.tensor().item(), 1e-12);
  }

  @Test
  void resultsDoNotDependOnChunkingThreadsOrTheBatchSplit() {
    SisoProblem p = d2d.samples(3, 0, 70).problem();
    WeightedWmmse m = WeightedWmmse.of(20).withRandomInit(9);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      double[] one = m.allocate(p).tensor().data();
      Parallel.setThreads(2);
      assertArrayEquals(one, m.allocate(p).tensor().data(), 0);
    } finally {
      Parallel.setThreads(before);
    }
    WeightedWmmse full = WeightedWmmse.of(20);
    assertArrayEquals(full.allocate(p).tensor().slice(0, 65, 70).toArray(),
        full.allocate(p.slice(65, 70)).tensor().data(), 0);
  }

  @Test
  void localCsiWmmseIgnoresTheChannelsTheGraphDoesNotKnow() {
    D2dSamples<SisoProblem> s = d2d.samples(4, 0, 3);
    InterferenceGraph g = s.graph(300);
    SisoProblem local = g.restrict(s.problem());
    // change only the links the graph does not know: the local-CSI powers stay the same
    double[] a = s.problem().amplitudes().toArray(), known = local.amplitudes().data();
    for (int e = 0; e < a.length; e++) if (known[e] == 0) a[e] *= 3;
    SisoProblem other = SisoProblem.ofAmplitudes(Tensor.of(a, 3, 20, 20), s.problem().noiseVariance(), 1)
        .withWeights(s.problem().weights());
    double[] fromLocal = WeightedWmmse.of(40).allocate(local).tensor().data();
    assertArrayEquals(fromLocal, WeightedWmmse.of(40).allocate(g.restrict(other)).tensor().data(), 0);
    // the complete graph knows every link: local CSI is global CSI
    SisoProblem all = InterferenceGraph.complete(3, 20).restrict(s.problem());
    assertArrayEquals(WeightedWmmse.of(40).allocate(s.problem()).tensor().data(),
        WeightedWmmse.of(40).allocate(all).tensor().data(), 0);
    // with local CSI WMMSE does worse on the true channels than with global CSI, on average
    double global = WeightedSumRate.mean(WeightedSumRate.of(s.problem(), WeightedWmmse.of(40).allocate(s.problem())));
    double loc = WeightedSumRate.mean(WeightedSumRate.of(s.problem(), Powers.of(Tensor.of(fromLocal, 3, 20))));
    assertTrue(loc < global, "local " + loc + " global " + global);
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightedWmmse.of(-1)).getMessage()
        .contains("iterations must be >= 0, got -1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightedWmmse.of(3).allocate(null)).getMessage()
        .contains("problem must not be null"));
  }
}
