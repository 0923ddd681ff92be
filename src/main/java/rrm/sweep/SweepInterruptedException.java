package rrm.sweep;

/** Thrown when the thread running a sweep is interrupted (a notebook's stop button); finished results stay cached. */
public final class SweepInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with {@code message}. */
  public SweepInterruptedException(String message) {
    super(message);
  }
}
