package rrm.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where and how a notebook ran: git commit (short hash, {@code +dirty} with uncommitted changes to tracked
 * files), JDK, cores, profile, seed and wall time since {@link #start()}. The parameters cell calls {@code
 * RunStamp.start()}, the last cell {@code stamp.show(seed)}. When the environment variable {@value #ENV}
 * names a file (the notebook runner sets it), {@code show} also writes the fields there as JSON for the
 * reports index.
 */
public final class RunStamp {

  /** Environment variable naming the JSON file to write; unset outside the runner. */
  public static final String ENV = "RRM_STAMP_JSON";

  private final long startNanos;
  private final Instant started;
  private final Profile profile;
  private final Map<String, String> env;

  private RunStamp(Profile profile, Map<String, String> env) {
    this.startNanos = System.nanoTime();
    this.started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.profile = profile;
    this.env = env;
    Display.install();
  }

  /** Starts the clock; the profile is read from the environment like {@link Profile#fromEnv()}. */
  public static RunStamp start() {
    return start(System.getenv());
  }

  /** Starts the clock with the profile and output file taken from {@code env}. */
  public static RunStamp start(Map<String, String> env) {
    return new RunStamp(Profile.from(env), env);
  }

  /** Returns the seconds elapsed since start. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Returns the fields: commit, jdk, cores, profile, seed, wall_s, wall, started. */
  public Map<String, Object> fields(long seed) {
    double wall = elapsedSeconds();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("commit", commit());
    f.put("jdk", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    f.put("cores", Runtime.getRuntime().availableProcessors());
    f.put("profile", profile.name());
    f.put("seed", seed);
    f.put("wall_s", Math.round(wall * 10) / 10.0);
    f.put("wall", Format.duration(wall));
    f.put("started", started.toString());
    return f;
  }

  /** Returns the stamp for display (and writes its JSON where {@value #ENV} says). */
  public Html show(long seed) {
    Map<String, Object> f = fields(seed);
    String path = env.get(ENV);
    if (path != null && !path.isBlank()) {
      write(Path.of(path), Json.write(f));
    }
    StringBuilder html = new StringBuilder("<div class=\"rrm-stamp\" style=\"font-size:smaller;color:#555\">");
    StringBuilder text = new StringBuilder();
    for (String k : new String[] {"commit", "jdk", "cores", "profile", "seed", "wall"}) {
      html.append("<b>").append(k).append("</b> ").append(Format.html(String.valueOf(f.get(k)))).append(" &nbsp; ");
      text.append(k).append(' ').append(f.get(k)).append("  ");
    }
    return new Html(html.append("</div>").toString(), text.toString().strip());
  }

  private static void write(Path file, String text) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the run stamp to " + file + ".", e);
    }
  }

  /** Returns the short commit hash of the working directory's repository, "+dirty" if so, or "unknown". */
  static String commit() {
    String hash = git("rev-parse", "--short", "HEAD");
    if (hash == null || hash.isBlank()) {
      return "unknown";
    }
    String status = git("status", "--porcelain", "--untracked-files=no");
    return hash.strip() + (status == null || status.isBlank() ? "" : "+dirty");
  }

  private static String git(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
