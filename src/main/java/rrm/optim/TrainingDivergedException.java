package rrm.optim;

/**
 * Training diverged: too many steps had a non-finite loss or gradient norm ({@link StopReason#NON_FINITE}), or the
 * loss stayed exactly constant with an all-zero gradient for {@link Trainer#collapsePatience} steps
 * ({@link StopReason#COLLAPSED}). The message names the step, the loss and the learning rate and suggests a lower
 * learning rate. The model holds the best parameters seen (when the trainer restores them); the run is not a result
 * and must not be saved.
 */
public final class TrainingDivergedException extends TrainingException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message, History history) {
    super(message, history);
  }
}
