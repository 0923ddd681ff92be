package rrm.optim;

/** Training stopped because it could not go on (too many non-finite steps); the history so far is attached. */
public final class TrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient History history;

  public TrainingException(String message, History history) {
    super(message);
    this.history = history;
  }

  /** Returns the history up to the stop. */
  public History history() {
    return history;
  }
}
