package rrm.optim;

/**
 * Why a training run ended. Only {@link #COMPLETED} and {@link #EARLY_STOPPED} are finished runs that
 * {@link Trainer#fit()} returns; the others end in an exception that carries the history.
 */
public enum StopReason {
  /** Every planned step ran. */
  COMPLETED,
  /** The validation value did not improve for {@code patience} validations in a row. */
  EARLY_STOPPED,
  /**
   * The training thread was interrupted (for example a notebook cell was stopped); {@code fit()} throws a
   * {@link TrainingInterruptedException}.
   */
  INTERRUPTED,
  /**
   * More steps than allowed had a non-finite loss or gradient norm; {@code fit()} throws a
   * {@link TrainingDivergedException}.
   */
  NON_FINITE,
  /**
   * The loss stayed exactly constant with an all-zero gradient for {@code collapsePatience} steps in a row (the
   * model's output collapsed, for example to all-zero powers); {@code fit()} throws a
   * {@link TrainingDivergedException}.
   */
  COLLAPSED
}
