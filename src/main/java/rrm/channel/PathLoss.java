package rrm.channel;

/**
 * Distance-based amplitude path gain {@code A = max(dist, minDistance)^-exponent}.
 *
 * <p>Paper 002 (§IV, and the authors' code) uses an <em>amplitude</em> gain {@code ||t_j - r_i||^-2.2} with no
 * reference distance and no cap, so the power path loss is {@code dist^-4.4} and distances below 1 give gains
 * above 1 (paper 002 §IV: amplitude gain, squared in the SINR). {@code minDistance} (default 0, i.e. uncapped) is
 * offered for other scenarios.
 *
 * @param exponent the amplitude path-loss exponent, positive
 * @param minDistance distances below this are raised to it before the power law; 0 means no cap
 */
public record PathLoss(double exponent, double minDistance) {
  public PathLoss {
    if (!(exponent > 0) || !Double.isFinite(exponent)) {
      throw new IllegalArgumentException("PathLoss: exponent must be positive and finite, got " + exponent);
    }
    if (!(minDistance >= 0) || !Double.isFinite(minDistance)) {
      throw new IllegalArgumentException("PathLoss: minDistance must be >= 0 and finite, got " + minDistance);
    }
  }

  /** Returns the amplitude gain at the given distance. */
  public double gain(double distance) {
    return Math.pow(Math.max(distance, minDistance), -exponent);
  }
}
