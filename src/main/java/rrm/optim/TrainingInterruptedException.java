package rrm.optim;

/**
 * Training was interrupted (a thread interrupt: how Jupyter stops a cell) and {@link Trainer#fit()} did not return a
 * result. Before throwing, the trainer put the best parameters seen so far back into the model (when it restores the
 * best and a validation has run), finished its callbacks (a live progress line reads "interrupted at step N") and
 * saved nothing. Being unchecked, it unwinds the whole cell: a loop over settings stops, and code that saves after
 * {@code fit()} is skipped.
 *
 * <p>The thread's interrupt flag is still set when this is thrown, as for any code that turns an interrupt into an
 * exception: callers further up see the stop too, and a later {@code fit()} on the same thread stops at once. Code
 * that means to carry on in that thread calls {@link Thread#interrupted()} to clear it. (A Jupyter kernel runs each
 * cell on a pooled thread whose flag is cleared before the next cell.) It is deliberately not a
 * {@link TrainingException}, so a {@code catch} meant for diverged runs does not swallow a stop.
 */
public final class TrainingInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient History history;

  public TrainingInterruptedException(String message, History history) {
    super(message);
    this.history = history;
  }

  /** Returns the history up to the interrupt ({@link History#stopReason()} is {@link StopReason#INTERRUPTED}). */
  public History history() {
    return history;
  }
}
