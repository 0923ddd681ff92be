package rrm.channel;

import java.util.SplittableRandom;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The MU-MIMO ad-hoc interference network of paper 001 (Chowdhury et al., §II and §IV-A): M transmitter-receiver
 * pairs, transmitters with N_t antennas, receivers with N_r antennas, every transmitter heard by every receiver.
 *
 * <p>Per sample: the M transmitter and M receiver positions are drawn independently ({@link Geometry}); the link from
 * transmitter j to receiver i has distance {@code l_ij = ||r_i - t_j||} and amplitude gain
 * {@code g_ij = 1 / (1 + l_ij^alpha)} (the paper: alpha = 3); every antenna pair fades independently:
 *
 * <pre>
 *   H[i, r, j, t] = g_ij F[i, j, r, t]
 *   Rayleigh: F = (a + i b) / sqrt(2),   a, b ~ N(0, 1)
 *   Rician:   F = a + i b,               a, b ~ N(m, s^2),  m = sqrt(k / (2 (k + 1))),  s = sqrt(1 / (2 (k + 1)))
 * </pre>
 *
 * with k the linear K-factor: {@code E|F|^2 = 1} and the line-of-sight part {@code m (1 + i)} is the same for every
 * antenna pair and link, as the paper writes it (§IV-A, K = 20 dB).
 *
 * <p>Output: a {@link MimoProblem} with channels {@code [B, M, N_r, M, N_t]} in the layout of every MIMO problem
 * ({@code H[b, i, :, j, :]} the channel from transmitter j to receiver i), the noise variance at every receiver and
 * the power budget of every transmitter.
 *
 * <p>Seeding: batch {@code n} of size M in split s under master seed S has the key
 * {@code stream(stream(stream(S, s.id()), M), n)} (moved to a stream of its own by a Gaussian layout,
 * {@link Geometry#streamKey}), and sample k of the batch is drawn from
 * {@code new SplittableRandom(stream(key, k))}: transmitter positions (M x 2, row-major), receiver positions (M x 2),
 * then the real parts of the fading array {@code [M, M, N_r, N_t]} (order i, j, r, t), then its imaginary parts. So
 * any batch, and any sample, is reproducible on its own and independent of the thread count.
 *
 * <pre>{@code
 * MimoAdHoc net = Paper001.Profile.CODE.network(Fading.rayleigh());
 * MimoProblem p = net.batch(Paper001.SEED, Split.TEST, 20, 0, 64);    // 64 samples, M = 20
 * }</pre>
 *
 * @param rxAntennas N_r >= 1
 * @param txAntennas N_t >= 1
 * @param placement how positions are drawn
 * @param pathLossExponent alpha > 0 in {@code g = 1 / (1 + l^alpha)}
 * @param fading Rayleigh or Rician
 * @param noiseVariance sigma^2 per receive antenna, >= 0 and finite
 * @param pMax power budget of every transmitter, > 0 and finite
 */
public record MimoAdHoc(int rxAntennas, int txAntennas, Geometry placement, double pathLossExponent, Fading fading,
    double noiseVariance, double pMax) {

  /**
   * How the 2M node positions of a sample are drawn (transmitters and receivers independently, same law), as
   * {@code pos[4M]}: the M transmitters, then the M receivers, each as (x, y).
   *
   * <p>{@link #HALF_NORMAL} and {@link #UNIFORM_SQUARE} are the two training layouts of paper 001;
   * {@link #gaussian} places the nodes around the centre of such a layout (Fig. 4(a)). A layout may move a batch to
   * its own random streams ({@link #streamKey}): the Gaussian layouts do, so their test batches never coincide with the
   * training, validation or test batches of the training layout, whatever the split.
   */
  public sealed interface Geometry permits Geometry.HalfNormal, Geometry.UniformSquare, Geometry.Gaussian {
    /** Each coordinate is {@code M |z|}, z ~ N(0, 1): the authors' released code (half-normal scaled by M). */
    Geometry HALF_NORMAL = new HalfNormal();
    /** Uniform in the square {@code [0, sqrt(M)]^2} of area M: the paper's text (§IV-A, §IV-E). */
    Geometry UNIFORM_SQUARE = new UniformSquare();

    /**
     * Returns the layout whose 2M nodes are i.i.d. {@code N(c, s^2 I_2)}, not clipped, with c the centre of
     * {@code around} ({@link #centre}) and {@code s = kappa L}, L the length scale of {@code around} ({@link #length}).
     * Throws naming {@code kappa} unless it is > 0 and finite.
     */
    static Geometry gaussian(Geometry around, double kappa) {
      return new Gaussian(around, kappa);
    }

    /** Fills {@code pos[4M]} with the positions of one sample from {@code rng} (transmitters, then receivers). */
    void draw(SplittableRandom rng, int m, double[] pos);

    /** Returns the mean of each coordinate of a node at size M (the layout's centre is {@code (c, c)}). */
    double centre(int m);

    /** Returns the length scale L of the layout at size M: M for the half-normal layout, sqrt(M) for the square. */
    double length(int m);

    /**
     * Returns the key of a batch of this layout given the batch key of {@link MimoAdHoc#batchKey}: that key itself
     * for the training layouts (so their batches never change), another stream for the others.
     */
    default long streamKey(long batchKey) {
      return batchKey;
    }

    /** The half-normal layout: each coordinate {@code M |z|}; centre {@code M sqrt(2 / pi)}, length M. */
    record HalfNormal() implements Geometry {
      @Override
      public void draw(SplittableRandom rng, int m, double[] pos) {
        for (int k = 0; k < 4 * m; k++) pos[k] = m * Math.abs(Random.normal(rng));
      }

      @Override
      public double centre(int m) {
        return m * Math.sqrt(2 / Math.PI);
      }

      @Override
      public double length(int m) {
        return m;
      }

      @Override
      public String toString() {
        return "HALF_NORMAL";
      }
    }

    /** The uniform layout on {@code [0, sqrt(M)]^2}; centre {@code sqrt(M) / 2}, length {@code sqrt(M)}. */
    record UniformSquare() implements Geometry {
      @Override
      public void draw(SplittableRandom rng, int m, double[] pos) {
        double side = Math.sqrt(m);
        for (int k = 0; k < 4 * m; k++) pos[k] = side * rng.nextDouble();
      }

      @Override
      public double centre(int m) {
        return Math.sqrt(m) / 2;
      }

      @Override
      public double length(int m) {
        return Math.sqrt(m);
      }

      @Override
      public String toString() {
        return "UNIFORM_SQUARE";
      }
    }

    /**
     * Gaussian layout (paper 001, Fig. 4(a), which gives no parameters): every coordinate is
     * {@code c + kappa L z}, z ~ N(0, 1), with c and L the centre and length scale of {@code around}; no clipping.
     * Its batches use the stream {@link #STREAM} of the batch key, and the same one for every kappa, so the layouts
     * of two values of kappa are the same standard draws scaled (and share their fading): a curve over kappa compares
     * like with like.
     *
     * @param around the layout whose centre and length scale are used (not itself Gaussian)
     * @param kappa the standard deviation of each coordinate in units of L, > 0 and finite
     */
    record Gaussian(Geometry around, double kappa) implements Geometry {
      /** Index of the Gaussian layouts' stream under a batch key: negative, so no sample or batch index uses it. */
      public static final long STREAM = -41;

      /** Checks the arguments. */
      public Gaussian {
        if (around == null) throw new IllegalArgumentException("MimoAdHoc.Geometry.gaussian: around must not be null");
        if (around instanceof Gaussian) {
          throw new IllegalArgumentException("MimoAdHoc.Geometry.gaussian: around must be a training layout "
              + "(HALF_NORMAL or UNIFORM_SQUARE), got " + around);
        }
        if (!(kappa > 0) || !Double.isFinite(kappa)) {
          throw new IllegalArgumentException("MimoAdHoc.Geometry.gaussian: kappa (standard deviation / L) must be > 0 "
              + "and finite, got " + kappa);
        }
      }

      /** Returns the standard deviation {@code s = kappa L} of each coordinate at size M. */
      public double sd(int m) {
        return kappa * around.length(m);
      }

      @Override
      public void draw(SplittableRandom rng, int m, double[] pos) {
        double c = around.centre(m), s = sd(m);
        for (int k = 0; k < 4 * m; k++) pos[k] = c + s * Random.normal(rng);
      }

      @Override
      public double centre(int m) {
        return around.centre(m);
      }

      @Override
      public double length(int m) {
        return around.length(m);
      }

      @Override
      public long streamKey(long batchKey) {
        return Random.stream(batchKey, STREAM);
      }

      @Override
      public String toString() {
        return "GAUSSIAN(kappa = " + kappa + " around " + around + ")";
      }
    }
  }

  /**
   * Small-scale fading of every antenna pair.
   *
   * @param rician whether a line-of-sight part is present
   * @param kFactorDb the K-factor in dB (>= 0) when Rician; ignored (0) for Rayleigh
   */
  public record Fading(boolean rician, double kFactorDb) {
    public Fading {
      if (rician && (!(kFactorDb >= 0) || !Double.isFinite(kFactorDb))) {
        throw new IllegalArgumentException("MimoAdHoc.Fading: the Rician K-factor must be >= 0 dB and finite, got "
            + kFactorDb + " dB");
      }
      if (!rician) kFactorDb = 0;
    }

    /** Returns Rayleigh fading, CN(0, 1) per antenna pair. */
    public static Fading rayleigh() {
      return new Fading(false, 0);
    }

    /** Returns Rician fading with K-factor {@code kDb} dB (>= 0; the paper: 20). */
    public static Fading rician(double kDb) {
      return new Fading(true, kDb);
    }

    /** Returns the linear K-factor {@code 10^(K_dB / 10)} (0 for Rayleigh). */
    public double kLinear() {
      return rician ? Math.pow(10, kFactorDb / 10) : 0;
    }

    @Override
    public String toString() {
      return rician ? "Rician(K = " + kFactorDb + " dB)" : "Rayleigh";
    }
  }

  public MimoAdHoc {
    String op = "MimoAdHoc";
    if (rxAntennas < 1) {
      throw new IllegalArgumentException(op + ": rxAntennas (N_r) must be >= 1, got " + rxAntennas);
    }
    if (txAntennas < 1) {
      throw new IllegalArgumentException(op + ": txAntennas (N_t) must be >= 1, got " + txAntennas);
    }
    if (placement == null) throw new IllegalArgumentException(op + ": placement must not be null");
    if (!(pathLossExponent > 0) || !Double.isFinite(pathLossExponent)) {
      throw new IllegalArgumentException(op + ": pathLossExponent must be > 0 and finite, got " + pathLossExponent);
    }
    if (fading == null) throw new IllegalArgumentException(op + ": fading must not be null");
    if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
      throw new IllegalArgumentException(op + ": noiseVariance must be >= 0 and finite, got " + noiseVariance);
    }
    if (!(pMax > 0) || !Double.isFinite(pMax)) {
      throw new IllegalArgumentException(op + ": pMax must be > 0 and finite, got " + pMax);
    }
  }

  /** Returns a copy with other antenna counts. */
  public MimoAdHoc withAntennas(int nr, int nt) {
    return new MimoAdHoc(nr, nt, placement, pathLossExponent, fading, noiseVariance, pMax);
  }

  /** Returns a copy with another placement. */
  public MimoAdHoc withGeometry(Geometry p) {
    return new MimoAdHoc(rxAntennas, txAntennas, p, pathLossExponent, fading, noiseVariance, pMax);
  }

  /** Returns a copy with another fading law. */
  public MimoAdHoc withFading(Fading f) {
    return new MimoAdHoc(rxAntennas, txAntennas, placement, pathLossExponent, f, noiseVariance, pMax);
  }

  /** Returns a copy with another noise variance. */
  public MimoAdHoc withNoiseVariance(double sigma2) {
    return new MimoAdHoc(rxAntennas, txAntennas, placement, pathLossExponent, fading, sigma2, pMax);
  }

  /** Returns a copy with another power budget. */
  public MimoAdHoc withPMax(double p) {
    return new MimoAdHoc(rxAntennas, txAntennas, placement, pathLossExponent, fading, noiseVariance, p);
  }

  /**
   * Returns batch {@code batchIndex} (>= 0) of {@code batchSize} samples of M = {@code size} pairs in {@code split}
   * under {@code seed}, as a problem with channels {@code [batchSize, M, N_r, M, N_t]}.
   */
  public MimoProblem batch(long seed, Split split, int size, long batchIndex, int batchSize) {
    return MimoProblem.of(channels(seed, split, size, batchIndex, batchSize), noiseVariance, pMax);
  }

  /** Returns the channels {@code [batchSize, M, N_r, M, N_t]} of {@link #batch}. */
  public Tensor channels(long seed, Split split, int size, long batchIndex, int batchSize) {
    String op = "MimoAdHoc.channels";
    if (split == null) throw new IllegalArgumentException(op + ": split must not be null");
    if (size < 1) throw new IllegalArgumentException(op + ": size (number of pairs M) must be >= 1, got " + size);
    if (batchIndex < 0) throw new IllegalArgumentException(op + ": batchIndex must be >= 0, got " + batchIndex);
    if (batchSize < 1) throw new IllegalArgumentException(op + ": batchSize must be >= 1, got " + batchSize);
    long key = placement.streamKey(batchKey(seed, split, size, batchIndex));
    int m = size, nr = rxAntennas, nt = txAntennas;
    int per = Math.multiplyExact(Math.multiplyExact(m * m, nr), nt);
    double[] re = new double[Math.multiplyExact(batchSize, per)];
    double[] im = new double[re.length];
    Parallel.forRange(batchSize, Parallel.grain(60L * per), (lo, hi) -> {
      double[] gain = new double[m * m];
      double[] fr = new double[per];
      for (int b = lo; b < hi; b++) {
        SplittableRandom rng = new SplittableRandom(Random.stream(key, b));
        gains(rng, m, gain);
        drawSample(rng, gain, m, fr, re, im, b * per);
      }
    });
    return Tensor.complex(re, im, batchSize, m, nr, m, nt);
  }

  /**
   * Returns the node positions of sample {@code sample} of {@link #batch}: {@code [2M, 2]} with the transmitters in
   * rows {@code 0..M-1} and the receivers in rows {@code M..2M-1} (the same draws the channels use).
   */
  public Tensor positions(long seed, Split split, int size, long batchIndex, int sample) {
    return Tensor.of(drawPositions(sampleRng(seed, split, size, batchIndex, sample), size), 2 * size, 2);
  }

  /**
   * Returns the amplitude gains {@code g_ij = 1 / (1 + l_ij^alpha)} of sample {@code sample} of {@link #batch}:
   * {@code [M, M]}, row = receiver i, column = transmitter j.
   */
  public Tensor gains(long seed, Split split, int size, long batchIndex, int sample) {
    double[] g = new double[size * size];
    gains(sampleRng(seed, split, size, batchIndex, sample), size, g);
    return Tensor.of(g, size, size);
  }

  private SplittableRandom sampleRng(long seed, Split split, int size, long batchIndex, int sample) {
    if (split == null) throw new IllegalArgumentException("MimoAdHoc: split must not be null");
    if (size < 1) throw new IllegalArgumentException("MimoAdHoc: size (number of pairs M) must be >= 1, got " + size);
    if (batchIndex < 0 || sample < 0) {
      throw new IllegalArgumentException("MimoAdHoc: batchIndex and sample must be >= 0, got " + batchIndex + " and "
          + sample);
    }
    return new SplittableRandom(Random.stream(placement.streamKey(batchKey(seed, split, size, batchIndex)), sample));
  }

  /** Returns the key of batch {@code batchIndex} of size-{@code size} batches in {@code split} under {@code seed}. */
  public static long batchKey(long seed, Split split, int size, long batchIndex) {
    return Random.stream(Random.stream(Random.stream(seed, split.id()), size), batchIndex);
  }

  /** Draws the positions and writes the amplitude gains {@code g[i * M + j]} (transmitter j to receiver i). */
  private void gains(SplittableRandom rng, int m, double[] gain) {
    double[] pos = drawPositions(rng, m);
    for (int i = 0; i < m; i++) {
      double rx = pos[2 * m + 2 * i], ry = pos[2 * m + 2 * i + 1];
      for (int j = 0; j < m; j++) {
        double l = Math.hypot(rx - pos[2 * j], ry - pos[2 * j + 1]);
        gain[i * m + j] = 1.0 / (1.0 + Math.pow(l, pathLossExponent));
      }
    }
  }

  /** Draws the 2M positions (transmitters, then receivers; x then y). */
  private double[] drawPositions(SplittableRandom rng, int m) {
    double[] pos = new double[4 * m];
    placement.draw(rng, m, pos);
    return pos;
  }

  /** Draws the fading (real parts, then imaginary parts, order i, j, r, t) and writes g * F in channel layout. */
  private void drawSample(SplittableRandom rng, double[] gain, int m, double[] fr, double[] re, double[] im, int o) {
    int nr = rxAntennas, nt = txAntennas;
    double k = fading.kLinear();
    double mean = fading.rician() ? Math.sqrt(k / (2 * (k + 1))) : 0;
    double sd = fading.rician() ? Math.sqrt(1 / (2 * (k + 1))) : Math.sqrt(0.5);
    for (int part = 0; part < 2; part++) {
      double[] out = part == 0 ? re : im;
      Random.normals(rng, fr, 0, fr.length);
      int n = 0;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          double g = gain[i * m + j];
          for (int r = 0; r < nr; r++) {
            int row = o + ((i * nr + r) * m + j) * nt;
            for (int t = 0; t < nt; t++) out[row + t] = g * (mean + sd * fr[n++]);
          }
        }
      }
    }
  }
}
