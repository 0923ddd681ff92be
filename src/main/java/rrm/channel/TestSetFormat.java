package rrm.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.tensor.AtomicFile;
import rrm.tensor.Npy;
import rrm.tensor.Tensor;

/**
 * The files of a saved {@link TestSet}: the channels as a NumPy {@code .npy} array ({@code [B, M, M]} float64
 * amplitudes, row = receiver, column = transmitter) and a JSON sidecar next to it with everything else the set
 * records. For channels at {@code x.npy} the sidecar is {@code x.json} (a name not ending in {@code .npy} gets
 * {@code .json} appended). Example sidecar:
 * <pre>
 * {"format": "rrm test set", "version": 2, "channels": "x.npy",
 *  "layout": "channels[b][i][j] = amplitude gain from transmitter j to receiver i",
 *  "samples": 10, "pairs": 6, "noiseVariance": 1.0, "pMax": 1.0, "seed": 77,
 *  "pathLoss": {"exponent": 2.2, "minDistance": 0.0},
 *  "tx": [[x, y], ...], "rx": [[x, y], ...]}
 * </pre>
 * Numbers are written with {@link Double#toString(double)}, which reads back to the same bits; the path gains are
 * recomputed from the positions on load. The sidecar is written first and the channels last, each atomically, so
 * an existing channel file always has a complete sidecar.
 */
final class TestSetFormat {
  static final String FORMAT = "rrm test set";
  static final int VERSION = 2;

  private TestSetFormat() {}

  /** Returns the sidecar path for a channel file. */
  static Path sidecar(Path channels) {
    String name = channels.getFileName().toString();
    String base = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    return channels.resolveSibling(base + ".json");
  }

  static void save(TestSet set, Path path) {
    try {
      AtomicFile.writeString(sidecar(path), json(set, path.getFileName().toString()));
      Npy.write(set.channels(), path);
    } catch (IOException e) {
      throw new UncheckedIOException("TestSet.save: cannot write " + path + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("TestSet.save: cannot write " + path + ": " + e.getMessage(), e.getCause());
    }
  }

  static TestSet load(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new UncheckedIOException("TestSet.load: no test set file at " + path,
          new NoSuchFileException(path.toString()));
    }
    Path meta = sidecar(path);
    if (!Files.isRegularFile(meta)) {
      throw new UncheckedIOException("TestSet.load: the channels at " + path + " have no metadata file " + meta
          + " (TestSet.save writes both)", new NoSuchFileException(meta.toString()));
    }
    Map<String, Object> m;
    try {
      m = new Json(Files.readString(meta, StandardCharsets.UTF_8)).object();
    } catch (IOException e) {
      throw new UncheckedIOException("TestSet.load: cannot read " + meta + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw corrupt(meta, "it is not valid JSON: " + e.getMessage());
    }
    try {
      if (!FORMAT.equals(m.get("format")) || !Long.valueOf(VERSION).equals(m.get("version"))) {
        throw new IllegalArgumentException("it has format " + m.get("format") + " version " + m.get("version")
            + ", expected '" + FORMAT + "' version " + VERSION);
      }
      int b = Math.toIntExact(integer(m, "samples"));
      int pairs = Math.toIntExact(integer(m, "pairs"));
      Map<?, ?> law = (Map<?, ?>) field(m, "pathLoss");
      PathLoss pathLoss = new PathLoss(number(law, "exponent"), number(law, "minDistance"));
      Topology topology = Topology.of(positions(m, "tx"), positions(m, "rx"), pathLoss);
      Tensor channels = Npy.read(path);
      int[] want = {b, pairs, pairs};
      if (channels.isComplex() || !Arrays.equals(channels.shape(), want)) {
        throw new IllegalArgumentException("its channels are " + (channels.isComplex() ? "complex " : "")
            + Arrays.toString(channels.shape()) + ", the metadata announce real " + Arrays.toString(want));
      }
      return new TestSet(topology, channels, number(m, "noiseVariance"), number(m, "pMax"), integer(m, "seed"));
    } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
      throw corrupt(path, e.getMessage());
    }
  }

  private static String json(TestSet set, String channelsName) {
    Topology t = set.topology();
    return "{\"format\": " + quote(FORMAT) + ", \"version\": " + VERSION + ", \"channels\": " + quote(channelsName)
        + ",\n \"layout\": \"channels[b][i][j] = amplitude gain from transmitter j to receiver i\",\n"
        + " \"samples\": " + set.size() + ", \"pairs\": " + set.pairs() + ", \"noiseVariance\": "
        + set.noiseVariance() + ", \"pMax\": " + set.pMax() + ", \"seed\": " + set.seed() + ",\n"
        + " \"pathLoss\": {\"exponent\": " + t.pathLoss().exponent() + ", \"minDistance\": "
        + t.pathLoss().minDistance() + "},\n \"tx\": " + pairs(t.tx()) + ",\n \"rx\": " + pairs(t.rx()) + "}\n";
  }

  private static String pairs(double[][] p) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < p.length; i++) b.append(i == 0 ? "" : ", ").append('[').append(p[i][0]).append(", ")
        .append(p[i][1]).append(']');
    return b.append(']').toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Object field(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) throw new IllegalArgumentException("its metadata have no '" + key + "'");
    return v;
  }

  private static long integer(Map<?, ?> m, String key) {
    if (!(field(m, key) instanceof Long v)) {
      throw new IllegalArgumentException("its metadata '" + key + "' is " + m.get(key) + ", not an integer");
    }
    return v;
  }

  private static double number(Map<?, ?> m, String key) {
    if (!(field(m, key) instanceof Number v)) {
      throw new IllegalArgumentException("its metadata '" + key + "' is " + m.get(key) + ", not a number");
    }
    return v.doubleValue();
  }

  private static double[][] positions(Map<?, ?> m, String key) {
    List<?> list = (List<?>) field(m, key);
    double[][] out = new double[list.size()][];
    for (int i = 0; i < out.length; i++) {
      List<?> p = (List<?>) list.get(i);
      out[i] = new double[p.size()];
      for (int k = 0; k < p.size(); k++) out[i][k] = ((Number) p.get(k)).doubleValue();
    }
    return out;
  }

  private static IllegalArgumentException corrupt(Path path, String why) {
    return new IllegalArgumentException("TestSet.load: " + path + " is not a valid test set: " + why);
  }

  /**
   * A small JSON reader: objects (as LinkedHashMap), arrays (List), strings, integers (Long), other numbers
   * (Double, including NaN and Infinity as Python's json module writes them), true, false, null.
   */
  private static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Map<String, Object> object() {
      Object v = value();
      if (skip() != 0) throw error("unexpected text after the top-level value");
      if (!(v instanceof Map<?, ?>)) throw error("the top-level value is not an object");
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      return m;
    }

    private Object value() {
      char c = skip();
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        if (skip() == '}') {
          i++;
          return m;
        }
        do {
          if (skip() != '"') throw error("expected a quoted key");
          String key = string();
          if (skip() != ':') throw error("expected ':'");
          i++;
          m.put(key, value());
        } while (next(',', '}'));
        return m;
      }
      if (c == '[') {
        i++;
        List<Object> list = new ArrayList<>();
        if (skip() == ']') {
          i++;
          return list;
        }
        do {
          list.add(value());
        } while (next(',', ']'));
        return list;
      }
      if (c == '"') return string();
      int start = i;
      while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) i++;
      String token = s.substring(start, i);
      switch (token) {
        case "true": return Boolean.TRUE;
        case "false": return Boolean.FALSE;
        case "null": return null;
        default: break;
      }
      try {
        return token.matches("-?\\d+") ? (Object) Long.parseLong(token) : (Object) Double.parseDouble(token);
      } catch (NumberFormatException e) {
        throw error("'" + token + "' is not a JSON value");
      }
    }

    /** Consumes a separator or the closing bracket; returns true for the separator. */
    private boolean next(char separator, char close) {
      char c = skip();
      if (c != separator && c != close) throw error("expected '" + separator + "' or '" + close + "'");
      i++;
      return c == separator;
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              if (i + 4 > s.length()) throw error("truncated \\u escape");
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
      if (i >= s.length()) throw error("unterminated string");
      i++;
      return b.toString();
    }

    private char skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      return i < s.length() ? s.charAt(i) : 0;
    }

    private IllegalArgumentException error(String why) {
      return new IllegalArgumentException(why + " at offset " + i);
    }
  }
}
