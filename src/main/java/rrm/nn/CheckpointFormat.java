package rrm.nn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * The checkpoint text format: line based, readable, exact. Example:
 * <pre>
 * # rrm checkpoint: ...
 * format 1
 * library 0.1.0
 * model rrm.nn.Linear
 * setting hidden=4
 * parameter weight real [2, 3]
 * re
 *   0.125 -0.5 1.0E-300 ...
 * parameter bias complex [3]
 * re
 *   ...
 * im
 *   ...
 * end
 * </pre>
 * Values are written with {@link Double#toString(double)}, which {@link Double#parseDouble} reads back to the same
 * bits (including -0.0, NaN and infinities). In settings, backslash, newline, carriage return and (in keys) '=' are
 * escaped with a backslash.
 */
final class CheckpointFormat {
  static final String HEADER = "# rrm checkpoint: trained parameters with the settings and library version that"
      + " produced them (see rrm.nn.Checkpoint)";
  static final int VERSION = 1;
  private static final int PER_LINE = 6;

  private CheckpointFormat() {}

  static String write(Checkpoint c) {
    StringBuilder sb = new StringBuilder();
    sb.append(HEADER).append('\n');
    sb.append("format ").append(VERSION).append('\n');
    sb.append("library ").append(c.libraryVersion()).append('\n');
    sb.append("model ").append(c.modelClass()).append('\n');
    c.settings().forEach((k, v) -> sb.append("setting ").append(escape(k, true)).append('=').append(escape(v, false))
        .append('\n'));
    c.parameters().forEach((name, t) -> {
      if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new CheckpointException("Checkpoint.save: parameter name '" + name + "' is empty or contains whitespace");
      }
      sb.append("parameter ").append(name).append(t.isComplex() ? " complex " : " real ")
          .append(Shape.str(t.shape())).append('\n');
      values(sb, "re", t.data());
      if (t.isComplex()) values(sb, "im", t.imagData());
    });
    sb.append("end\n");
    return sb.toString();
  }

  private static void values(StringBuilder sb, String part, double[] v) {
    sb.append(part).append('\n');
    for (int i = 0; i < v.length; i++) {
      sb.append(i % PER_LINE == 0 ? "  " : " ").append(Double.toString(v[i]));
      if (i % PER_LINE == PER_LINE - 1 || i == v.length - 1) sb.append('\n');
    }
  }

  static Checkpoint parse(List<String> lines, Path source) {
    Parser p = new Parser(lines, source);
    String format = p.keyword("format");
    if (!format.equals(Integer.toString(VERSION))) {
      throw p.error("unsupported checkpoint format '" + format + "' (this library reads format " + VERSION + ")");
    }
    String library = p.keyword("library");
    String model = p.keyword("model");
    Map<String, String> settings = new LinkedHashMap<>();
    while (p.peek().startsWith("setting ")) {
      String body = p.next().substring("setting ".length());
      int eq = unescapedEquals(body);
      if (eq < 0) throw p.error("setting line without '='");
      settings.put(unescape(body.substring(0, eq)), unescape(body.substring(eq + 1)));
    }
    Map<String, Tensor> params = new LinkedHashMap<>();
    while (p.peek().startsWith("parameter ")) {
      String[] head = p.next().substring("parameter ".length()).split(" ", 3);
      if (head.length != 3 || !(head[1].equals("real") || head[1].equals("complex"))) {
        throw p.error("expected 'parameter <name> real|complex [shape]'");
      }
      int[] shape = p.shape(head[2]);
      int n = Shape.size(shape);
      double[] re = p.values("re", n);
      Tensor t = head[1].equals("real") ? Tensor.of(re, shape) : Tensor.complex(re, p.values("im", n), shape);
      if (params.put(head[0], t) != null) throw p.error("parameter '" + head[0] + "' appears twice");
    }
    if (!p.next().equals("end")) throw p.error("expected 'end'");
    return new Checkpoint(library, model, settings, params);
  }

  private static String escape(String s, boolean key) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '=' -> sb.append(key ? "\\=" : "=");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        sb.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static int unescapedEquals(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\\') i++;
      else if (s.charAt(i) == '=') return i;
    }
    return -1;
  }

  /** Reads the lines in order, skipping comments and blank lines, with messages that name the file and line. */
  private static final class Parser {
    private final List<String> lines;
    private final Path source;
    private int at;

    Parser(List<String> lines, Path source) {
      this.lines = lines;
      this.source = source;
    }

    String peek() {
      while (at < lines.size() && (lines.get(at).isBlank() || lines.get(at).startsWith("#"))) at++;
      return at < lines.size() ? lines.get(at) : "";
    }

    String next() {
      String s = peek();
      if (at >= lines.size()) throw error("unexpected end of file");
      at++;
      return s;
    }

    String keyword(String word) {
      String s = next();
      if (!s.startsWith(word + " ")) throw error("expected '" + word + " ...'");
      return s.substring(word.length() + 1).trim();
    }

    int[] shape(String s) {
      String t = s.trim();
      if (!t.startsWith("[") || !t.endsWith("]")) throw error("expected a shape like [2, 3], got '" + s + "'");
      String inner = t.substring(1, t.length() - 1).trim();
      if (inner.isEmpty()) return new int[0];
      try {
        return Arrays.stream(inner.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
      } catch (NumberFormatException e) {
        throw error("bad shape '" + s + "'");
      }
    }

    double[] values(String part, int n) {
      if (!next().trim().equals(part)) throw error("expected '" + part + "' followed by " + n + " values");
      double[] v = new double[n];
      int k = 0;
      while (k < n) {
        for (String tok : next().trim().split("\\s+")) {
          if (tok.isEmpty()) continue;
          if (k >= n) throw error("more than " + n + " values for '" + part + "'");
          try {
            v[k++] = Double.parseDouble(tok);
          } catch (NumberFormatException e) {
            throw error("'" + tok + "' is not a number");
          }
        }
      }
      return v;
    }

    CheckpointException error(String what) {
      return new CheckpointException("Checkpoint: " + source + " line " + at + ": " + what
          + "; the file is damaged or not a checkpoint");
    }
  }
}
