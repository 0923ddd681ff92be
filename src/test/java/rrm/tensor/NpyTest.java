package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  private static final List<int[]> SHAPES = List.of(new int[0], new int[] {5}, new int[] {2, 3, 4},
      new int[] {3, 0, 2}, new int[] {0});

  @Test
  void realAndComplexTensorsRoundTripBitForBitInEveryShape() {
    int seed = 1;
    for (int[] shape : SHAPES) {
      Tensor real = Tensor.randn(seed++, shape);
      Tensor complex = Tensor.complexRandn(seed++, shape);
      for (Tensor t : List.of(real, complex)) {
        Path p = dir.resolve("t" + seed + (t.isComplex() ? "c" : "r") + ".npy");
        Npy.write(t, p);
        Tensor back = Npy.read(p);
        assertArrayEquals(shape, back.shape(), Arrays.toString(shape));
        assertEquals(t.isComplex(), back.isComplex());
        assertArrayEquals(t.toArray(), back.toArray(), 0);
        assertArrayEquals(t.toImagArray(), back.toImagArray(), 0);
      }
    }
  }

  @Test
  void specialValuesKeepTheirBits() {
    double[] v = {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e308};
    Path p = dir.resolve("special.npy");
    Npy.write(Tensor.complex(v, v.clone(), 2, 3), p);
    Tensor back = Npy.read(p);
    for (int k = 0; k < v.length; k++) {
      assertEquals(Double.doubleToRawLongBits(v[k]), Double.doubleToRawLongBits(back.toArray()[k]));
      assertEquals(Double.doubleToRawLongBits(v[k]), Double.doubleToRawLongBits(back.toImagArray()[k]));
    }
  }

  @Test
  void headerFollowsTheNpyFormatDescription() throws IOException {
    Object[][] cases = {
        {Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"},
        {Tensor.complex(new double[] {1, 2}, new double[] {3, 4}, 2),
            "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }"},
        {Tensor.scalar(7.5), "{'descr': '<f8', 'fortran_order': False, 'shape': (), }"},
        {Tensor.zeros(4, 0, 1), "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 0, 1), }"},
    };
    for (Object[] c : cases) {
      Tensor t = (Tensor) c[0];
      Path p = dir.resolve("h.npy");
      Npy.write(t, p);
      byte[] b = Files.readAllBytes(p);
      assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(b, 8));
      int headerLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
      int dataStart = 10 + headerLength;
      assertEquals(0, dataStart % 64, "data start " + dataStart);
      String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
      String dict = (String) c[1];
      assertTrue(header.startsWith(dict), header);
      assertEquals('\n', header.charAt(headerLength - 1));
      assertEquals(" ".repeat(headerLength - 1 - dict.length()), header.substring(dict.length(), headerLength - 1));
      int perElement = t.isComplex() ? 16 : 8;
      assertEquals(dataStart + t.numel() * perElement, b.length);
      ByteBuffer data = ByteBuffer.wrap(b, dataStart, b.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
      for (int k = 0; k < t.numel(); k++) {
        assertEquals(t.toArray()[k], data.getDouble(), 0);
        if (t.isComplex()) assertEquals(t.toImagArray()[k], data.getDouble(), 0);
      }
    }
  }

  @Test
  void readsFloat32Int64AndInt32AsFloat64() throws IOException {
    ByteBuffer f4 = le(12);
    f4.putFloat(1.5f).putFloat(-2.25f).putFloat(1e-3f);
    assertRead(Npy.read(file(1, "<f4", "(3,)", f4)), new int[] {3}, new double[] {1.5, -2.25, 1e-3f}, null);

    ByteBuffer i8 = le(32);
    i8.putLong(-3).putLong(0).putLong(1L << 40).putLong(7);
    assertRead(Npy.read(file(1, "<i8", "(2, 2)", i8)), new int[] {2, 2}, new double[] {-3, 0, 1L << 40, 7}, null);

    ByteBuffer i4 = le(8);
    i4.putInt(Integer.MIN_VALUE).putInt(42);
    assertRead(Npy.read(file(1, "<i4", "(2,)", i4)), new int[] {2}, new double[] {Integer.MIN_VALUE, 42}, null);
  }

  @Test
  void readsBigEndianAndComplex64() throws IOException {
    ByteBuffer f8 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
    f8.putDouble(Math.PI).putDouble(-1e-300);
    assertRead(Npy.read(file(1, ">f8", "(2,)", f8)), new int[] {2}, new double[] {Math.PI, -1e-300}, null);

    ByteBuffer c16 = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
    c16.putDouble(1).putDouble(-2).putDouble(3.5).putDouble(4);
    assertRead(Npy.read(file(1, ">c16", "(1, 2)", c16)), new int[] {1, 2}, new double[] {1, 3.5},
        new double[] {-2, 4});

    ByteBuffer c8 = le(16);
    c8.putFloat(0.5f).putFloat(-0.25f).putFloat(8f).putFloat(1f);
    assertRead(Npy.read(file(1, "<c8", "(2,)", c8)), new int[] {2}, new double[] {0.5, 8}, new double[] {-0.25, 1});
  }

  @Test
  void readsHeaderVersions2And3AndAScalar() throws IOException {
    ByteBuffer d = le(8);
    d.putDouble(-6.5);
    assertRead(Npy.read(file(2, "<f8", "()", d)), new int[0], new double[] {-6.5}, null);
    d.rewind();
    assertRead(Npy.read(file(3, "<f8", "(1, 1, 1)", d)), new int[] {1, 1, 1}, new double[] {-6.5}, null);
  }

  @Test
  void fortranOrderIsReorderedToRowMajor() throws IOException {
    // A [2, 3, 2] array with a[i][j][k] = 100 i + 10 j + k, stored column-major (i fastest, then j, then k).
    ByteBuffer d = le(12 * 8);
    double[] rowMajor = new double[12];
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 3; j++) {
        for (int i = 0; i < 2; i++) {
          d.putDouble(100 * i + 10 * j + k);
          rowMajor[i * 6 + j * 2 + k] = 100 * i + 10 * j + k;
        }
      }
    }
    Path p = write("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 2), }", 1, d);
    assertRead(Npy.read(p), new int[] {2, 3, 2}, rowMajor, null);
  }

  @Test
  void truncatedAndOverlongDataAreRefused() throws IOException {
    Path p = dir.resolve("t.npy");
    Npy.write(Tensor.randn(3, 4, 5), p);
    byte[] b = Files.readAllBytes(p);
    Files.write(p, Arrays.copyOf(b, b.length - 3));
    var e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertEquals("Npy.read: " + p.toAbsolutePath() + " is not a valid .npy file: it is truncated: the header announces"
        + " 160 data bytes (shape [4, 5], dtype <f8), the file holds 157", e.getMessage());

    Files.write(p, Arrays.copyOf(b, 30));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains("it is truncated: it ends inside the header"), e.getMessage());

    Files.write(p, Arrays.copyOf(b, b.length + 8));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains("it is longer than its header says"), e.getMessage());
  }

  @Test
  void wrongMagicAndUnknownVersionsAreRefused() throws IOException {
    Path p = dir.resolve("m.npy");
    Files.write(p, "PK\u0003\u0004 not an npy file".getBytes(StandardCharsets.ISO_8859_1));
    var e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains(p.toAbsolutePath() + " is not a valid .npy file: it does not start with the"
        + " .npy magic"), e.getMessage());

    Npy.write(Tensor.ones(2), p);
    byte[] b = Files.readAllBytes(p);
    b[6] = 4;
    Files.write(p, b);
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains("its format version is 4.0"), e.getMessage());

    Files.write(p, new byte[0]);
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().endsWith("it is empty"), e.getMessage());

    Path missing = dir.resolve("none.npy");
    var io = assertThrows(UncheckedIOException.class, () -> Npy.read(missing));
    assertEquals("Npy.read: no file at " + missing.toAbsolutePath(), io.getMessage());
  }

  @Test
  void unsupportedDtypesAreRefusedNamingFileFoundAndAccepted() throws IOException {
    Path p = write("{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", 1, le(4));
    var e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
    assertEquals("Npy.read: dtype must be one of '<f8', '<c16' (also '<f4', '<c8', '<i4', '<i8', and each with '>'"
        + " for big-endian), got '<i2' in " + p.toAbsolutePath(), e.getMessage());

    Path obj = write("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 1, le(8));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(obj));
    assertTrue(e.getMessage().contains("got '|O' (an object array) in " + obj.toAbsolutePath()), e.getMessage());

    Path rec = write("{'descr': [('x', '<f8'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }", 1, le(12));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(rec));
    assertTrue(e.getMessage().contains("'descr' is a list (a structured dtype)"), e.getMessage());

    Path keys = write("{'descr': '<f8', 'shape': (1,), }", 1, le(8));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.read(keys));
    assertTrue(e.getMessage().contains("has no 'fortran_order' key"), e.getMessage());
  }

  @Test
  void npzArchivesRoundTripAndStoredEntriesAreRead() throws IOException {
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    arrays.put("channels", Tensor.rand(5, 3, 4, 4));
    arrays.put("h", Tensor.complexRandn(6, 2, 3));
    arrays.put("empty", Tensor.zeros(0, 2));
    Path p = dir.resolve("sub/a.npz");
    Npy.writeAll(arrays, p);
    Map<String, Tensor> back = Npy.readAll(p);
    assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
    arrays.forEach((k, t) -> {
      assertArrayEquals(t.shape(), back.get(k).shape(), k);
      assertArrayEquals(t.toArray(), back.get(k).toArray(), 0, k);
      assertArrayEquals(t.toImagArray(), back.get(k).toImagArray(), 0, k);
    });

    Path stored = dir.resolve("stored.npz");
    byte[] npy = Files.readAllBytes(write("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 1,
        le(8).putDouble(0, 2.5)));
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(stored))) {
      ZipEntry e = new ZipEntry("x.npy");
      e.setMethod(ZipEntry.STORED);
      e.setSize(npy.length);
      CRC32 crc = new CRC32();
      crc.update(npy);
      e.setCrc(crc.getValue());
      zip.putNextEntry(e);
      zip.write(npy);
      zip.closeEntry();
    }
    assertEquals(2.5, Npy.readAll(stored).get("x").item(), 0);
  }

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path p = dir.resolve("w.npy");
    Npy.write(Tensor.ones(100), p);
    Npy.write(Tensor.scalar(3), p);
    assertEquals(3, Npy.read(p).item(), 0);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(p), files.toList());
    }
  }

  @Test
  void headerOverflowingVersion1IsWrittenAsVersion2() throws IOException {
    int[] shape = new int[23_000]; // "1, " per axis: a 69 000-character dict (numpy itself allows only 64 axes)
    Arrays.fill(shape, 1);
    Path p = dir.resolve("many-axes.npy");
    Npy.write(Tensor.full(4, shape), p);
    byte[] b = Files.readAllBytes(p);
    assertEquals(2, b[6]);
    int headerLength = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertEquals(0, (12 + headerLength) % 64);
    assertEquals(4, Npy.read(p).item(), 0);
    assertFalse(Npy.read(p).isComplex());
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private Path file(int major, String descr, String shape, ByteBuffer data) throws IOException {
    return write("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", major, data);
  }

  /** Writes a hand-made .npy: magic, version, header length, the dict with a newline (unpadded), the data. */
  private Path write(String dict, int major, ByteBuffer data) throws IOException {
    byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer prefix = le(major == 1 ? 10 : 12).put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})
        .put((byte) major).put((byte) 0);
    if (major == 1) prefix.putShort((short) header.length);
    else prefix.putInt(header.length);
    Path p = Files.createTempFile(dir, "hand", ".npy");
    try (OutputStream out = Files.newOutputStream(p)) {
      out.write(prefix.array());
      out.write(header);
      out.write(data.array());
    }
    return p;
  }

  private static void assertRead(Tensor t, int[] shape, double[] re, double[] im) {
    assertArrayEquals(shape, t.shape());
    assertArrayEquals(re, t.toArray(), 0);
    if (im == null) {
      assertFalse(t.isComplex());
      assertNull(t.imagData());
    } else {
      assertTrue(t.isComplex());
      assertArrayEquals(im, t.toImagArray(), 0);
    }
  }
}
