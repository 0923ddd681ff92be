package rrm.model.gnn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.model.AmplitudeModel;
import rrm.model.ChannelFeatures;
import rrm.model.ChannelInput;
import rrm.nn.Activation;
import rrm.nn.Aggregation;
import rrm.nn.Checkpoint;
import rrm.nn.DenseMessagePassing;
import rrm.nn.LayerInit;
import rrm.nn.Mlp;
import rrm.nn.ModelFiles;
import rrm.nn.Module;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * IGCNet, the interference graph convolutional network of Shen et al. (paper 002 ref. [26], Table I), on the complete
 * directed graph of the M pairs:
 * <pre>
 *   x_i = [f(G_ii), 1, p_i],   e_{j→i} = [f(G_ij), f(G_ji)],   p_i = 1 (full power) initially
 *   m_{j→i} = MLP1([x_j, e_{j→i}]),   a_i = max_{j ≠ i} m_{j→i},   p_i ← σ(MLP2([x_i, a_i]))
 * </pre>
 * repeated T = 3 times with shared weights, then p = pmax · p. MLP1 is 5→32→32 with ReLU after both layers, MLP2
 * is 35→16→1 with a ReLU hidden layer and a sigmoid output; the state p_i is the power as a fraction of pmax.
 * Shapes: G {@code [B, M, M]} (row = receiver) to p {@code [B, M]} in (0, pmax); any M; permutation-equivariant.
 *
 * <p>Our choice where the paper is silent (see the reproduction notes): f = log10 then a z-score with training
 * statistics, pooled into one feature for the direct links and one for the cross links ({@link
 * ChannelFeatures.Pooling#DIRECT_AND_CROSS}; fit with {@link #fitFeatures}); Shen et al. feed raw amplitudes of order
 * 1, available as {@code features(ChannelFeatures.raw())}. Initialisation: PyTorch's {@code nn.Linear} default (our
 * choice; Shen et al.'s code is a PyTorch code). The layer is a {@link DenseMessagePassing} child {@code layer}
 * (parameters {@code layer.message.layer<k>.*}, {@code layer.update.layer<k>.*}): 1,248 + 593 = 1,841 parameters.
 * Memory per forward is about B·M²·32 doubles per message activation, so evaluate large test sets in chunks of a few
 * hundred samples.
 *
 * <pre>
 * Igcnet net = Igcnet.builder().build(5L).fitFeatures(trainG);
 * Tensor p = net.apply(g);   // [B, M]
 * </pre>
 */
public final class Igcnet extends Module implements AmplitudeModel {
  private final int iterations;
  private final double pmax;
  private final DenseMessagePassing layer;
  private ChannelFeatures features;

  private Igcnet(Builder b, long seed) {
    this.iterations = b.iterations;
    this.pmax = b.pmax;
    Mlp message = Mlp.of(5, 32, 32).hidden(Activation.RELU).output(Activation.RELU).init(LayerInit.torch())
        .build(Random.stream(seed, 0));
    Mlp update = Mlp.of(35, 16, 1).hidden(Activation.RELU).output(Activation.SIGMOID).init(LayerInit.torch())
        .build(Random.stream(seed, 1));
    this.layer = child("layer", new DenseMessagePassing(message, update, Aggregation.MAX));
    this.features = checkFeatures(b.features);
  }

  /** Starts an IGCNet with our defaults: 3 iterations, pmax 1, unfitted direct-and-cross log z-score. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns p {@code [B, M]} in (0, pmax) for G {@code [B, M, M]}. */
  public Tensor apply(Tensor g) {
    ChannelInput.check("Igcnet.apply", g);
    if (!features.isFitted()) {
      throw new IllegalStateException("Igcnet.apply: the input feature scaler is not fitted; call"
          + " fitFeatures(trainingChannels) first, or build with features(ChannelFeatures.raw())");
    }
    int b = g.size(0), m = g.size(1);
    Tensor f = features.apply(g);
    Tensor edges = Tensor.stack(-1, f, f.mT());
    Tensor nodes = Tensor.stack(-1, f.diag(), Tensor.ones(b, m));
    Tensor p = Tensor.ones(b, m, 1);
    for (int t = 0; t < iterations; t++) p = layer.apply(Tensor.concat(-1, nodes, p), edges, null);
    return p.squeeze(-1).mul(pmax);
  }

  /** Fits the input scaler on training channels {@code [B, M, M]} (M ≥ 2) and returns this model. */
  public Igcnet fitFeatures(Tensor trainingChannels) {
    this.features = features.fit(trainingChannels);
    return this;
  }

  private static ChannelFeatures checkFeatures(ChannelFeatures f) {
    if (f.transform() == ChannelFeatures.Transform.LOG_Z_SCORE
        && f.pooling() != ChannelFeatures.Pooling.DIRECT_AND_CROSS) {
      throw new IllegalArgumentException("Igcnet: the features must pool direct and cross links (any M,"
          + " permutation-equivariant), got " + f);
    }
    return f;
  }

  /** Returns the number of message-passing iterations T. */
  public int iterations() {
    return iterations;
  }

  /** Returns the power budget. */
  public double pmax() {
    return pmax;
  }

  /** Returns the input transform (fitted or not). */
  public ChannelFeatures features() {
    return features;
  }

  /** Returns the shared message-passing layer. */
  public DenseMessagePassing layer() {
    return layer;
  }

  /** Returns the settings that rebuild this model: iterations, pmax and the input transform with its fit. */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("iterations", Integer.toString(iterations));
    s.put("pmax", Double.toString(pmax));
    s.putAll(features.toSettings("features."));
    return s;
  }

  /** Returns {@link #settings()} followed by {@code extra}. */
  public Map<String, String> settings(Map<String, String> extra) {
    return ModelFiles.merge("Igcnet.settings", settings(), extra);
  }

  /** Saves the parameters with {@link #settings(Map)}. */
  public void save(Path path, Map<String, String> extra) {
    Checkpoint.save(this, path, settings(extra));
  }

  /** Rebuilds an IGCNet (fitted scaler included) from a checkpoint written by {@link #save}. */
  public static Igcnet load(Path path) {
    Checkpoint c = ModelFiles.read(path, Igcnet.class);
    return ModelFiles.restore(rebuild(c), path, c);
  }

  /**
   * Returns an untrained model of the architecture (and fitted input scaler) recorded in {@code c}'s settings; its
   * parameters are restored by the caller ({@link Checkpoint#restore}).
   */
  public static Igcnet rebuild(Checkpoint c) {
    String op = "Igcnet.rebuild";
    Map<String, String> s = c.settings();
    Igcnet model = builder().iterations(ModelFiles.requireInt(s, "iterations", op))
        .pmax(ModelFiles.requireDouble(s, "pmax", op)).features(ChannelFeatures.fromSettings(s, "features."))
        .build(0L);
    return model;
  }

  @Override
  public String name() {
    return "IGCNet";
  }

  @Override
  public String toString() {
    return "Igcnet T = " + iterations + ", pmax = " + pmax + ", " + features + "\n" + super.toString();
  }

  /** Collects the options of an {@link Igcnet}. */
  public static final class Builder {
    private int iterations = 3;
    private double pmax = 1.0;
    private ChannelFeatures features = ChannelFeatures.logZScore(ChannelFeatures.Pooling.DIRECT_AND_CROSS);

    private Builder() {}

    /** Sets the number of shared-weight iterations T (default 3). */
    public Builder iterations(int t) {
      if (t < 1) throw new IllegalArgumentException("Igcnet.iterations: needs at least 1, got " + t);
      this.iterations = t;
      return this;
    }

    /** Sets the power budget (default 1). */
    public Builder pmax(double p) {
      this.pmax = ModelFiles.checkPmax("Igcnet.pmax", p);
      return this;
    }

    /** Sets the input transform (default: unfitted direct-and-cross log10 z-score; or {@code raw()}). */
    public Builder features(ChannelFeatures f) {
      if (f == null) throw new IllegalArgumentException("Igcnet.features: must not be null");
      this.features = f;
      return this;
    }

    /** Creates the IGCNet with weights drawn from {@code seed}. */
    public Igcnet build(long seed) {
      return new Igcnet(this, seed);
    }
  }
}
