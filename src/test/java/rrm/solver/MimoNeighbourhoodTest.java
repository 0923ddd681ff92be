package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rrm.model.TestChannels.relativeError;

import org.junit.jupiter.api.Test;
import rrm.channel.D2dSamples;
import rrm.channel.InterferenceGraph;
import rrm.model.MimoModelChecks;
import rrm.paper.p003.Paper003;
import rrm.system.MimoProblem;
import rrm.tensor.EdgeList;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/** MIMO WMMSE run as message passing on an interference graph ({@link MimoNeighbourhood#graph}). */
class MimoNeighbourhoodTest {
  private static final D2dSamples<MimoProblem> MISO = Paper003.beamformingSameDensity(16, 2, 65).samples(91, 0, 3);

  @Test
  void onTheCompleteGraphMessagePassingIsCentralisedWmmse() {
    MimoProblem miso = MISO.problem();
    MimoWmmse textbook = MimoWmmse.of(30);
    Tensor central = textbook.run(miso).beamformers().tensor();
    Tensor viaGraph = textbook.run(miso, complete(miso).edges()).beamformers().tensor();
    assertEquals(0, relativeError(central, viaGraph), 1e-10);
  }

  @Test
  void onALocalCsiGraphMessagePassingIsWmmseOnTheRestrictedProblem() {
    MimoProblem p = MISO.problem();
    // 300 m: a partial graph in which every transmitter still hears at least N_t receivers (its own included), so
    // its precoder system is nonsingular; with fewer, A_j is rank-deficient and its solve amplifies the rounding of
    // the (differently ordered) sums far beyond 1e-10 (at 150 m: 6e-5 after one iteration, with sums equal to 2e-16)
    InterferenceGraph g = MISO.graph(300);
    int k = p.users();
    assertTrue(g.edgeCount() < p.batch() * k * (k - 1), "a partial graph: " + g);
    int[] heard = new int[p.batch() * k];
    for (int src : g.edges().src()) heard[src]++;
    for (int h : heard) assertTrue(h + 1 >= p.txAntennas(), "every transmitter hears >= N_t receivers");
    MimoWmmse w = MimoWmmse.of(30);
    Tensor local = w.run(p, g.edges()).beamformers().tensor();
    Tensor restricted = w.run(g.restrict(p)).beamformers().tensor();
    assertEquals(0, relativeError(restricted, local), 1e-10);
    assertTrue(relativeError(w.run(p).beamformers().tensor(), local) > 1e-3, "local CSI changes the beams (control)");
  }

  @Test
  void sumsMatchTheKernelsAndCountTwoMessagesPerEdge() {
    MimoProblem p = MimoModelChecks.codeProblem(5, 2, 1);
    MimoSignals s = MimoSignals.of(p);  // the paper-001 MIMO channels (N_r = 3, N_t = 5), loaded as its baseline runs
    MimoNeighbourhood dense = MimoNeighbourhood.of(s), graph = MimoNeighbourhood.graph(s, complete(p).edges());
    Tensor v = WmmseMimo.initial(s);
    MimoSignals.Received a = dense.receive(v, 1e-4), b = graph.receive(v, 1e-4);
    assertEquals(0, relativeError(a.direct(), b.direct()), 1e-14);
    assertEquals(0, relativeError(a.interference(), b.interference()), 1e-13);
    WmmseMimo.Receive r = WmmseMimo.receive(s, v, 0);
    Tensor[] ta = dense.transmit(r.u(), r.wHat()), tb = graph.transmit(r.u(), r.wHat());
    assertEquals(0, relativeError(ta[0], tb[0]), 1e-13);
    assertEquals(0, relativeError(ta[1], tb[1]), 1e-14);
    assertEquals(2L * 2 * 5 * 4, graph.messagesPerIteration());
  }

  @Test
  void badGraphsAreNamed() {
    MimoProblem p = MISO.problem();
    MimoSignals s = MimoSignals.of(p);
    int n = p.batch() * p.users();
    var e = assertThrows(IllegalArgumentException.class,
        () -> MimoNeighbourhood.graph(s, EdgeList.of(p.users(), new int[] {0}, new int[] {1})));
    assertTrue(e.getMessage().contains("B K = " + n + " nodes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MimoNeighbourhood.graph(s, EdgeList.of(n, new int[] {2}, new int[] {2})));
    assertTrue(e.getMessage().contains("self-loop"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MimoNeighbourhood.graph(s, EdgeList.of(n, new int[] {0}, new int[] {p.users()})));
    assertTrue(e.getMessage().contains("within one instance"), e.getMessage());
  }

  private static InterferenceGraph complete(MimoProblem p) {
    return InterferenceGraph.complete(p.batch(), p.users());
  }
}
