package rrm.system;

/**
 * What a {@link Method} returns for a {@link Problem}: transmit powers ({@link Powers}) or beamformers
 * ({@link Beamformers}). An allocation checks at construction that its values are finite and, for powers,
 * non-negative; {@link #checkFeasible} checks the power budgets of a problem.
 */
public sealed interface Allocation permits Powers, Beamformers {
  /** Returns the number of instances B. */
  int batch();

  /**
   * Throws an {@link IllegalArgumentException} naming the instance, the transmitter, the power and the budget unless
   * the allocation fits {@code problem} (shape) and respects its power budgets up to a relative 1e-9.
   */
  void checkFeasible(Problem problem);
}
