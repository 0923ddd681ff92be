package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.optim.Sgd;
import rrm.optim.Trainer;
import rrm.optim.TrainingDivergedException;
import rrm.optim.TrainingInterruptedException;
import rrm.optim.Validation;
import rrm.tensor.Tensor;

/** The training callback drives a Progress view: started at the first step, finished at the end, loss averaged. */
class TrainingProgressTest {
  /** One parameter w; loss (w - 3)^2. */
  static final class Scalar extends Module {
    final Parameter w = param("w", Tensor.zeros(1));
  }

  @Test
  void showsTheRunningMeanLossTheSelectionAndTheEnd() {
    List<String> lines = new ArrayList<>();
    long[] now = {0};
    List<Long> totals = new ArrayList<>();
    TrainingProgress callback = new TrainingProgress("fit", total -> {
      totals.add(total);
      return Progress.start("fit", total, () -> now[0] += 1_000_000_000L, lines::add);
    });
    Scalar m = new Scalar();
    Trainer.of(m, Sgd.of(m, 0.1)).batches(step -> step).loss((Scalar s, Integer b) -> s.w.value().sub(3).square().sum())
        .steps(30).validate(Validation.meanTrainingLoss(), 10).callback(callback).fit();
    assertEquals(List.of(30L), totals, "one view for the whole run, sized to the planned steps");
    String last = lines.get(lines.size() - 1);
    // loss (w - 3)^2 under SGD 0.1 from w = 0: 9 * 0.64^k; the view shows the mean of all 30 losses.
    double mean = 0;
    for (int k = 0; k < 30; k++) mean += 9 * Math.pow(0.64, k) / 30;
    assertEquals(0.8333, mean, 5e-5);
    assertTrue(last.startsWith("fit  30/30 (100%) · loss (last 100 steps) 0.8333 · mean training loss "), last);
    assertTrue(last.contains(" · best "), last);
    assertTrue(last.contains("took"), last);
    String upToBest = last.substring(0, last.indexOf(" · ", last.indexOf("best")));
    assertTrue(callback.line().startsWith(upToBest), callback.line());
  }

  @Test
  void anInterruptedOrDivergedRunSaysSoAtTheEnd() {
    List<String> lines = new ArrayList<>();
    long[] now = {0};
    TrainingProgress callback = new TrainingProgress("fit", total -> Progress.start("fit", total,
        () -> now[0] += 1_000_000_000L, lines::add));
    Scalar m = new Scalar();
    assertThrows(TrainingInterruptedException.class, () -> Trainer.of(m, Sgd.of(m, 0.1)).batches(step -> step)
        .loss((Scalar s, Integer b) -> {
          if (b == 12) Thread.currentThread().interrupt();
          return s.w.value().sub(3).square().sum();
        })
        .steps(30).callback(callback).fit());
    assertTrue(Thread.interrupted());
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("fit  13/30 (43%)") && last.contains(" · interrupted at step 13 after "), last);
    assertFalse(last.contains("took"), last);

    lines.clear();
    TrainingProgress diverged = new TrainingProgress("fit", total -> Progress.start("fit", total,
        () -> now[0] += 1_000_000_000L, lines::add));
    Scalar n = new Scalar();
    assertThrows(TrainingDivergedException.class, () -> Trainer.of(n, Sgd.of(n, 0.1)).batches(step -> step)
        .loss((Scalar s, Integer b) -> s.w.value().mul(0.0).sum()).collapsePatience(5)
        .steps(30).callback(diverged).fit());
    assertTrue(lines.get(lines.size() - 1).contains(" · diverged at step 5 after "), lines.toString());
  }
}
