package rrm.tensor;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either its old content or the complete new one, never a part: the bytes go to a
 * temporary sibling file, which is then moved over the target (atomically where the file system can). An interrupted
 * or failed write leaves the target as it was and removes the temporary file.
 *
 * <p>Every file the library writes for later reading (arrays, checkpoints, test-set sidecars, reference results,
 * sweep caches) goes through here. The bytes are written with {@code java.io} streams, not NIO channels, so a pending
 * thread interrupt (a notebook stopping a training run) does not abort the write of what must be kept.
 */
public final class AtomicFile {

  /** What writes the content. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content to {@code out} (buffered; closed by the caller). */
    void writeTo(OutputStream out) throws IOException;
  }

  private static final int BUFFER = 1 << 16;

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code target}, creating missing parent directories.
   *
   * @throws IOException if the content or the file system fails; {@code target} is then unchanged
   */
  public static void write(Path target, Content content) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    // createFile, not createTempFile: the file gets the usual permissions (createTempFile's are owner-only)
    Path tmp = Files.createFile(dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp"));
    try {
      try (OutputStream out = new BufferedOutputStream(new FileOutputStream(tmp.toFile()), BUFFER)) {
        content.writeTo(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Removes the temporary file after a failure (after a move it is gone already); a leftover is harmless. */
  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // keep the exception that matters, the write's
    }
  }

  /**
   * Writes {@code text} to {@code target} in UTF-8, as {@link #write(Path, Content)}.
   *
   * @throws IOException if the file system fails; {@code target} is then unchanged
   */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
