package rrm.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import rrm.nn.Checkpoint;
import rrm.nn.Module;
import rrm.optim.History;
import rrm.optim.Optimizer;
import rrm.optim.Trainer;
import rrm.optim.TrainingCallback;
import rrm.optim.Validation;
import rrm.tensor.Tensor;

/**
 * What every training recipe shares: the trainer wiring (epochs, clipping, per-epoch selection with the best epoch
 * kept, callbacks) and the checkpoint cache of {@code loadOrTrain}.
 *
 * <p>Checkpoint settings have three parts: the model's own settings (what rebuilds it, e.g. a fitted feature
 * scaler), the recipe's settings under {@code train.} (what decides whether the file matches), and the
 * {@link TrainingSummary} under {@code result.} (what training produced; never compared).
 */
final class Recipes {
  static final String TRAIN = "train.";
  /** Window of the loss curve kept in summaries. */
  static final int WINDOW = 100;

  private Recipes() {}

  /**
   * Trains {@code model} for {@code budget}: after each epoch the selection value is computed (the mean training loss
   * of the epoch when {@code selection} is null, spec A11) and the best epoch's parameters are kept. Batches are
   * prefetched (every recipe's batch function depends only on the step), which hides the channel draws.
   */
  static <M extends Module, B> Trained<M> fit(M model, Optimizer optimizer, IntFunction<B> batches,
      BiFunction<M, B, Tensor> loss, TrainingBudget budget, double clipNorm, Validation<? super M> selection,
      List<TrainingCallback> callbacks, String note) {
    Trainer<M, B> t = Trainer.of(model, optimizer).<B>batches(batches).loss(loss)
        .epochs(budget.epochs(), budget.stepsPerEpoch())
        .validate(selection == null ? Validation.meanTrainingLoss() : selection, budget.stepsPerEpoch()).prefetch();
    if (clipNorm > 0) t.clipNorm(clipNorm);
    for (TrainingCallback c : callbacks) t.callback(c);
    History h = t.fit();
    return new Trained<>(model, TrainingSummary.of(h, WINDOW), h, false, note);
  }

  /**
   * Returns the model stored at {@code path} when the file exists, {@code retrain} is false and its {@code train.}
   * settings equal {@code train}; otherwise trains with {@code trainer} and saves the result there (overwriting).
   *
   * @param rebuild makes a model of the right architecture from the checkpoint (its parameters are then restored)
   * @param own the model's own settings, saved next to the recipe's
   */
  static <M extends Module> Trained<M> loadOrTrain(String op, Path path, Map<String, String> train, boolean retrain,
      Function<String, Trained<M>> trainer, Function<Checkpoint, M> rebuild, Function<M, Map<String, String>> own) {
    if (path == null) throw new IllegalArgumentException(op + ": path must not be null");
    String why;
    if (retrain) {
      why = "trained: retrain was requested";
    } else {
      List<String> diff = new ArrayList<>();
      Optional<Trained<M>> found = load(path, train, rebuild, diff);
      if (found.isPresent()) return found.get();
      why = !Files.exists(path) ? "trained: no checkpoint at " + path
          : "trained: the checkpoint at " + path + " does not match (" + String.join("; ", diff) + ")";
    }
    Trained<M> t = trainer.apply(why);
    Map<String, String> all = new LinkedHashMap<>(own.apply(t.model()));
    all.putAll(train);
    all.putAll(t.summary().toSettings());
    Checkpoint.save(t.model(), path, all);
    return t;
  }

  /**
   * Returns the model stored at {@code path} when the file exists and its {@code train.} settings equal {@code train}
   * (and its parameters fit the rebuilt model); otherwise empty, with the reasons added to {@code differences}. Never
   * trains and never writes.
   */
  static <M extends Module> Optional<Trained<M>> load(Path path, Map<String, String> train,
      Function<Checkpoint, M> rebuild, List<String> differences) {
    if (!Files.exists(path)) return Optional.empty();
    Checkpoint c = Checkpoint.read(path);
    List<String> diff = differences(trainPart(c.settings()), train);
    if (diff.isEmpty()) {
      M model = rebuild.apply(c);
      diff = c.differences(model, c.settings());
      if (diff.isEmpty()) {
        c.restore(model);
        return Optional.of(new Trained<>(model, TrainingSummary.fromSettings(c.settings()), null, true,
            "loaded from " + path));
      }
    }
    differences.addAll(diff);
    return Optional.empty();
  }

  /** Returns the {@code train.} entries of a settings map. */
  static Map<String, String> trainPart(Map<String, String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith(TRAIN)) out.put(k, v);
    });
    return out;
  }

  private static List<String> differences(Map<String, String> file, Map<String, String> wanted) {
    List<String> out = new ArrayList<>();
    wanted.forEach((k, v) -> {
      if (!file.containsKey(k)) out.add("setting '" + k + "' is missing, expected '" + v + "'");
      else if (!file.get(k).equals(v)) out.add("setting '" + k + "' is '" + file.get(k) + "', expected '" + v + "'");
    });
    file.forEach((k, v) -> {
      if (!wanted.containsKey(k)) out.add("the file has setting '" + k + "' = '" + v + "' not expected");
    });
    return out;
  }

  static void checkPositive(String op, String what, double x) {
    if (!(x > 0) || !Double.isFinite(x)) {
      throw new IllegalArgumentException(op + ": " + what + " must be positive and finite, got " + x);
    }
  }

  static <T> T require(String op, String what, T x) {
    if (x == null) throw new IllegalArgumentException(op + ": " + what + " must not be null");
    return x;
  }
}
