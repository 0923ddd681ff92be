package rrm.channel;

import java.util.SplittableRandom;
import rrm.system.SisoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The Gaussian interference channel of paper 003 Sec. V-A (Table I, Fig. 3): K single-antenna pairs with every
 * channel {@code h_ij ~ CN(0, 1)} i.i.d., direct links included; only the amplitude {@code |h_ij|} (Rayleigh with
 * {@code E|h|^2 = 1}) enters the problem. Power budget {@code P_max = 1}, noise {@code sigma^2 = 10^(-SNR/10)}
 * at every receiver, unit rate weights.
 *
 * <p>Seeding: sample n of the stream with seed s is drawn from {@code new SplittableRandom(Random.stream(s, n))}:
 * the K*K pairs (Re, Im) in row-major order of the {@code [K, K]} amplitude matrix (row = receiver). So any batch,
 * and any single sample, is reproducible on its own from (seed, index), whatever the thread count.
 *
 * @param pairs K >= 1
 * @param snrDb {@code P_max / sigma^2} in dB, finite
 */
public record GaussianIc(int pairs, double snrDb) {
  public GaussianIc {
    if (pairs < 1) throw new IllegalArgumentException("GaussianIc: pairs K must be >= 1, got " + pairs);
    if (!Double.isFinite(snrDb)) throw new IllegalArgumentException("GaussianIc: snrDb must be finite, got " + snrDb);
  }

  /** Returns the noise variance {@code 10^(-SNR/10)} (with {@code P_max = 1}). */
  public double noiseVariance() {
    return Math.pow(10, -snrDb / 10);
  }

  /** Returns samples {@code [from, from + count)} of the stream {@code seed} as one problem of batch {@code count}. */
  public SisoProblem samples(long seed, long from, int count) {
    if (from < 0) throw new IllegalArgumentException("GaussianIc.samples: from must be >= 0, got " + from);
    if (count < 1) throw new IllegalArgumentException("GaussianIc.samples: count must be >= 1, got " + count);
    int k = pairs, kk = k * k;
    double[] a = new double[count * kk];
    Parallel.forRange(count, Parallel.grain(8L * kk), (lo, hi) -> {
      for (int b = lo; b < hi; b++) {
        SplittableRandom rng = new SplittableRandom(Random.stream(seed, from + b));
        for (int e = 0; e < kk; e++) {
          double re = Random.normal(rng), im = Random.normal(rng);
          a[b * kk + e] = Math.sqrt(0.5 * (re * re + im * im));
        }
      }
    });
    return SisoProblem.ofAmplitudes(Tensor.of(a, count, k, k), noiseVariance(), 1.0);
  }

  /** Returns batch {@code index} of size {@code size}: samples {@code [index size, (index + 1) size)}. */
  public SisoProblem batch(long seed, long index, int size) {
    if (index < 0) throw new IllegalArgumentException("GaussianIc.batch: index must be >= 0, got " + index);
    return samples(seed, index * size, size);
  }

  @Override
  public String toString() {
    return "GaussianIc[K=" + pairs + ", SNR " + snrDb + " dB]";
  }
}
