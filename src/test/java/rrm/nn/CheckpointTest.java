package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.tensor.Tensor;

class CheckpointTest {
  @TempDir
  Path dir;

  /** A small model with real and complex parameters in nested children. */
  static final class Net extends Module {
    final Mlp mlp;
    final ComplexLinear out;

    Net(int hidden, long seed) {
      mlp = child("mlp", Mlp.of(3, hidden, 2).build(seed));
      out = child("out", new ComplexLinear(2, 2, seed + 1));
    }
  }

  private static final Map<String, String> SETTINGS = Map.of("hidden", "4", "seed", "7");

  private static long[] bits(Module m) {
    return m.parameters().stream().flatMap(p -> java.util.stream.Stream.of(p.value().toArray(),
        p.value().toImagArray())).flatMapToDouble(java.util.Arrays::stream).mapToLong(Double::doubleToLongBits)
        .toArray();
  }

  @Test
  void roundTripIsBitExactIncludingSpecialValues() {
    Net a = new Net(4, 7L);
    double[] w = a.mlp.layers().get(0).weight().value().data();
    w[0] = -0.0;
    w[1] = Double.MIN_VALUE;
    w[2] = 1e308;
    w[3] = 0.1 + 0.2;
    w[4] = Math.PI * 1e-300;
    Checkpoint.save(a, dir.resolve("net.ckpt"), SETTINGS);
    Net b = new Net(4, 99L);
    assertNotEquals(bits(a)[5], bits(b)[5]);
    Checkpoint.load(b, dir.resolve("net.ckpt"), SETTINGS);
    assertArrayEquals(bits(a), bits(b));
  }

  @Test
  void fileIsReadableAndRecordsVersionModelSettingsAndParameters() throws IOException {
    Net a = new Net(4, 7L);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("note", "line one\nline two with a back\\slash");
    settings.put("key=with=equals", "value = 3");
    Checkpoint.save(a, dir.resolve("sub/dir/net.ckpt"), settings);
    String text = Files.readString(dir.resolve("sub/dir/net.ckpt"));
    assertTrue(text.contains("library " + Library.version()), text);
    assertTrue(text.contains("model " + Net.class.getName()), text);
    assertTrue(text.contains("parameter mlp.layer0.weight real [3, 4]"), text);
    assertTrue(text.contains("parameter out.weight complex [2, 2]"), text);
    Checkpoint c = Checkpoint.read(dir.resolve("sub/dir/net.ckpt"));
    assertEquals(settings, c.settings());
    assertEquals(Library.version(), c.libraryVersion());
    assertEquals(a.namedParameters().keySet(), c.parameters().keySet());
  }

  @Test
  void libraryVersionComesFromTheBuild() {
    assertTrue(Library.version().matches("\\d+\\.\\d+.*"), Library.version());
    assertEquals("0.1", Library.majorMinor("0.1.7-SNAPSHOT"));
    assertTrue(Library.compatible(Library.version()));
  }

  @Test
  void missingFileNamesThePathAndHowToProduceIt() {
    Path p = dir.resolve("nothing-here.ckpt");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Checkpoint.load(new Net(4, 1L), p, SETTINGS));
    assertTrue(e.getMessage().contains(p.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Checkpoint.save"), e.getMessage());
  }

  @Test
  void refusesDifferentSettingsNamingEachDifferenceAndLeavesTheModelUntouched() {
    Checkpoint.save(new Net(4, 7L), dir.resolve("net.ckpt"), SETTINGS);
    Net b = new Net(4, 8L);
    long[] before = bits(b);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Checkpoint.load(b, dir.resolve("net.ckpt"), Map.of("hidden", "5", "layers", "2")));
    String m = e.getMessage();
    assertTrue(m.contains("setting 'hidden' is '4' in the file, expected '5'"), m);
    assertTrue(m.contains("setting 'layers' is missing"), m);
    assertTrue(m.contains("setting 'seed' = '7' not expected"), m);
    assertArrayEquals(before, bits(b));
  }

  @Test
  void refusesMissingExtraOrReshapedParametersAndAnotherModelClass() {
    Checkpoint.save(new Net(4, 7L), dir.resolve("net.ckpt"), SETTINGS);
    String m = assertThrows(CheckpointException.class,
        () -> Checkpoint.load(new Net(5, 7L), dir.resolve("net.ckpt"), SETTINGS)).getMessage();
    assertTrue(m.contains("parameter 'mlp.layer0.weight' is real [3, 4] in the file, the model has real [3, 5]"), m);
    String other = assertThrows(CheckpointException.class,
        () -> Checkpoint.load(new Linear(3, 4, 1L), dir.resolve("net.ckpt"), SETTINGS)).getMessage();
    assertTrue(other.contains("not a rrm.nn.Linear"), other);
    assertTrue(other.contains("parameter 'weight' is missing from the file"), other);
    assertTrue(other.contains("the file has parameter 'out.bias' that the model lacks"), other);
  }

  @Test
  void refusesAnotherMajorMinorVersion() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Checkpoint.save(new Net(4, 7L), p, SETTINGS);
    Files.writeString(p, Files.readString(p).replace("library " + Library.version(), "library 99.3.0"));
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.load(new Net(4, 7L), p, SETTINGS))
        .getMessage();
    assertTrue(m.contains("written by rrm 99.3.0"), m);
  }

  @Test
  void damagedFileGivesAMessageWithTheLine() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Checkpoint.save(new Linear(2, 2, 1L), p, Map.of());
    Files.writeString(p, Files.readString(p).replaceFirst("parameter weight real \\[2, 2\\]\nre\n  \\S+",
        "parameter weight real [2, 2]\nre\n  abc"));
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("'abc' is not a number") && m.contains("line"), m);
  }

  @Test
  void snapshotRestoresEarlierValues() {
    Net a = new Net(4, 7L);
    long[] before = bits(a);
    Snapshot s = Snapshot.of(a);
    a.parameters().forEach(p -> p.value().data()[0] += 1);
    assertNotEquals(before[0], bits(a)[0]);
    s.restore(a);
    assertArrayEquals(before, bits(a));
    assertEquals(Tensor.class, s.values().values().iterator().next().getClass());
  }
}
