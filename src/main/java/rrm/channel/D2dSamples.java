package rrm.channel;

import java.util.List;
import rrm.system.Problem;

/**
 * A batch of geometric samples: the problem (SISO power control or MISO beamforming) and the placement that produced
 * each instance, from which the local-CSI graph is built ({@link InterferenceGraph#within}).
 *
 * @param problem the batch of B problem instances
 * @param placements B placements, instance b drawn on {@code placements.get(b)}
 * @param <P> the problem type
 */
public record D2dSamples<P extends Problem>(P problem, List<Placement> placements) {
  public D2dSamples {
    if (problem == null || placements == null) {
      throw new IllegalArgumentException("D2dSamples: problem and placements must not be null");
    }
    if (placements.size() != problem.batch()) {
      throw new IllegalArgumentException("D2dSamples: one placement per instance expected, got " + placements.size()
          + " placements for a batch of " + problem.batch());
    }
    placements = List.copyOf(placements);
  }

  /** Returns the local-CSI graph of the batch: edge j -> i where {@code ||tx_j - rx_i|| <= radius}, j != i. */
  public InterferenceGraph graph(double radius) {
    return InterferenceGraph.within(placements, radius, InterferenceGraph.Direction.FORWARD);
  }
}
