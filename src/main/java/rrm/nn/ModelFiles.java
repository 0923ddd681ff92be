package rrm.nn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Save and load for the baselines whose architecture (and fitted feature scaler) is described by checkpoint
 * settings: a model writes its own settings next to the caller's extra ones, and {@code load(path)} rebuilds the
 * model from the settings in the file before checking and restoring the parameters through {@link Checkpoint}.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** Returns the model's settings followed by {@code extra}; an extra key that the model uses is an error. */
  public static Map<String, String> merge(String op, Map<String, String> own, Map<String, String> extra) {
    Map<String, String> out = new LinkedHashMap<>(own);
    extra.forEach((k, v) -> {
      if (own.containsKey(k)) {
        throw new IllegalArgumentException(op + ": the extra setting '" + k + "' clashes with a setting the model"
            + " records itself; rename it");
      }
      out.put(k, v);
    });
    return out;
  }

  /** Reads the checkpoint at {@code path} and checks that it holds a {@code type}. */
  public static Checkpoint read(Path path, Class<? extends Module> type) {
    Checkpoint c = Checkpoint.read(path);
    if (!c.modelClass().equals(type.getName())) {
      throw new CheckpointException(type.getSimpleName() + ".load: " + path.toAbsolutePath() + " holds a "
          + c.modelClass() + ", not a " + type.getName());
    }
    return c;
  }

  /** Checks and restores the parameters of {@code model}, rebuilt from the settings of {@code c}. */
  public static <M extends Module> M restore(M model, Path path, Checkpoint c) {
    Checkpoint.load(model, path, c.settings());
    return model;
  }

  /** Returns the setting {@code key}, or throws a {@link CheckpointException} naming it. */
  public static String require(Map<String, String> settings, String key, String op) {
    String v = settings.get(key);
    if (v == null) {
      throw new CheckpointException(op + ": the checkpoint settings lack '" + key + "', which this model needs to"
          + " rebuild itself (was it saved with the model's settings()?)");
    }
    return v;
  }

  public static int requireInt(Map<String, String> settings, String key, String op) {
    String v = require(settings, key, op);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new CheckpointException(op + ": setting '" + key + "' = '" + v + "' is not an integer");
    }
  }

  public static double requireDouble(Map<String, String> settings, String key, String op) {
    return parseDoubles(require(settings, key, op), key, op)[0];
  }

  /** Formats doubles so that {@link #parseDoubles} gives back the same bits. */
  public static String formatDoubles(double... values) {
    return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
  }

  public static String formatInts(int... values) {
    return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  public static double[] parseDoubles(String text, String key, String op) {
    try {
      return Arrays.stream(text.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    } catch (NumberFormatException e) {
      throw new CheckpointException(op + ": setting '" + key + "' is not a comma-separated list of numbers");
    }
  }

  public static int[] parseInts(String text, String key, String op) {
    try {
      return Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    } catch (NumberFormatException e) {
      throw new CheckpointException(op + ": setting '" + key + "' is not a comma-separated list of integers");
    }
  }

  /** Throws unless {@code pmax} is positive and finite. */
  public static double checkPmax(String op, double pmax) {
    if (!(pmax > 0) || Double.isInfinite(pmax)) {
      throw new IllegalArgumentException(op + ": pmax must be positive and finite, got " + pmax);
    }
    return pmax;
  }
}
