package rrm.nn;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Trained parameters saved to a readable text file together with what produced them: the library version, the
 * model class and the settings (hyperparameters, seeds, scenario) as string pairs. Values round-trip bit-exactly.
 *
 * <pre>
 * Checkpoint.save(model, Path.of("data/checkpoints/uwmmse.ckpt"), Map.of("layers", "4", "seed", "2021"));
 * Checkpoint.load(model, Path.of("data/checkpoints/uwmmse.ckpt"), Map.of("layers", "4", "seed", "2021"));
 * </pre>
 *
 * <p>{@link #load} refuses a file that does not match: a different library major.minor version, model class, any
 * setting that differs, is missing or is unexpected, and any parameter that is missing, extra, or of another shape
 * or kind. The message lists every difference. Nothing is written into the model unless everything matches. The
 * file format is described in {@code CheckpointFormat}.
 *
 * @param libraryVersion the library version that wrote the file
 * @param modelClass the fully qualified class name of the saved module
 * @param settings the settings recorded with the parameters
 * @param parameters the parameter values by dotted name, in the module's order
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

  /** Writes {@code model}'s parameters, class, settings and the library version to {@code path} (atomically). */
  public static void save(Module model, Path path, Map<String, String> settings) {
    String text = CheckpointFormat.write(of(model, settings));
    Path abs = path.toAbsolutePath();
    try {
      if (abs.getParent() != null) Files.createDirectories(abs.getParent());
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      // java.io streams, not NIO channels: a pending thread interrupt (a notebook stopping training) must not
      // abort the write of the best parameters.
      try (OutputStream out = new FileOutputStream(tmp.toFile())) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CheckpointException("Checkpoint.save: could not write " + abs + ": " + e.getMessage(), e);
    }
  }

  /** Reads a checkpoint file without loading it into a model (to inspect its settings, for example). */
  public static Checkpoint read(Path path) {
    Path abs = path.toAbsolutePath();
    if (!Files.exists(abs)) {
      throw new CheckpointException("Checkpoint: no checkpoint file at " + abs + ". Produce it by training the model"
          + " and calling Checkpoint.save(model, path, settings) (in a notebook: set TRAIN = true and run the"
          + " training cell, which saves it).");
    }
    try {
      return CheckpointFormat.parse(Files.readAllLines(abs, StandardCharsets.UTF_8), abs);
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

  /** Writes the stored values into {@code model} (after {@link #differences} found none). */
  public void restore(Module model) {
    model.namedParameters().forEach((name, p) -> p.set(parameters.get(name)));
  }

  /** Returns every way this checkpoint differs from {@code model} and {@code expectedSettings} (empty if none). */
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
    Map<String, Parameter> params = model.namedParameters();
    params.forEach((name, p) -> {
      Tensor t = parameters.get(name);
      if (t == null) {
        out.add("parameter '" + name + "' is missing from the file");
      } else if (!Arrays.equals(t.shape(), p.shape()) || t.isComplex() != p.value().isComplex()) {
        out.add("parameter '" + name + "' is " + describe(t) + " in the file, the model has " + describe(p.value()));
      }
    });
    parameters.keySet().forEach(name -> {
      if (!params.containsKey(name)) out.add("the file has parameter '" + name + "' that the model lacks");
    });
    return out;
  }

  private static String describe(Tensor t) {
    return (t.isComplex() ? "complex " : "real ") + Shape.str(t.shape());
  }
}
