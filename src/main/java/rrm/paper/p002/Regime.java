package rrm.paper.p002;

/**
 * The two noise regimes of paper 002 (§IV): the receiver noise standard deviation sigma, the same at every receiver.
 * Low noise is interference-limited, high noise is noise-limited.
 */
public enum Regime {
  /** sigma = 2.6e-5, so sigma^2 = 6.76e-10 (-91.70 dB). */
  LOW_NOISE(2.6e-5),
  /** sigma = 1, so sigma^2 = 1. */
  HIGH_NOISE(1.0);

  private final double sigma;

  Regime(double sigma) {
    this.sigma = sigma;
  }

  /** Returns the noise standard deviation sigma. */
  public double sigma() {
    return sigma;
  }

  /** Returns the noise variance sigma^2, the quantity that enters the SINR. */
  public double noiseVariance() {
    return sigma * sigma;
  }
}
