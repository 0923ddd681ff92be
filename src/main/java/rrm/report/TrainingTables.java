package rrm.report;

import java.util.Map;
import rrm.optim.History;
import rrm.optim.Trained;
import rrm.optim.TrainingSummary;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables of training runs, for plots of the training curve and the epoch selection: from a live
 * {@link History} (every step) or from a {@link TrainingSummary} (also available when the model was loaded from its
 * checkpoint).
 */
public final class TrainingTables {
  private TrainingTables() {}

  /** Returns one row per step: step (1-based), epoch (1-based), loss, grad_norm (before clipping), lr, skipped. */
  public static Table steps(History h) {
    if (h == null) throw new IllegalArgumentException("TrainingTables.steps: history must not be null");
    int[] epochs = h.epochs();
    for (int k = 0; k < epochs.length; k++) epochs[k]++;
    return Table.create("training steps",
        IntColumn.create("step", java.util.Arrays.stream(h.steps()).map(s -> s + 1).toArray()),
        IntColumn.create("epoch", epochs),
        DoubleColumn.create("loss", h.losses()),
        DoubleColumn.create("grad_norm", h.gradNorms()),
        DoubleColumn.create("lr", h.learningRates()),
        BooleanColumn.create("skipped", h.skipped()));
  }

  /**
   * Returns the training curve: one row per window of steps, with the last step of the window (1-based) and the mean
   * finite training loss over the window.
   */
  public static Table curve(TrainingSummary s) {
    if (s == null) throw new IllegalArgumentException("TrainingTables.curve: summary must not be null");
    double[] loss = s.lossCurve();
    int[] step = new int[loss.length];
    for (int k = 0; k < loss.length; k++) step[k] = Math.min(s.steps(), (k + 1) * s.window());
    return Table.create("training loss (mean over " + s.window() + " steps)", IntColumn.create("step", step),
        DoubleColumn.create("loss", loss));
  }

  /**
   * Returns one row per selection (after each epoch): epoch (1-based), step (1-based), the selection value named as
   * in the summary, and kept (whether these are the parameters the run returned).
   */
  public static Table epochs(TrainingSummary s) {
    if (s == null) throw new IllegalArgumentException("TrainingTables.epochs: summary must not be null");
    int n = s.selectionSteps().length;
    int[] epoch = new int[n];
    int[] step = new int[n];
    boolean[] kept = new boolean[n];
    for (int k = 0; k < n; k++) {
      epoch[k] = k + 1;
      step[k] = s.selectionSteps()[k] + 1;
      kept[k] = k == s.bestIndex();
    }
    return Table.create("selection after each epoch", IntColumn.create("epoch", epoch), IntColumn.create("step", step),
        DoubleColumn.create(s.selection(), s.selectionValues()), BooleanColumn.create("kept", kept));
  }

  /**
   * Returns one row per trained (or loaded) model, in the map's order: model (the map's key), origin ("loaded" or
   * "trained"), parameters, steps, training_min (wall time of the run that produced the parameters), data_min
   * (data preparation before the first step, e.g. labelling), kept_epoch (1-based; 0 if none was kept), the
   * selection rule and the kept epoch's selection value.
   */
  public static Table runs(Map<String, ? extends Trained<?>> runs) {
    if (runs == null) throw new IllegalArgumentException("TrainingTables.runs: runs must not be null");
    StringColumn model = StringColumn.create("model");
    StringColumn origin = StringColumn.create("origin");
    IntColumn parameters = IntColumn.create("parameters");
    IntColumn steps = IntColumn.create("steps");
    DoubleColumn minutes = DoubleColumn.create("training_min");
    DoubleColumn dataMinutes = DoubleColumn.create("data_min");
    IntColumn kept = IntColumn.create("kept_epoch");
    StringColumn selection = StringColumn.create("selection");
    DoubleColumn value = DoubleColumn.create("selection_value");
    runs.forEach((name, t) -> {
      if (t == null) throw new IllegalArgumentException("TrainingTables.runs: no trained model for '" + name + "'");
      TrainingSummary s = t.summary();
      model.append(name);
      origin.append(t.loaded() ? "loaded" : "trained");
      parameters.append(t.model().parameterCount());
      steps.append(s.steps());
      minutes.append(s.minutes());
      dataMinutes.append(s.dataSeconds() / 60);
      kept.append(s.bestIndex() + 1);
      selection.append(s.selection());
      value.append(s.bestValue());
    });
    return Table.create("training runs", model, origin, parameters, steps, minutes, dataMinutes, kept, selection,
        value);
  }
}
