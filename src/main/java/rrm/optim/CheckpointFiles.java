package rrm.optim;

import java.nio.file.Path;

/**
 * Where {@link Recipe#loadOrTrain} looks for a trained model and where it may write one.
 *
 * <p>Committed checkpoints (under {@code data/checkpoints/}, tracked by git) are read-only to notebooks: training
 * writes to a local cache outside {@code data/} ({@code .cache/checkpoints/} at the same relative place, git-ignored;
 * {@value #CACHE_ENV} overrides its root), in a file named by the settings' fingerprint, so runs with other settings
 * never overwrite each other. A committed file is only written when {@link #updateCommitted()} is on: set the
 * environment variable {@value #UPDATE_ENV}{@code =true} (the explicit, documented step that refreshes
 * {@code data/}), never a side effect of running a notebook.
 *
 * @param committed the committed checkpoint path (it may not exist)
 * @param cacheDir the directory of cached checkpoints for this committed path
 * @param retrain whether to train even when a matching checkpoint exists
 * @param updateCommitted whether a finished training also writes the committed path
 */
public record CheckpointFiles(Path committed, Path cacheDir, boolean retrain, boolean updateCommitted) {
  /** The environment variable that, set to {@code true}, lets a finished training update committed checkpoints. */
  public static final String UPDATE_ENV = "RRM_UPDATE_CHECKPOINTS";
  /** The environment variable that sets the root of the checkpoint cache. */
  public static final String CACHE_ENV = "RRM_CHECKPOINT_CACHE";

  public CheckpointFiles {
    if (committed == null) throw new IllegalArgumentException("CheckpointFiles: committed path must not be null");
    if (cacheDir == null) throw new IllegalArgumentException("CheckpointFiles: cacheDir must not be null");
  }

  /**
   * Returns the files of committed path {@code committed}: the cache derived from it, no forced retraining, and the
   * committed file updated only when {@value #UPDATE_ENV} is {@code true}.
   */
  public static CheckpointFiles of(Path committed) {
    if (committed == null) throw new IllegalArgumentException("CheckpointFiles.of: path must not be null");
    return new CheckpointFiles(committed, cacheFor(committed, System.getenv(CACHE_ENV)), false,
        parseUpdate(System.getenv(UPDATE_ENV)));
  }

  /** Returns a copy that trains even when a matching checkpoint exists (the result still goes to the cache). */
  public CheckpointFiles retrain(boolean on) {
    return new CheckpointFiles(committed, cacheDir, on, updateCommitted);
  }

  /** Returns the cache file for settings of fingerprint {@code fingerprint}. */
  public Path cacheFile(String fingerprint) {
    String file = committed.getFileName().toString();
    String stem = file.endsWith(".ckpt") ? file.substring(0, file.length() - 5) : file;
    return cacheDir.resolve(stem + "." + fingerprint + ".ckpt");
  }

  /**
   * Returns the cache directory of a committed path: {@code <root>/.cache/checkpoints/<rest>} when the path runs
   * through {@code data/checkpoints/}, else a {@code .cache} folder next to it; {@code cacheRoot} (if not blank)
   * replaces {@code <root>/.cache/checkpoints}.
   */
  static Path cacheFor(Path committed, String cacheRoot) {
    Path abs = committed.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    for (int i = 0; i + 1 < parent.getNameCount(); i++) {
      if (parent.getName(i).toString().equals("data") && parent.getName(i + 1).toString().equals("checkpoints")) {
        Path root = parent.getRoot().resolve(parent.subpath(0, i));
        Path rest = i + 2 < parent.getNameCount() ? parent.subpath(i + 2, parent.getNameCount()) : Path.of("");
        Path base = cacheRoot == null || cacheRoot.isBlank() ? root.resolve(".cache").resolve("checkpoints")
            : Path.of(cacheRoot).toAbsolutePath();
        return base.resolve(rest);
      }
    }
    Path base = cacheRoot == null || cacheRoot.isBlank() ? parent.resolve(".cache") : Path.of(cacheRoot);
    return base.toAbsolutePath();
  }

  static boolean parseUpdate(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("false") || value.equals("0")) return false;
    if (value.equalsIgnoreCase("true") || value.equals("1")) return true;
    throw new IllegalArgumentException(UPDATE_ENV + " must be true or false (or unset), got '" + value + "'");
  }

  /**
   * Returns the name of draw {@code draw} of the checkpoint named {@code stem} (without extension): {@code stem} for
   * draw 0, the committed model, and {@code <stem>-draw<d>} for a further draw, the same recipe from another seed
   * (what the notebooks show to tell a method's result from one random start's). {@code op} names the caller in the
   * exception for a negative draw.
   */
  public static String drawStem(String op, String stem, int draw) {
    if (draw < 0) throw new IllegalArgumentException(op + ": draw must be >= 0, got " + draw);
    return draw == 0 ? stem : stem + "-draw" + draw;
  }

  /** Returns the fingerprint that names the cache file of a recipe's settings (16 hex digits of a 64-bit hash). */
  public static String fingerprint(java.util.Map<String, String> settings) {
    return CheckpointStore.fingerprint(settings);
  }
}
