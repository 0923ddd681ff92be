package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private List<Path> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writesIntoNewParentDirectoriesAndReplacesAnOldFileLeavingNoTemporaryFile() throws IOException {
    Path target = dir.resolve("a/b/result.csv");
    AtomicFile.writeString(target, "first, ü\n");
    assertEquals("first, ü\n", Files.readString(target));
    byte[] big = new byte[300_000]; // more than the buffer, written in pieces
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + 7);
    AtomicFile.write(target, out -> {
      out.write(big, 0, 1000);
      out.write(big, 1000, big.length - 1000);
    });
    assertArrayEquals(big, Files.readAllBytes(target));
    assertEquals(List.of(target), listing(target.getParent()));
    Path plain = Files.createFile(dir.resolve("plain"));  // the usual permissions, not a temporary file's
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }
  }

  @Test
  void aFailingWriteLeavesTheOldContentAndRemovesItsTemporaryFile() throws IOException {
    Path target = dir.resolve("model.ckpt");
    AtomicFile.writeString(target, "the good parameters");
    IOException failure = new IOException("disk full (simulated)");
    IOException thrown = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
      out.write(new byte[100_000]);
      throw failure;
    }));
    assertSame(failure, thrown);
    assertEquals("the good parameters", Files.readString(target));
    assertEquals(List.of(target), listing(dir));

    RuntimeException bug = assertThrows(IllegalStateException.class, () -> AtomicFile.write(dir.resolve("new.npy"),
        out -> {
          throw new IllegalStateException("a bug in the writer");
        }));
    assertEquals("a bug in the writer", bug.getMessage());
    assertFalse(Files.exists(dir.resolve("new.npy")), "a failed first write must not leave a file");
    assertEquals(List.of(target), listing(dir));
  }

  @Test
  void aTargetThatIsADirectoryIsRefusedAndNothingIsLeftBehind() throws IOException {
    Path target = dir.resolve("occupied");
    Files.createDirectories(target.resolve("inside"));
    assertThrows(IOException.class, () -> AtomicFile.writeString(target, "x"));
    assertTrue(Files.isDirectory(target.resolve("inside")));
    assertEquals(List.of(target), listing(dir));
  }
}
