package rrm.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a {@code .npy} file: a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} with exactly the keys {@code descr} (the
 * dtype string), {@code fortran_order} (a boolean) and {@code shape} (a tuple of non-negative ints; {@code ()} for a
 * 0-d array, {@code (n,)} for one axis).
 *
 * <p>The parser accepts the literal subset numpy writes and reads: single- or double-quoted strings, {@code True} /
 * {@code False}, int tuples (an optional Python 2 {@code L} suffix on ints), trailing commas and whitespace. A
 * {@code descr} that is not a plain string (a list, as for structured dtypes) is reported as such.
 *
 * @param descr the dtype string, for example {@code <f8}
 * @param fortranOrder whether the data are stored column-major
 * @param shape the array shape
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

  /** Returns the dict literal numpy writes for this header (without padding or the final newline). */
  String literal() {
    StringBuilder b = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': ")
        .append(fortranOrder ? "True" : "False").append(", 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      b.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
    }
    return b.append("), }").toString();
  }

  /**
   * Parses a header dict literal; {@code where} (the file) appears in every error message. Throws an
   * {@link IllegalArgumentException} naming the problem for anything but the three expected keys and value types.
   */
  static NpyHeader parse(String text, String where) {
    Parser p = new Parser(text, where);
    Map<String, Object> dict = p.dict();
    for (String key : List.of("descr", "fortran_order", "shape")) {
      if (!dict.containsKey(key)) throw p.error("the header dict has no '" + key + "' key", text);
    }
    if (dict.size() != 3) throw p.error("the header dict has keys " + dict.keySet() + ", expected exactly"
        + " 'descr', 'fortran_order' and 'shape'", text);
    Object descr = dict.get("descr");
    if (!(descr instanceof String d)) {
      throw p.error("'descr' is " + (descr instanceof List ? "a list (a structured dtype)" : descr) + ", not a plain"
          + " dtype string", text);
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw p.error("'fortran_order' must be True or False, got " + dict.get("fortran_order"), text);
    }
    if (!(dict.get("shape") instanceof int[] shape)) {
      throw p.error("'shape' must be a tuple of ints, got " + dict.get("shape"), text);
    }
    return new NpyHeader(d, fortran, shape);
  }

  /** An unquoted value other than True / False (None, a number, ...), kept as text for the error message. */
  private record Token(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A recursive-descent reader for the dict literal; values are String, Boolean, int[] (tuples), List or Token. */
  private static final class Parser {
    private final String s;
    private final String where;
    private int i;

    Parser(String s, String where) {
      this.s = s;
      this.where = where;
    }

    Map<String, Object> dict() {
      expect('{');
      Map<String, Object> out = new LinkedHashMap<>();
      while (true) {
        if (peek() == '}') break;
        String key = string();
        expect(':');
        if (out.put(key, value()) != null) throw error("the header dict repeats the key '" + key + "'", s);
        if (peek() == ',') i++;
        else if (peek() != '}') throw error("expected ',' or '}' at offset " + i, s);
      }
      i++;
      if (peek() != 0) throw error("unexpected text after the header dict at offset " + i, s);
      return out;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') return string();
      if (c == '(') return tuple();
      if (c == '[') return list();
      if (s.startsWith("True", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      int start = i;
      while (i < s.length() && ",}])".indexOf(s.charAt(i)) < 0) i++;
      return new Token(s.substring(start, i).strip());
    }

    private int[] tuple() {
      expect('(');
      List<Integer> dims = new ArrayList<>();
      while (peek() != ')') {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (start == i) throw error("'shape' must hold non-negative ints, found '" + s.charAt(i) + "' at offset "
            + i, s);
        try {
          dims.add(Integer.parseInt(s.substring(start, i)));
        } catch (NumberFormatException e) {
          throw error("a shape entry " + s.substring(start, i) + " exceeds 2^31-1", s);
        }
        if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) i++;
        if (peek() == ',') i++;
        else if (peek() != ')') throw error("expected ',' or ')' in 'shape' at offset " + i, s);
      }
      i++;
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<Object> list() {
      expect('[');
      int depth = 1;
      while (i < s.length() && depth > 0) {
        char c = s.charAt(i++);
        depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      }
      return List.of();
    }

    private String string() {
      char q = peek();
      if (q != '\'' && q != '"') throw error("expected a quoted string at offset " + i, s);
      int end = s.indexOf(q, ++i);
      if (end < 0) throw error("unterminated string at offset " + i, s);
      String out = s.substring(i, end);
      i = end + 1;
      return out;
    }

    private void expect(char c) {
      if (peek() != c) throw error("expected '" + c + "' at offset " + i, s);
      i++;
    }

    /** Skips whitespace and returns the next character, or 0 at the end. */
    private char peek() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      return i < s.length() ? s.charAt(i) : 0;
    }

    IllegalArgumentException error(String why, String header) {
      return new IllegalArgumentException("Npy.read: " + where + " has a malformed header: " + why + " (header: "
          + header.strip() + ")");
    }
  }
}
