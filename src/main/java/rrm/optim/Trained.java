package rrm.optim;

import rrm.nn.Module;

/**
 * A model produced by a training recipe, either trained now or loaded from its checkpoint.
 *
 * @param model the model with the kept (best-epoch) parameters
 * @param summary training time, selection values and loss curve; present in both cases (a loaded model reads it
 *     from the checkpoint)
 * @param history the full per-step history when trained in this run, null when loaded
 * @param loaded whether the parameters came from a checkpoint
 * @param note one sentence on where the model came from ("loaded from ...", "trained: no checkpoint at ...")
 * @param <M> the model type
 */
public record Trained<M extends Module>(M model, TrainingSummary summary, History history, boolean loaded,
    String note) {
  public Trained {
    if (model == null || summary == null) throw new IllegalArgumentException("Trained: model and summary are needed");
  }

  @Override
  public String toString() {
    return note + "\n" + summary;
  }
}
