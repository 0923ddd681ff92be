package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
  void refusesAnotherMajorMinorVersion() {
    Path p = dir.resolve("net.ckpt");
    new Checkpoint("99.3.0", Net.class.getName(), SETTINGS, Snapshot.of(new Net(4, 7L)).values()).save(p);
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.load(new Net(4, 7L), p, SETTINGS))
        .getMessage();
    assertTrue(m.contains("written by rrm 99.3.0"), m);
  }

  /** Rewrites a saved file as format 1 (no checksum line), as files were written before checksums existed. */
  private static void makeLegacy(Path p) throws IOException {
    String text = Files.readString(p);
    assertTrue(text.contains("\nformat 2\n") && text.contains("\nchecksum sha256 "), text);
    Files.writeString(p, text.replace("\nformat 2\n", "\nformat 1\n").replaceAll("checksum sha256 \\w+\n", ""));
  }

  @Test
  void damagedLegacyFileGivesAMessageWithTheLine() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Checkpoint.save(new Linear(2, 2, 1L), p, Map.of());
    makeLegacy(p);
    Files.writeString(p, Files.readString(p).replaceFirst("parameter weight real \\[2, 2\\]\nre\n  \\S+",
        "parameter weight real [2, 2]\nre\n  abc"));
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("'abc' is not a number") && m.contains("line"), m);
  }

  @Test
  void savedFileEndsWithTheChecksumOfEverythingBeforeIt() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Checkpoint.save(new Net(4, 7L), p, SETTINGS);
    String text = Files.readString(p);
    assertTrue(text.contains("\nformat 2\n"), text);
    int at = text.lastIndexOf("checksum sha256 ");
    assertEquals(text.substring(0, at), text.substring(0, at).stripTrailing() + "\n", "the checksum is the last line");
    String sum = text.substring(at + "checksum sha256 ".length()).trim();
    assertTrue(sum.matches("[0-9a-f]{64}"), sum);
    assertEquals(CheckpointFormat.sha256(text.substring(0, at)), sum);
  }

  @Test
  void aValueChangedAfterSavingIsRefusedByTheChecksumAndNothingIsLoaded() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Net a = new Net(4, 7L);
    Checkpoint.save(a, p, SETTINGS);
    String text = Files.readString(p);
    String first = Double.toString(a.mlp.layers().get(0).weight().value().data()[0]);
    String changed = text.replaceFirst("\nre\n  " + java.util.regex.Pattern.quote(first) + " ",
        "\nre\n  " + (a.mlp.layers().get(0).weight().value().data()[0] + 0.25) + " ");
    assertNotEquals(text, changed);
    Files.writeString(p, changed);
    Net b = new Net(4, 8L);
    long[] before = bits(b);
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.load(b, p, SETTINGS)).getMessage();
    assertTrue(m.contains("checksum mismatch: the file was modified after it was written"), m);
    assertTrue(m.contains(p.toAbsolutePath().toString()), m);
    assertArrayEquals(before, bits(b));
  }

  @Test
  void aChangedSettingOrCommentIsAlsoCaughtButLineEndingsAreNot() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Checkpoint.save(new Net(4, 7L), p, SETTINGS);
    String text = Files.readString(p);
    Files.writeString(p, text.replace("setting hidden=4", "setting hidden=5"));
    assertTrue(assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage()
        .contains("checksum mismatch"));
    Files.writeString(p, text.replace("\n", "\r\n"));
    assertEquals("4", Checkpoint.read(p).settings().get("hidden"), "CRLF line endings keep the checksum valid");
  }

  @Test
  void aTruncatedFileSaysItLacksItsChecksum() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Checkpoint.save(new Net(4, 7L), p, SETTINGS);
    String text = Files.readString(p);
    Files.writeString(p, text.substring(0, text.length() / 2));
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("does not end with its 'checksum sha256 ...' line") && m.contains("truncated"), m);
  }

  @Test
  void legacyFilesWithoutAChecksumStillRead() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Net a = new Net(4, 7L);
    Checkpoint.save(a, p, SETTINGS);
    makeLegacy(p);
    Net b = new Net(4, 8L);
    Checkpoint.load(b, p, SETTINGS);
    assertArrayEquals(bits(a), bits(b));
  }

  @Test
  void theCommittedCheckpointsReadAsLegacyFiles() throws IOException {
    Path folder = Path.of("data", "checkpoints", "002");
    List<Path> files;
    try (var s = Files.list(folder)) {
      files = s.filter(f -> f.toString().endsWith(".ckpt")).sorted().collect(Collectors.toList());
    }
    assertTrue(files.size() >= 31, "committed checkpoints in " + folder.toAbsolutePath() + ": " + files.size());
    for (Path f : files) {
      Checkpoint c = Checkpoint.read(f);
      assertFalse(c.parameters().isEmpty(), f.toString());
      assertTrue(c.modelClass().startsWith("rrm."), f + ": " + c.modelClass());
    }
  }

  @Test
  void randomBytesOrAnotherFileAreNotACheckpoint() throws IOException {
    Path p = dir.resolve("noise.ckpt");
    byte[] noise = new byte[512];
    new java.util.Random(3).nextBytes(noise);
    Files.write(p, noise);
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains(p.toAbsolutePath() + " is not an rrm checkpoint (first line '"), m);
    Files.writeString(p, "step,loss\n0,1.5\n");
    m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("is not an rrm checkpoint (first line 'step,loss'"), m);
    Files.writeString(p, "");
    m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("is not an rrm checkpoint (first line ''"), m);
  }

  @Test
  void nonFiniteValuesAreRefusedNamingTheParameter() throws IOException {
    Path p = dir.resolve("net.ckpt");
    Linear a = new Linear(2, 2, 1L);
    Checkpoint.save(a, p, Map.of());
    String nan = Files.readString(p).replaceFirst("parameter bias real \\[2\\]\nre\n  \\S+",
        "parameter bias real [2]\nre\n  NaN");
    // a correctly signed file (as an older writer could have produced) and a legacy one are both refused
    String body = nan.substring(0, nan.lastIndexOf("checksum sha256 "));
    Files.writeString(p, body + "checksum sha256 " + CheckpointFormat.sha256(body) + "\n");
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("parameter 'bias' holds NaN at flat index 0"), m);
    makeLegacy(p);
    m = assertThrows(CheckpointException.class, () -> Checkpoint.read(p)).getMessage();
    assertTrue(m.contains("parameter 'bias' holds NaN") && m.contains(p.toAbsolutePath().toString()), m);
  }

  @Test
  void savingANonFiniteModelIsRefusedAndWritesNothing() {
    Path p = dir.resolve("diverged.ckpt");
    Net a = new Net(4, 7L);
    a.out.namedParameters().get("weight").value().imagData()[3] = Double.NEGATIVE_INFINITY;
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.save(a, p, SETTINGS)).getMessage();
    assertTrue(m.contains("parameter 'out.weight' holds -Infinity in its imaginary part at flat index 3"), m);
    assertFalse(Files.exists(p));
  }

  @Test
  void restoreIntoAnotherArchitectureListsEveryParameterAndLoadsNothing() {
    Checkpoint c = Checkpoint.of(new Net(4, 7L), SETTINGS);
    Net wider = new Net(5, 8L);
    long[] before = bits(wider);
    String m = assertThrows(CheckpointException.class, () -> c.restore(wider)).getMessage();
    assertTrue(m.contains("nothing was loaded"), m);
    assertTrue(m.contains("'mlp.layer0.weight' is real [3, 4] in the file, the model has real [3, 5]"), m);
    assertTrue(m.contains("'mlp.layer0.bias'") && m.contains("'mlp.layer1.weight'"), m);
    assertArrayEquals(before, bits(wider), "the parameters that did fit were not loaded either");
  }

  @Test
  void restoreRefusesNonFiniteValuesHeldInMemory() {
    Net a = new Net(4, 7L);
    Map<String, Tensor> values = new LinkedHashMap<>(Snapshot.of(a).values());
    Tensor bias = values.get("out.bias").copy();
    bias.data()[0] = Double.NaN;
    values.put("out.bias", bias);
    Checkpoint c = new Checkpoint(Library.version(), Net.class.getName(), SETTINGS, values);
    Net b = new Net(4, 8L);
    long[] before = bits(b);
    String m = assertThrows(CheckpointException.class, () -> c.restore(b)).getMessage();
    assertTrue(m.contains("parameter 'out.bias' holds NaN"), m);
    assertArrayEquals(before, bits(b));
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
