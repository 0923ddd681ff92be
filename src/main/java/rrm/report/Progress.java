package rrm.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A live progress view for long loops: step/total, named metrics, steps per second and time left. In a
 * notebook it is one output updated in place (at most 4 updates per second, plus the final state);
 * elsewhere (tests, terminal) it prints a line at most every 10 seconds and one at the end.
 *
 * <pre>{@code
 * Progress p = Progress.start("UWMMSE training", steps);
 * for (int s = 1; s <= steps; s++) { ...; p.update(s, Map.of("loss", loss)); }
 * p.finish();
 * }</pre>
 */
public final class Progress implements AutoCloseable {

  static final long KERNEL_INTERVAL_NANOS = 250_000_000L;
  static final long TERMINAL_INTERVAL_NANOS = 10_000_000_000L;

  private final String label;
  private String unit = "steps";
  private final long total;
  private final LongSupplier clock;
  private final Consumer<String> lines;
  private final KernelBridge kernel;
  private final String displayId = "rrm-progress-" + UUID.randomUUID();
  private final long startNanos;
  private final Map<String, Number> metrics = new LinkedHashMap<>();
  private long step;
  private long lastShown;
  private boolean finished;
  private long endNanos;
  private String outcome;
  private int shown;

  private Progress(String label, long total, LongSupplier clock, Consumer<String> lines, KernelBridge kernel) {
    this.label = Objects.requireNonNull(label, "label must not be null");
    if (total < 1) {
      throw new IllegalArgumentException("Progress '" + label + "': total must be at least 1, but was " + total + ".");
    }
    this.total = total;
    this.clock = clock;
    this.lines = lines;
    this.kernel = kernel;
    this.startNanos = clock.getAsLong();
    this.lastShown = startNanos;
    if (kernel != null) {
      send(() -> kernel.display(bundle(), displayId));
      shown++;
    }
  }

  /** Starts a progress view of {@code total} steps: in place in a notebook, else occasional lines on stdout. */
  public static Progress start(String label, long total) {
    return new Progress(label, total, System::nanoTime, System.out::println, KernelBridge.find().orElse(null));
  }

  /** Names what the view counts in its rate (default {@code steps}: "40 steps/s"); returns this view. */
  public Progress unit(String plural) {
    if (plural == null || plural.isBlank()) {
      throw new IllegalArgumentException("Progress '" + label + "': unit must not be blank");
    }
    this.unit = plural;
    return this;
  }

  /** Starts a terminal-style progress view with this clock and line sink (for tests). */
  static Progress start(String label, long total, LongSupplier clock, Consumer<String> lines) {
    return new Progress(label, total, clock, lines, null);
  }

  /** Records that {@code step} steps are done. */
  public void update(long step) {
    update(step, Map.of());
  }

  /** Records that {@code step} steps are done with these current metric values (e.g. loss). */
  public void update(long step, Map<String, ? extends Number> values) {
    this.step = step;
    metrics.putAll(values);
    long now = clock.getAsLong();
    long interval = kernel != null ? KERNEL_INTERVAL_NANOS : TERMINAL_INTERVAL_NANOS;
    if (!finished && now - lastShown >= interval) {
      show(now);
    }
  }

  /** Shows the final state; later updates are ignored. Calling it twice has no further effect. */
  public void finish() {
    finish(null);
  }

  /**
   * Shows the final state of a loop that ended early, with {@code outcome} (for example "interrupted at step 120")
   * where a finished loop says how long it took; {@code null} is the same as {@link #finish()}. Later updates and
   * finishes are ignored.
   */
  public void finish(String outcome) {
    if (!finished) {
      finished = true;
      this.outcome = outcome;
      endNanos = clock.getAsLong();
      show(endNanos);
    }
  }

  /** Same as {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }

  /** Returns how many times the view was drawn or printed. */
  int shownCount() {
    return shown;
  }

  /**
   * Returns the current state as one line, for example {@code training 120/500 (24%) · loss 0.5 · 40 steps/s · ETA
   * 9.5 s}; once finished, "took 12.5 s" or the outcome given to {@link #finish(String)}, with the time at the finish.
   */
  public String line() {
    double elapsed = ((finished ? endNanos : clock.getAsLong()) - startNanos) / 1e9;
    StringBuilder b = new StringBuilder(label).append("  ").append(step).append('/').append(total)
        .append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * step / total)));
    metrics.forEach((k, v) -> b.append(" · ").append(k).append(' ').append(Format.number(v.doubleValue())));
    if (elapsed > 0 && step > 0) {
      double rate = step / elapsed;
      b.append(" · ").append(Format.number(rate)).append(' ').append(unit).append("/s");
      if (!finished) b.append(" · ETA ").append(Format.duration(Math.max(0, total - step) / rate));
      else if (outcome == null) b.append(" · took ").append(Format.duration(elapsed));
    }
    if (finished && outcome != null) b.append(" · ").append(outcome).append(" after ").append(Format.duration(elapsed));
    return b.toString();
  }

  private void show(long now) {
    lastShown = now;
    shown++;
    if (kernel != null) {
      send(() -> kernel.update(bundle(), displayId));
    } else {
      lines.accept(line());
    }
  }

  /**
   * Sends to the kernel with the thread's interrupt flag clear, setting a pending one again afterwards: JJava's
   * message channel refuses to send from an interrupted thread (a ZMQException "Errno 4"), and a stopped cell's
   * loop must still be able to show its last state. An interrupt that arrives during the send loses that one
   * update, never the loop: the flag is set for the loop to see.
   */
  private static void send(Runnable kernelCall) {
    boolean pending = Thread.interrupted();
    try {
      kernelCall.run();
    } catch (RuntimeException e) {
      if (!Thread.currentThread().isInterrupted() && !interruptedIn(e)) throw e;
      pending = true;
    } finally {
      if (pending) Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns whether {@code e} or one of its causes reports an interrupt (Java's or the kernel's EINTR). The kernel's
   * ZMQException says "Errno 4" in its message and names the error ("Interrupted function") only in its string form,
   * so the string form is what is matched.
   */
  static boolean interruptedIn(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException
          || c instanceof java.nio.channels.ClosedByInterruptException
          || String.valueOf(c).contains("Interrupted function")) {
        return true;
      }
    }
    return false;
  }

  private Map<String, Object> bundle() {
    double fraction = Math.min(1, Math.max(0, (double) step / total));
    String html = "<div class=\"rrm-progress\" style=\"font-family:monospace\">"
        + "<div style=\"display:inline-block;width:200px;height:10px;background:#e5ecf6;margin-right:8px\">"
        + "<div style=\"width:" + Math.round(200 * fraction) + "px;height:10px;background:#636efa\"></div></div>"
        + Format.html(line()) + "</div>";
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("text/html", html);
    b.put("text/plain", line());
    return b;
  }
}
