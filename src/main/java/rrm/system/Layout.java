package rrm.system;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/** Checks of the one complex channel layout {@code [B, R, N_r, T, N_t]} that every MIMO problem uses. */
final class Layout {
  private Layout() {}

  /** Returns {@code h} as {@code [B, R, N_r, T, N_t]} (a rank-4 tensor is one instance), checked and detached. */
  static Tensor channels(String op, Tensor h) {
    Checks.notNull(op, "channels", h);
    Checks.complex(op, "channels", h);
    Tensor c = h.dim() == 4 ? h.reshape(1, h.size(0), h.size(1), h.size(2), h.size(3)) : h;
    if (c.dim() != 5) {
      throw new IllegalArgumentException(op + ": channels must be [B, R, N_r, T, N_t] (batch, receiver, receive "
          + "antenna, transmitter, transmit antenna) or one instance [R, N_r, T, N_t], got rank " + h.dim()
          + " shape " + Shape.str(h.shape()));
    }
    for (int a = 0; a < 5; a++) {
      if (c.size(a) < 1) {
        throw new IllegalArgumentException(op + ": every axis of the channels must be >= 1 (antenna counts and "
            + "numbers of users are at least 1), got " + Shape.str(c.shape()));
      }
    }
    Shape.finite(op, "channels", c);
    return c.detach();
  }

  static double[] noise(String op, double s2, int n) {
    if (!(s2 >= 0) || !Double.isFinite(s2)) {
      throw new IllegalArgumentException(op + ": the noise variance must be >= 0 and finite, got " + s2);
    }
    return Checks.fill(s2, n);
  }

  static double[] budget(String op, double pMax, int n) {
    if (!(pMax > 0) || !Double.isFinite(pMax)) {
      throw new IllegalArgumentException(op + ": the power budget pMax must be > 0 and finite, got " + pMax);
    }
    return Checks.fill(pMax, n);
  }

  /** Throws unless {@code 1 <= d <= min(N_r, N_t)} (the streams a link can carry). */
  static void streams(String op, int d, int rxAntennas, int txAntennas) {
    if (d < 1 || d > Math.min(rxAntennas, txAntennas)) {
      throw new IllegalArgumentException(op + ": streams must be in [1, min(N_r, N_t)] = [1, "
          + Math.min(rxAntennas, txAntennas) + "], got " + d);
    }
  }
}
