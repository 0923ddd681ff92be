package rrm.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.tensor.AtomicFile;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Trained parameters saved to a readable text file together with what produced them: the library version, the
 * model class and the settings (hyperparameters, seeds, scenario) as string pairs. Values round-trip bit-exactly.
 * A module's buffers (the running statistics of {@link BatchNorm}) are saved and checked with its parameters, as
 * entries of the same map and file (see {@link Module#namedState()}).
 *
 * <pre>
 * Checkpoint.save(model, Path.of("data/checkpoints/uwmmse.ckpt"), Map.of("layers", "4", "seed", "2021"));
 * Checkpoint.load(model, Path.of("data/checkpoints/uwmmse.ckpt"), Map.of("layers", "4", "seed", "2021"));
 * </pre>
 *
 * <p>{@link #load} refuses a file that does not match: a different library major.minor version, model class, any
 * setting that differs, is missing or is unexpected, and any parameter that is missing, extra, or of another shape
 * or kind. The message lists every difference. Nothing is written into the model unless everything matches;
 * {@link #restore} checks the parameters the same way (a 4-layer network's checkpoint does not go into a 3- or
 * 5-layer one, even partly).
 *
 * <p>{@link #read} refuses what cannot be trusted, naming the file: a file that is not a checkpoint at all, a
 * checkpoint whose SHA-256 checksum no longer matches its content (it was modified after it was written), and a
 * parameter holding NaN or an infinity. {@link #save} refuses non-finite values too. Checkpoints written before
 * checksums existed (format 1) are read without verification. The file format is described in
 * {@code CheckpointFormat}.
 *
 * @param libraryVersion the library version that wrote the file
 * @param modelClass the fully qualified class name of the saved module
 * @param settings the settings recorded with the parameters
 * @param parameters the parameter values and buffers by dotted name, in the module's order
 */
public record Checkpoint(String libraryVersion, String modelClass, Map<String, String> settings,
    Map<String, Tensor> parameters) {

  public Checkpoint {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Returns the checkpoint of {@code model}'s current parameters with the given settings (nothing is written). */
  public static Checkpoint of(Module model, Map<String, String> settings) {
    return new Checkpoint(Library.version(), model.getClass().getName(), settings, Snapshot.of(model).values());
  }

  /**
   * Writes {@code model}'s parameters, class, settings and the library version to {@code path} (atomically, with a
   * checksum).
   *
   * @throws CheckpointException if a parameter holds NaN or an infinity, or the file cannot be written
   */
  public static void save(Module model, Path path, Map<String, String> settings) {
    of(model, settings).save(path);
  }

  /**
   * Writes this checkpoint to {@code path} (atomically, with a checksum).
   *
   * @throws CheckpointException if a parameter holds NaN or an infinity, or the file cannot be written
   */
  public void save(Path path) {
    String text = CheckpointFormat.write(this);
    Path abs = path.toAbsolutePath();
    try {
      AtomicFile.writeString(abs, text);
    } catch (IOException e) {
      throw new CheckpointException("Checkpoint.save: could not write " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a checkpoint file without loading it into a model (to inspect its settings, for example).
   *
   * @throws CheckpointException if the file is missing, is not a checkpoint, fails its checksum, is damaged, or
   *     holds a non-finite value (each message names the file)
   */
  public static Checkpoint read(Path path) {
    Path abs = path.toAbsolutePath();
    if (!Files.exists(abs)) {
      throw new CheckpointException("Checkpoint: no checkpoint file at " + abs + ". Produce it by training the model"
          + " and calling Checkpoint.save(model, path, settings) (in a notebook: set TRAIN = true and run the"
          + " training cell, which saves it).");
    }
    try {
      return CheckpointFormat.parse(Files.readAllBytes(abs), abs);
    } catch (IOException e) {
      throw new CheckpointException("Checkpoint: could not read " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads the checkpoint at {@code path} into {@code model} after checking that it was written by a compatible
   * library version for the same model class, with exactly {@code expectedSettings} and the same parameters.
   */
  public static void load(Module model, Path path, Map<String, String> expectedSettings) {
    Checkpoint c = read(path);
    List<String> problems = c.differences(model, expectedSettings);
    if (!problems.isEmpty()) {
      throw new CheckpointException("Checkpoint.load: " + path.toAbsolutePath() + " does not match the model: "
          + String.join("; ", problems) + ". Retrain and save again, or load with the settings it was saved with.");
    }
    c.restore(model);
  }

  /**
   * Writes the stored values into {@code model}, all or nothing: when the model's parameters differ from the stored
   * ones ({@link #parameterDifferences}: missing, extra, of another shape or kind) or a stored value is not finite,
   * nothing is written and the exception lists every offending parameter by name. Settings and model class are not
   * compared here ({@link #differences} does that).
   *
   * @throws CheckpointException listing the offending parameters
   */
  public void restore(Module model) {
    List<String> problems = parameterDifferences(model);
    parameters.forEach((name, t) -> {
      String bad = CheckpointFormat.nonFinite(name, t);
      if (bad != null) problems.add(bad);
    });
    if (!problems.isEmpty()) {
      throw new CheckpointException("Checkpoint.restore: the checkpoint's parameters (" + modelClass + ") do not fit"
          + " this " + model.getClass().getSimpleName() + ", so nothing was loaded: " + String.join("; ", problems)
          + ". Build the model with the settings the checkpoint was saved with.");
    }
    model.loadState(parameters);
  }

  /**
   * Returns every way this checkpoint differs from {@code model} (version, class, parameters) and
   * {@code expectedSettings} (empty if none).
   */
  public List<String> differences(Module model, Map<String, String> expectedSettings) {
    List<String> out = new ArrayList<>();
    if (!Library.compatible(libraryVersion)) {
      out.add("it was written by rrm " + libraryVersion + " and this is rrm " + Library.version()
          + " (major.minor versions must agree)");
    }
    if (!modelClass.equals(model.getClass().getName())) {
      out.add("it holds a " + modelClass + ", not a " + model.getClass().getName());
    }
    expectedSettings.forEach((k, v) -> {
      if (!settings.containsKey(k)) out.add("setting '" + k + "' is missing from the file (expected '" + v + "')");
      else if (!settings.get(k).equals(v)) {
        out.add("setting '" + k + "' is '" + settings.get(k) + "' in the file, expected '" + v + "'");
      }
    });
    settings.forEach((k, v) -> {
      if (!expectedSettings.containsKey(k)) out.add("the file has setting '" + k + "' = '" + v + "' not expected");
    });
    out.addAll(parameterDifferences(model));
    return out;
  }

  /**
   * Returns, by name, every parameter or buffer of {@code model} that is missing from the checkpoint or stored with
   * another shape or kind (real/complex), and every stored entry the model lacks (empty if they all agree).
   */
  public List<String> parameterDifferences(Module model) {
    List<String> out = new ArrayList<>();
    Map<String, Tensor> state = model.namedState();
    Map<String, Tensor> buffers = model.namedBuffers();
    state.forEach((name, live) -> {
      String kind = buffers.containsKey(name) ? "buffer" : "parameter";
      Tensor t = parameters.get(name);
      if (t == null) {
        out.add(kind + " '" + name + "' is missing from the file");
      } else if (!Arrays.equals(t.shape(), live.shape()) || t.isComplex() != live.isComplex()) {
        out.add(kind + " '" + name + "' is " + describe(t) + " in the file, the model has " + describe(live));
      }
    });
    parameters.keySet().forEach(name -> {
      if (!state.containsKey(name)) out.add("the file has parameter '" + name + "' that the model lacks");
    });
    return out;
  }

  private static String describe(Tensor t) {
    return (t.isComplex() ? "complex " : "real ") + Shape.str(t.shape());
  }
}
