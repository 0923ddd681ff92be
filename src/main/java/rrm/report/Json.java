package rrm.report;

import java.util.Iterator;
import java.util.Map;

/** A minimal JSON writer for maps, lists, strings, numbers, booleans and null (used for small side files). */
final class Json {

  private Json() {}

  /** Returns {@code value} as JSON text; non-finite numbers become null. */
  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b);
    return b.toString();
  }

  private static void write(Object v, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(s, b);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      b.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        string(String.valueOf(e.getKey()), b);
        b.append(':');
        write(e.getValue(), b);
        b.append(it.hasNext() ? "," : "");
      }
      b.append('}');
    } else if (v instanceof Iterable<?> list) {
      b.append('[');
      Iterator<?> it = list.iterator();
      while (it.hasNext()) {
        write(it.next(), b);
        b.append(it.hasNext() ? "," : "");
      }
      b.append(']');
    } else {
      string(v.toString(), b);
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
