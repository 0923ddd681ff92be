package rrm.paper.p003;

import java.util.List;
import rrm.channel.D2dLayout;
import rrm.channel.D2dPowerControl;
import rrm.channel.GaussianIc;
import rrm.channel.MisoD2d;

/**
 * The constants of paper 003 (Shen, Shi, Zhang, Letaief, "Graph neural networks for scalable radio resource
 * management: architecture design and theoretical analysis", IEEE JSAC 2021): scenario presets, sizes, sample
 * counts and seeds. Nothing outside this package knows them.
 *
 * <p>Where the paper is silent (test-set sizes, the 1 m cross-distance rule, the channel-model details of its
 * reference [19]) the values follow the authors' public code; the project's reproduction notes for paper 003 say so
 * case by case.
 */
public final class Paper003 {
  private Paper003() {}

  /** Sec. V-A: numbers of pairs of the Gaussian interference channel (Table I). */
  public static final List<Integer> GAUSSIAN_PAIRS = List.of(10, 30, 50);
  /** Sec. V-A: SNRs of the Gaussian interference channel in dB (Table I). */
  public static final List<Double> GAUSSIAN_SNR_DB = List.of(0.0, 10.0);
  /** Sec. V-A: WMMSE iterations of every baseline. */
  public static final int WMMSE_ITERATIONS = 100;
  /** Sec. V-A, V-B: training samples of WCGCN. */
  public static final int TRAIN_SAMPLES = 10_000;
  /** Sec. V-A: training samples of PCNet. */
  public static final int PCNET_TRAIN_SAMPLES = 10_000_000;
  /** Sec. V-C: training samples of the beamforming WCGCN. */
  public static final int BF_TRAIN_SAMPLES = 50_000;
  /** Test samples of the Gaussian IC (not in the paper; the authors' code uses 2000). */
  public static final int GAUSSIAN_TEST_SAMPLES = 2000;
  /** Test layouts at K = 50 (not in the paper; the authors' code uses 500 for power control). */
  public static final int D2D_TEST_SAMPLES = 500;
  /** Test layouts per size of the generalisation tables (not in the paper; the authors' code uses 50). */
  public static final int GENERALISATION_TEST_SAMPLES = 50;

  /** Sec. V-B, V-C: the base setting, K = 50 pairs in a 1000 m square. */
  public static final int BASE_PAIRS = 50;
  /** Sec. V-B, V-C: side of the base square, metres. */
  public static final double BASE_SIDE = 1000;
  /** Sec. V-B: CSI of link j -> k is known to WCGCN iff it is at most this long, metres. */
  public static final double CSI_RADIUS = 500;
  /** Area per pair of the same-density tests (Tables III, VI): {@code 1000^2 / 50} m^2. */
  public static final double AREA_PER_PAIR = BASE_SIDE * BASE_SIDE / BASE_PAIRS;
  /** Authors' code: every cross link of a power-control layout is longer than 1 m. */
  public static final double MIN_CROSS_DISTANCE = 1;
  /** Sec. V-C: transmit antennas of the beamforming experiments. */
  public static final int BF_ANTENNAS = 2;

  /** The direct-link length ranges (d_min, d_max) of Tables II and V, metres. */
  public static final List<double[]> DISTANCE_RANGES = List.of(
      new double[] {2, 65}, new double[] {10, 50}, new double[] {30, 70}, new double[] {30, 30});
  /** Table III and VI: same-density sizes. */
  public static final List<Integer> SAME_DENSITY_PAIRS = List.of(200, 400, 600, 800, 1000);
  /** Table IV and VII: fixed-area (A = 1000 m) sizes. */
  public static final List<Integer> DENSER_PAIRS = List.of(100, 200, 300, 400, 500);

  /** Seed of the Gaussian IC training stream. */
  public static final long GAUSSIAN_TRAIN_SEED = 3001;
  /** Seed of the Gaussian IC test stream. */
  public static final long GAUSSIAN_TEST_SEED = 3002;
  /** Seed of the D2D power-control training stream. */
  public static final long D2D_TRAIN_SEED = 3011;
  /** Seed of the D2D power-control test streams (the generalisation sizes use {@code seed + K}). */
  public static final long D2D_TEST_SEED = 3012;
  /** Seed of the beamforming training stream. */
  public static final long BF_TRAIN_SEED = 3021;
  /** Seed of the beamforming test streams (the generalisation sizes use {@code seed + K}). */
  public static final long BF_TEST_SEED = 3022;

  /** Returns the Table I scenario for K pairs at the given SNR. */
  public static GaussianIc gaussian(int pairs, double snrDb) {
    return new GaussianIc(pairs, snrDb);
  }

  /** Returns the power-control layout of K pairs in an {@code side x side} square with direct links in [dMin, dMax]. */
  public static D2dLayout powerControlLayout(int pairs, double side, double dMin, double dMax) {
    return new D2dLayout(pairs, side, dMin, dMax, MIN_CROSS_DISTANCE);
  }

  /** Returns the weighted D2D power-control scenario of Sec. V-B (w ~ U[0, 1]) on the given layout. */
  public static D2dPowerControl powerControl(D2dLayout layout) {
    return D2dPowerControl.of(layout, true);
  }

  /** Returns the Sec. V-B scenario at the base setting with direct links in [dMin, dMax]. */
  public static D2dPowerControl powerControl(double dMin, double dMax) {
    return powerControl(powerControlLayout(BASE_PAIRS, BASE_SIDE, dMin, dMax));
  }

  /** Returns the Table III scenario: K pairs at the base density ({@code A = sqrt(20000 K)}). */
  public static D2dPowerControl powerControlSameDensity(int pairs, double dMin, double dMax) {
    return powerControl(D2dLayout.sameDensity(pairs, AREA_PER_PAIR, dMin, dMax, MIN_CROSS_DISTANCE));
  }

  /** Returns the Sec. V-C beamforming scenario (N_t = 2, no cross-distance rule) on K pairs in a square of side A. */
  public static MisoD2d beamforming(int pairs, double side, double dMin, double dMax) {
    return MisoD2d.of(new D2dLayout(pairs, side, dMin, dMax, 0), BF_ANTENNAS);
  }

  /** Returns the Table VI scenario: K pairs at the base density. */
  public static MisoD2d beamformingSameDensity(int pairs, double dMin, double dMax) {
    return MisoD2d.of(D2dLayout.sameDensity(pairs, AREA_PER_PAIR, dMin, dMax, 0), BF_ANTENNAS);
  }
}
