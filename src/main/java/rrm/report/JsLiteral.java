package rrm.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JavaScript object literals that tablesaw-jsplot writes for its traces and layout ({@code var
 * trace0 = {x: [...], name: '...', ...};}) into maps, lists, strings, doubles, booleans and null. Accepts what
 * those templates produce beyond JSON: unquoted keys, single-quoted strings, trailing commas, {@code NaN} and
 * {@code Infinity}. Single-quoted strings come from Pebble template fields, which escape HTML ({@code &#39;},
 * {@code &amp;}, ...); they are unescaped here so that names and titles read as written.
 */
final class JsLiteral {

  private final String src;
  private int pos;

  private JsLiteral(String src) {
    this.src = src;
  }

  /**
   * Returns the value of {@code text}: either a bare literal or a declaration {@code var name = literal;}.
   *
   * @throws IllegalArgumentException naming the position and the text around it if it is not such a literal
   */
  static Object parse(String text) {
    JsLiteral p = new JsLiteral(text);
    p.skipSpace();
    if (text.startsWith("var ", p.pos)) {
      int eq = text.indexOf('=', p.pos);
      if (eq < 0) {
        throw p.error("'=' after the variable name");
      }
      p.pos = eq + 1;
    }
    Object value = p.value();
    p.skipSpace();
    if (p.pos < text.length() && text.charAt(p.pos) == ';') {
      p.pos++;
    }
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("the end of the text");
    }
    return value;
  }

  private Object value() {
    skipSpace();
    if (pos >= src.length()) {
      throw error("a value");
    }
    char c = src.charAt(pos);
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '\'' || c == '"') {
      return string();
    }
    String word = word();
    return switch (word) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null", "undefined" -> null;
      case "NaN" -> Double.NaN;
      case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(word);
        } catch (NumberFormatException e) {
          pos -= word.length();
          throw error("a value");
        }
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == '}') {
        pos++;
        return m;
      }
      String key = peek() == '\'' || peek() == '"' ? string() : word();
      if (key.isEmpty()) {
        throw error("a key or '}'");
      }
      skipSpace();
      if (peek() != ':') {
        throw error("':' after key '" + key + "'");
      }
      pos++;
      m.put(key, value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("',' or '}'");
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != ']') {
        throw error("',' or ']'");
      }
    }
  }

  private String string() {
    char quote = src.charAt(pos++);
    StringBuilder b = new StringBuilder();
    while (pos < src.length() && src.charAt(pos) != quote) {
      char c = src.charAt(pos++);
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (pos + 4 > src.length()) {
              throw error("four hex digits after \\u");
            }
            b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    if (pos >= src.length()) {
      throw error("the closing " + quote);
    }
    pos++;
    return quote == '\'' ? unescapeHtml(b.toString()) : b.toString();
  }

  /** Reads a run of characters that can form a key, number or keyword. */
  private String word() {
    int start = pos;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-' || c == '+') {
        pos++;
      } else {
        break;
      }
    }
    return src.substring(start, pos);
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    int from = Math.max(0, pos - 30);
    int to = Math.min(src.length(), pos + 30);
    return new IllegalArgumentException("JsLiteral.parse: expected " + expected + " at position " + pos
        + ", but found '" + src.substring(from, to).replace('\n', ' ') + "' around it.");
  }

  /** Replaces the HTML character references that Pebble's escaping writes by the characters. */
  static String unescapeHtml(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int semi = s.indexOf(';', i);
      if (s.charAt(i) == '&' && semi > i + 1 && semi - i <= 10) {
        String ref = s.substring(i + 1, semi);
        String ch = switch (ref) {
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos" -> "'";
          default -> numericReference(ref);
        };
        if (ch != null) {
          b.append(ch);
          i = semi + 1;
          continue;
        }
      }
      b.append(s.charAt(i++));
    }
    return b.toString();
  }

  private static String numericReference(String ref) {
    try {
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(ref.substring(2), 16)));
      }
      if (ref.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(ref.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }
}
