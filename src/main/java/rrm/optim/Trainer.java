package rrm.optim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import rrm.nn.Checkpoint;
import rrm.nn.Library;
import rrm.nn.Module;
import rrm.nn.Snapshot;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;

/**
 * The training loop: for each step, draw the batch of that step, compute the scalar loss, back-propagate, check
 * for non-finite values, clip, and update; validate every N steps, keep the best parameters, stop early, report to
 * callbacks, and record a {@link History}. The model is in training mode ({@link Module#setTraining}) only while
 * the loss of a step is computed; validations, and whatever runs after {@code fit()}, see it in inference mode
 * (batch normalisation then uses its running statistics).
 *
 * <pre>
 * History h = Trainer.of(model, Adam.of(model, 1e-3))
 *     .batches(step -> scenario.sample(64, Random.stream(seed, step)))     // 0-based step -> batch
 *     .loss((m, batch) -> m.apply(batch).negativeSumRate())                 // model + batch -> scalar
 *     .steps(20_000).clipNorm(5.0)
 *     .validate(Validation.maximize("sum rate", m -> evaluate(m, validationSet)), 500).patience(10)
 *     .fit();
 * </pre>
 * Call {@code batches} before {@code loss} (the loss is typed by the batch). Defaults: no clipping, constant
 * learning rate, no validation, best parameters restored at the end when there is a validation, at most 10 skipped
 * non-finite steps, a collapse declared after 20 flat steps, no prefetching.
 *
 * <p>With {@link #prefetch()}, the batches of steps k + 1 ... k + {@value BatchSource#DEPTH} are drawn on a background
 * thread while step k computes. The batch function must then be safe to call from another thread; since a batch
 * depends only on its step index, the history and parameters are exactly those of a run without prefetching.
 *
 * <p>{@code fit()} returns only a finished run: all steps done ({@link StopReason#COMPLETED}) or stopped early by
 * the patience rule ({@link StopReason#EARLY_STOPPED}). Every other end throws, after the best parameters were
 * restored (if {@link #restoreBest} and a validation has run) and the callbacks were told, and without saving:
 * <ul>
 *   <li><b>Divergence</b> throws a {@link TrainingDivergedException} naming the step, the loss and the learning
 *   rate. A step with a non-finite loss or gradient norm skips its update and is counted (the rule of the UWMMSE
 *   authors' code: an isolated bad batch is survivable); more than {@link #maxNonFiniteSteps} such steps is
 *   divergence ({@link StopReason#NON_FINITE}). So is a collapsed output ({@link StopReason#COLLAPSED}): exactly
 *   the same loss and a zero gradient for {@link #collapsePatience} steps in a row. Fresh batches give different
 *   losses, so an unchanging loss means the output no longer depends on the input; that is what a far too large
 *   learning rate does to UWMMSE (one step clamps every power to 0, the sum rate is 0 on every batch and no
 *   gradient flows back). An output saturated at full power is not reported: its loss still changes, and full
 *   power can be the right answer.</li>
 *   <li><b>An interrupt</b> of the training thread (how Jupyter stops a cell), noticed before each step and once
 *   after the last, throws a {@link TrainingInterruptedException} ({@link StopReason#INTERRUPTED}); the thread's
 *   interrupt flag stays set (see there). A step already running finishes first, so the stop comes within one
 *   step (or one validation).</li>
 * </ul>
 * With the same seeds (model initialisation and batches) two runs give the same history.
 *
 * @param <M> the model type, passed to the loss and validation
 * @param <B> the batch type
 */
public final class Trainer<M extends Module, B> {
  private final M model;
  private final Optimizer optimizer;
  private IntFunction<? extends B> batches;
  private BiFunction<? super M, ? super B, Tensor> loss;
  private int totalSteps;
  private int stepsPerEpoch;
  private double clipNorm;
  private LrSchedule schedule = LrSchedule.constant();
  private Validation<? super M> validation;
  private int validateEvery;
  private int patience;
  private boolean restoreBest = true;
  private Path checkpointPath;
  private Map<String, String> checkpointSettings;
  private final List<TrainingCallback> callbacks = new ArrayList<>();
  private int maxNonFinite = 10;
  private int collapsePatience = 20;
  private boolean prefetch;
  private Shards<M, B> shards;

  private Trainer(M model, Optimizer optimizer) {
    this.model = model;
    this.optimizer = optimizer;
  }

  /** Starts a trainer for {@code model} updated by {@code optimizer}. */
  public static <M extends Module> Trainer<M, Object> of(M model, Optimizer optimizer) {
    return new Trainer<>(model, optimizer);
  }

  /** Sets the batch source: a function from the 0-based step index to that step's batch. */
  @SuppressWarnings("unchecked")
  public <C> Trainer<M, C> batches(IntFunction<? extends C> source) {
    Trainer<M, C> self = (Trainer<M, C>) this;
    self.batches = source;
    self.loss = null;
    return self;
  }

  /** Sets the loss: model and batch to a one-element tensor to minimise. */
  public Trainer<M, B> loss(BiFunction<? super M, ? super B, Tensor> f) {
    this.loss = f;
    return this;
  }

  /** Sets the number of steps. */
  public Trainer<M, B> steps(int n) {
    if (n < 1) throw new IllegalArgumentException("Trainer.steps: needs at least 1 step, got " + n);
    this.totalSteps = n;
    this.stepsPerEpoch = 0;
    return this;
  }

  /** Sets the number of steps as epochs × steps per epoch (the history then has an epoch column). */
  public Trainer<M, B> epochs(int epochs, int stepsPerEpoch) {
    if (epochs < 1 || stepsPerEpoch < 1) {
      throw new IllegalArgumentException("Trainer.epochs: needs epochs >= 1 and stepsPerEpoch >= 1, got " + epochs
          + " and " + stepsPerEpoch);
    }
    this.totalSteps = Math.multiplyExact(epochs, stepsPerEpoch);
    this.stepsPerEpoch = stepsPerEpoch;
    return this;
  }

  /** Clips the global gradient norm to {@code maxNorm} before each update ({@link GradientClipping}). */
  public Trainer<M, B> clipNorm(double maxNorm) {
    if (!(maxNorm > 0)) throw new IllegalArgumentException("Trainer.clipNorm: must be > 0, got " + maxNorm);
    this.clipNorm = maxNorm;
    return this;
  }

  /**
   * Sets the learning-rate schedule: step s uses {@code base · multiplier(s)}, where base is the optimizer's
   * learning rate when {@link #fit()} starts (and is set back when it returns).
   */
  public Trainer<M, B> schedule(LrSchedule s) {
    this.schedule = s;
    return this;
  }

  /** Validates after every {@code every} steps and after the last step. */
  public Trainer<M, B> validate(Validation<? super M> v, int every) {
    if (every < 1) throw new IllegalArgumentException("Trainer.validate: every must be >= 1, got " + every);
    this.validation = v;
    this.validateEvery = every;
    return this;
  }

  /** Stops after {@code validations} validations in a row without improvement (0: never). */
  public Trainer<M, B> patience(int validations) {
    if (validations < 0) throw new IllegalArgumentException("Trainer.patience: must be >= 0, got " + validations);
    this.patience = validations;
    return this;
  }

  /** Sets whether the best validation's parameters are put back into the model at the end (default true). */
  public Trainer<M, B> restoreBest(boolean restore) {
    this.restoreBest = restore;
    return this;
  }

  /**
   * Saves a {@link Checkpoint} with {@code settings} to {@code path} once, when the run finishes (completed or
   * stopped early): the best validation's parameters, or the last ones when there is no validation. An interrupted
   * or diverged run writes nothing.
   */
  public Trainer<M, B> saveBest(Path path, Map<String, String> settings) {
    this.checkpointPath = path;
    this.checkpointSettings = Map.copyOf(settings);
    return this;
  }

  /** Adds a callback. */
  public Trainer<M, B> callback(TrainingCallback c) {
    callbacks.add(c);
    return this;
  }

  /** Sets how many non-finite steps are skipped before training stops (default 10). */
  public Trainer<M, B> maxNonFiniteSteps(int n) {
    if (n < 0) throw new IllegalArgumentException("Trainer.maxNonFiniteSteps: must be >= 0, got " + n);
    this.maxNonFinite = n;
    return this;
  }

  /**
   * Sets after how many steps in a row with exactly the same loss and a zero gradient (at most 1e-30 times the
   * largest norm so far) the run counts as collapsed and diverges (default 20; 0 turns the check off, for a fixed
   * batch whose loss may legitimately sit at an exact stationary point).
   */
  public Trainer<M, B> collapsePatience(int steps) {
    if (steps < 0) throw new IllegalArgumentException("Trainer.collapsePatience: must be >= 0, got " + steps);
    this.collapsePatience = steps;
    return this;
  }

  /**
   * Computes each step's loss and gradient in {@code count} shards of the batch on replicas of the model, in parallel
   * ({@link Shards}: for a loss that is a mean over the batch, the same step up to rounding; results do not depend
   * on the number of threads). {@code replicas} makes a fresh model of the same architecture; {@code sharding} cuts
   * a batch. Refused for models with buffers (batch normalisation).
   */
  public Trainer<M, B> shards(int count, Supplier<? extends M> replicas, Shards.Sharding<B> sharding) {
    this.shards = Shards.of(count, replicas, sharding);
    return this;
  }

  /**
   * Draws the next batches on a background thread while the current step computes (see the class comment). Worth it
   * when drawing a batch costs a sizeable part of a step, as fresh channel samples do.
   */
  public Trainer<M, B> prefetch() {
    this.prefetch = true;
    return this;
  }

  /**
   * Runs the training loop and returns the history of a finished run (completed or stopped early).
   *
   * @throws TrainingDivergedException if the loss or gradient became non-finite too often or the output collapsed
   * @throws TrainingInterruptedException if the thread was interrupted (its interrupt flag stays set)
   */
  public History fit() {
    if (batches == null || loss == null || totalSteps == 0) {
      throw new IllegalStateException("Trainer.fit: set batches(...), then loss(...), and steps(...) or epochs(...)"
          + " before fitting");
    }
    Run run = new Run();
    return run.go();
  }

  /**
   * Returns the loss of {@code model} on {@code batch}, computed in training mode, and accumulates its gradient when
   * it is finite; {@code where} ends the message of a loss that is not one element.
   */
  static <M extends Module, B> double lossAndGradient(M model, B batch,
      BiFunction<? super M, ? super B, Tensor> loss, String where) {
    Tensor l;
    model.setTraining(true);
    try {
      l = loss.apply(model, batch);
    } finally {
      model.setTraining(false);
    }
    if (l.numel() != 1) {
      throw new IllegalArgumentException("Trainer: the loss must be a one-element tensor, got shape "
          + java.util.Arrays.toString(l.shape()) + " " + where);
    }
    double value = l.item();
    if (Double.isFinite(value)) l.backward();
    return value;
  }

  /** The state of one call to {@link #fit()}. */
  private final class Run {
    final History history = new History(totalSteps, stepsPerEpoch,
        validation == null ? null : validation.name(), validation != null && validation.maximize());
    final double baseLr = optimizer.learningRate();
    final long start = System.nanoTime();
    Snapshot best;
    int sinceBest;
    double lossSum;
    int lossCount;
    int lastStep = -1;
    double lastLoss = Double.NaN;
    double lastNorm = Double.NaN;
    double lastLr = Double.NaN;
    final CollapseWatch collapse = new CollapseWatch(collapsePatience);
    boolean collapsed;
    final BatchSource<B> source = new BatchSource<>(batches, totalSteps, prefetch ? BatchSource.DEPTH : 0);

    History go() {
      StopReason reason = StopReason.COMPLETED;
      String message = "ran all " + totalSteps + " steps";
      // The flag is cleared while the run winds up (restore, callbacks: a kernel's display channel may break if an
      // interrupted thread writes to it) and set again before throwing.
      boolean interrupted = false;
      try {
        for (int step = 0; step < totalSteps; step++) {
          if (Thread.interrupted()) {
            interrupted = true;
            reason = StopReason.INTERRUPTED;
            message = "interrupted at step " + step + " of " + totalSteps;
            break;
          }
          takeStep(step);
          if (history.skippedSteps() > maxNonFinite) {
            reason = StopReason.NON_FINITE;
            message = "training diverged: " + history.skippedSteps() + " steps had a non-finite loss or gradient"
                + " norm, more than the limit of " + maxNonFinite + "; the last at step " + step + ": loss "
                + lastLoss + ", gradient norm " + lastNorm + ", learning rate " + lastLr + ". Lower the learning"
                + " rate, clip the gradient norm, or look for log(0) or 0/0 in the loss";
            break;
          }
          if (collapsed) {
            reason = StopReason.COLLAPSED;
            message = collapse.describe(step, lastLr);
            break;
          }
          if (validation != null && ((step + 1) % validateEvery == 0 || step == totalSteps - 1)) {
            validateAfter(step);
            if (patience > 0 && sinceBest >= patience) {
              reason = StopReason.EARLY_STOPPED;
              message = "no improvement of " + validation.name() + " in " + patience + " validations; best "
                  + history.bestValue() + " at step " + history.bestStep();
              break;
            }
          }
        }
        if ((reason == StopReason.COMPLETED || reason == StopReason.EARLY_STOPPED) && Thread.interrupted()) {
          interrupted = true;  // during the last validation: the run is not a result either
          reason = StopReason.INTERRUPTED;
          message = "interrupted at step " + history.stepCount() + " of " + totalSteps;
        }
        boolean finished = reason == StopReason.COMPLETED || reason == StopReason.EARLY_STOPPED;
        boolean restored = false;
        if (restoreBest && best != null) {
          best.restore(model);
          restored = true;
          message += "; parameters restored to the best validation (step " + history.bestStep() + ")";
        } else if (!finished) {
          message += best == null ? "; no validation yet, so the parameters are those after the last step"
              : "; the parameters are those after the last step (restoreBest is off)";
        }
        if (checkpointPath != null && finished) {
          Map<String, Tensor> values = best != null ? best.values() : Snapshot.of(model).values();
          new Checkpoint(Library.version(), model.getClass().getName(), checkpointSettings, values)
              .save(checkpointPath);
        }
        history.finish(reason, message, restored, seconds());
        TrainingEvent end = event(Double.NaN);
        tell(c -> c.onEnd(end));
      } finally {
        optimizer.setLearningRate(baseLr);
        source.close();
        if (interrupted) Thread.currentThread().interrupt();
      }
      switch (reason) {
        case NON_FINITE, COLLAPSED -> throw new TrainingDivergedException("Trainer: " + message, history);
        case INTERRUPTED -> throw new TrainingInterruptedException("Trainer: " + message + ". Nothing was saved;"
            + " the interrupted run is not a result", history);
        default -> {
          return history;
        }
      }
    }

    void takeStep(int step) {
      double lr = baseLr * schedule.multiplier(step);
      optimizer.setLearningRate(lr);
      model.zeroGrad();
      optimizer.zeroGrad();
      B batch = source.batch(step);
      double value = shards != null ? shards.lossAndGradient(model, batch, loss)
          : Trainer.lossAndGradient(model, batch, loss, "at step " + step);
      double norm = Double.NaN;
      boolean skip = !Double.isFinite(value);
      if (!skip) {
        norm = clipNorm > 0 ? GradientClipping.clipGlobalNorm(optimizer.parameters(), clipNorm)
            : GradientClipping.globalNorm(optimizer.parameters());
        skip = !Double.isFinite(norm);
      }
      if (!skip) {
        optimizer.step();
        lossSum += value;
        lossCount++;
      }
      collapsed = collapse.record(step, value, norm, skip);
      model.zeroGrad();
      optimizer.zeroGrad();
      lastStep = step;
      lastLoss = value;
      lastNorm = norm;
      lastLr = lr;
      history.addStep(step, value, norm, lr, skip);
      TrainingEvent e = event(Double.NaN);
      tell(c -> c.onStep(e));
    }

    @SuppressWarnings("unchecked")
    void validateAfter(int step) {
      double value;
      if (validation.metric() == null) {
        value = lossCount == 0 ? Double.NaN : lossSum / lossCount;
      } else {
        try (var off = Autograd.noGrad()) {
          value = ((Validation<M>) validation).metric().applyAsDouble(model);
        }
      }
      lossSum = 0;
      lossCount = 0;
      boolean better = validation.better(value, history.bestValue());
      history.addValidation(step, value, better);
      if (better) {
        best = Snapshot.of(model);
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      TrainingEvent e = event(value);
      tell(c -> c.onValidation(e));
    }

    /**
     * Calls every callback with the thread's interrupt flag clear and sets a pending interrupt again afterwards, for
     * the loop's check: a callback that writes to a notebook (a progress view) would otherwise fail, since the
     * kernel's message channel refuses to send from an interrupted thread.
     */
    void tell(Consumer<TrainingCallback> call) {
      boolean pending = Thread.interrupted();
      try {
        for (TrainingCallback c : callbacks) call.accept(c);
      } finally {
        if (pending) Thread.currentThread().interrupt();
      }
    }

    double seconds() {
      return (System.nanoTime() - start) / 1e9;
    }

    TrainingEvent event(double validationValue) {
      double elapsed = seconds();
      int done = lastStep + 1;
      double rate = elapsed > 0 ? done / elapsed : 0;
      double eta = rate > 0 ? (totalSteps - done) / rate : 0;
      return new TrainingEvent(lastStep, totalSteps, lastLoss, lastNorm, lastLr, validationValue,
          history.bestValue(), history.skippedSteps(), rate, Duration.ofNanos((long) (elapsed * 1e9)),
          Duration.ofNanos((long) (eta * 1e9)), history);
    }
  }
}
