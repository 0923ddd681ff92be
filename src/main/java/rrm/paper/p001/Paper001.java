package rrm.paper.p001;

import java.util.stream.IntStream;
import rrm.channel.MimoAdHoc.Fading;
import rrm.channel.MimoAdHoc.Geometry;
import rrm.channel.MimoAdHoc;
import rrm.solver.MimoWmmse;
import rrm.solver.WmmseMimo;

/**
 * Constants of paper 001: Chowdhury, Verma, Swami, Segarra, "Deep Graph Unfolding for Beamforming in MU-MIMO
 * Interference Networks" (MU-MIMO ad-hoc interference network, UWMMSE for beamforming).
 *
 * <p>The paper's text and its reported numbers describe two different setups; both are available as a
 * {@link Profile}. {@link Profile#CODE} follows the authors' released code (half-normal node positions scaled by M,
 * noise variance 10^-11.4, and a "WMMSE" baseline with mu = 0, a 1e-4 loading and a rescale to the budget); it is the
 * setup under which the paper's numbers (§IV-C: GCN-WMMSE at 55.19 bits "marginally" below WMMSE; truncated WMMSE
 * close to full WMMSE) are consistent. {@link Profile#PAPER} follows the text of §IV-A and §IV-C (uniform positions in
 * a square of area M, sigma = 2.6e-5, textbook WMMSE).
 */
public final class Paper001 {
  /** Receive antennas per receiver (§IV-A). */
  public static final int RX_ANTENNAS = 3;
  /** Transmit antennas per transmitter (§IV-A). */
  public static final int TX_ANTENNAS = 5;
  /** Power budget per transmitter (not stated in the paper; the authors' code uses 1). */
  public static final double P_MAX = 1.0;
  /** Path-loss exponent alpha in the amplitude gain {@code 1 / (1 + l^alpha)} (§IV-A). */
  public static final double PATH_LOSS_EXPONENT = 3.0;
  /** Rician K-factor in dB (§IV-A, Fig. 2(c), Fig. 3(c)). */
  public static final double RICIAN_K_DB = 20.0;
  /** Noise variance of the authors' code: {@code 10^(-114/10)} ("-114 dB", §IV-C). */
  public static final double NOISE_CODE = Math.pow(10, -11.4);
  /** Noise variance of the paper's text: {@code sigma^2} with {@code sigma = 2.6e-5} (§IV-C). */
  public static final double NOISE_PAPER = 2.6e-5 * 2.6e-5;
  /** Diagonal loading of the authors' code in the receive and precoder inverses. */
  public static final double LOADING_CODE = 1e-4;
  /** WMMSE iterations of the "WMMSE" baseline (§IV-B: at most 100 per sample). */
  public static final int WMMSE_ITERATIONS = 100;
  /** Iterations of truncated WMMSE, matching the 3 UWMMSE layers at inference (§IV-B). */
  public static final int TRUNCATED_ITERATIONS = 3;
  /** Batch size of training and of the stored test batches (§IV-B). */
  public static final int BATCH = 64;
  /** Master seed of every channel stream of this paper (our choice; the paper gives none). */
  public static final long SEED = 1001;
  /**
   * Standard deviation of each real component of the CSI perturbation (§IV-G: {@code c, d ~ N(0, sigma_r)} with
   * sigma_r = 0.001, read as a standard deviation).
   */
  public static final double CSI_SIGMA = 1e-3;

  private Paper001() {}

  /** Returns the default network: profile {@link Profile#CODE}, Rayleigh fading. */
  public static MimoAdHoc network() {
    return Profile.CODE.rayleigh();
  }

  /** Returns the training sizes {10, 12, ..., 50} (Fig. 3(a)). */
  public static int[] trainingSizes() {
    return IntStream.rangeClosed(5, 25).map(i -> 2 * i).toArray();
  }

  /** Returns the interpolation test sizes {10, 11, ..., 50} (Fig. 3(a), 3(c)). */
  public static int[] interpolationSizes() {
    return IntStream.rangeClosed(10, 50).toArray();
  }

  /** Returns the extrapolation test sizes {55, ..., 100} (Fig. 3(b)), every integer. */
  public static int[] extrapolationSizes() {
    return IntStream.rangeClosed(55, 100).toArray();
  }

  /**
   * Returns the Gaussian-layout widths kappa of Fig. 4(a), {0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0}: each node coordinate
   * has standard deviation kappa L around the centre of the training layout (the paper gives no values; our grid).
   */
  public static double[] gaussianKappas() {
    return new double[] {0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0};
  }

  /** Returns the distortion rates of Fig. 4(c), {0, 0.1, ..., 1.0}. */
  public static double[] distortionRates() {
    return IntStream.rangeClosed(0, 10).mapToDouble(i -> i / 10.0).toArray();
  }

  /** The two setups of paper 001 (see the class comment). */
  public enum Profile {
    /** The authors' released code: the setup that reproduces the paper's numbers. */
    CODE(Geometry.HALF_NORMAL, NOISE_CODE, WmmseMimo.Rule.loaded(LOADING_CODE)),
    /** The paper's text. */
    PAPER(Geometry.UNIFORM_SQUARE, NOISE_PAPER, WmmseMimo.Rule.TEXTBOOK);

    private final Geometry placement;
    private final double noiseVariance;
    private final WmmseMimo.Rule baseline;

    Profile(Geometry placement, double noiseVariance, WmmseMimo.Rule baseline) {
      this.placement = placement;
      this.noiseVariance = noiseVariance;
      this.baseline = baseline;
    }

    /** Returns the node placement. */
    public Geometry placement() {
      return placement;
    }

    /** Returns the noise variance per receive antenna. */
    public double noiseVariance() {
      return noiseVariance;
    }

    /** Returns the update rule of the profile's "WMMSE" baseline. */
    public WmmseMimo.Rule baselineRule() {
      return baseline;
    }

    /** Returns the network generator of this profile with the given fading (R = 3, T = 5, P = 1, alpha = 3). */
    public MimoAdHoc network(Fading fading) {
      return new MimoAdHoc(RX_ANTENNAS, TX_ANTENNAS, placement, PATH_LOSS_EXPONENT, fading, noiseVariance, P_MAX);
    }

    /** Returns the Rayleigh network of this profile. */
    public MimoAdHoc rayleigh() {
      return network(Fading.rayleigh());
    }

    /** Returns the Rician (K = 20 dB) network of this profile. */
    public MimoAdHoc rician() {
      return network(Fading.rician(RICIAN_K_DB));
    }

    /**
     * Returns the Rayleigh network of this profile with the nodes i.i.d. Gaussian around the centre of its layout,
     * standard deviation {@code kappa L} per coordinate (L = M for CODE, sqrt(M) for PAPER; Fig. 4(a)); its batches
     * use streams of their own ({@link Geometry#gaussian}).
     */
    public MimoAdHoc gaussian(double kappa) {
      return rayleigh().withGeometry(Geometry.gaussian(placement, kappa));
    }

    /** Returns the profile's "WMMSE" baseline with the given number of iterations. */
    public MimoWmmse wmmse(int iterations) {
      return MimoWmmse.of(iterations).withRule(baseline);
    }
  }
}
