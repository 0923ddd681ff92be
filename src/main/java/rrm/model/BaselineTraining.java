package rrm.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rrm.nn.Module;
import rrm.optim.TrainingCallback;
import rrm.utility.Utility;

/**
 * Training recipes for the learned baselines of paper 002 §IV-A (Table I, Fig. 2), with the spec's defaults:
 *
 * <ul>
 *   <li>{@link #regnn} and {@link #igcnet} (spec §3.4, §3.5): unsupervised, loss {@code -mean_b sum_i c_i} (bits),
 *       Adam lr 1e-3 (PyTorch form), batches of 64 from the {@link ChannelSource}, no clipping, best epoch by
 *       average training loss as for UWMMSE. IGCNet's input scaler is fitted on the first {@link #fitSamples}
 *       samples of the source (default 6,400).
 *   <li>{@link #mlp} (spec §3.3, [Sun]): supervised on WMMSE-100 powers of the first {@link #trainingSamples}
 *       samples of the source (default 64,000), the last {@link #validationFraction} of them (default 10%) held
 *       out; MSE loss, RMSProp in TensorFlow 1's form, lr 1e-3, decay 0.9, batches of 1,000 drawn from a new
 *       permutation of the training part on every pass; the epoch with the lowest validation MSE is kept. The
 *       labelling time is reported apart ({@link TrainingSummary#dataSeconds()}), as the paper excludes it.
 * </ul>
 *
 * <pre>{@code
 * Trained<Regnn> r = BaselineTraining.regnn(Regnn.builder(), 7L, train).budget(TrainingBudget.reduced())
 *     .loadOrTrain(Path.of("data/checkpoints/002/regnn-low.ckpt"), false);
 * }</pre>
 *
 * @param <M> the model type
 */
public final class BaselineTraining<M extends Module> {
  private final BaselineKind<M> kind;
  private final long seed;
  private final ChannelSource source;
  TrainingBudget budget = TrainingBudget.reduced();
  int batch;
  double learningRate = 1e-3;
  Utility utility = Utility.sumRate();
  int fitSamples = 6_400;
  int trainingSamples = 64_000;
  double validationFraction = 0.1;
  final List<TrainingCallback> callbacks = new ArrayList<>();

  private BaselineTraining(BaselineKind<M> kind, long seed, ChannelSource source, int batch) {
    this.kind = kind;
    this.seed = seed;
    this.source = Recipes.require("BaselineTraining", "source", source);
    this.batch = batch;
  }

  /** REGNN (spec §3.4) built by {@code architecture} with weights from {@code seed}. */
  public static BaselineTraining<Regnn> regnn(Regnn.Builder architecture, long seed, ChannelSource source) {
    return new BaselineTraining<>(new BaselineKind.OfRegnn(
        Recipes.require("BaselineTraining.regnn", "architecture", architecture)), seed, source, 64);
  }

  /** IGCNet (spec §3.5) built by {@code architecture} with weights from {@code seed}. */
  public static BaselineTraining<Igcnet> igcnet(Igcnet.Builder architecture, long seed, ChannelSource source) {
    return new BaselineTraining<>(new BaselineKind.OfIgcnet(
        Recipes.require("BaselineTraining.igcnet", "architecture", architecture)), seed, source, 64);
  }

  /** Sun et al.'s supervised MLP (spec §3.3) built by {@code architecture} with weights from {@code seed}. */
  public static BaselineTraining<SupervisedMlp> mlp(SupervisedMlp.Builder architecture, long seed,
      ChannelSource source) {
    return new BaselineTraining<>(new BaselineKind.OfMlp(
        Recipes.require("BaselineTraining.mlp", "architecture", architecture)), seed, source, 1_000);
  }

  /** Sets the budget (default {@link TrainingBudget#reduced()}). */
  public BaselineTraining<M> budget(TrainingBudget b) {
    this.budget = Recipes.require("BaselineTraining.budget", "budget", b);
    return this;
  }

  /** Sets the batch size (default 64; 1,000 for the MLP). */
  public BaselineTraining<M> batch(int size) {
    if (size < 1) throw new IllegalArgumentException("BaselineTraining.batch: must be >= 1, got " + size);
    this.batch = size;
    return this;
  }

  /** Sets the learning rate (default 1e-3). */
  public BaselineTraining<M> learningRate(double lr) {
    Recipes.checkPositive("BaselineTraining.learningRate", "the learning rate", lr);
    this.learningRate = lr;
    return this;
  }

  /** Sets the utility of the unsupervised loss (default sum-rate; ignored by the MLP, which imitates WMMSE). */
  public BaselineTraining<M> utility(Utility u) {
    this.utility = Recipes.require("BaselineTraining.utility", "utility", u);
    return this;
  }

  /** Sets how many source samples fit IGCNet's input scaler (default 6,400). */
  public BaselineTraining<M> fitSamples(int n) {
    if (n < 1) throw new IllegalArgumentException("BaselineTraining.fitSamples: must be >= 1, got " + n);
    this.fitSamples = n;
    return this;
  }

  /** Sets the MLP's number of labelled samples, validation part included (default 64,000). */
  public BaselineTraining<M> trainingSamples(int n) {
    if (n < 2) throw new IllegalArgumentException("BaselineTraining.trainingSamples: must be >= 2, got " + n);
    this.trainingSamples = n;
    return this;
  }

  /** Sets the fraction of the MLP's labelled samples held out for validation (default 0.1). */
  public BaselineTraining<M> validationFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException("BaselineTraining.validationFraction: must be in (0, 1), got " + f);
    }
    this.validationFraction = f;
    return this;
  }

  /** Adds a callback (live progress, logging). */
  public BaselineTraining<M> callback(TrainingCallback c) {
    callbacks.add(Recipes.require("BaselineTraining.callback", "callback", c));
    return this;
  }

  /** Returns the seed of the model's initialisation (the MLP's batch order derives from it too). */
  long seed() {
    return seed;
  }

  /** Returns a fresh, untrained model (an IGCNet or MLP scaler is not fitted yet). */
  public M newModel() {
    return kind.build(seed);
  }

  /** Returns the settings that identify this recipe in a checkpoint (keys start with {@code train.}). */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    String t = Recipes.TRAIN;
    s.put(t + "recipe", kind.name());
    kind.settingsOf(newModel()).forEach((k, v) -> s.put(t + "model." + k, v));
    s.put(t + "model.seed", Long.toString(seed));
    s.put(t + "source", source.description());
    s.put(t + "budget", budget.key());
    s.put(t + "batch", Integer.toString(batch));
    kind.settings(this).forEach((k, v) -> s.put(t + k, v));
    return s;
  }

  /** Trains a new model and returns it with the kept epoch's parameters. */
  public Trained<M> train() {
    return kind.train(this, source, newModel(), "trained");
  }

  /**
   * Returns the model saved at {@code path} if the file exists, {@code retrain} is false and it was trained with
   * exactly this recipe's {@link #settings()}; otherwise trains one and saves it there (with its summary).
   */
  public Trained<M> loadOrTrain(Path path, boolean retrain) {
    return Recipes.loadOrTrain("BaselineTraining.loadOrTrain", path, settings(), retrain,
        note -> kind.train(this, source, newModel(), note), c -> kind.load(path), kind::settingsOf);
  }

  /**
   * Returns the model saved at {@code path} if the file exists and was trained with exactly this recipe's
   * {@link #settings()}, else empty. Never trains and never writes: for reusing a checkpoint that another notebook
   * owns without overwriting it when it does not match.
   */
  public Optional<Trained<M>> loadIfMatching(Path path) {
    if (path == null) throw new IllegalArgumentException("BaselineTraining.loadIfMatching: path must not be null");
    return Recipes.load(path, settings(), c -> kind.load(path), new ArrayList<>());
  }
}
