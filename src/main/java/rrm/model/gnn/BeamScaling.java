package rrm.model.gnn;

import rrm.system.MimoProblem;

/**
 * The feature normalisation of complex MISO channels for graph networks (paper 003 Sec. V-C; the statistics follow
 * the authors' code): real and imaginary parts are scaled separately, each with its own {@link AmplitudeScaling}
 * ({@code (x - m) / r}, m the mean and r the root mean square over every antenna entry of a training set, separate
 * statistics for direct and cross links, every cross link included). Fitted once on training data and reused on every
 * test set, including larger networks.
 *
 * @param real the statistics of the real parts
 * @param imag the statistics of the imaginary parts
 */
public record BeamScaling(AmplitudeScaling real, AmplitudeScaling imag) {
  public BeamScaling {
    if (real == null || imag == null) {
      throw new IllegalArgumentException("BeamScaling: real and imag must not be null");
    }
  }

  /**
   * Returns the statistics of the channels {@code [B, K, 1, K, N_t]} of a training problem with single-antenna
   * receivers and at least two pairs.
   */
  public static BeamScaling fit(MimoProblem training) {
    if (training == null) throw new IllegalArgumentException("BeamScaling.fit: training must not be null");
    if (training.rxAntennas() != 1) {
      throw new IllegalArgumentException("BeamScaling.fit: needs single-antenna receivers (MISO), got N_r = "
          + training.rxAntennas());
    }
    var h = training.channels();
    int b = training.batch(), k = training.users(), nt = training.txAntennas();
    return new BeamScaling(AmplitudeScaling.fit(h.data(), b, k, nt), AmplitudeScaling.fit(h.imagData(), b, k, nt));
  }
}
