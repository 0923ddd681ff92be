package rrm.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rrm.optim.Settings;
import rrm.tensor.AtomicFile;

/**
 * The result cache of sweeps: one small text file per successful configuration,
 * {@code <dir>/<sweep name>/<fingerprint>.tsv}, the fingerprint being a hash of the record's class and its settings
 * ({@link Settings#of}). A failed configuration is never cached, so a re-run computes it again. The file holds the
 * settings it was computed for (checked on reading, so a hash collision cannot mix results up), the node, the wall
 * time and the metrics with their type.
 */
final class ResultCache {
  private final Path dir;

  ResultCache(Path root, String sweepName) {
    this.dir = root.resolve(slug(sweepName));
  }

  /** Returns the folder of this sweep's results. */
  Path dir() {
    return dir;
  }

  /** Returns the settings text of {@code config}: its class name, then one {@code key=value} line per setting. */
  static String settingsText(Record config) {
    StringBuilder b = new StringBuilder(config.getClass().getName()).append('\n');
    Settings.of("", config).forEach((k, v) -> b.append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
    return b.toString();
  }

  /** Returns the first 16 hex digits of the SHA-256 of {@code text}. */
  static String fingerprint(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 8; i++) b.append(String.format("%02x", h[i]));
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  Path file(Record config) {
    return dir.resolve(fingerprint(settingsText(config)) + ".tsv");
  }

  /** Returns the cached outcome of {@code config}, if any. */
  Optional<Outcome> read(int index, Record config) {
    Path f = file(config);
    if (!Files.isRegularFile(f)) return Optional.empty();
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      String settings = settingsText(config);
      int n = settings.split("\n", -1).length - 1;
      if (lines.size() < n + 3 || !String.join("\n", lines.subList(0, n)).concat("\n").equals(settings)) {
        return Optional.empty();
      }
      String node = lines.get(n).substring("node\t".length());
      double seconds = Double.parseDouble(lines.get(n + 1).substring("seconds\t".length()));
      int attempts = Integer.parseInt(lines.get(n + 2).substring("attempts\t".length()));
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (String line : lines.subList(n + 3, lines.size())) {
        String[] p = line.split("\t", 3);
        metrics.put(p[0], p[1].equals("number") ? (Object) Double.parseDouble(p[2]) : p[2].replace("\\n", "\n"));
      }
      return Optional.of(new Outcome(index, metrics, null, seconds, node, attempts, true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable or truncated file is recomputed (and then overwritten)
    }
  }

  /** Writes a successful outcome of {@code config} (atomically: a file is either complete or absent). */
  void write(Record config, Outcome o) {
    if (!o.ok()) return;
    List<String> lines = new ArrayList<>(List.of(settingsText(config).split("\n")));
    lines.add("node\t" + o.node());
    lines.add("seconds\t" + o.seconds());
    lines.add("attempts\t" + o.attempts());
    o.metrics().forEach((k, v) -> lines.add(k.replace("\t", " ") + "\t" + (v instanceof Double ? "number" : "text")
        + "\t" + String.valueOf(v).replace("\n", "\\n")));
    try {
      AtomicFile.writeString(file(config), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("sweep result cache: cannot write " + file(config) + ": " + e.getMessage(), e);
    }
  }

  /** Returns {@code name} as a file name: letters, digits, dot, dash and underscore kept, anything else '-'. */
  static String slug(String name) {
    String s = name.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "sweep" : s;
  }
}
