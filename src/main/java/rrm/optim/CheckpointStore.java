package rrm.optim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import rrm.nn.Checkpoint;
import rrm.nn.Module;

/** Load-or-train over committed and cached checkpoints ({@link Recipe#loadOrTrain}, {@link CheckpointFiles}). */
final class CheckpointStore {
  private CheckpointStore() {}

  static <M extends Module> Trained<M> loadOrTrain(Recipe<M, ?> recipe, CheckpointFiles files) {
    Map<String, String> wanted = recipe.settings();
    Path cache = files.cacheFile(fingerprint(wanted));
    String why;
    if (files.retrain()) {
      why = "trained: retraining was requested";
    } else {
      List<String> diff = new ArrayList<>();
      Optional<Trained<M>> found = find(recipe, wanted, files, diff);
      if (found.isPresent()) return found.get();
      why = !Files.exists(files.committed()) ? "trained: no checkpoint at " + files.committed()
          : "trained: the checkpoint at " + files.committed() + " was made with other settings ("
              + String.join("; ", diff) + ")";
    }
    System.out.println(why.replaceFirst("^trained: ", "Training " + recipe.name() + ": ") + ". The result goes to "
        + (files.updateCommitted() ? files.committed() + " (" + CheckpointFiles.UPDATE_ENV + " is on) and " : "")
        + "the cache " + cache + ".");
    Trained<M> t = recipe.train(why);
    Map<String, String> all = new LinkedHashMap<>(recipe.ownSettings(t.model()));
    all.putAll(wanted);
    all.putAll(t.summary().toSettings());
    Checkpoint.save(t.model(), cache, all);
    if (files.updateCommitted()) Checkpoint.save(t.model(), files.committed(), all);
    return t;
  }

  /** Returns a matching checkpoint (committed first, then the cache) or empty with the reasons in {@code diff}. */
  static <M extends Module> Optional<Trained<M>> find(Recipe<M, ?> recipe, CheckpointFiles files, List<String> diff) {
    return find(recipe, recipe.settings(), files, diff);
  }

  private static <M extends Module> Optional<Trained<M>> find(Recipe<M, ?> recipe, Map<String, String> wanted,
      CheckpointFiles files, List<String> diff) {
    for (Path p : List.of(files.committed(), files.cacheFile(fingerprint(wanted)))) {
      if (!Files.exists(p)) continue;
      Checkpoint c = Checkpoint.read(p);
      List<String> d = differences(trainPart(c.settings()), wanted);
      if (d.isEmpty()) {
        M model = recipe.restore(c);
        return Optional.of(new Trained<>(model, TrainingSummary.fromSettings(c.settings()), null, true,
            "loaded from " + p));
      }
      if (p.equals(files.committed())) diff.addAll(d);
    }
    return Optional.empty();
  }

  /** Returns the {@code train.} entries of a settings map. */
  static Map<String, String> trainPart(Map<String, String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith(Recipe.TRAIN)) out.put(k, v);
    });
    return out;
  }

  static List<String> differences(Map<String, String> file, Map<String, String> wanted) {
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

  /** Returns a 64-bit FNV-1a hash (16 hex digits) of the sorted settings. */
  static String fingerprint(Map<String, String> settings) {
    long h = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
      for (char ch : (e.getKey() + "=" + e.getValue() + "\n").toCharArray()) {
        h ^= ch;
        h *= 0x100000001b3L;
      }
    }
    return String.format("%016x", h);
  }
}
