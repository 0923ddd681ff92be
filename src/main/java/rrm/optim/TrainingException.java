package rrm.optim;

/**
 * Training stopped because it could not go on; the history so far is attached. The trainer throws its subclass
 * {@link TrainingDivergedException}; an interrupt is a {@link TrainingInterruptedException}, which is not a
 * TrainingException, so that code catching training failures does not swallow a user's stop.
 */
public class TrainingException extends RuntimeException {
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
