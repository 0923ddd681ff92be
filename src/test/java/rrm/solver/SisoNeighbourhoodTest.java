package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rrm.model.TestChannels.relativeError;

import org.junit.jupiter.api.Test;
import rrm.channel.D2dSamples;
import rrm.channel.InterferenceGraph;
import rrm.paper.p003.Paper003;
import rrm.system.SisoProblem;
import rrm.tensor.EdgeList;
import rrm.tensor.Tensor;

/** WMMSE run as message passing on an interference graph ({@link SisoNeighbourhood#graph}). */
class SisoNeighbourhoodTest {
  private static final D2dSamples<SisoProblem> D2D = Paper003.powerControlSameDensity(30, 2, 65).samples(77, 0, 4);

  @Test
  void onTheCompleteGraphMessagePassingIsCentralisedWmmse() {
    SisoProblem p = D2D.problem();
    InterferenceGraph g = InterferenceGraph.complete(p.batch(), p.links());
    WeightedWmmse w = WeightedWmmse.of(40);
    assertEquals(0, relativeError(w.allocate(p).tensor(), w.allocate(p, g.edges()).tensor()), 1e-10);
    assertEquals(0, relativeError(w.trajectory(p), w.trajectory(p, g.edges())), 1e-12);
  }

  @Test
  void onALocalCsiGraphMessagePassingIsWmmseOnTheRestrictedProblem() {
    SisoProblem p = D2D.problem();
    InterferenceGraph g = D2D.graph(Paper003.CSI_RADIUS);
    assertTrue(g.edgeCount() < p.batch() * p.links() * (p.links() - 1), "the 500 m graph drops some links");
    WeightedWmmse w = WeightedWmmse.of(40);
    Tensor restricted = w.allocate(g.restrict(p)).tensor(), local = w.allocate(p, g.edges()).tensor();
    assertEquals(0, relativeError(restricted, local), 1e-10);
    assertTrue(relativeError(w.allocate(p).tensor(), local) > 1e-3, "local CSI changes the powers (control)");
  }

  @Test
  void sumsMatchTheDenseOnesAndCountTwoMessagesPerEdge() {
    SisoProblem p = D2D.problem();
    InterferenceGraph g = InterferenceGraph.complete(p.batch(), p.links());
    SisoNeighbourhood dense = SisoNeighbourhood.of(p), graph = SisoNeighbourhood.graph(p, g.edges());
    Tensor x = Tensor.rand(5, p.batch(), p.links());
    assertEquals(0, relativeError(dense.interferencePlusNoise(x), graph.interferencePlusNoise(x)), 1e-13);
    assertEquals(0, relativeError(dense.leakage(x), graph.leakage(x)), 1e-13);
    assertEquals(2L * g.edgeCount(), graph.messagesPerIteration());
    assertEquals(0, dense.messagesPerIteration());
  }

  @Test
  void badGraphsAreNamed() {
    SisoProblem p = D2D.problem();
    int m = p.links();
    var e = assertThrows(IllegalArgumentException.class,
        () -> SisoNeighbourhood.graph(p, EdgeList.of(m, new int[] {0}, new int[] {1})));
    assertTrue(e.getMessage().contains("B M = " + p.batch() * m + " nodes"), e.getMessage());
    int n = p.batch() * m;
    e = assertThrows(IllegalArgumentException.class,
        () -> SisoNeighbourhood.graph(p, EdgeList.of(n, new int[] {3}, new int[] {3})));
    assertTrue(e.getMessage().contains("self-loop"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SisoNeighbourhood.graph(p, EdgeList.of(n, new int[] {0}, new int[] {m})));
    assertTrue(e.getMessage().contains("within one instance"), e.getMessage());
  }
}
