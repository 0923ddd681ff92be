package rrm.optim;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint settings derived from configuration records, so they are never typed by hand: every record component
 * becomes one entry {@code prefix + snake_case(name) -> text}, nested records are flattened with a dotted prefix,
 * enums give their name, numbers their shortest exact decimal ({@link #number}), other values their
 * {@code toString()} (so does a record that is not public, such as a utility defined by its functions).
 *
 * <pre>{@code
 * Settings.of("model.", UwmmseConfig.defaults())   // {model.layers=4, model.hidden=4, ..., model.weight_update=sum-rate}
 * }</pre>
 */
public final class Settings {
  private Settings() {}

  /** Returns the entries of {@code config}'s components under {@code prefix}, in declaration order. */
  public static Map<String, String> of(String prefix, Record config) {
    if (config == null) throw new IllegalArgumentException("Settings.of: config must not be null");
    Map<String, String> out = new LinkedHashMap<>();
    put(out, prefix == null ? "" : prefix, config);
    return out;
  }

  private static void put(Map<String, String> out, String prefix, Record r) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v;
      try {
        c.getAccessor().setAccessible(true);
        v = c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Settings.of: cannot read " + r.getClass().getSimpleName() + "."
            + c.getName(), e);
      }
      String key = prefix + snake(c.getName());
      if (v instanceof Record nested && java.lang.reflect.Modifier.isPublic(nested.getClass().getModifiers())) {
        put(out, key + ".", nested);
      } else {
        out.put(key, text(v));
      }
    }
  }

  /** Returns the text of one setting value (see the class comment). */
  public static String text(Object v) {
    if (v == null) return "none";
    if (v instanceof Enum<?> e) return e.name();
    if (v instanceof Double || v instanceof Float) return number(((Number) v).doubleValue());
    return v.toString();
  }

  /** Returns {@code x} as its shortest exact decimal: 0.001, 0.9, 5, 1e-8, 1e-10. */
  public static String number(double x) {
    if (!Double.isFinite(x)) return Double.toString(x);
    if (x == 0) return "0";
    return new BigDecimal(Double.toString(x)).stripTrailingZeros().toString().replace("E", "e").replace("e+", "e");
  }

  /** Returns {@code camelCase} as {@code camel_case}. */
  static String snake(String name) {
    StringBuilder b = new StringBuilder();
    for (char ch : name.toCharArray()) {
      if (Character.isUpperCase(ch)) b.append('_').append(Character.toLowerCase(ch));
      else b.append(ch);
    }
    return b.toString();
  }

  /** Returns a fingerprint of a tensor's shape and values: {@code [M, F]-<64-bit FNV-1a hash in hex>}. */
  public static String fingerprint(rrm.tensor.Tensor x) {
    long h = 0xcbf29ce484222325L;
    for (int s : x.shape()) h = mix(h, s);
    for (double v : x.toArray()) h = mix(h, Double.doubleToLongBits(v));
    return rrm.tensor.Shape.str(x.shape()) + "-" + Long.toHexString(h);
  }

  private static long mix(long h, long bits) {
    for (int k = 0; k < 8; k++) {
      h ^= (bits >>> (8 * k)) & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
