package rrm.optim;

/**
 * How long a recipe trains: {@code epochs × stepsPerEpoch} steps, with the parameters compared after each epoch and
 * the best epoch kept. A paper's budgets (its own, a reduced one, a smoke one) are named presets of its package in
 * {@code rrm.paper}; checkpoint settings record only {@link #key()}.
 *
 * @param name a short label for tables ("paper", "reduced", "smoke", "custom")
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

  /** Returns a budget of {@code epochs × stepsPerEpoch} steps with a label for tables. */
  public static TrainingBudget named(String name, int epochs, int stepsPerEpoch) {
    return new TrainingBudget(name, epochs, stepsPerEpoch);
  }

  /** Returns the budget of a smoke test: one epoch of {@code steps} steps. */
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
