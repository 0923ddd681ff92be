package rrm.optim;

/** Why a training run ended. */
public enum StopReason {
  /** Every planned step ran. */
  COMPLETED,
  /** The validation value did not improve for {@code patience} validations in a row. */
  EARLY_STOPPED,
  /** The training thread was interrupted (for example a notebook cell was stopped). */
  INTERRUPTED,
  /** More steps than allowed had a non-finite loss or gradient. */
  NON_FINITE
}
