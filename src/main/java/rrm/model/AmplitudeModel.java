package rrm.model;

import rrm.system.Chunked;
import rrm.system.Method;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Chunks;
import rrm.tensor.Tensor;

/**
 * A learned power-control model whose forward pass maps channel amplitudes to powers and needs nothing else of the
 * problem (the noise and the budget are fixed when the model is built): the MLP, REGNN and IGCNet baselines. Its
 * {@link #allocate} runs the forward pass without gradients on parallel chunks of the problem.
 */
public interface AmplitudeModel extends Method<SisoProblem, Powers> {
  /** Returns the powers {@code [B, M]} for amplitudes {@code [B, M, M]} (row = receiver), recording gradients. */
  Tensor apply(Tensor amplitudes);

  @Override
  default Powers allocate(SisoProblem problem) {
    if (problem == null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ".allocate: problem must not be null");
    }
    return Chunked.powers(problem, Chunks.DEFAULT_SIZE, part -> Powers.of(apply(part.amplitudes())));
  }
}
