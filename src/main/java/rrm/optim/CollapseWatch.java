package rrm.optim;

/**
 * Watches a training run for a collapsed model: a run of steps with exactly the same loss and a zero gradient
 * (a global norm of at most {@value #NEGLIGIBLE} times the largest one seen in the run, in practice exactly 0).
 * Fresh batches give different losses, so an unchanging loss means the output no longer depends on the input, and
 * a zero gradient means no step can change that: UWMMSE after a far too large step, with every power clamped to 0
 * and a sum rate of exactly 0 on every batch.
 *
 * <p>A zero gradient alone is not enough: a network whose outputs all saturate at the maximum power also passes no
 * gradient back, yet full power is a sound allocation (close to optimal in high noise, where UWMMSE trained at a
 * learning rate of 1e-2 sits there with a zero gradient for hundreds of steps in a row). Its loss still changes
 * with the batch, so it is not reported.
 */
final class CollapseWatch {
  /** The gradient norm, relative to the largest one seen, at or below which a step passes no gradient. */
  static final double NEGLIGIBLE = 1e-30;
  private final int patience;
  private double largest;
  private int run;
  private int from;
  private double loss;

  /** Watches for {@code patience} collapsed steps in a row (0: never reports). */
  CollapseWatch(int patience) {
    this.patience = patience;
  }

  /** Records a step (a skipped step ends a run) and returns whether the collapsed steps in a row reached the patience. */
  boolean record(int step, double stepLoss, double gradNorm, boolean skipped) {
    if (skipped) {
      run = 0;
      return false;
    }
    largest = Math.max(largest, gradNorm);
    if (!(gradNorm <= NEGLIGIBLE * largest)) {
      run = 0;
    } else if (run > 0 && stepLoss == loss) {
      run++;
    } else {
      run = 1;
      from = step;
      loss = stepLoss;
    }
    return patience > 0 && run >= patience;
  }

  /** Says what happened, for the divergence message after step {@code step} at learning rate {@code lr}. */
  String describe(int step, double lr) {
    return "training diverged: from step " + from + " to step " + step + " the loss stayed exactly " + loss
        + " with a zero gradient (" + run + " steps in a row): the model's output collapsed (it no longer depends on"
        + " the input, for example every power at 0) and cannot learn any more. The learning rate was " + lr
        + " at step " + step + ": lower it (or clip the gradient norm)";
  }
}
