package rrm.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.nn.CheckpointException;
import rrm.nn.ModelFiles;
import rrm.tensor.Tensor;

/**
 * The input transform of the learned baselines (paper 002 Table I: MLP and IGCNet; our choice, see the reproduction
 * notes):
 * <pre>  x_ij = (log10 max(G_ij, FLOOR) - μ_f(ij)) / σ_f(ij)</pre>
 * with the mean μ_f and population standard deviation σ_f (ddof 0) of each feature f fitted on training channels.
 * Shapes: G {@code [B, M, M]} (row = receiver) to x {@code [B, M, M]}, same layout.
 *
 * <p>Our choice where the paper is silent: Sun et al. and Shen et al. feed raw amplitudes of order 1, but here G spans
 * ~1e-3 to more than 10, so we take log10 then a z-score with training statistics. {@link #raw()} keeps Sun et al.'s
 * choice (x = G, nothing to fit). What counts as one feature is the {@link Pooling}:
 * <ul>
 *   <li>{@link Pooling#PER_ENTRY}: each of the M² positions is its own feature (the MLP's 400 inputs); tied
 *       to one M.</li>
 *   <li>{@link Pooling#DIRECT_AND_CROSS}: two features, the direct links G_ii and the cross links G_ij (i ≠ j),
 *       each pooled over positions (IGCNet's node and edge features); works for any M and keeps the
 *       transform permutation-equivariant.</li>
 * </ul>
 *
 * <p>Immutable: {@link #fit} returns a fitted copy; {@link #apply} on an unfitted log-z-score transform throws. A
 * feature with zero spread (up to rounding: σ ≤ 1e-12 (1 + |μ|)) is only centred (σ taken as 1). Entries below {@link
 * #FLOOR} (zero amplitudes) are raised to it before the log, a numerical guard of our own. The fitted statistics travel
 * in checkpoint settings ({@link #toSettings}, {@link #fromSettings}) and are restored bit for bit.
 */
public final class ChannelFeatures {
  /** The smallest amplitude passed to log10 (a guard against zero entries): log10 gives -12. */
  public static final double FLOOR = 1e-12;

  /** Whether the amplitudes are transformed. */
  public enum Transform {
    /** x = (log10 G - μ) / σ (our choice, the default). */
    LOG_Z_SCORE,
    /** x = G (Sun et al.'s and Shen et al.'s choice). */
    RAW
  }

  /** Which entries share one mean and standard deviation. */
  public enum Pooling {
    /** One feature per matrix position (fixed M). */
    PER_ENTRY,
    /** One feature for the diagonal, one for the off-diagonal entries (any M). */
    DIRECT_AND_CROSS
  }

  private static final double INV_LN10 = 1 / Math.log(10);

  private final Transform transform;
  private final Pooling pooling;
  private final int size;
  private final long samples;
  private final double[] mean;
  private final double[] std;

  private ChannelFeatures(Transform transform, Pooling pooling, int size, long samples, double[] mean,
      double[] std) {
    this.transform = transform;
    this.pooling = pooling;
    this.size = size;
    this.samples = samples;
    this.mean = mean;
    this.std = std;
  }

  /** An unfitted log10 z-score transform with the given pooling. */
  public static ChannelFeatures logZScore(Pooling pooling) {
    if (pooling == null) throw new IllegalArgumentException("ChannelFeatures.logZScore: pooling must not be null");
    return new ChannelFeatures(Transform.LOG_Z_SCORE, pooling, 0, 0, null, null);
  }

  /** The identity x = G (Sun et al.'s raw input); it needs no fitting. */
  public static ChannelFeatures raw() {
    return new ChannelFeatures(Transform.RAW, Pooling.DIRECT_AND_CROSS, 0, 0, null, null);
  }

  /** Returns a copy fitted on {@code trainingChannels} {@code [B, M, M]} (a raw transform returns itself). */
  public ChannelFeatures fit(Tensor trainingChannels) {
    ChannelInput.check("ChannelFeatures.fit", trainingChannels);
    if (transform == Transform.RAW) return this;
    int b = trainingChannels.size(0);
    int m = trainingChannels.size(1);
    if (pooling == Pooling.DIRECT_AND_CROSS && m < 2) {
      throw new IllegalArgumentException("ChannelFeatures.fit: direct-and-cross pooling needs M >= 2 to see cross"
          + " links, got M = " + m);
    }
    int features = pooling == Pooling.PER_ENTRY ? m * m : 2;
    double[] sum = new double[features];
    double[] count = new double[features];
    double[] d = trainingChannels.data();
    for (int k = 0; k < d.length; k++) {
      int f = feature(k % (m * m), m);
      sum[f] += log10(d[k]);
      count[f]++;
    }
    double[] mu = new double[features];
    for (int f = 0; f < features; f++) mu[f] = sum[f] / count[f];
    double[] sq = new double[features];
    for (int k = 0; k < d.length; k++) {
      int f = feature(k % (m * m), m);
      double c = log10(d[k]) - mu[f];
      sq[f] += c * c;
    }
    double[] sd = new double[features];
    for (int f = 0; f < features; f++) {
      double s = Math.sqrt(sq[f] / count[f]);
      sd[f] = s > 1e-12 * (1 + Math.abs(mu[f])) ? s : 1;
    }
    return new ChannelFeatures(transform, pooling, pooling == Pooling.PER_ENTRY ? m : 0, b, mu, sd);
  }

  private int feature(int position, int m) {
    if (pooling == Pooling.PER_ENTRY) return position;
    return position / m == position % m ? 0 : 1;
  }

  private static double log10(double g) {
    return Math.log(Math.max(g, FLOOR)) * INV_LN10;
  }

  /** Returns x for G {@code [B, M, M]}; throws if a log-z-score transform is not fitted or M does not match. */
  public Tensor apply(Tensor g) {
    ChannelInput.check("ChannelFeatures.apply", g);
    if (transform == Transform.RAW) return g;
    if (!isFitted()) {
      throw new IllegalStateException("ChannelFeatures.apply: the log10 z-score scaler is not fitted; call"
          + " fit(trainingChannels) (or the model's fitFeatures(trainingChannels)) before use, or choose"
          + " ChannelFeatures.raw()");
    }
    int m = g.size(1);
    if (pooling == Pooling.PER_ENTRY && m != size) {
      throw new IllegalArgumentException("ChannelFeatures.apply: the scaler was fitted per entry on M = " + size
          + " but G has M = " + m);
    }
    double[] mu = new double[m * m];
    double[] inv = new double[m * m];
    for (int p = 0; p < m * m; p++) {
      int f = feature(p, m);
      mu[p] = mean[f];
      inv[p] = 1 / std[f];
    }
    return g.clampMin(FLOOR).log().mul(INV_LN10).sub(Tensor.of(mu, m, m)).mul(Tensor.of(inv, m, m));
  }

  /** Returns whether {@link #apply} may be called (always for {@link #raw()}). */
  public boolean isFitted() {
    return transform == Transform.RAW || mean != null;
  }

  /** Returns the transform. */
  public Transform transform() {
    return transform;
  }

  /** Returns the pooling (meaningless for {@link #raw()}). */
  public Pooling pooling() {
    return pooling;
  }

  /** Returns the number of training samples the statistics came from (0 if unfitted or raw). */
  public long samples() {
    return samples;
  }

  /** Returns a copy of the fitted means (M² per-entry, or [direct, cross]); null if unfitted or raw. */
  public double[] mean() {
    return mean == null ? null : mean.clone();
  }

  /** Returns a copy of the fitted standard deviations, in the order of {@link #mean()}; null if unfitted or raw. */
  public double[] std() {
    return std == null ? null : std.clone();
  }

  /** Returns the settings that describe this transform, keys prefixed by {@code prefix} (for example "features."). */
  public Map<String, String> toSettings(String prefix) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(prefix + "transform", transform.name());
    if (transform == Transform.RAW) return s;
    s.put(prefix + "pooling", pooling.name());
    if (!isFitted()) return s;
    if (pooling == Pooling.PER_ENTRY) s.put(prefix + "size", Integer.toString(size));
    s.put(prefix + "samples", Long.toString(samples));
    s.put(prefix + "mean", ModelFiles.formatDoubles(mean));
    s.put(prefix + "std", ModelFiles.formatDoubles(std));
    return s;
  }

  /** Rebuilds the transform written by {@link #toSettings} (fitted statistics restored exactly). */
  public static ChannelFeatures fromSettings(Map<String, String> settings, String prefix) {
    String op = "ChannelFeatures.fromSettings";
    Transform t = parse(Transform.class, ModelFiles.require(settings, prefix + "transform", op), op);
    if (t == Transform.RAW) return raw();
    Pooling p = parse(Pooling.class, ModelFiles.require(settings, prefix + "pooling", op), op);
    if (!settings.containsKey(prefix + "mean")) return logZScore(p);
    int size = p == Pooling.PER_ENTRY ? ModelFiles.requireInt(settings, prefix + "size", op) : 0;
    long samples = Long.parseLong(ModelFiles.require(settings, prefix + "samples", op));
    double[] mu = ModelFiles.parseDoubles(settings.get(prefix + "mean"), prefix + "mean", op);
    double[] sd = ModelFiles.parseDoubles(ModelFiles.require(settings, prefix + "std", op), prefix + "std", op);
    int expected = p == Pooling.PER_ENTRY ? size * size : 2;
    if (mu.length != expected || sd.length != expected) {
      throw new CheckpointException(op + ": expected " + expected + " means and standard deviations, got "
          + mu.length + " and " + sd.length);
    }
    return new ChannelFeatures(t, p, size, samples, mu, sd);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, String op) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(op + ": '" + name + "' is not a " + type.getSimpleName() + " (one of "
          + Arrays.toString(type.getEnumConstants()) + ")");
    }
  }

  /** Returns whether {@code other} is the same transform with bit-identical statistics. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelFeatures c && c.transform == transform && c.pooling == pooling && c.size == size
        && c.samples == samples && Arrays.equals(c.mean, mean) && Arrays.equals(c.std, std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + transform.hashCode();
  }

  @Override
  public String toString() {
    if (transform == Transform.RAW) return "ChannelFeatures raw (x = G)";
    String pool = pooling == Pooling.PER_ENTRY ? "per entry" + (isFitted() ? " (M = " + size + ")" : "")
        : "direct and cross";
    return "ChannelFeatures log10 z-score, " + pool + (isFitted() ? ", fitted on " + samples + " samples"
        : ", not fitted");
  }
}
