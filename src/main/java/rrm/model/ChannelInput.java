package rrm.model;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Checks the channel tensor given to the learned baselines: real amplitudes G {@code [B, M, M]}, row = receiver,
 * column = transmitter (paper 002 eqs. 1-2), every entry finite and non-negative.
 */
public final class ChannelInput {
  private ChannelInput() {}

  /** Throws unless {@code g} is a real, finite, non-negative {@code [B, M, M]} tensor with B, M >= 1. */
  public static void check(String op, Tensor g) {
    if (g == null) throw new IllegalArgumentException(op + ": the channel tensor G is null");
    if (g.isComplex()) {
      throw new IllegalArgumentException(op + ": G must hold real amplitudes, got a complex tensor of shape "
          + Shape.str(g.shape()));
    }
    if (g.dim() != 3 || g.size(1) != g.size(2) || g.size(0) < 1 || g.size(1) < 1) {
      throw new IllegalArgumentException(op + ": G must be [B, M, M] (batch of square channel matrices, row ="
          + " receiver), got shape " + Shape.str(g.shape()));
    }
    double[] d = g.data();
    int m = g.size(1);
    for (int k = 0; k < d.length; k++) {
      if (!(d[k] >= 0) || d[k] == Double.POSITIVE_INFINITY) {
        int b = k / (m * m), i = (k / m) % m, j = k % m;
        throw new IllegalArgumentException(op + ": G must be finite and non-negative (amplitudes), but G[" + b + ", "
            + i + ", " + j + "] = " + d[k]);
      }
    }
  }

  /** As {@link #check}, and also requires M = {@code m}. */
  public static void check(String op, Tensor g, int m, String why) {
    if (g != null && g.dim() == 3 && g.size(1) == g.size(2) && g.size(1) != m) {
      throw new IllegalArgumentException(op + ": G must be [B, " + m + ", " + m + "] (" + why + "), got shape "
          + Shape.str(g.shape()));
    }
    check(op, g);
  }
}
