package rrm.model.baseline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.model.AmplitudeModel;
import rrm.model.ChannelFeatures;
import rrm.model.ChannelInput;
import rrm.nn.Activation;
import rrm.nn.Checkpoint;
import rrm.nn.Init;
import rrm.nn.Initializer;
import rrm.nn.LayerInit;
import rrm.nn.Mlp;
import rrm.nn.ModelFiles;
import rrm.nn.Module;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * The supervised MLP baseline of Sun et al. ("Learning to optimize", paper 002 ref. [23], Table I): a dense network
 * from the M² channel amplitudes to the M powers, trained to imitate WMMSE labels.
 * <pre>  x = vec_row-major(features(G)),   p = pmax · relu6(MLP(x)) / 6</pre>
 * with MLP = Dense M²→200, ReLU → 200→80, ReLU → 80→80, ReLU → 80→M. Shapes: G {@code [B, M, M]} (row =
 * receiver) to p {@code [B, M]} in [0, pmax]. M is fixed at construction.
 *
 * <p>Initialisation as Sun et al.'s code: hidden weights truncated normal(0, 1)/sqrt(fanIn), output weights truncated
 * normal(0, 1)/fanIn (both truncated at two standard deviations), every bias 0.1. Dropout is off in Sun et al.'s code
 * and absent here. Input features (our choice where the paper is silent, see the reproduction notes): log10 then a
 * per-entry z-score fitted on training channels ({@link ChannelFeatures}, {@link #fitFeatures}); {@code
 * features(ChannelFeatures.raw())} gives Sun et al.'s raw input. Training: {@link #mseLoss} against WMMSE-100 powers,
 * RMSProp (TF1 form) lr 1e-3, decay 0.9 (Sun et al.).
 *
 * <pre>
 * SupervisedMlp mlp = SupervisedMlp.of(20).build(7L).fitFeatures(trainG);
 * Tensor p = mlp.apply(testG);                                          // [B, 20]
 * </pre>
 * Parameter count: (M² + 1)·200 + 201·80 + 81·80 + 81·M, i.e. 104,380 at M = 20.
 */
public final class SupervisedMlp extends Module implements AmplitudeModel {
  private final int size;
  private final double pmax;
  private final int[] hidden;
  private final Mlp network;
  private ChannelFeatures features;

  private SupervisedMlp(Builder b, long seed) {
    this.size = b.size;
    this.pmax = b.pmax;
    this.hidden = b.hidden.clone();
    int[] widths = new int[hidden.length + 2];
    widths[0] = size * size;
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = size;
    Initializer bias = Initializer.constant(0.1);
    Initializer outputWeight = (s, fanIn, fanOut, shape) -> Init.truncatedNormal(s, 1.0 / fanIn, shape);
    this.network = child("network", Mlp.of(widths).hidden(Activation.RELU).output(Activation.RELU6_OVER_6)
        .init(new LayerInit(Initializer.truncatedNormalFanIn(), bias)).outputInit(new LayerInit(outputWeight, bias))
        .build(seed));
    this.features = checkFeatures("SupervisedMlp", b.features);
  }

  /** Starts an MLP for M transmitter-receiver pairs (paper defaults: pmax 1, hidden 200, 80, 80, log z-score). */
  public static Builder of(int m) {
    return new Builder(m);
  }

  /** Returns p = pmax · relu6(MLP(x))/6 {@code [B, M]} for G {@code [B, M, M]}. */
  public Tensor apply(Tensor g) {
    ChannelInput.check("SupervisedMlp.apply", g, size, "the MLP is built for M = " + size);
    if (!features.isFitted()) {
      throw new IllegalStateException("SupervisedMlp.apply: the input feature scaler is not fitted; call"
          + " fitFeatures(trainingChannels) first, or build with features(ChannelFeatures.raw())");
    }
    Tensor x = features.apply(g).reshape(g.size(0), size * size);
    return network.apply(x).mul(pmax);
  }

  /**
   * Sun et al.'s loss: the mean over batch and links of (p - label)², for p and WMMSE labels {@code [B, M]}; returns a
   * scalar.
   */
  public static Tensor mseLoss(Tensor predicted, Tensor labels) {
    if (!java.util.Arrays.equals(predicted.shape(), labels.shape())) {
      throw new IllegalArgumentException("SupervisedMlp.mseLoss: predicted powers " + Shape.str(predicted.shape())
          + " and labels " + Shape.str(labels.shape()) + " must have the same shape");
    }
    return predicted.sub(labels.detach()).square().mean();
  }

  /** Fits the input scaler on training channels {@code [B, M, M]} and returns this model. */
  public SupervisedMlp fitFeatures(Tensor trainingChannels) {
    ChannelInput.check("SupervisedMlp.fitFeatures", trainingChannels, size, "the MLP is built for M = " + size);
    this.features = features.fit(trainingChannels);
    return this;
  }

  private ChannelFeatures checkFeatures(String op, ChannelFeatures f) {
    if (f.transform() == ChannelFeatures.Transform.LOG_Z_SCORE && f.pooling() != ChannelFeatures.Pooling.PER_ENTRY) {
      throw new IllegalArgumentException(op + ": the MLP needs per-entry features (one statistic per input), got "
          + f);
    }
    if (f.isFitted() && f.transform() == ChannelFeatures.Transform.LOG_Z_SCORE && f.mean().length != size * size) {
      throw new IllegalArgumentException(op + ": the features were fitted on " + f.mean().length + " entries, the MLP"
          + " has M² = " + size * size);
    }
    return f;
  }

  /** Returns M. */
  public int size() {
    return size;
  }

  /** Returns the power budget. */
  public double pmax() {
    return pmax;
  }

  /** Returns the input transform (fitted or not). */
  public ChannelFeatures features() {
    return features;
  }

  /** Returns the dense network (input M², output M, relu6/6 output). */
  public Mlp network() {
    return network;
  }

  /** Returns the settings that rebuild this model: M, pmax, hidden widths and the input transform with its fit. */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("m", Integer.toString(size));
    s.put("pmax", Double.toString(pmax));
    s.put("hidden", ModelFiles.formatInts(hidden));
    s.putAll(features.toSettings("features."));
    return s;
  }

  /** Returns {@link #settings()} followed by {@code extra} (for example seeds and scenario). */
  public Map<String, String> settings(Map<String, String> extra) {
    return ModelFiles.merge("SupervisedMlp.settings", settings(), extra);
  }

  /** Saves the parameters with {@link #settings(Map)}; {@link #load} rebuilds the model from the file alone. */
  public void save(Path path, Map<String, String> extra) {
    Checkpoint.save(this, path, settings(extra));
  }

  /** Rebuilds an MLP (architecture, fitted scaler, parameters) from a checkpoint written by {@link #save}. */
  public static SupervisedMlp load(Path path) {
    Checkpoint c = ModelFiles.read(path, SupervisedMlp.class);
    return ModelFiles.restore(rebuild(c), path, c);
  }

  /**
   * Returns an untrained model of the architecture (and fitted input scaler) recorded in {@code c}'s settings; its
   * parameters are restored by the caller ({@link Checkpoint#restore}).
   */
  public static SupervisedMlp rebuild(Checkpoint c) {
    String op = "SupervisedMlp.rebuild";
    Map<String, String> s = c.settings();
    SupervisedMlp model = of(ModelFiles.requireInt(s, "m", op)).pmax(ModelFiles.requireDouble(s, "pmax", op))
        .hidden(ModelFiles.parseInts(ModelFiles.require(s, "hidden", op), "hidden", op))
        .features(ChannelFeatures.fromSettings(s, "features.")).build(0L);
    return model;
  }

  @Override
  public String name() {
    return "MLP";
  }

  @Override
  public String toString() {
    return "SupervisedMlp M = " + size + ", pmax = " + pmax + ", " + features + "\n" + super.toString();
  }

  /** Collects the options of a {@link SupervisedMlp}. */
  public static final class Builder {
    private final int size;
    private double pmax = 1.0;
    private int[] hidden = {200, 80, 80};
    private ChannelFeatures features = ChannelFeatures.logZScore(ChannelFeatures.Pooling.PER_ENTRY);

    private Builder(int m) {
      if (m < 1) throw new IllegalArgumentException("SupervisedMlp.of: M must be >= 1, got " + m);
      this.size = m;
    }

    /** Sets the per-transmitter power budget (default 1). */
    public Builder pmax(double p) {
      this.pmax = ModelFiles.checkPmax("SupervisedMlp.pmax", p);
      return this;
    }

    /** Sets the hidden widths (default 200, 80, 80 as Sun et al.'s code). */
    public Builder hidden(int... widths) {
      if (widths.length == 0) throw new IllegalArgumentException("SupervisedMlp.hidden: needs at least one width");
      this.hidden = widths.clone();
      return this;
    }

    /** Sets the input transform (default: unfitted per-entry log10 z-score; {@code ChannelFeatures.raw()}). */
    public Builder features(ChannelFeatures f) {
      if (f == null) throw new IllegalArgumentException("SupervisedMlp.features: must not be null");
      this.features = f;
      return this;
    }

    /** Creates the MLP with weights drawn from {@code seed}. */
    public SupervisedMlp build(long seed) {
      return new SupervisedMlp(this, seed);
    }
  }
}
