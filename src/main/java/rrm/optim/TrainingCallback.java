package rrm.optim;

/**
 * Hooks the trainer calls on its own thread, in order: {@link #onStep} after every step (taken or skipped),
 * {@link #onValidation} after every validation (which follows that step's {@code onStep}), and {@link #onEnd} once
 * when training stops for any reason, after the best parameters were restored and before {@code fit()} returns or
 * throws. Every hook runs with the thread's interrupt flag clear (a pending interrupt is set again afterwards and
 * stops training before the next step), so that a hook can still write to a notebook while a stop is on its way.
 * Progress bars, live plots and logging live here; a callback must not change the model.
 */
public interface TrainingCallback {
  /** Called after each step. */
  default void onStep(TrainingEvent event) {}

  /** Called after each validation. */
  default void onValidation(TrainingEvent event) {}

  /** Called once at the end; {@code event.history()} holds the stop reason. */
  default void onEnd(TrainingEvent event) {}
}
