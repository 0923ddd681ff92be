package rrm.model.unrolled;

/**
 * Settings of an {@link Iaidnn} network (Hu et al., "Iterative algorithm induced deep-unfolding neural networks:
 * precoding design for multiuser MIMO systems"), as paper 004's code runs it and paper 001 compares against it: L
 * layers with separate parameters, one parameter set shared by every user of a layer ("IAIDNN SP" in paper 004; per-
 * user parameters would tie the network to one network size), the first-order Taylor form of each inverse with
 * {@code Y = 0}, the exact inverse in the last layer's precoder update.
 *
 * <p>Real parameter count: per layer but the last {@code 2 (2R^2 + Rd + 2d^2 + 2T^2 + Td)}, the last
 * {@code 2 (2R^2 + Rd + 2d^2)}; with {@link #improved} twice as many matrices of each square size. 982 for
 * {@link #paper001()} (R = 3, T = 5, d = 1, L = 7).
 *
 * @param rxAntennas R of the problems the network runs on
 * @param txAntennas T of the problems the network runs on
 * @param streams d of the problems the network runs on
 * @param layers L >= 1
 * @param improved whether each learned inverse also has the term {@code P A^{-1} Y} with the exact inverse ("IAIDNN
 *     Imp." in paper 004; with X = Z = O = 0 and P = Y = I the network is WMMSE)
 * @param loading eps >= 0 added to the noise of the receive covariance and to the precoder system's diagonal
 * @param initScale every real part starts uniform on {@code [-initScale, initScale]} (0.1 in paper 004's code)
 * @param seed seed of the parameter initialisation
 */
public record IaidnnConfig(int rxAntennas, int txAntennas, int streams, int layers, boolean improved, double loading,
    double initScale, long seed) {

  public IaidnnConfig {
    String op = "IaidnnConfig";
    positive(op, "rxAntennas", rxAntennas);
    positive(op, "txAntennas", txAntennas);
    positive(op, "streams", streams);
    positive(op, "layers", layers);
    if (streams > Math.min(rxAntennas, txAntennas)) {
      throw new IllegalArgumentException(op + ": streams must be <= min(rxAntennas, txAntennas) = "
          + Math.min(rxAntennas, txAntennas) + ", got " + streams);
    }
    if (!(loading >= 0) || !Double.isFinite(loading)) {
      throw new IllegalArgumentException(op + ": loading must be >= 0 and finite, got " + loading);
    }
    if (!(initScale >= 0) || !Double.isFinite(initScale)) {
      throw new IllegalArgumentException(op + ": initScale must be >= 0 and finite, got " + initScale);
    }
  }

  /** Returns paper 001's adaptation: R = 3, T = 5, d = 1, 7 layers, shared parameters, no loading, init 0.1. */
  public static IaidnnConfig paper001() {
    return new IaidnnConfig(3, 5, 1, 7, false, 0.0, 0.1, 0L);
  }

  /** Returns a copy for other antenna and stream counts. */
  public IaidnnConfig withAntennas(int r, int t, int d) {
    return new IaidnnConfig(r, t, d, layers, improved, loading, initScale, seed);
  }

  /** Returns a copy with L layers. */
  public IaidnnConfig withLayers(int l) {
    return new IaidnnConfig(rxAntennas, txAntennas, streams, l, improved, loading, initScale, seed);
  }

  /** Returns a copy with or without the exact-inverse terms ("IAIDNN Imp."). */
  public IaidnnConfig withImproved(boolean on) {
    return new IaidnnConfig(rxAntennas, txAntennas, streams, layers, on, loading, initScale, seed);
  }

  /** Returns a copy with diagonal loading eps. */
  public IaidnnConfig withLoading(double eps) {
    return new IaidnnConfig(rxAntennas, txAntennas, streams, layers, improved, eps, initScale, seed);
  }

  /** Returns a copy with another initialisation seed. */
  public IaidnnConfig withSeed(long s) {
    return new IaidnnConfig(rxAntennas, txAntennas, streams, layers, improved, loading, initScale, s);
  }

  /** Returns the number of real parameters. */
  public int parameterCount() {
    int r = rxAntennas, t = txAntennas, d = streams, square = improved ? 4 : 2;
    int receive = square * (r * r + d * d) + r * d;
    int transmit = square * t * t + t * d;
    return 2 * (layers * receive + (layers - 1) * transmit);
  }

  private static void positive(String op, String name, int v) {
    if (v < 1) throw new IllegalArgumentException(op + ": " + name + " must be >= 1, got " + v);
  }
}
