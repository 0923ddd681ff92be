package rrm.channel;

import rrm.tensor.Tensor;

/**
 * Node features Q {@code [M, F']} fed to the UWMMSE graph networks (paper 002 Remark 3, §IV-C, Fig. 4(c)).
 * The topology is fixed, so the features are per-node constants shared by every fading sample; they are used raw,
 * in position units.
 */
public enum NodeFeatures {
  /** Q = 1, F' = 1: the default everywhere except Fig. 4(c). */
  ONES(1),
  /**
   * F' = 3, rows {@code [1, ||t_i - r_i||, min_{j != i} ||t_i - r_j||]}: the ones column, the direct-link distance
   * and the distance from transmitter i to the nearest other receiver (Fig. 4(c)). Needs at least 2 pairs.
   */
  ONES_PLUS_DISTANCES(3);

  private final int count;

  NodeFeatures(int count) {
    this.count = count;
  }

  /** Returns the number of features per node, F'. */
  public int count() {
    return count;
  }

  /** Returns the features of every node as {@code [M][F']}. */
  public double[][] compute(Topology topology) {
    int m = topology.pairs();
    double[][] q = new double[m][count];
    for (int i = 0; i < m; i++) {
      q[i][0] = 1;
      if (this == ONES_PLUS_DISTANCES) {
        if (m < 2) {
          throw new IllegalArgumentException("NodeFeatures.ONES_PLUS_DISTANCES: needs at least 2 pairs, the "
              + "topology has 1 (the nearest-other-receiver distance is undefined)");
        }
        q[i][1] = topology.directDistance(i);
        q[i][2] = topology.nearestOtherReceiver(i);
      }
    }
    return q;
  }

  /** Returns the features as a tensor {@code [M, F']}. */
  public Tensor tensor(Topology topology) {
    return Tensor.of(compute(topology));
  }
}
