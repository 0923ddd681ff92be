package rrm.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rrm.optim.Adam;
import rrm.optim.TrainingCallback;
import rrm.optim.Validation;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/**
 * The training procedure of the authors' released code for UWMMSE (paper 002 §IV, spec §4.5), as a recipe with the
 * spec's defaults:
 *
 * <ul>
 *   <li>loss: {@code -mean_b sum_i beta(c_i)} at the output layer, in bits (eq. 9; sum-rate by default, any
 *       {@link Utility} via {@link #utility});
 *   <li>Adam in TensorFlow 1's form ({@link Adam#tf1()}), lr 1e-3, betas (0.9, 0.999), epsilon 1e-8;
 *   <li>batches of 64 channel samples from a {@link ChannelSource} (step k of {@code ChannelSource.fresh} is samples
 *       {@code [64k, 64k + 64)} of the seeded training stream);
 *   <li>gradient clipping at global norm 5 (A13);
 *   <li>{@code epochs × stepsPerEpoch} steps ({@link TrainingBudget}); after each epoch the parameters are kept if
 *       the epoch's average training utility beats the best so far, and the kept ones are returned (A11). With
 *       {@link #validation} the epoch is chosen on a validation set instead (a documented deviation).
 * </ul>
 *
 * <pre>{@code
 * ChannelSource train = ChannelSource.fresh(net, topo, AdHocSiso.TRAIN_STREAM_SEED);
 * Trained<Uwmmse> t = UwmmseTraining.of(UwmmseConfig.defaults(), train)
 *     .budget(TrainingBudget.reduced())
 *     .callback(TrainingProgress.start("UWMMSE"))                       // rrm.report
 *     .loadOrTrain(Path.of("data/checkpoints/002/uwmmse-low.ckpt"), false);
 * Tensor p = t.model().powers(testChannels, net.noiseVariance(), net.pMax());
 * }</pre>
 *
 * <p>The same seeds give the same parameters (model initialisation from {@link UwmmseConfig#seed()}, batches from
 * the source), whatever the number of threads.
 */
public final class UwmmseTraining {
  private static final String OP = "UwmmseTraining";
  private final UwmmseConfig config;
  private final ChannelSource source;
  private TrainingBudget budget = TrainingBudget.reduced();
  private int batch = 64;
  private double learningRate = 1e-3;
  private double clipNorm = 5.0;
  private Utility utility = Utility.sumRate();
  private Tensor features;
  private Tensor validation;
  private final List<TrainingCallback> callbacks = new ArrayList<>();

  private UwmmseTraining(UwmmseConfig config, ChannelSource source) {
    this.config = Recipes.require(OP + ".of", "config", config);
    this.source = Recipes.require(OP + ".of", "source", source);
  }

  /** Starts the recipe for a network of {@code config} trained on batches of {@code source}. */
  public static UwmmseTraining of(UwmmseConfig config, ChannelSource source) {
    return new UwmmseTraining(config, source);
  }

  /** Sets the budget (default {@link TrainingBudget#reduced()}). */
  public UwmmseTraining budget(TrainingBudget b) {
    this.budget = Recipes.require(OP + ".budget", "budget", b);
    return this;
  }

  /** Sets the batch size (default 64). */
  public UwmmseTraining batch(int size) {
    if (size < 1) throw new IllegalArgumentException(OP + ".batch: must be >= 1, got " + size);
    this.batch = size;
    return this;
  }

  /** Sets Adam's learning rate (default 1e-3). */
  public UwmmseTraining learningRate(double lr) {
    Recipes.checkPositive(OP + ".learningRate", "the learning rate", lr);
    this.learningRate = lr;
    return this;
  }

  /** Sets the global-norm clipping threshold (default 5); 0 turns clipping off. */
  public UwmmseTraining clipNorm(double maxNorm) {
    if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException(OP + ".clipNorm: must be >= 0 and finite (0 = off), got " + maxNorm);
    }
    this.clipNorm = maxNorm;
    return this;
  }

  /** Sets the utility whose negative mean is the loss (default sum-rate; Fig. 4 uses the sum of squares). */
  public UwmmseTraining utility(Utility u) {
    this.utility = Recipes.require(OP + ".utility", "utility", u);
    return this;
  }

  /** Sets the node features Q {@code [M, F']} shared by every sample (default null: Q = 1). */
  public UwmmseTraining features(Tensor q) {
    this.features = q;
    return this;
  }

  /**
   * Chooses the kept epoch by the mean utility on these channels {@code [N, M, M]} instead of the epoch's average
   * training utility (a deviation from the authors' code, which has no validation set).
   */
  public UwmmseTraining validation(Tensor channels) {
    this.validation = channels;
    return this;
  }

  /** Adds a callback (live progress, logging). */
  public UwmmseTraining callback(TrainingCallback c) {
    callbacks.add(Recipes.require(OP + ".callback", "callback", c));
    return this;
  }

  /** Returns a fresh, untrained network of the recipe's configuration. */
  public Uwmmse newModel() {
    return new Uwmmse(config);
  }

  /** Returns the settings that identify this recipe in a checkpoint (keys start with {@code train.}). */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    String t = Recipes.TRAIN;
    s.put(t + "recipe", "uwmmse");
    s.put(t + "model.layers", Integer.toString(config.layers()));
    s.put(t + "model.hidden", Integer.toString(config.hidden()));
    s.put(t + "model.features", Integer.toString(config.features()));
    s.put(t + "model.shift", config.shift().name());
    s.put(t + "model.biases", Boolean.toString(config.biases()));
    s.put(t + "model.mu", Boolean.toString(config.mu()));
    s.put(t + "model.weight_update", config.weightUpdate().name());
    s.put(t + "model.seed", Long.toString(config.seed()));
    // Only a non-default Ψ is recorded, so that GCN checkpoints written before the switch existed still match.
    if (config.psi() != PsiKind.GCN) s.put(t + "model.psi", config.psi().name());
    s.put(t + "source", source.description());
    s.put(t + "budget", budget.key());
    s.put(t + "batch", Integer.toString(batch));
    s.put(t + "optimizer", "adam-tf1 lr " + learningRate + " betas 0.9/0.999 eps 1e-8");
    s.put(t + "clip_norm", Double.toString(clipNorm));
    s.put(t + "utility", utility.name());
    s.put(t + "node_features", features == null ? "ones" : ChannelSources.fingerprint(features));
    s.put(t + "selection", validation == null ? "best epoch by mean training loss"
        : "best epoch by validation on " + ChannelSources.fingerprint(validation));
    return s;
  }

  /** Trains a new network and returns it with the kept epoch's parameters. */
  public Trained<Uwmmse> train() {
    return train("trained");
  }

  /**
   * Returns the network saved at {@code path} if the file exists, {@code retrain} is false and it was trained with
   * exactly this recipe's {@link #settings()}; otherwise trains one and saves it there (with its summary).
   */
  public Trained<Uwmmse> loadOrTrain(Path path, boolean retrain) {
    return Recipes.loadOrTrain(OP + ".loadOrTrain", path, settings(), retrain, this::train, c -> newModel(),
        m -> Map.of());
  }

  /**
   * Returns the network saved at {@code path} if the file exists and was trained with exactly this recipe's
   * {@link #settings()}, else empty. Never trains and never writes: for reusing a checkpoint that another notebook
   * owns (for example the base model of §IV-A in the depth study) without overwriting it when it does not match.
   */
  public Optional<Trained<Uwmmse>> loadIfMatching(Path path) {
    if (path == null) throw new IllegalArgumentException(OP + ".loadIfMatching: path must not be null");
    return Recipes.load(path, settings(), c -> newModel(), new ArrayList<>());
  }

  private Trained<Uwmmse> train(String note) {
    Uwmmse model = newModel();
    double s2 = source.noiseVariance(), pMax = source.pMax();
    Tensor q = features;
    Validation<Uwmmse> selection = validation == null ? null : Validation.maximize("validation " + utility.name(),
        m -> utility.of(validation, m.powers(validation, q, s2, pMax), s2).mean().item());
    return Recipes.fit(model, Adam.of(model, learningRate).tf1(), step -> source.batch(step, batch),
        (Uwmmse m, Tensor g) -> utility.loss(g, m.apply(g, q, s2, pMax).powers(), s2), budget, clipNorm, selection,
        callbacks, note);
  }
}
