package rrm.model.uwmmse;

import java.util.List;
import rrm.tensor.Tensor;

/**
 * The per-layer states of one forward pass of an unrolled network, layer 1 first; {@link #last()} is the output
 * layer and {@link #powers()} the allocation {@code p = (v^(K))^2 [B, M]}.
 */
public record Trajectory(List<LayerState> layers) {
  public Trajectory {
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("Trajectory: needs at least one layer");
    }
    layers = List.copyOf(layers);
  }

  /** Returns the number of layers K. */
  public int size() {
    return layers.size();
  }

  /** Returns layer k, counted from 1 as in the paper. */
  public LayerState layer(int k) {
    if (k < 1 || k > layers.size()) {
      throw new IllegalArgumentException("Trajectory.layer: k must be in [1, " + layers.size() + "], got " + k);
    }
    return layers.get(k - 1);
  }

  /** Returns the last layer. */
  public LayerState last() {
    return layers.get(layers.size() - 1);
  }

  /** Returns the output powers {@code [B, M]}. */
  public Tensor powers() {
    return last().powers();
  }
}
