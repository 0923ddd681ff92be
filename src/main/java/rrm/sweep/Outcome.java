package rrm.sweep;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of one configuration of a sweep: its metrics (numbers as {@code Double}, everything else as text), or
 * the error that stopped it; the wall time of its last attempt, the node it ran on, how many attempts it took and
 * whether it came from the result cache.
 *
 * @param index the position of the configuration in the sweep
 * @param metrics metric name to value ({@code Double} or {@code String}), in the task's order; empty when failed
 * @param error {@code null} when the task succeeded, else the exception's class and message
 * @param seconds wall time of the last attempt
 * @param node where it ran: the host name, plus the executor on Spark
 * @param attempts how many times the task was started
 * @param cached whether the result was read from the cache instead of computed
 */
public record Outcome(int index, Map<String, Object> metrics, String error, double seconds, String node, int attempts,
    boolean cached) implements Serializable {

  private static final long serialVersionUID = 1L;
  private static volatile String host;

  public Outcome {
    if (metrics == null) throw new IllegalArgumentException("Outcome: metrics must not be null (empty when failed)");
    metrics = new LinkedHashMap<>(metrics);
  }

  /** Returns whether the task succeeded. */
  public boolean ok() {
    return error == null;
  }

  /** Returns a copy marked as read from the cache, with this index. */
  Outcome fromCache(int at) {
    return new Outcome(at, metrics, error, seconds, node, attempts, true);
  }

  /**
   * Runs {@code task} on {@code config} once and returns its outcome; exceptions become a failed outcome (an
   * {@link Error} too, except a {@link VirtualMachineError}, which is rethrown).
   */
  public static <C> Outcome attempt(int index, C config, SweepTask<? super C> task, String node, int attempt) {
    long t0 = System.nanoTime();
    try {
      Map<String, ?> m = task.run(config);
      return new Outcome(index, normalise(m), null, (System.nanoTime() - t0) / 1e9, node, attempt, false);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return new Outcome(index, Map.of(), describe(e), (System.nanoTime() - t0) / 1e9, node, attempt, false);
    }
  }

  /** Returns the metrics with numbers as {@code Double} and other values as text, refusing blank names. */
  static Map<String, Object> normalise(Map<String, ?> m) {
    if (m == null) throw new IllegalStateException("the sweep task returned null instead of a map of metrics");
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k == null || k.isBlank()) throw new IllegalStateException("the sweep task returned a blank metric name");
      out.put(k, v instanceof Number n ? (Object) n.doubleValue() : String.valueOf(v));
    });
    return out;
  }

  /** Returns {@code Class: message}, followed by the first lines of the stack trace. */
  static String describe(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\n");
    StringBuilder b = new StringBuilder(e.toString());
    for (int i = 1; i < Math.min(lines.length, 4); i++) b.append('\n').append(lines[i].stripTrailing());
    return b.toString();
  }

  /** Returns this machine's host name (read once; {@code localhost} if unknown). */
  public static String host() {
    if (host == null) {
      String h = System.getenv("HOSTNAME");
      if (h == null || h.isBlank()) {
        try {
          h = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
          h = "localhost";
        }
      }
      host = h;
    }
    return host;
  }
}
