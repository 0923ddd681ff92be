package rrm.tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes tensors in NumPy's {@code .npy} format and {@code .npz} archives, so data move between the
 * library and Python ({@code np.load} / {@code np.save}) without loss.
 *
 * <p>A {@code .npy} file is the magic {@code \x93NUMPY}, the version bytes (major, minor), the header length
 * (little-endian; 2 bytes in version 1.0, 4 bytes in 2.0 and 3.0), the header, then the raw data. The header is a
 * Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (B, M, M), }} padded with spaces and
 * ended by {@code '\n'} so that the data start on a multiple of 64 bytes.
 *
 * <p>Writing: a real tensor becomes {@code '<f8'} (little-endian float64), a complex one {@code '<c16'} (each element
 * its real then its imaginary part, the layout numpy uses; the tensor itself keeps the two parts in separate arrays),
 * always C order (row-major), header version 1.0 (2.0 only if the header exceeds 65535 bytes). Any shape works,
 * including 0-d ({@code ()}) and axes of size 0.
 *
 * <p>Reading accepts header versions 1.0, 2.0 and 3.0, C or Fortran order (Fortran data are reordered to the
 * tensor's row-major layout), and these dtypes in either byte order ({@code '<'} little, {@code '>'} big endian):
 * {@code f8} and {@code c16} exactly; {@code f4} and {@code i4}, {@code i8} converted to float64 (an {@code i8}
 * beyond 2^53 in magnitude is rounded); {@code c8} converted to complex128. Anything else (object arrays, strings,
 * booleans, structured dtypes, other sizes) is refused with a message that names the file, the dtype found and the
 * dtypes accepted, as are truncated files and files with bytes after the announced data.
 *
 * <p>Writes are atomic: the bytes go to a temporary file in the target directory, which is then moved over the
 * target, so a reader never sees a half-written file. I/O failures throw {@link UncheckedIOException}; content
 * problems throw {@link IllegalArgumentException}; both name the file.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int MAX_HEADER = 1 << 20;
  private static final int CHUNK = 1 << 16;
  private static final String ACCEPTED = "'<f8', '<c16' (also '<f4', '<c8', '<i4', '<i8', and each with '>' for"
      + " big-endian)";

  private Npy() {}

  // ---------------------------------------------------------------------------------------------- .npy

  /** Writes {@code t} to {@code path} as {@code '<f8'} (real) or {@code '<c16'} (complex); parents are created. */
  public static void write(Tensor t, Path path) {
    if (t == null) throw new IllegalArgumentException("Npy.write: tensor must not be null (path " + path + ")");
    atomically("Npy.write", path, out -> writeTo(t, out));
  }

  /** Reads the {@code .npy} file at {@code path} into a real ({@code f*}, {@code i*}) or complex tensor. */
  public static Tensor read(Path path) {
    Path abs = existing("Npy.read", path);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(abs), CHUNK)) {
      return readFrom(in, Files.size(abs), abs.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Npy.read: cannot read " + abs + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------- .npz

  /**
   * Writes the named tensors to {@code path} as a {@code .npz} archive (a zip with one deflated {@code name.npy}
   * entry per tensor, in the map's iteration order); {@code np.load(path)[name]} returns each array.
   */
  public static void writeAll(Map<String, Tensor> arrays, Path path) {
    if (arrays == null) throw new IllegalArgumentException("Npy.writeAll: arrays must not be null (path " + path + ")");
    arrays.forEach((name, t) -> {
      if (name == null || name.isEmpty() || t == null) {
        throw new IllegalArgumentException("Npy.writeAll: every entry needs a non-empty name and a tensor, got name '"
            + name + "' with " + (t == null ? "no tensor" : "a tensor") + " (path " + path + ")");
      }
    });
    atomically("Npy.writeAll", path, raw -> {
      ZipOutputStream zip = new ZipOutputStream(raw);
      for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        writeTo(e.getValue(), zip);
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  /**
   * Reads every {@code .npy} entry of the {@code .npz} archive at {@code path} (stored or deflated, as
   * {@code np.savez} and {@code np.savez_compressed} write them), keyed by the entry name without {@code .npy}, in
   * archive order. An entry that is not a {@code .npy} file is refused.
   */
  public static Map<String, Tensor> readAll(Path path) {
    Path abs = existing("Npy.readAll", path);
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(abs.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) continue;
        if (!e.getName().endsWith(".npy")) {
          throw new IllegalArgumentException("Npy.readAll: " + abs + " holds the entry '" + e.getName() + "', which is"
              + " not a .npy file");
        }
        try (InputStream in = new BufferedInputStream(zip.getInputStream(e), CHUNK)) {
          String name = e.getName().substring(0, e.getName().length() - 4);
          out.put(name, readFrom(in, e.getSize(), abs + "!" + e.getName()));
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IllegalArgumentException("Npy.readAll: " + abs + " is not a valid .npz (zip) archive: "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Npy.readAll: cannot read " + abs + ": " + e.getMessage(), e);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- format

  /** Returns the header bytes (magic through the final newline) for a tensor of this shape, 64-byte aligned. */
  static byte[] header(boolean complex, int[] shape) {
    String dict = new NpyHeader(complex ? "<c16" : "<f8", false, shape).literal();
    int major = 1;
    int lengthBytes = 2;
    int pad = pad(MAGIC.length + 2 + lengthBytes + dict.length() + 1);
    if (dict.length() + pad + 1 > 0xFFFF) {
      major = 2;
      lengthBytes = 4;
      pad = pad(MAGIC.length + 2 + lengthBytes + dict.length() + 1);
    }
    int headerLength = dict.length() + pad + 1;
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + headerLength).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) major).put((byte) 0);
    if (lengthBytes == 2) b.putShort((short) headerLength);
    else b.putInt(headerLength);
    b.put((dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }

  private static int pad(int unpadded) {
    return (ALIGN - unpadded % ALIGN) % ALIGN;
  }

  /** Writes the header and the data of {@code t} to {@code out} (which is left open). */
  static void writeTo(Tensor t, OutputStream out) throws IOException {
    out.write(header(t.isComplex(), t.shape));
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    double[] re = t.re;
    double[] im = t.im;
    for (int k = 0; k < re.length; k++) {
      if (buf.remaining() < 16) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putDouble(re[k]);
      if (im != null) buf.putDouble(im[k]);
    }
    out.write(buf.array(), 0, buf.position());
  }

  /**
   * Reads one {@code .npy} stream to its end. {@code total} is the stream's length in bytes if known (else -1): it
   * lets a truncated or over-long file be refused before the data are allocated. {@code where} names the source in
   * error messages.
   */
  static Tensor readFrom(InputStream in, long total, String where) throws IOException {
    byte[] magic = readFully(in, MAGIC.length + 2, where, "the magic and version");
    if (!Arrays.equals(Arrays.copyOf(magic, MAGIC.length), MAGIC)) {
      throw bad(where, "it does not start with the .npy magic \\x93NUMPY (first bytes "
          + hex(Arrays.copyOf(magic, MAGIC.length)) + ")");
    }
    int major = magic[6] & 0xFF;
    int minor = magic[7] & 0xFF;
    if (major < 1 || major > 3 || minor != 0) {
      throw bad(where, "its format version is " + major + "." + minor + ", this reader knows 1.0, 2.0 and 3.0");
    }
    byte[] len = readFully(in, major == 1 ? 2 : 4, where, "the header length");
    ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
    if (headerLength > MAX_HEADER) {
      throw bad(where, "its header length " + headerLength + " exceeds the " + MAX_HEADER + " bytes this reader"
          + " allows");
    }
    String text = new String(readFully(in, (int) headerLength, where, "the header"),
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader h = NpyHeader.parse(text, where);
    Dtype dtype = Dtype.of(h.descr(), where);
    int[] shape = h.shape();
    long count = 1;
    for (int d : shape) count = Math.min(count * d, Integer.MAX_VALUE + 1L); // both factors < 2^32: no overflow
    if (count > Integer.MAX_VALUE) {
      throw bad(where, "its shape " + Shape.str(shape) + " has more than 2^31-1 elements, the most a tensor holds");
    }
    int n = (int) count;
    long dataBytes = count * dtype.elementBytes();
    long dataStart = MAGIC.length + 2 + len.length + headerLength;
    if (total >= 0 && total != dataStart + dataBytes) {
      throw bad(where, (total < dataStart + dataBytes ? "it is truncated" : "it is longer than its header says")
          + ": the header announces " + dataBytes + " data bytes (shape " + Shape.str(shape) + ", dtype "
          + dtype.descr + "), the file holds " + (total - dataStart));
    }
    double[] re = new double[n];
    double[] im = dtype.complex ? new double[n] : null;
    readData(in, dtype, re, im, where);
    if (in.read() != -1) {
      throw bad(where, "it has bytes after the " + n + " elements of shape " + Shape.str(shape) + " its header"
          + " announces");
    }
    if (h.fortranOrder() && shape.length > 1) {
      re = toRowMajor(re, shape);
      if (im != null) im = toRowMajor(im, shape);
    }
    return Tensor.wrap(re, im, shape);
  }

  private static void readData(InputStream in, Dtype dtype, double[] re, double[] im, String where)
      throws IOException {
    int elementBytes = dtype.elementBytes();
    byte[] chunk = new byte[CHUNK - CHUNK % elementBytes];
    ByteBuffer buf = ByteBuffer.wrap(chunk).order(dtype.order);
    int k = 0;
    while (k < re.length) {
      int want = (int) Math.min(chunk.length, (long) (re.length - k) * elementBytes);
      int got = in.readNBytes(chunk, 0, want);
      if (got < want) {
        long expected = (long) re.length * elementBytes;
        long found = (long) k * elementBytes + got;
        throw bad(where, "it is truncated: the header announces " + expected + " data bytes (" + re.length
            + " elements of " + dtype.descr + "), the stream holds " + found);
      }
      buf.clear();
      for (int e = 0; e < want / elementBytes; e++, k++) {
        re[k] = dtype.get(buf);
        if (im != null) im[k] = dtype.get(buf);
      }
    }
  }

  /** Returns the row-major copy of data laid out column-major (Fortran order) for {@code shape}. */
  private static double[] toRowMajor(double[] columnMajor, int[] shape) {
    int[] strides = Shape.strides(shape);
    int[] index = new int[shape.length];
    double[] out = new double[columnMajor.length];
    int offset = 0;
    for (double v : columnMajor) {
      out[offset] = v;
      for (int d = 0; d < shape.length; d++) {
        offset += strides[d];
        if (++index[d] < shape[d]) break;
        offset -= strides[d] * shape[d];
        index[d] = 0;
      }
    }
    return out;
  }

  /** A dtype this reader accepts: byte order, bytes per (real or imaginary) part, kind. */
  private record Dtype(String descr, ByteOrder order, int partBytes, char kind, boolean complex) {
    static Dtype of(String descr, String where) {
      if (descr.length() >= 3 && (descr.charAt(0) == '<' || descr.charAt(0) == '>')) {
        ByteOrder order = descr.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        switch (descr.substring(1)) {
          case "f8": return new Dtype(descr, order, 8, 'f', false);
          case "f4": return new Dtype(descr, order, 4, 'f', false);
          case "i8": return new Dtype(descr, order, 8, 'i', false);
          case "i4": return new Dtype(descr, order, 4, 'i', false);
          case "c16": return new Dtype(descr, order, 8, 'f', true);
          case "c8": return new Dtype(descr, order, 4, 'f', true);
          default: break;
        }
      }
      String what = descr.equals("|O") ? " (an object array)" : "";
      throw new IllegalArgumentException("Npy.read: dtype must be one of " + ACCEPTED + ", got '" + descr + "'" + what
          + " in " + where);
    }

    int elementBytes() {
      return complex ? 2 * partBytes : partBytes;
    }

    double get(ByteBuffer b) {
      if (kind == 'f') return partBytes == 8 ? b.getDouble() : b.getFloat();
      return partBytes == 8 ? (double) b.getLong() : b.getInt();
    }
  }

  // ---------------------------------------------------------------------------------------------- plumbing

  /** Writes through {@link AtomicFile}; an I/O failure is reported with {@code op} and the path. */
  private static void atomically(String op, Path path, AtomicFile.Content content) {
    try {
      AtomicFile.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(op + ": cannot write " + path.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static Path existing(String op, Path path) {
    Path abs = path.toAbsolutePath();
    if (!Files.isRegularFile(abs)) {
      throw new UncheckedIOException(op + ": no file at " + abs, new NoSuchFileException(abs.toString()));
    }
    return abs;
  }

  private static byte[] readFully(InputStream in, int n, String where, String what) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      if (b.length == 0 && what.startsWith("the magic")) throw bad(where, "it is empty");
      throw bad(where, "it is truncated: it ends inside " + what);
    }
    return b;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xFF));
    return s.toString();
  }

  private static IllegalArgumentException bad(String where, String why) {
    return new IllegalArgumentException("Npy.read: " + where + " is not a valid .npy file: " + why);
  }
}
