package rrm.paper.p000;

import java.util.ArrayList;
import java.util.List;
import rrm.channel.UrllcDownlink;

/**
 * Scenario presets and seeds of He, Xiong, An, Zhang, Huang, Zhang, "An Unsupervised Deep Unrolling Framework for
 * Constrained Optimization Problems in Wireless Networks" (USRMNet): the URLLC downlink of §IV with
 * epsilon = 1e-5, D = 256 bits, noise variance 1, users at 120-140 m unless a table says otherwise.
 *
 * <p>Table I has four blocks (SNR, N_t, n) times K in {4, 6, 8, 10}. Its fourth block is printed as
 * "N_t = 256, n = 128"; its HeBF values exceed the third block's by the shift that changing n from 128 to 256 causes
 * on the same channels (about 0.11 nats), so it is read here as SNR 20 dB, N_t = 32, n = 256. Table II trains on (120, 140) m or (100, 140) m and tests on four other annuli; the printed test annuli of
 * the (100, 140) block do not fit its HeBF values, so {@link #TABLE2_INFERRED_ANNULI} lists the annuli that do.
 */
public final class Paper000 {
  /** Decoding error probability epsilon (§IV). */
  public static final double ERROR_PROBABILITY = 1e-5;
  /** Bits per packet D (§IV). */
  public static final int PACKET_BITS = 256;
  /** Training samples per configuration (§IV). */
  public static final int TRAIN_SAMPLES = 10_000;
  /** Test samples per configuration (§IV). */
  public static final int TEST_SAMPLES = 5_000;
  /** Annulus of Table I and of Figs. 5-7, metres. */
  public static final double[] BASE_ANNULUS = {120, 140};
  /** The two training annuli of Table II, metres. */
  public static final double[][] TABLE2_TRAIN_ANNULI = {{120, 140}, {100, 140}};
  /** The test annuli printed in Table II's column headers, metres. */
  public static final double[][] TABLE2_TEST_ANNULI = {{100, 120}, {140, 160}, {160, 180}, {180, 200}};
  /** The test annuli that fit the HeBF values of Table II's (100, 140) block (inferred, not printed). */
  public static final double[][] TABLE2_INFERRED_ANNULI = {{140, 180}, {150, 190}, {160, 200}, {180, 220}};
  /** Users K of Tables I-III. */
  public static final int[] USERS = {4, 6, 8, 10};

  /** One (SNR, N_t, n) block of Table I. */
  public record Block(double snrDb, int antennas, int blocklength) {}

  /** The four blocks of Table I, in the paper's order (the fourth read as N_t = 32, n = 256). */
  public static final List<Block> TABLE1_BLOCKS = List.of(new Block(15, 32, 256), new Block(15, 64, 128),
      new Block(20, 32, 128), new Block(20, 32, 256));

  private Paper000() {}

  /** Returns the scenario of one configuration on the base annulus (120, 140) m. */
  public static UrllcDownlink scenario(double snrDb, int antennas, int blocklength, int users) {
    return UrllcDownlink.of(users, antennas, snrDb, BASE_ANNULUS[0], BASE_ANNULUS[1], blocklength,
        ERROR_PROBABILITY, PACKET_BITS);
  }

  /** Returns the configuration of Figs. 5-6 (§IV-A): K = 6, N_t = 64, SNR 15 dB, n = 128, (120, 140) m. */
  public static UrllcDownlink base() {
    return scenario(15, 64, 128, 6);
  }

  /** Returns the 16 Table I cells, block by block, K increasing within a block. */
  public static List<UrllcDownlink> tableOne() {
    List<UrllcDownlink> out = new ArrayList<>();
    for (Block b : TABLE1_BLOCKS) {
      for (int k : USERS) out.add(scenario(b.snrDb(), b.antennas(), b.blocklength(), k));
    }
    return out;
  }

  /** Returns the Table II scenario (SNR 15 dB, N_t = 32, n = 256) with K users on the annulus [dMin, dMax]. */
  public static UrllcDownlink tableTwo(int users, double dMin, double dMax) {
    return scenario(15, 32, 256, users).withAnnulus(dMin, dMax);
  }

  /**
   * Returns the operation count of HeBF in Table III (§IV-D): {@code F ((K^2 + 3K)^3.5 + N_t^2.7 + K N_t^3)}, the
   * cost of solving problem (10) per [7] plus the beam update (9), for F beamformer updates.
   */
  public static double hebfComplexity(int users, int antennas, int updates) {
    int k = users;
    return updates * (Math.pow(k * k + 3.0 * k, 3.5) + Math.pow(antennas, 2.7) + k * Math.pow(antennas, 3));
  }

  /**
   * Returns the operation count of USRMNet in Table III (§IV-D) for L layers with one filter tap, feature sizes
   * {5, 32, 2} and {K + 5, 32, 5}, M = 5K variables and N_h = 5K + 1 simple constraints (inferred: the paper does not
   * state N_h; this count reproduces its K = 4, 8, 10 values):
   * {@code L [K N_t^3 + 2 K^2 N_t + sum_f (K^2 + K^2 p_f^eta) + sum_f (K^2 + K^2 p_f^x) + M N_h + M]}.
   */
  public static double usrmnetComplexity(int users, int antennas, int layers) {
    double k = users, m = 5 * k, nh = 5 * k + 1;
    int[] eta = {5, 32, 2}, x = {users + 5, 32, 5};
    double nets = 0;
    for (int f = 0; f < 3; f++) nets += (k * k + k * k * eta[f]) + (k * k + k * k * x[f]);
    return layers * (k * Math.pow(antennas, 3) + 2 * k * k * antennas + nets + m * nh + m);
  }

  /** Returns the training-stream seed of configuration index {@code cfg}: 1000 + cfg. */
  public static long trainSeed(int cfg) {
    return 1000L + cfg;
  }

  /** Returns the test-stream seed of configuration index {@code cfg}: 2000 + cfg. */
  public static long testSeed(int cfg) {
    return 2000L + cfg;
  }
}
