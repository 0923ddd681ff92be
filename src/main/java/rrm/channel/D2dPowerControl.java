package rrm.channel;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * Weighted sum-rate power control in a D2D network (paper 003 Sec. V-B, Tables II-IV): a {@link D2dLayout} per
 * sample, ITU-R P.1411 path loss ({@link Itu1411}), log-normal shadowing and Rayleigh fading on every link, rate
 * weights {@code w_k ~ U[0, 1]}.
 *
 * <pre>
 *   g_ij = 10^((-PL(d_ij) + G [i = j] + X_ij) / 10) * (a_ij^2 + b_ij^2) / 2,   X ~ N(0, shadowDb^2), a, b ~ N(0, 1)
 * </pre>
 *
 * with {@code d_ij = ||tx_j - rx_i||} (row = receiver) and G the direct-link antenna gain. The problem is normalised
 * by the transmit power: powers are fractions of {@code P_tx} ({@code P_max = 1}), and the noise variance is
 * {@code N_0 W / P_tx} (-169 dBm/Hz over 5 MHz against 40 dBm in the paper's setting: 6.29e-15).
 *
 * <p>Seeding: sample n of stream s draws from {@code new SplittableRandom(Random.stream(s, n))}: the placement
 * ({@link D2dLayout#drop}), then per link, row-major over {@code [K, K]}, the shadowing X and the fading (a, b), then
 * the K weights. Samples are independent and reproducible alone; nothing larger than the requested batch is built.
 *
 * @param layout the geometry
 * @param pathLoss the large-scale law
 * @param shadowDb standard deviation of the log-normal shadowing in dB, >= 0
 * @param txPowerDbm transmit power at full power, dBm
 * @param noiseDbmPerHz noise spectral density, dBm/Hz
 * @param bandwidthHz bandwidth, Hz, > 0
 * @param weighted whether rate weights {@code U[0, 1]} are drawn (otherwise the problem has no weights: sum rate)
 */
public record D2dPowerControl(D2dLayout layout, Itu1411 pathLoss, double shadowDb, double txPowerDbm,
    double noiseDbmPerHz, double bandwidthHz, boolean weighted) {

  public D2dPowerControl {
    String op = "D2dPowerControl";
    if (layout == null || pathLoss == null) {
      throw new IllegalArgumentException(op + ": layout and pathLoss must not be null");
    }
    if (!(shadowDb >= 0) || !Double.isFinite(shadowDb)) {
      throw new IllegalArgumentException(op + ": shadowDb must be >= 0 and finite, got " + shadowDb);
    }
    if (!Double.isFinite(txPowerDbm) || !Double.isFinite(noiseDbmPerHz)) {
      throw new IllegalArgumentException(op + ": txPowerDbm and noiseDbmPerHz must be finite, got " + txPowerDbm
          + " and " + noiseDbmPerHz);
    }
    if (!(bandwidthHz > 0) || !Double.isFinite(bandwidthHz)) {
      throw new IllegalArgumentException(op + ": bandwidthHz must be > 0 and finite, got " + bandwidthHz);
    }
    if (layout.minDistance() == 0 && layout.dMin() == 0) {
      throw new IllegalArgumentException(op + ": a link of length 0 has no path loss; give the layout dMin > 0 or "
          + "minDistance > 0, got " + layout);
    }
  }

  /** Returns the paper's scenario on {@code layout}: ITU-1411, 2.4 GHz, 8 dB shadowing, 40 dBm, -169 dBm/Hz, 5 MHz. */
  public static D2dPowerControl of(D2dLayout layout, boolean weighted) {
    return new D2dPowerControl(layout, Itu1411.D2D, 8, 40, -169, 5e6, weighted);
  }

  /** Returns a copy on another layout (e.g. a larger K for the generalisation tests). */
  public D2dPowerControl withLayout(D2dLayout l) {
    return new D2dPowerControl(l, pathLoss, shadowDb, txPowerDbm, noiseDbmPerHz, bandwidthHz, weighted);
  }

  /** Returns the normalised noise variance {@code N_0 W / P_tx}. */
  public double noiseVariance() {
    return Math.pow(10, (noiseDbmPerHz + 10 * Math.log10(bandwidthHz) - txPowerDbm) / 10);
  }

  /** Returns samples {@code [from, from + count)} of stream {@code seed}: the problem and its placements. */
  public D2dSamples<SisoProblem> samples(long seed, long from, int count) {
    if (from < 0) throw new IllegalArgumentException("D2dPowerControl.samples: from must be >= 0, got " + from);
    if (count < 1) throw new IllegalArgumentException("D2dPowerControl.samples: count must be >= 1, got " + count);
    long[] indices = new long[count];
    for (int b = 0; b < count; b++) indices[b] = from + b;
    return draw(seed, indices);
  }

  /**
   * Returns the samples of stream {@code seed} with the given indices, in that order (a shuffled minibatch of a
   * fixed training set): instance b is exactly {@code sample(seed, indices[b])}.
   */
  public D2dSamples<SisoProblem> samples(long seed, long[] indices) {
    String op = "D2dPowerControl.samples";
    if (indices == null || indices.length == 0) {
      throw new IllegalArgumentException(op + ": indices must hold at least one sample index");
    }
    for (int b = 0; b < indices.length; b++) {
      if (indices[b] < 0) {
        throw new IllegalArgumentException(op + ": indices[" + b + "] must be >= 0, got " + indices[b]);
      }
    }
    return draw(seed, indices.clone());
  }

  private D2dSamples<SisoProblem> draw(long seed, long[] indices) {
    int count = indices.length;
    int k = layout.pairs(), kk = k * k;
    double[] a = new double[count * kk];
    double[] w = weighted ? new double[count * k] : null;
    Placement[] places = new Placement[count];
    Parallel.forRange(count, 1, (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        SplittableRandom rng = new SplittableRandom(Random.stream(seed, indices[b]));
        places[b] = layout.drop(rng);
        fill(places[b], rng, a, b * kk);
        if (w != null) for (int i = 0; i < k; i++) w[b * k + i] = rng.nextDouble();
      }
    });
    SisoProblem p = SisoProblem.ofAmplitudes(Tensor.of(a, count, k, k), noiseVariance(), 1.0);
    if (w != null) p = p.withWeights(Tensor.of(w, count, k));
    return new D2dSamples<>(p, Arrays.asList(places));
  }

  /** Returns sample {@code index} of stream {@code seed} alone (a batch of one). */
  public D2dSamples<SisoProblem> sample(long seed, long index) {
    return samples(seed, index, 1);
  }

  /** Returns the amplitudes of one placement, without fading or shadowing (the large-scale part), row = receiver. */
  public double[] largeScaleAmplitudes(Placement place) {
    int k = place.pairs();
    double[] out = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) out[i * k + j] = Math.pow(10, pathLoss.gainDb(place.distance(j, i), i == j) / 20);
    }
    return out;
  }

  private void fill(Placement place, SplittableRandom rng, double[] a, int at) {
    int k = place.pairs();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double db = pathLoss.gainDb(place.distance(j, i), i == j) + shadowDb * Random.normal(rng);
        double re = Random.normal(rng), im = Random.normal(rng);
        double fading = 0.5 * (re * re + im * im);
        a[at + i * k + j] = Math.sqrt(Math.pow(10, db / 10) * fading);
      }
    }
  }

  /** Returns the placements only (no channels), e.g. for graph statistics. */
  public List<Placement> placements(long seed, long from, int count) {
    Placement[] out = new Placement[count];
    for (int b = 0; b < count; b++) out[b] = layout.drop(new SplittableRandom(Random.stream(seed, from + b)));
    return Arrays.asList(out);
  }
}
