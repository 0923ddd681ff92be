package rrm.optim;

import java.util.Arrays;

/**
 * A learning-rate schedule: the factor by which the base learning rate is multiplied for the update with index
 * {@code step} (0 for the first update). The trainer sets {@code lr = base · multiplier(step)} before each step;
 * a hand-written loop can do the same with {@link Optimizer#setLearningRate}.
 */
@FunctionalInterface
public interface LrSchedule {
  /** Returns the multiplier for update number {@code step} (0-based). */
  double multiplier(long step);

  /** Always 1. */
  static LrSchedule constant() {
    return step -> 1;
  }

  /** γ^⌊step / every⌋: multiplied by γ after every {@code every} updates (PyTorch StepLR stepped per update). */
  static LrSchedule step(long every, double gamma) {
    if (every < 1) throw new IllegalArgumentException("LrSchedule.step: every must be >= 1, got " + every);
    return step -> Math.pow(gamma, step / every);
  }

  /**
   * γ^(number of milestones ≤ step): multiplied by γ once the update count reaches each milestone (PyTorch
   * MultiStepLR stepped per update). Paper 004 uses {@code multiStep(0.1, 2500, 5000, 7500)}.
   */
  static LrSchedule multiStep(double gamma, long... milestones) {
    long[] ms = milestones.clone();
    Arrays.sort(ms);
    return step -> {
      int passed = 0;
      for (long m : ms) if (step >= m) passed++;
      return Math.pow(gamma, passed);
    };
  }

  /** γ^step: multiplied by γ after every update. */
  static LrSchedule exponential(double gamma) {
    return step -> Math.pow(gamma, step);
  }
}
