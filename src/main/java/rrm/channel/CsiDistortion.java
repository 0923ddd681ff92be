package rrm.channel;

import java.util.SplittableRandom;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * Imperfect channel knowledge as paper 001 models it (Chowdhury et al., §IV-G, Fig. 4(c)): in every sample a share
 * {@code rate} of the complex entries of the channel tensor {@code H [K, N_r, K, N_t]} is distorted,
 *
 * <pre>
 *   Hbar[i, r, j, t] = H[i, r, j, t] + (c + i d),   c, d ~ N(0, sigma^2)
 * </pre>
 *
 * and the other entries are left as they are. Exactly {@code round(rate K^2 N_r N_t)} entries per sample are chosen
 * uniformly without replacement over the whole tensor, direct links and cross links alike ("chosen uniformly at
 * random from all the entries of the tensor"; the exact count is our reading); {@code sigma} is the standard
 * deviation of each real component. The methods are given {@code Hbar}; their sum-rates are computed on the true
 * {@code H}.
 *
 * <p>Seeding: sample b is drawn from {@code new SplittableRandom(stream(seed, b))}: a uniformly random permutation of
 * the {@code K^2 N_r N_t} entries (in the channel layout's row-major order), then for each of its first n entries
 * the real and the imaginary part of the perturbation, as standard normals scaled by sigma. So the distorted entries of a
 * smaller rate are a subset of those of a larger rate, with the same standard draws, and a sweep over rate and sigma
 * under one seed compares like with like; results do not depend on the thread count.
 *
 * <pre>{@code
 * CsiDistortion d = new CsiDistortion(0.2, 1e-3);
 * MimoProblem seen = d.apply(truth, CsiDistortion.seedFor(MimoAdHoc.batchKey(seed, Split.TEST, m, 0)));
 * Tensor rates = MimoRates.sumRate(truth, method.allocate(seen).tensor());
 * }</pre>
 *
 * @param rate the share of entries distorted per sample, in [0, 1]
 * @param sigma the standard deviation of each real component of the perturbation, > 0 and finite
 */
public record CsiDistortion(double rate, double sigma) {
  /** Index of the distortion stream under a batch key ({@link #seedFor}): negative, so no batch or sample uses it. */
  public static final long STREAM = -43;

  /** Checks the arguments. */
  public CsiDistortion {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("CsiDistortion: rate (share of distorted entries) must lie in [0, 1], got "
          + rate);
    }
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("CsiDistortion: sigma (standard deviation of each real component) must be "
          + "> 0 and finite, got " + sigma);
    }
  }

  /** Returns the distortion seed of a channel batch with key {@code batchKey} ({@link MimoAdHoc#batchKey}). */
  public static long seedFor(long batchKey) {
    return Random.stream(batchKey, STREAM);
  }

  /** Returns the number of entries distorted in a sample of {@code entries} complex entries: round(rate entries). */
  public int count(int entries) {
    if (entries < 0) throw new IllegalArgumentException("CsiDistortion.count: entries must be >= 0, got " + entries);
    return (int) Math.round(rate * entries);
  }

  /** Returns {@code problem} with distorted channels (same noise, budgets, weights and streams). */
  public MimoProblem apply(MimoProblem problem, long seed) {
    if (problem == null) throw new IllegalArgumentException("CsiDistortion.apply: problem must not be null");
    return problem.withChannels(apply(problem.channels(), seed));
  }

  /** Returns distorted copies of complex channels {@code [B, ...]} (every sample of the leading axis on its own). */
  public Tensor apply(Tensor channels, long seed) {
    String op = "CsiDistortion.apply";
    if (channels == null) throw new IllegalArgumentException(op + ": channels must not be null");
    if (!channels.isComplex() || channels.dim() < 2) {
      throw new IllegalArgumentException(op + ": channels must be a complex tensor [B, ...], got "
          + (channels.isComplex() ? "" : "a real tensor of ") + "shape " + java.util.Arrays.toString(channels.shape()));
    }
    int batch = channels.size(0);
    int per = channels.numel() / batch;
    double[] re = channels.data().clone(), im = channels.imagData().clone();
    int n = count(per);
    if (n > 0) {
      Parallel.forRange(batch, Parallel.grain(4L * per), (lo, hi) -> {
        double[] z = new double[2 * n];   // per distorted entry the real part, then the imaginary part
        for (int b = lo; b < hi; b++) {
          SplittableRandom rng = new SplittableRandom(Random.stream(seed, b));
          int[] order = Random.permutation(rng, per);
          Random.normals(rng, z, 0, z.length);
          int o = b * per;
          for (int q = 0; q < n; q++) {
            re[o + order[q]] += sigma * z[2 * q];
            im[o + order[q]] += sigma * z[2 * q + 1];
          }
        }
      });
    }
    return Tensor.complex(re, im, channels.shape());
  }
}
