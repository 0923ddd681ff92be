package rrm.nn;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The library's own version, as Maven wrote it into {@code rrm/version.properties} at build time. Checkpoints record
 * it, and loading accepts only files written by the same {@code major.minor} version.
 */
public final class Library {
  /** The version reported when the build did not filter the version file (for example a bare IDE compile). */
  public static final String UNKNOWN = "unknown";

  private static final String VERSION = readVersion();

  private Library() {}

  /** Returns the library version, for example {@code 0.1.0}, or {@link #UNKNOWN}. */
  public static String version() {
    return VERSION;
  }

  /** Returns the {@code major.minor} part of a version string ({@code 0.1.0 -> 0.1}), or the string itself. */
  public static String majorMinor(String version) {
    String[] parts = version.split("[.-]");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
  }

  /** Returns whether a checkpoint written by {@code version} may be loaded by this library (same major.minor). */
  public static boolean compatible(String version) {
    return !UNKNOWN.equals(VERSION) && !UNKNOWN.equals(version) && majorMinor(VERSION).equals(majorMinor(version));
  }

  private static String readVersion() {
    try (InputStream in = Library.class.getResourceAsStream("/rrm/version.properties")) {
      if (in == null) return UNKNOWN;
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", UNKNOWN).trim();
      return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
