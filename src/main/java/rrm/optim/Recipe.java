package rrm.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import rrm.nn.Checkpoint;
import rrm.nn.Module;
import rrm.tensor.Tensor;

/**
 * The one training recipe of the library: a model factory, an optimizer, a seeded batch source, a loss, a budget,
 * clipping and a selection rule. After each epoch the selection value is computed (the epoch's mean training loss
 * unless a {@link Validation} is given) and the best epoch's parameters are kept. Batches are prefetched on another
 * thread (every batch depends only on its step), which hides the data generation.
 *
 * <p>A recipe knows its checkpoint settings without any hand-typed key: the recipe's name, the model's settings
 * (from its configuration record, {@link Settings#of}, or from the model itself), the data's description, the
 * budget, the batch size, the optimizer's {@code toString()}, the clipping and the selection, plus any
 * {@link #setting extra} the caller states. {@link #loadOrTrain} reuses a checkpoint only when these settings are
 * equal.
 *
 * <pre>{@code
 * Recipe<Uwmmse, SisoProblem> r = Recipe.<Uwmmse, SisoProblem>named("uwmmse")
 *     .model(() -> new Uwmmse(config), Settings.of("", config))
 *     .optimizer(m -> Adam.of(m, 1e-3).tf1())
 *     .data(source.description(), source::batch).batch(64)
 *     .loss((m, problem) -> Utility.sumRate().loss(problem, m.apply(problem).powers()))
 *     .budget(TrainingBudget.of(20, 10_000)).clipNorm(5);
 * Trained<Uwmmse> t = r.loadOrTrain(CheckpointFiles.of(Path.of("data/checkpoints/002/4A-uwmmse-low.ckpt")));
 * }</pre>
 *
 * @param <M> the model type
 * @param <B> the batch type
 */
public final class Recipe<M extends Module, B> {
  /** Prefix of the recipe's settings in a checkpoint (the {@code result.} entries are never compared). */
  public static final String TRAIN = "train.";
  /** Window of the loss curve kept in summaries. */
  public static final int WINDOW = 100;

  /** A seeded batch source: the batch of training step {@code step} (0-based) with {@code size} samples. */
  @FunctionalInterface
  public interface Batches<B> {
    B get(int step, int size);
  }

  private final String name;
  private Supplier<M> factory;
  private Map<String, String> modelSettings = Map.of();
  private Function<M, Map<String, String>> ownSettings = m -> Map.of();
  private Function<Checkpoint, M> rebuild;
  private Function<M, Optimizer> optimizer;
  private String dataDescription;
  private Batches<B> batches;
  private int batch = 64;
  private BiFunction<M, B, Tensor> loss;
  private TrainingBudget budget;
  private double clipNorm;
  private Validation<? super M> selection;
  private String selectionDescription = "best epoch by mean training loss";
  private Consumer<M> prepare;
  private LrSchedule schedule;
  private String scheduleDescription;
  private final Map<String, String> extra = new LinkedHashMap<>();
  private final List<TrainingCallback> callbacks = new ArrayList<>();
  private int shardCount = 1;
  private Shards.Sharding<B> sharding;

  private Recipe(String name) {
    this.name = name;
  }

  /** Starts a recipe called {@code name} (recorded as {@code train.recipe}). */
  public static <M extends Module, B> Recipe<M, B> named(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Recipe.named: name must not be blank");
    return new Recipe<>(name);
  }

  /**
   * Sets the model factory and the settings that describe the model's architecture and initialisation (recorded
   * under {@code train.model.}); a loaded checkpoint is restored into a fresh model of the factory.
   */
  public Recipe<M, B> model(Supplier<M> newModel, Map<String, String> settings) {
    this.factory = require("model", newModel);
    this.modelSettings = new LinkedHashMap<>(require("model settings", settings));
    return this;
  }

  /**
   * Sets how a model records settings it acquires in training (a fitted input scaler: saved with the parameters,
   * never compared) and how it is rebuilt from a checkpoint holding them.
   */
  public Recipe<M, B> ownSettings(Function<M, Map<String, String>> settingsOf, Function<Checkpoint, M> rebuildFrom) {
    this.ownSettings = require("ownSettings", settingsOf);
    this.rebuild = require("rebuild", rebuildFrom);
    return this;
  }

  /** Sets the optimizer built for the fresh model; its {@code toString()} is recorded. */
  public Recipe<M, B> optimizer(Function<M, Optimizer> newOptimizer) {
    this.optimizer = require("optimizer", newOptimizer);
    return this;
  }

  /** Sets the training data: a description (recorded) and the seeded batch source. */
  public Recipe<M, B> data(String description, Batches<B> source) {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("Recipe.data: the description must not be blank (it identifies the data in "
          + "checkpoints)");
    }
    this.dataDescription = description;
    this.batches = require("data", source);
    return this;
  }

  /** Sets the batch size (default 64). */
  public Recipe<M, B> batch(int size) {
    if (size < 1) throw new IllegalArgumentException("Recipe.batch: the batch size must be >= 1, got " + size);
    this.batch = size;
    return this;
  }

  /** Sets the loss of a model on a batch (a scalar to minimise). */
  public Recipe<M, B> loss(BiFunction<M, B, Tensor> f) {
    this.loss = require("loss", f);
    return this;
  }

  /** Sets the budget. */
  public Recipe<M, B> budget(TrainingBudget b) {
    this.budget = require("budget", b);
    return this;
  }

  /** Sets the global-norm clipping threshold (0, the default, turns clipping off). */
  public Recipe<M, B> clipNorm(double maxNorm) {
    if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException("Recipe.clipNorm: must be >= 0 and finite (0 = off), got " + maxNorm);
    }
    this.clipNorm = maxNorm;
    return this;
  }

  /** Chooses the kept epoch by {@code v} instead of the epoch's mean training loss; {@code description} is recorded. */
  public Recipe<M, B> selection(Validation<? super M> v, String description) {
    this.selection = require("selection", v);
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("Recipe.selection: the description must not be blank");
    }
    this.selectionDescription = description;
    return this;
  }

  /**
   * Sets a learning-rate schedule (default: constant); {@code description} is recorded as {@code train.schedule}.
   */
  public Recipe<M, B> schedule(LrSchedule s, String description) {
    this.schedule = require("schedule", s);
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("Recipe.schedule: the description must not be blank");
    }
    this.scheduleDescription = description;
    return this;
  }

  /**
   * Computes each step's loss and gradient in {@code count} shards of the batch, in parallel on replicas of the model
   * ({@link Shards}; 1, the default, computes the batch whole). Results do not depend on the number of threads, but
   * the shard count changes the rounding, so a count above 1 is recorded as {@code train.shards}.
   */
  public Recipe<M, B> shards(int count, Shards.Sharding<B> sharding) {
    if (count < 1) throw new IllegalArgumentException("Recipe.shards: count must be >= 1, got " + count);
    this.sharding = require("sharding", sharding);
    this.shardCount = count;
    return this;
  }

  /** Runs {@code step} on the fresh model before training (fitting an input scaler); its time is reported apart. */
  public Recipe<M, B> prepare(Consumer<M> step) {
    this.prepare = require("prepare", step);
    return this;
  }

  /** Adds a setting that identifies the recipe (recorded as {@code train.<key>}). */
  public Recipe<M, B> setting(String key, Object value) {
    if (key == null || key.isBlank()) throw new IllegalArgumentException("Recipe.setting: key must not be blank");
    extra.put(key, Settings.text(value));
    return this;
  }

  /** Adds a callback (live progress, logging). */
  public Recipe<M, B> callback(TrainingCallback c) {
    callbacks.add(require("callback", c));
    return this;
  }

  /** Returns the recipe's name. */
  public String name() {
    return name;
  }

  /** Returns a fresh, untrained model. */
  public M newModel() {
    check();
    return factory.get();
  }

  /** Returns the settings that identify this recipe in a checkpoint (keys start with {@code train.}). */
  public Map<String, String> settings() {
    check();
    Map<String, String> s = new LinkedHashMap<>();
    s.put(TRAIN + "recipe", name);
    modelSettings.forEach((k, v) -> s.put(TRAIN + "model." + k, v));
    s.put(TRAIN + "data", dataDescription);
    s.put(TRAIN + "budget", budget.key());
    s.put(TRAIN + "batch", Integer.toString(batch));
    s.put(TRAIN + "optimizer", optimizer.apply(factory.get()).toString());
    s.put(TRAIN + "clip_norm", Settings.number(clipNorm));
    s.put(TRAIN + "selection", selectionDescription);
    if (schedule != null) s.put(TRAIN + "schedule", scheduleDescription);
    if (shardCount > 1) s.put(TRAIN + "shards", Integer.toString(shardCount));
    extra.forEach((k, v) -> s.put(TRAIN + k, v));
    return s;
  }

  /** Trains a fresh model and returns it with the kept epoch's parameters; saves nothing. */
  public Trained<M> train() {
    return train("trained");
  }

  Trained<M> train(String note) {
    check();
    M model = factory.get();
    long t0 = System.nanoTime();
    if (prepare != null) prepare.accept(model);
    double dataSeconds = (System.nanoTime() - t0) / 1e9;
    Trainer<M, B> t = Trainer.of(model, optimizer.apply(model)).<B>batches(step -> batches.get(step, batch))
        .loss(loss).epochs(budget.epochs(), budget.stepsPerEpoch())
        .validate(selection == null ? Validation.meanTrainingLoss() : selection, budget.stepsPerEpoch()).prefetch();
    if (clipNorm > 0) t.clipNorm(clipNorm);
    if (schedule != null) t.schedule(schedule);
    if (shardCount > 1) t.shards(shardCount, factory, sharding);
    for (TrainingCallback c : callbacks) t.callback(c);
    History h = t.fit(); // an interrupt or a divergence throws: nothing after this line runs, nothing is saved
    return new Trained<>(model, TrainingSummary.of(h, WINDOW).withDataSeconds(dataSeconds), h, false, note);
  }

  /**
   * Returns the model of a matching checkpoint (committed first, then the cache), or trains one and saves it in the
   * cache (and, only when {@link CheckpointFiles#updateCommitted()} is on, at the committed path). A committed
   * checkpoint whose settings differ is never overwritten: the differences are printed and the model trains into
   * the cache. An interrupted or diverged run throws and saves nothing.
   */
  public Trained<M> loadOrTrain(CheckpointFiles files) {
    return CheckpointStore.loadOrTrain(this, require("files", files));
  }

  /** Returns the model of a matching checkpoint (committed first, then the cache), or empty; never trains or writes. */
  public java.util.Optional<Trained<M>> loadIfMatching(CheckpointFiles files) {
    return CheckpointStore.find(this, require("files", files), new ArrayList<>());
  }

  /** Returns a fresh model with the parameters (and own settings) of {@code c}. */
  M restore(Checkpoint c) {
    M model = rebuild == null ? factory.get() : rebuild.apply(c);
    c.restore(model);
    return model;
  }

  /** Returns the model's own settings (saved, never compared). */
  Map<String, String> ownSettings(M model) {
    return ownSettings.apply(model);
  }

  private void check() {
    List<String> missing = new ArrayList<>();
    if (factory == null) missing.add("model");
    if (optimizer == null) missing.add("optimizer");
    if (batches == null) missing.add("data");
    if (loss == null) missing.add("loss");
    if (budget == null) missing.add("budget");
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Recipe " + name + ": set " + String.join(", ", missing) + " first");
    }
  }

  private static <T> T require(String what, T x) {
    if (x == null) throw new IllegalArgumentException("Recipe: " + what + " must not be null");
    return x;
  }

  @Override
  public String toString() {
    return "Recipe " + name + (budget == null ? "" : ", " + budget) + ", batch " + batch;
  }
}
