package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.optim.History;
import rrm.optim.Sgd;
import rrm.optim.Trained;
import rrm.optim.Trainer;
import rrm.optim.TrainingSummary;
import rrm.optim.Validation;
import rrm.tensor.Tensor;

/** Training tables: one row per step, per loss window and per epoch, with the kept epoch marked. */
class TrainingTablesTest {
  static final class Scalar extends Module {
    final Parameter w = param("w", Tensor.zeros(1));
  }

  private static History run() {
    Scalar m = new Scalar();
    return Trainer.of(m, Sgd.of(m, 0.1)).batches(step -> step)
        .loss((Scalar s, Integer b) -> s.w.value().sub(3).square().sum()).epochs(3, 100)
        .validate(Validation.meanTrainingLoss(), 100).fit();
  }

  @Test
  void stepsTableHasOneRowPerStepWithOneBasedStepAndEpoch() {
    var t = TrainingTables.steps(run());
    assertEquals(300, t.rowCount());
    assertEquals(List.of("step", "epoch", "loss", "grad_norm", "lr", "skipped"), t.columnNames());
    assertEquals(1, t.intColumn("step").get(0));
    assertEquals(3, t.intColumn("epoch").get(299));
    assertEquals(9.0, t.doubleColumn("loss").get(0), 1e-12);
  }

  @Test
  void curveAveragesTheLossOverWindowsAndEpochsMarkTheKeptOne() {
    History h = run();
    TrainingSummary s = TrainingSummary.of(h, 100);
    var curve = TrainingTables.curve(s);
    assertEquals(3, curve.rowCount());
    assertEquals(List.of(100, 200, 300), curve.intColumn("step").asList());
    double first = 0;
    for (int k = 0; k < 100; k++) first += h.losses()[k];
    assertEquals(first / 100, curve.doubleColumn("loss").get(0), 1e-12);

    var epochs = TrainingTables.epochs(s);
    assertEquals(List.of("epoch", "step", "mean training loss", "kept"), epochs.columnNames());
    assertEquals(3, epochs.rowCount());
    assertTrue(epochs.booleanColumn("kept").get(2), "the last epoch has the lowest loss");
    assertFalse(epochs.booleanColumn("kept").get(0));
  }

  @Test
  void runsTableHasOneRowPerModelInMapOrderWithTheKeptEpoch() {
    History h = run();
    TrainingSummary s = TrainingSummary.of(h, 100).withDataSeconds(30);
    Map<String, Trained<?>> runs = new LinkedHashMap<>();
    runs.put("b", new Trained<>(new Scalar(), s, h, false, "trained"));
    runs.put("a", new Trained<>(new Scalar(), s, null, true, "loaded"));
    var t = TrainingTables.runs(runs);
    assertEquals(List.of("model", "origin", "parameters", "steps", "training_min", "data_min", "kept_epoch",
        "selection", "selection_value"), t.columnNames());
    assertEquals(List.of("b", "a"), t.stringColumn("model").asList());
    assertEquals(List.of("trained", "loaded"), t.stringColumn("origin").asList());
    assertEquals(1, t.intColumn("parameters").get(0));
    assertEquals(300, t.intColumn("steps").get(1));
    assertEquals(0.5, t.doubleColumn("data_min").get(0), 1e-12);
    assertEquals(s.bestIndex() + 1, t.intColumn("kept_epoch").get(0));
    assertEquals(3, t.intColumn("kept_epoch").get(0), "the last epoch has the lowest loss");
    assertEquals(s.bestValue(), t.doubleColumn("selection_value").get(1), 0);
  }
}
