package rrm.model;

/**
 * How long a recipe trains: {@code epochs × stepsPerEpoch} steps, with the best epoch kept (spec 002 §4.5, A11,
 * A12). The named presets are the spec's profiles (§8.2): {@link #paper()} (P), {@link #reduced()} (R) and
 * {@link #smoke(int)} (S).
 *
 * @param name a short label for tables and checkpoint settings ("paper", "reduced", "smoke", "custom")
 * @param epochs number of epochs, >= 1; parameters are compared and possibly kept after each
 * @param stepsPerEpoch steps per epoch, >= 1
 */
public record TrainingBudget(String name, int epochs, int stepsPerEpoch) {

  public TrainingBudget {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("TrainingBudget: name must not be blank");
    if (epochs < 1 || stepsPerEpoch < 1) {
      throw new IllegalArgumentException("TrainingBudget: needs epochs >= 1 and stepsPerEpoch >= 1, got " + epochs
          + " and " + stepsPerEpoch);
    }
    Math.multiplyExact(epochs, stepsPerEpoch);
  }

  /** Profile P, the paper and the authors' code: 20 epochs × 10,000 steps = 200,000 steps. */
  public static TrainingBudget paper() {
    return new TrainingBudget("paper", 20, 10_000);
  }

  /** Profile R, the spec's reduced budget: 10 epochs × 2,000 steps = 20,000 steps. */
  public static TrainingBudget reduced() {
    return new TrainingBudget("reduced", 10, 2_000);
  }

  /** Profile S, for smoke tests: one epoch of {@code steps} steps. */
  public static TrainingBudget smoke(int steps) {
    return new TrainingBudget("smoke", 1, steps);
  }

  /** Returns a budget of {@code epochs × stepsPerEpoch} steps labelled "custom". */
  public static TrainingBudget of(int epochs, int stepsPerEpoch) {
    return new TrainingBudget("custom", epochs, stepsPerEpoch);
  }

  /** Returns the total number of steps. */
  public int steps() {
    return epochs * stepsPerEpoch;
  }

  /** Returns the budget as written in checkpoint settings, e.g. {@code 20x10000}. */
  public String key() {
    return epochs + "x" + stepsPerEpoch;
  }

  @Override
  public String toString() {
    return name + " (" + epochs + " × " + stepsPerEpoch + " = " + steps() + " steps)";
  }
}
