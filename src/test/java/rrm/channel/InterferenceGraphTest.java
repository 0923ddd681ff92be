package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.channel.InterferenceGraph.Direction;
import rrm.system.MimoProblem;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

class InterferenceGraphTest {
  private final D2dPowerControl sc = D2dPowerControl.of(new D2dLayout(25, 600, 2, 65, 1), true);

  @Test
  void edgesAreExactlyTheShortCrossLinksOrderedByInstanceAndDestination() {
    List<Placement> places = sc.placements(3, 0, 4);
    InterferenceGraph g = InterferenceGraph.within(places, 300, Direction.FORWARD);
    int[] s = g.edges().src(), d = g.edges().dst();
    int e = 0;
    for (int b = 0; b < 4; b++) {
      for (int i = 0; i < 25; i++) {
        for (int j = 0; j < 25; j++) {
          if (i == j || places.get(b).distance(j, i) > 300) continue;
          assertEquals(b * 25 + j, s[e]);
          assertEquals(b * 25 + i, d[e]);
          e++;
        }
      }
    }
    assertEquals(e, g.edgeCount());
    assertEquals(4, g.edges().graphs());
  }

  @Test
  void reverseEdgesFollowTheLeakageLink() {
    List<Placement> places = sc.placements(5, 0, 1);
    InterferenceGraph g = InterferenceGraph.within(places, 250, Direction.REVERSE);
    int[] s = g.edges().src(), d = g.edges().dst();
    for (int e = 0; e < s.length; e++) assertTrue(places.get(0).distance(d[e], s[e]) <= 250);
    int count = 0;
    for (int i = 0; i < 25; i++) {
      for (int j = 0; j < 25; j++) if (i != j && places.get(0).distance(i, j) <= 250) count++;
    }
    assertEquals(count, s.length);
  }

  @Test
  void completeGraphHasEveryOrderedPairOnce() {
    InterferenceGraph g = InterferenceGraph.complete(3, 5);
    assertEquals(3 * 20, g.edgeCount());
    assertEquals(4.0, g.meanInDegree(), 0);
    for (int deg : g.edges().inDegrees()) assertEquals(4, deg);
    assertEquals(0, InterferenceGraph.complete(2, 1).edgeCount());
  }

  @Test
  void restrictKeepsDirectLinksAndKnownCrossLinksOnly() {
    D2dSamples<SisoProblem> s = sc.samples(9, 0, 2);
    InterferenceGraph g = s.graph(200);
    SisoProblem r = g.restrict(s.problem());
    double[] a = s.problem().amplitudes().data(), x = r.amplitudes().data();
    boolean[] known = new boolean[a.length];
    int[] src = g.edges().src(), dst = g.edges().dst();
    for (int e = 0; e < src.length; e++) known[(dst[e] / 25) * 625 + (dst[e] % 25) * 25 + src[e] % 25] = true;
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 25; i++) {
        for (int j = 0; j < 25; j++) {
          int at = b * 625 + i * 25 + j;
          assertEquals(i == j || known[at] ? a[at] : 0, x[at], 0);
        }
      }
    }
    assertArrayEquals(s.problem().weights().data(), r.weights().data(), 0);
    assertArrayEquals(s.problem().noise(), r.noise(), 0);
  }

  @Test
  void restrictOfAMimoProblemKeepsTheDirectAndKnownCrossChannelsOnly() {
    MisoD2d miso = MisoD2d.of(new D2dLayout(12, 400, 2, 65, 0), 2);
    D2dSamples<MimoProblem> s = miso.samples(11, 0, 2);
    InterferenceGraph g = InterferenceGraph.within(s.placements(), 150, Direction.FORWARD);
    MimoProblem p = s.problem().withWeights(Tensor.full(0.5, 2, 12)), r = g.restrict(p);
    boolean[][][] known = new boolean[2][12][12];
    int[] src = g.edges().src(), dst = g.edges().dst();
    for (int e = 0; e < src.length; e++) known[dst[e] / 12][dst[e] % 12][src[e] % 12] = true;
    int zeroed = 0;
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 12; j++) {
          boolean keep = i == j || known[b][i][j];
          // known iff the link from transmitter j to receiver i is at most 150 m long
          assertEquals(i == j || s.placements().get(b).distance(j, i) <= 150, keep);
          if (!keep) zeroed++;
          for (int t = 0; t < 2; t++) {
            double re = p.channels().get(b, i, 0, j, t), im = p.channels().getImag(b, i, 0, j, t);
            assertEquals(keep ? re : 0, r.channels().get(b, i, 0, j, t), 0);
            assertEquals(keep ? im : 0, r.channels().getImag(b, i, 0, j, t), 0);
          }
        }
      }
    }
    assertTrue(zeroed > 0 && src.length > 0, "zeroed " + zeroed + ", edges " + src.length);
    assertArrayEquals(p.weights().data(), r.weights().data(), 0);
    assertArrayEquals(p.noise(), r.noise(), 0);
    assertArrayEquals(p.budgets(), r.budgets(), 0);
    assertTrue(msg(() -> InterferenceGraph.complete(1, 3).restrict(p)).contains("1 instances of 3 pairs"));
  }

  @Test
  void badGraphsAreNamed() {
    assertTrue(msg(() -> InterferenceGraph.of(3, new int[] {0, 4}, new int[] {1, 2}))
        .contains("src[1] names node 4, which does not exist in a graph of nodes [0, 3)"));
    assertTrue(msg(() -> InterferenceGraph.of(3, new int[] {0}, new int[] {-1})).contains("dst[0] names node -1"));
    assertTrue(msg(() -> InterferenceGraph.of(3, new int[] {2}, new int[] {2})).contains("self-loop"));
    assertTrue(msg(() -> InterferenceGraph.within(sc.placements(1, 0, 1), 0, Direction.FORWARD))
        .contains("radius must be > 0"));
    assertTrue(msg(() -> InterferenceGraph.within(sc.placements(1, 0, 1), -5, Direction.FORWARD))
        .contains("radius must be > 0"));
    assertTrue(msg(() -> InterferenceGraph.complete(0, 3)).contains("batch and pairs"));
    SisoProblem p = SisoProblem.ofAmplitudes(Tensor.ones(1, 4, 4), 1, 1);
    assertTrue(msg(() -> InterferenceGraph.complete(1, 3).restrict(p)).contains("1 instances of 3 pairs"));
    InterferenceGraph g = InterferenceGraph.of(3, new int[] {0, 1}, new int[] {1, 0});
    assertEquals(2, g.edgeCount());
  }

  private static String msg(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }
}
