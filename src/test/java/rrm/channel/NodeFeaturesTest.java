package rrm.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rrm.tensor.Tensor;

class NodeFeaturesTest {
  private final Topology two = Topology.of(new double[][] {{0, 0}, {10, 0}}, new double[][] {{1, 0}, {10, 2}}, new PathLoss(2.2, 0));

  @Test
  void onesIsOneColumnOfOnes() {
    Tensor q = NodeFeatures.ONES.tensor(two);
    assertArrayEquals(new int[] {2, 1}, q.shape());
    assertArrayEquals(new double[] {1, 1}, q.toArray(), 0);
  }

  @Test
  void onesPlusDistancesHoldsDirectAndNearestOtherReceiverDistances() {
    double[][] q = NodeFeatures.ONES_PLUS_DISTANCES.compute(two);
    assertEquals(3, NodeFeatures.ONES_PLUS_DISTANCES.count());
    assertArrayEquals(new double[] {1, 1, Math.sqrt(104)}, q[0], 1e-12);
    assertArrayEquals(new double[] {1, 2, 9}, q[1], 1e-12);
  }

  @Test
  void distancesNeedTwoPairs() {
    Topology one = Topology.of(new double[][] {{0, 0}}, new double[][] {{1, 0}}, new PathLoss(2.2, 0));
    var e = assertThrows(IllegalArgumentException.class, () -> NodeFeatures.ONES_PLUS_DISTANCES.compute(one));
    assertEquals("NodeFeatures.ONES_PLUS_DISTANCES: needs at least 2 pairs, the topology has 1 (the "
        + "nearest-other-receiver distance is undefined)", e.getMessage());
  }
}
