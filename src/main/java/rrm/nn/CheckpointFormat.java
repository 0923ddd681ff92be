package rrm.nn;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * The checkpoint text format: line based, readable, exact. Example (format 2):
 * <pre>
 * # rrm checkpoint: ...
 * format 2
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
 * checksum sha256 3f5a...
 * </pre>
 * Values are written with {@link Double#toString(double)}, which {@link Double#parseDouble} reads back to the same
 * bits (including -0.0). A module's buffers (running statistics) are {@code parameter} entries like its trained
 * parameters: the file holds its whole state. Only finite values are written or read: NaN or an infinity in a
 * parameter is refused, naming the parameter. In settings, backslash, newline, carriage return and (in keys) '=' are
 * escaped with a backslash.
 *
 * <p>The last line is the SHA-256 of the canonical text: every other line of the file, each ended by a single
 * {@code \n}, so that converting line endings keeps it valid while any other change breaks it. Reading verifies it
 * before parsing.
 * Format 1 files, written before the checksum existed, have no such line and are read without verification.
 * A file that does not start with the header comment or a {@code format} line is not a checkpoint.
 */
final class CheckpointFormat {
  static final String HEADER = "# rrm checkpoint: trained parameters with the settings and library version that"
      + " produced them (see rrm.nn.Checkpoint)";
  static final int VERSION = 2;
  /** The format written before checksums: still read, without verification. */
  static final int LEGACY = 1;
  static final String CHECKSUM = "checksum sha256 ";
  private static final int PER_LINE = 6;

  private CheckpointFormat() {}

  /** Returns the file text of {@code c}, checksum line included; refuses a non-finite value. */
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
      String bad = nonFinite(name, t);
      if (bad != null) {
        throw new CheckpointException("Checkpoint.save: " + bad + "; refusing to save a diverged model (lower the"
            + " learning rate and train again)");
      }
      sb.append("parameter ").append(name).append(t.isComplex() ? " complex " : " real ")
          .append(Shape.str(t.shape())).append('\n');
      values(sb, "re", t.data());
      if (t.isComplex()) values(sb, "im", t.imagData());
    });
    sb.append("end\n");
    String sum = sha256(sb.toString());
    sb.append(CHECKSUM).append(sum).append('\n');
    return sb.toString();
  }

  /**
   * Returns "parameter 'name' holds NaN at index i" for the first non-finite value of {@code t} (real or imaginary
   * part), or null when every value is finite.
   */
  static String nonFinite(String name, Tensor t) {
    double[][] parts = t.isComplex() ? new double[][] {t.data(), t.imagData()} : new double[][] {t.data()};
    for (int part = 0; part < parts.length; part++) {
      double[] v = parts[part];
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) {
          return "parameter '" + name + "' holds " + v[i] + (part == 1 ? " in its imaginary part" : "")
              + " at flat index " + i;
        }
      }
    }
    return null;
  }

  private static void values(StringBuilder sb, String part, double[] v) {
    sb.append(part).append('\n');
    for (int i = 0; i < v.length; i++) {
      sb.append(i % PER_LINE == 0 ? "  " : " ").append(Double.toString(v[i]));
      if (i % PER_LINE == PER_LINE - 1 || i == v.length - 1) sb.append('\n');
    }
  }

  /** Parses the bytes of a checkpoint file, verifying its checksum (format 2) first; {@code source} names it. */
  static Checkpoint parse(byte[] bytes, Path source) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw notACheckpoint(source, new String(bytes, StandardCharsets.UTF_8));
    }
    List<String> lines = text.lines().collect(Collectors.toList());
    String first = lines.isEmpty() ? "" : lines.get(0);
    if (!first.startsWith("# rrm checkpoint") && !first.startsWith("format ")) throw notACheckpoint(source, text);
    Parser p = new Parser(lines, source);
    String format = p.keyword("format");
    if (format.equals(Integer.toString(VERSION))) {
      verifyChecksum(lines, source);
    } else if (!format.equals(Integer.toString(LEGACY))) {
      throw p.error("unsupported checkpoint format '" + format + "' (this library reads formats " + LEGACY + " and "
          + VERSION + ")");
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
      String bad = nonFinite(head[0], t);
      if (bad != null) throw p.refused(bad + "; a checkpoint must hold finite values");
      if (params.put(head[0], t) != null) throw p.error("parameter '" + head[0] + "' appears twice");
    }
    if (!p.next().equals("end")) throw p.error("expected 'end'");
    return new Checkpoint(library, model, settings, params);
  }

  /** Checks the last non-blank line against the SHA-256 of the canonical text of all the lines before it. */
  private static void verifyChecksum(List<String> lines, Path source) {
    int last = lines.size() - 1;
    while (last >= 0 && lines.get(last).isBlank()) last--;
    if (last < 0 || !lines.get(last).startsWith(CHECKSUM)) {
      throw new CheckpointException("Checkpoint: " + source + " has format " + VERSION + " but does not end with its"
          + " '" + CHECKSUM.trim() + " ...' line: the file is truncated or was edited. Restore it (for a committed"
          + " file: git checkout -- <file>) or train and save again.");
    }
    String recorded = lines.get(last).substring(CHECKSUM.length()).trim();
    StringBuilder canonical = new StringBuilder();
    for (int i = 0; i < last; i++) canonical.append(lines.get(i)).append('\n');
    String actual = sha256(canonical.toString());
    if (!actual.equalsIgnoreCase(recorded)) {
      throw new CheckpointException("Checkpoint: " + source + ": checksum mismatch: the file was modified after it"
          + " was written (SHA-256 " + actual + ", recorded " + recorded + "). Restore it (for a committed file:"
          + " git checkout -- <file>) or train and save again.");
    }
  }

  /** Returns the lower-case hexadecimal SHA-256 of the UTF-8 bytes of {@code text}. */
  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(2 * d.length);
      for (byte b : d) hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static CheckpointException notACheckpoint(Path source, String text) {
    String line = text.lines().findFirst().orElse("");
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < line.length() && shown.length() < 60; i++) {
      char ch = line.charAt(i);
      if (ch >= 0x20 && ch < 0x7f) shown.append(ch);
      else shown.append(String.format("\\u%04x", (int) ch));
    }
    return new CheckpointException("Checkpoint: " + source + " is not an rrm checkpoint (first line '" + shown
        + (line.length() > shown.length() ? "...'" : "'") + "; a checkpoint starts with '# rrm checkpoint')");
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

    /** A well-formed file whose content is refused (the message says why). */
    CheckpointException refused(String what) {
      return new CheckpointException("Checkpoint: " + source + " line " + at + ": " + what);
    }

    CheckpointException error(String what) {
      return new CheckpointException("Checkpoint: " + source + " line " + at + ": " + what
          + "; the file is damaged or not a checkpoint");
    }
  }
}
