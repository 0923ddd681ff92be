package rrm.paper.p002;

import java.util.Arrays;
import java.util.SplittableRandom;
import rrm.channel.ChannelSource;
import rrm.model.ChannelFeatures;
import rrm.model.baseline.SupervisedMlp;
import rrm.model.gnn.Igcnet;
import rrm.model.gnn.Regnn;
import rrm.model.uwmmse.Uwmmse;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.optim.Adam;
import rrm.optim.Recipe;
import rrm.optim.RmsProp;
import rrm.optim.Settings;
import rrm.optim.Validation;
import rrm.solver.Wmmse;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * The training procedures of paper 002's models as {@link Recipe}s with the paper's (or, where it is silent, our
 * documented) defaults; budgets, batch sizes and callbacks are set on the returned recipe.
 *
 * <ul>
 *   <li>{@link #uwmmse}: the authors' released procedure: loss {@code -mean_b sum_i beta(c_i)} at the output layer
 *       (eq. 9), Adam in TensorFlow 1's form with learning rate 1e-3, batches of 64 fresh samples, clipping at global
 *       norm 5, the best epoch by mean training loss kept;
 *   <li>{@link #regnn}, {@link #igcnet}: unsupervised on the sum-rate, Adam (PyTorch form) 1e-3, batches of 64, no
 *       clipping, the best epoch by mean training loss; IGCNet's input scaler is fitted on the first 6,400 samples;
 *   <li>{@link #mlp}: Sun et al.'s supervised MLP: WMMSE-100 labels on the first N samples of the source (the last
 *       10 % held out), MSE loss, RMSProp in TensorFlow 1's form 1e-3, batches of 1,000 from a new permutation per
 *       pass, the epoch with the lowest validation MSE kept; the labelling time is reported apart.
 * </ul>
 */
public final class Training {
  /** Samples that fit IGCNet's input scaler. */
  public static final int IGCNET_FIT_SAMPLES = 6_400;
  /** Samples the MLP is trained on, validation part included. */
  public static final int MLP_SAMPLES = 64_000;
  /** Fraction of the MLP's samples held out for validation. */
  public static final double MLP_VALIDATION = 0.1;

  private Training() {}

  /** Returns the UWMMSE recipe with the sum-rate loss and node features Q = 1. */
  public static Recipe<Uwmmse, SisoProblem> uwmmse(UwmmseConfig config, ChannelSource source) {
    return uwmmse(config, source, Utility.sumRate(), null);
  }

  /**
   * Returns the UWMMSE recipe whose loss is {@code -mean utility} (Fig. 4 uses the sum of squared rates) with node
   * features {@code q [M, F']} shared by every sample (null: Q = 1).
   */
  public static Recipe<Uwmmse, SisoProblem> uwmmse(UwmmseConfig config, ChannelSource source, Utility utility,
      Tensor q) {
    require("uwmmse", config, source, utility);
    return Recipe.<Uwmmse, SisoProblem>named("uwmmse")
        .model(() -> new Uwmmse(config), Settings.of("", config))
        .optimizer(m -> Adam.of(m, 1e-3).tf1())
        .data(source.description(), source::batch).batch(Paper002.BATCH)
        .loss((m, problem) -> utility.loss(problem, m.apply(problem, q).powers()))
        .clipNorm(5.0).budget(Paper002.reducedBudget())
        .setting("utility", utility.name())
        .setting("node_features", q == null ? "ones" : Settings.fingerprint(q));
  }

  /** Returns the REGNN recipe for models built by {@code architecture} with weights from {@code seed}. */
  public static Recipe<Regnn, SisoProblem> regnn(Regnn.Builder architecture, long seed, ChannelSource source) {
    require("regnn", architecture, source, seed);
    return unsupervised(Recipe.<Regnn, SisoProblem>named("regnn"), source)
        .model(() -> architecture.build(seed), withSeed(architecture.build(seed).settings(), seed))
        .loss((m, problem) -> Utility.sumRate().loss(problem, m.apply(problem.amplitudes())));
  }

  /** Returns the IGCNet recipe for models built by {@code architecture} with weights from {@code seed}. */
  public static Recipe<Igcnet, SisoProblem> igcnet(Igcnet.Builder architecture, long seed, ChannelSource source) {
    return igcnet(architecture, seed, source, IGCNET_FIT_SAMPLES);
  }

  /** As {@link #igcnet(Igcnet.Builder, long, ChannelSource)}, with the scaler fitted on {@code fitSamples} samples. */
  public static Recipe<Igcnet, SisoProblem> igcnet(Igcnet.Builder architecture, long seed, ChannelSource source,
      int fitSamples) {
    require("igcnet", architecture, source, seed);
    if (fitSamples < 1) throw new IllegalArgumentException("Training.igcnet: fitSamples must be >= 1, got "
        + fitSamples);
    return unsupervised(Recipe.<Igcnet, SisoProblem>named("igcnet"), source)
        .model(() -> architecture.build(seed), withSeed(architecture.build(seed).settings(), seed))
        .ownSettings(Igcnet::settings, Igcnet::rebuild)
        .prepare(m -> {
          if (!m.features().isFitted() && m.features().transform() != ChannelFeatures.Transform.RAW) {
            m.fitFeatures(source.batch(0, fitSamples).amplitudes());
          }
        })
        .setting("fit_samples", fitSamples)
        .loss((m, problem) -> Utility.sumRate().loss(problem, m.apply(problem.amplitudes())));
  }

  private static <M extends rrm.nn.Module> Recipe<M, SisoProblem> unsupervised(Recipe<M, SisoProblem> r,
      ChannelSource source) {
    return r.optimizer(m -> Adam.of(m, 1e-3)).data(source.description(), source::batch).batch(Paper002.BATCH)
        .budget(Paper002.reducedBudget()).setting("utility", Utility.sumRate().name());
  }

  /**
   * Returns the supervised MLP recipe for models built by {@code architecture} with weights from {@code seed},
   * trained on WMMSE-100 labels of the first {@code samples} samples of {@code source}.
   */
  public static Recipe<SupervisedMlp, Tensor[]> mlp(SupervisedMlp.Builder architecture, long seed,
      ChannelSource source, int samples) {
    require("mlp", architecture, source, seed);
    if (samples < 2) throw new IllegalArgumentException("Training.mlp: samples must be >= 2, got " + samples);
    Labelled data = new Labelled(source, samples);
    long shuffle = Random.stream(seed, -1);
    return Recipe.<SupervisedMlp, Tensor[]>named("mlp")
        .model(() -> architecture.build(seed), withSeed(architecture.build(seed).settings(), seed))
        .ownSettings(SupervisedMlp::settings, SupervisedMlp::rebuild)
        .optimizer(m -> RmsProp.tf1(m, 1e-3))
        .prepare(m -> {
          data.get();
          if (!m.features().isFitted() && m.features().transform() != ChannelFeatures.Transform.RAW) {
            m.fitFeatures(data.trainChannels);
          }
        })
        .data("WMMSE-100 powers of " + samples + " samples of " + source.description() + ", last " + MLP_VALIDATION
            + " held out", (step, size) -> data.batch(shuffle, step, size))
        .batch(1_000).budget(Paper002.reducedBudget())
        .loss((m, b) -> SupervisedMlp.mseLoss(m.apply(b[0]), b[1]))
        .selection(Validation.minimize("validation MSE", m -> SupervisedMlp.mseLoss(m.apply(data.get().valChannels),
            data.valLabels).item()), "best epoch by validation MSE")
        .setting("loss", "mse");
  }

  /** The MLP's labelled samples, computed once on first use. */
  private static final class Labelled {
    private final ChannelSource source;
    private final int samples;
    private Tensor trainChannels;
    private Tensor trainLabels;
    private Tensor valChannels;
    private Tensor valLabels;

    Labelled(ChannelSource source, int samples) {
      this.source = source;
      this.samples = samples;
    }

    synchronized Labelled get() {
      if (trainChannels != null) return this;
      int nVal = Math.max(1, (int) Math.round(samples * MLP_VALIDATION));
      int nTrain = samples - nVal;
      SisoProblem all = source.batch(0, samples);
      Tensor labels = Wmmse.of(100).allocate(all).tensor();
      Tensor g = all.amplitudes();
      trainChannels = g.slice(0, 0, nTrain);
      trainLabels = labels.slice(0, 0, nTrain);
      valChannels = g.slice(0, nTrain, samples);
      valLabels = labels.slice(0, nTrain, samples);
      return this;
    }

    Tensor[] batch(long shuffle, int step, int size) {
      get();
      int nTrain = trainChannels.size(0);
      int b = Math.min(size, nTrain);
      int perPass = nTrain / b;
      int[] order = Random.permutation(new SplittableRandom(Random.stream(shuffle, step / perPass)), nTrain);
      int[] idx = Arrays.copyOfRange(order, (step % perPass) * b, (step % perPass + 1) * b);
      try (var off = Autograd.noGrad()) {
        return new Tensor[] {trainChannels.gather(0, idx), trainLabels.gather(0, idx)};
      }
    }
  }

  private static java.util.Map<String, String> withSeed(java.util.Map<String, String> settings, long seed) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>(settings);
    out.put("seed", Long.toString(seed));
    return out;
  }

  private static void require(String op, Object... args) {
    for (Object a : args) {
      if (a == null) throw new IllegalArgumentException("Training." + op + ": arguments must not be null");
    }
  }
}
