package rrm.channel;

import java.util.Arrays;
import java.util.SplittableRandom;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * MISO beamforming in a D2D network (paper 003 Sec. V-C, Tables V-VII, Fig. 4): a {@link D2dLayout} per sample,
 * transmitters with {@code N_t} antennas, single-antenna receivers, and the large-scale law of the authors' code
 * with shadowing drawn per antenna element:
 *
 * <pre>
 *   h_ij[n] = sqrt(beta_ijn) c_ijn,   beta_ijn = C / (d_ij^alpha 10^(S s_ijn / 20)),   c ~ CN(0, 1),  s ~ N(0, 1)
 * </pre>
 *
 * with {@code d_ij = ||tx_j - rx_i||}, {@code C = 4.4e5}, {@code alpha = 1.88} and {@code S = 6.3} (a dB figure
 * divided by 20 on a power: an effective shadowing deviation of 3.15 dB). Noise variance 1 and {@code P_max = 1}, so
 * beta is the SNR at full power (50.8 dB at 2 m, 5.7 dB at 500 m).
 *
 * <p>Channels are returned as a {@link MimoProblem} with N_r = 1 in the library layout {@code H [B, K, 1, K, N_t]},
 * {@code H[b, i, 0, j, :]} the row that transmitter j's signal meets at receiver i ({@code y_i = sum_j H_ij v_j}).
 * The paper writes {@code h_{j,i}^H v_j}; since CN(0, 1) is invariant under conjugation the row is drawn directly.
 *
 * <p>Seeding: sample n of stream s draws from {@code new SplittableRandom(Random.stream(s, n))}: the placement, then
 * per (receiver i, transmitter j, antenna n) row-major the shadowing s and the fading (Re c, Im c), then the K
 * weights if weighted. Only the requested samples are built: at K = 1000, N_t = 2 one sample holds 32 MB of channels,
 * so stream large test sets with {@link #sample} or small batches.
 *
 * @param layout the geometry (the authors use no cross-distance rule here)
 * @param antennas N_t >= 1
 * @param gainConstant C > 0
 * @param exponent alpha > 0
 * @param shadowScale S >= 0
 * @param weighted whether rate weights {@code U[0, 1]} are drawn (otherwise sum rate)
 */
public record MisoD2d(D2dLayout layout, int antennas, double gainConstant, double exponent, double shadowScale,
    boolean weighted) {
  public MisoD2d {
    String op = "MisoD2d";
    if (layout == null) throw new IllegalArgumentException(op + ": layout must not be null");
    if (antennas < 1) throw new IllegalArgumentException(op + ": antennas N_t must be >= 1, got " + antennas);
    if (!(gainConstant > 0) || !Double.isFinite(gainConstant)) {
      throw new IllegalArgumentException(op + ": gainConstant must be > 0 and finite, got " + gainConstant);
    }
    if (!(exponent > 0) || !Double.isFinite(exponent)) {
      throw new IllegalArgumentException(op + ": exponent must be > 0 and finite, got " + exponent);
    }
    if (!(shadowScale >= 0) || !Double.isFinite(shadowScale)) {
      throw new IllegalArgumentException(op + ": shadowScale must be >= 0 and finite, got " + shadowScale);
    }
    if (layout.minDistance() == 0 && layout.dMin() == 0) {
      throw new IllegalArgumentException(op + ": a link of length 0 has an infinite gain; give the layout dMin > 0 "
          + "or minDistance > 0, got " + layout);
    }
  }

  /** Returns the paper's scenario on {@code layout} with N_t antennas: C = 4.4e5, alpha = 1.88, S = 6.3, sum rate. */
  public static MisoD2d of(D2dLayout layout, int antennas) {
    return new MisoD2d(layout, antennas, 4.4e5, 1.88, 6.3, false);
  }

  /** Returns a copy on another layout. */
  public MisoD2d withLayout(D2dLayout l) {
    return new MisoD2d(l, antennas, gainConstant, exponent, shadowScale, weighted);
  }

  /** Returns the mean large-scale gain (no shadowing) at distance d: {@code C / d^alpha}. */
  public double pathGain(double d) {
    return gainConstant / Math.pow(d, exponent);
  }

  /** Returns samples {@code [from, from + count)} of stream {@code seed}: the problem and its placements. */
  public D2dSamples<MimoProblem> samples(long seed, long from, int count) {
    if (from < 0) throw new IllegalArgumentException("MisoD2d.samples: from must be >= 0, got " + from);
    if (count < 1) throw new IllegalArgumentException("MisoD2d.samples: count must be >= 1, got " + count);
    int k = layout.pairs(), nt = antennas, per = k * k * nt;
    double[] re = new double[count * per], im = new double[count * per];
    double[] w = weighted ? new double[count * k] : null;
    Placement[] places = new Placement[count];
    Parallel.forRange(count, 1, (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        SplittableRandom rng = new SplittableRandom(Random.stream(seed, from + b));
        places[b] = layout.drop(rng);
        fill(places[b], rng, re, im, b * per);
        if (w != null) for (int i = 0; i < k; i++) w[b * k + i] = rng.nextDouble();
      }
    });
    MimoProblem p = MimoProblem.of(Tensor.complex(re, im, count, k, 1, k, nt), 1.0, 1.0);
    if (w != null) p = p.withWeights(Tensor.of(w, count, k));
    return new D2dSamples<>(p, Arrays.asList(places));
  }

  /** Returns sample {@code index} of stream {@code seed} alone (a batch of one). */
  public D2dSamples<MimoProblem> sample(long seed, long index) {
    return samples(seed, index, 1);
  }

  private void fill(Placement place, SplittableRandom rng, double[] re, double[] im, int at) {
    int k = place.pairs(), nt = antennas;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double mean = pathGain(place.distance(j, i));
        for (int n = 0; n < nt; n++) {
          double beta = mean / Math.pow(10, shadowScale * Random.normal(rng) / 20);
          double s = Math.sqrt(0.5 * beta);
          int e = at + (i * k + j) * nt + n;
          re[e] = s * Random.normal(rng);
          im[e] = s * Random.normal(rng);
        }
      }
    }
  }
}
