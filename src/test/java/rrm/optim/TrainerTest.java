package rrm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.nn.Checkpoint;
import rrm.nn.Linear;
import rrm.nn.Snapshot;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

class TrainerTest {
  @TempDir
  Path dir;

  /** Step index, inputs [n, 3] and targets [n, 1] of y = x · (1, -2, 0.5) + 0.3. */
  record Batch(int step, Tensor x, Tensor y) {
    static Batch draw(long seed, int n) {
      return draw(seed, n, -1);
    }

    static Batch draw(long seed, int n, int step) {
      Tensor x = Tensor.randn(seed, n, 3);
      return new Batch(step, x, x.matmul(Tensor.of(new double[] {1, -2, 0.5}, 3, 1)).add(0.3));
    }
  }

  private static final Batch VALIDATION = Batch.draw(999L, 64);

  private static Tensor mse(Linear m, Batch b) {
    return m.apply(b.x()).sub(b.y()).abs2().mean();
  }

  private static Trainer<Linear, Batch> regression(Linear model, long seed) {
    return Trainer.of(model, Adam.of(model, 0.05))
        .batches(step -> Batch.draw(Random.stream(seed, step), 16))
        .loss(TrainerTest::mse);
  }

  private static double[] values(Linear m) {
    return Snapshot.of(m).values().values().stream().flatMapToDouble(t -> Arrays.stream(t.toArray())).toArray();
  }

  @Test
  void trainsATinyRegressionToLowLoss() {
    Linear model = new Linear(3, 1, 1L);
    double before = mse(model, VALIDATION).item();
    History h = regression(model, 5L).steps(400)
        .validate(Validation.minimize("validation mse", m -> mse(m, VALIDATION).item()), 50).fit();
    assertTrue(before > 1, "untrained loss " + before);
    assertTrue(h.bestValue() < 1e-4, h.toString());
    assertTrue(mse(model, VALIDATION).item() < 1e-4);
    assertEquals(StopReason.COMPLETED, h.stopReason());
    assertEquals(400, h.stepCount());
    assertArrayEquals(new int[] {49, 99, 149, 199, 249, 299, 349, 399}, h.validationSteps());
  }

  @Test
  void theModelIsInTrainingModeOnlyWhileAStepComputesItsLoss() {
    Linear model = new Linear(3, 1, 1L);
    List<Boolean> inLoss = new ArrayList<>();
    List<Boolean> inValidation = new ArrayList<>();
    Trainer.of(model, Adam.of(model, 0.05))
        .batches(step -> Batch.draw(Random.stream(5L, step), 16))
        .loss((m, b) -> {
          inLoss.add(m.isTraining());
          return mse(m, b);
        })
        .steps(6)
        .validate(Validation.minimize("mse", m -> {
          inValidation.add(m.isTraining());
          return mse(m, VALIDATION).item();
        }), 2)
        .fit();
    assertEquals(List.of(true, true, true, true, true, true), inLoss);
    assertEquals(List.of(false, false, false), inValidation);
    assertFalse(model.isTraining(), "inference mode after fit");
  }

  @Test
  void sameSeedsGiveTheSameHistoryAndParameters() {
    Linear a = new Linear(3, 1, 1L), b = new Linear(3, 1, 1L);
    History ha = regression(a, 5L).steps(60).clipNorm(1.0).schedule(LrSchedule.step(20, 0.5))
        .validate(Validation.minimize("mse", m -> mse(m, VALIDATION).item()), 10).fit();
    History hb = regression(b, 5L).steps(60).clipNorm(1.0).schedule(LrSchedule.step(20, 0.5))
        .validate(Validation.minimize("mse", m -> mse(m, VALIDATION).item()), 10).fit();
    assertTrue(ha.sameRecord(hb));
    assertArrayEquals(values(a), values(b), 0);
    History hc = regression(new Linear(3, 1, 1L), 6L).steps(60).fit();
    assertFalse(ha.sameRecord(hc));
  }

  @Test
  void earlyStoppingTriggersAndTheBestParametersAreRestoredAndSaved() {
    double[] script = {1, 2, 3, 2.5, 2.9, 2.95, 4, 5};
    int[] calls = {0};
    AtomicReference<double[]> atBest = new AtomicReference<>();
    Linear model = new Linear(3, 1, 1L);
    Path file = dir.resolve("best.ckpt");
    History h = regression(model, 5L).steps(100).patience(3).saveBest(file, Map.of("task", "test"))
        .validate(Validation.maximize("score", m -> {
          double v = script[calls[0]++];
          if (v == 3) atBest.set(values(m));
          return v;
        }), 2).fit();
    assertEquals(StopReason.EARLY_STOPPED, h.stopReason());
    assertEquals(12, h.stepCount(), "validations after steps 1, 3, 5 (best), 7, 9, 11: three without improvement");
    assertEquals(5, h.bestStep());
    assertEquals(3.0, h.bestValue());
    assertArrayEquals(new boolean[] {true, true, true, false, false, false}, h.validationImproved());
    assertTrue(h.restoredBest());
    assertArrayEquals(atBest.get(), values(model), 0);
    Linear loaded = new Linear(3, 1, 2L);
    Checkpoint.load(loaded, file, Map.of("task", "test"));
    assertArrayEquals(atBest.get(), values(loaded), 0);
  }

  @Test
  void withoutRestoreTheLastParametersStay() {
    double[] script = {3, 1, 1};
    int[] calls = {0};
    Linear model = new Linear(3, 1, 1L);
    AtomicReference<double[]> last = new AtomicReference<>();
    History h = regression(model, 5L).steps(6).restoreBest(false)
        .validate(Validation.maximize("score", m -> {
          last.set(values(m));
          return script[calls[0]++];
        }), 2).fit();
    assertFalse(h.restoredBest());
    assertEquals(1, h.bestStep());
    assertArrayEquals(last.get(), values(model), 0);
  }

  @Test
  void nonFiniteStepsAreSkippedAndCounted() {
    Linear model = new Linear(3, 1, 1L);
    Adam adam = Adam.of(model, 0.05);
    History h = Trainer.of(model, adam)
        .batches(step -> Batch.draw(Random.stream(5L, step), 16, step))
        .loss((m, b) -> {
          Tensor l = mse(m, b);
          if (b.step() % 4 == 1) return l.mul(Double.NaN);
          if (b.step() == 6) return l.add(m.weight().value().sub(m.weight().value().detach()).sum().sqrt());
          return l;
        })
        .steps(20).fit();
    boolean[] skipped = h.skipped();
    for (int s = 0; s < 20; s++) assertEquals(s % 4 == 1 || s == 6, skipped[s], "step " + s);
    assertEquals(6, h.skippedSteps());
    assertEquals(14, adam.stepCount());
    assertTrue(Double.isNaN(h.gradNorms()[1]));
    assertTrue(Double.isInfinite(h.gradNorms()[6]), "finite loss, infinite gradient at step 6");
    assertEquals(StopReason.COMPLETED, h.stopReason());
  }

  @Test
  void tooManyNonFiniteStepsDivergeNamingTheStepTheLossAndTheLearningRate() {
    Linear model = new Linear(3, 1, 1L);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> Trainer.of(model, Adam.of(model, 0.05))
            .batches(step -> Batch.draw(step, 8))
            .loss((m, b) -> mse(m, b).log().mul(Double.NaN))
            .steps(100).fit());
    String m = e.getMessage();
    assertTrue(m.contains("11 steps had a non-finite loss or gradient norm, more than the limit of 10"), m);
    assertTrue(m.contains("at step 10: loss NaN") && m.contains("learning rate 0.05"), m);
    assertTrue(m.contains("Lower the learning rate"), m);
    assertEquals(StopReason.NON_FINITE, e.history().stopReason());
    assertEquals(11, e.history().stepCount());
  }

  @Test
  void theFirstNonFiniteStepDivergesWhenNoneAreAllowed() {
    Linear model = new Linear(3, 1, 1L);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> regression(model, 5L).loss((m, b) -> mse(m, b).div(0.0)).maxNonFiniteSteps(0).steps(100).fit());
    assertTrue(e.getMessage().contains("the last at step 0: loss Infinity"), e.getMessage());
    assertEquals(1, e.history().stepCount());
  }

  /** Regression for 5 steps, then the loss {@code after}. */
  private static Trainer<Linear, Batch> regressionThen(Linear model, java.util.function.BiFunction<Linear, Batch,
      Tensor> after) {
    return Trainer.of(model, Adam.of(model, 0.05))
        .batches(step -> Batch.draw(Random.stream(5L, step), 16, step))
        .loss((m, b) -> b.step() < 5 ? mse(m, b) : after.apply(m, b));
  }

  /** A loss of exactly 0 whose gradient is {@code scale} for every weight. */
  private static Tensor zeroWithGradient(Linear m, double scale) {
    Tensor w = m.weight().value();
    return w.sub(w.detach()).sum().mul(scale);
  }

  @Test
  void aCollapsedOutputDivergesAfterThePatienceNamingStepsLossAndLearningRate() {
    Linear model = new Linear(3, 1, 1L);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> regressionThen(model, (m, b) -> zeroWithGradient(m, 1e-40)).steps(1_000).collapsePatience(20).fit());
    String m = e.getMessage();
    assertTrue(m.contains("from step 5 to step 24 the loss stayed exactly 0.0 with a zero gradient (20 steps in a"
        + " row)"), m);
    assertTrue(m.contains("The learning rate was 0.05 at step 24: lower it"), m);
    assertEquals(StopReason.COLLAPSED, e.history().stopReason());
    assertEquals(25, e.history().stepCount());
  }

  @Test
  void aZeroGradientWithALossThatChangesWithTheBatchIsNotACollapse() {
    // like an output saturated at full power: no gradient, but the loss still depends on the batch
    History h = regressionThen(new Linear(3, 1, 1L), (m, b) -> zeroWithGradient(m, 0.0).add(b.y().sum()))
        .steps(60).collapsePatience(10).fit();
    assertEquals(StopReason.COMPLETED, h.stopReason());
    assertEquals(0.0, h.gradNorms()[59]);
  }

  @Test
  void smallButNotNegligibleGradientsOrAPatienceOfZeroAreNotACollapse() {
    History small = regressionThen(new Linear(3, 1, 1L), (m, b) -> zeroWithGradient(m, 1e-25)).steps(60).fit();
    assertEquals(StopReason.COMPLETED, small.stopReason(), "a loss of exactly 0, but a gradient 1e-25 (not 1e-30) of"
        + " the first steps'");
    assertTrue(small.gradNorms()[59] > 0 && small.gradNorms()[59] < 1e-20, "norm " + small.gradNorms()[59]);
    History off = regressionThen(new Linear(3, 1, 1L), (m, b) -> zeroWithGradient(m, 0.0)).steps(60)
        .collapsePatience(0).fit();
    assertEquals(StopReason.COMPLETED, off.stopReason());
    assertEquals(0.0, off.gradNorms()[59]);
  }

  @Test
  void prefetchingGivesTheSameHistoryAndParametersAndDrawsAhead() {
    Linear a = new Linear(3, 1, 1L), b = new Linear(3, 1, 1L);
    History ha = regression(a, 5L).steps(60).clipNorm(1.0)
        .validate(Validation.minimize("mse", m -> mse(m, VALIDATION).item()), 10).fit();
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    History hb = Trainer.of(b, Adam.of(b, 0.05))
        .batches(step -> {
          threads.add(step + ":" + Thread.currentThread().getName());
          return Batch.draw(Random.stream(5L, step), 16);
        })
        .loss(TrainerTest::mse).steps(60).clipNorm(1.0)
        .validate(Validation.minimize("mse", m -> mse(m, VALIDATION).item()), 10).prefetch().fit();
    assertTrue(ha.sameRecord(hb));
    assertArrayEquals(values(a), values(b), 0);
    assertEquals(60, threads.size(), "each step's batch is drawn exactly once: " + threads);
    assertEquals("0:" + Thread.currentThread().getName(), threads.get(0));
    assertTrue(threads.subList(1, 60).stream().allMatch(x -> x.endsWith(":rrm-trainer-prefetch")), threads.toString());
  }

  @Test
  void aFailingPrefetchedBatchStopsTrainingWithItsOwnError() {
    Linear model = new Linear(3, 1, 1L);
    var e = assertThrows(IllegalArgumentException.class, () -> Trainer.of(model, Adam.of(model, 0.05))
        .batches(step -> {
          if (step == 7) throw new IllegalArgumentException("no batch for step 7");
          return Batch.draw(Random.stream(5L, step), 16);
        })
        .loss(TrainerTest::mse).steps(20).prefetch().fit());
    assertEquals("no batch for step 7", e.getMessage());
  }

  @Test
  void anInterruptWhilePrefetchingStopsBeforeTheNextStep() {
    Linear model = new Linear(3, 1, 1L);
    TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
        () -> regression(model, 5L).steps(1_000).prefetch().callback(new TrainingCallback() {
          @Override
          public void onStep(TrainingEvent e) {
            if (e.step() == 10) Thread.currentThread().interrupt();
          }
        }).fit());
    assertTrue(Thread.interrupted(), "the interrupt flag is still set (and cleared here)");
    assertEquals(StopReason.INTERRUPTED, e.history().stopReason());
    assertEquals(11, e.history().stepCount());
    assertTrue(e.getMessage().contains("interrupted at step 11 of 1000"), e.getMessage());
  }

  @Test
  void callbacksRunWithTheFlagClearAndTheInterruptStillStopsBeforeTheNextStep() {
    Linear model = new Linear(3, 1, 1L);
    List<String> seen = new ArrayList<>();
    var e = assertThrows(TrainingInterruptedException.class, () -> Trainer.of(model, Adam.of(model, 0.05))
        .batches(step -> Batch.draw(Random.stream(5L, step), 16, step))
        .loss((m, b) -> {
          if (b.step() == 3) Thread.currentThread().interrupt();  // arrives while the step computes
          return mse(m, b);
        })
        .steps(100).validate(Validation.minimize("mse", m -> mse(m, VALIDATION).item()), 4)
        .callback(new TrainingCallback() {
          @Override
          public void onStep(TrainingEvent ev) {
            seen.add("step " + ev.step() + " " + Thread.currentThread().isInterrupted());
          }

          @Override
          public void onValidation(TrainingEvent ev) {
            seen.add("validation " + ev.step() + " " + Thread.currentThread().isInterrupted());
          }

          @Override
          public void onEnd(TrainingEvent ev) {
            seen.add("end " + Thread.currentThread().isInterrupted());
          }
        }).fit());
    assertTrue(Thread.interrupted());
    assertEquals(List.of("step 0 false", "step 1 false", "step 2 false", "step 3 false", "validation 3 false",
        "end false"), seen);
    assertEquals(4, e.history().stepCount());
    assertTrue(e.history().restoredBest());
  }

  @Test
  void aPendingInterruptStopsTheNextFitAtOnceAndAnInterruptDuringTheLastValidationStillCounts() {
    Linear model = new Linear(3, 1, 1L);
    Thread.currentThread().interrupt();
    try {
      var e = assertThrows(TrainingInterruptedException.class, () -> regression(model, 5L).steps(10).fit());
      assertEquals(0, e.history().stepCount());
    } finally {
      assertTrue(Thread.interrupted());
    }
    Path file = dir.resolve("never.ckpt");
    try {
      var e = assertThrows(TrainingInterruptedException.class, () -> regression(model, 5L).steps(4)
          .saveBest(file, Map.of())
          .validate(Validation.minimize("mse", m -> {
            Thread.currentThread().interrupt();
            return mse(m, VALIDATION).item();
          }), 4).fit());
      assertEquals(4, e.history().stepCount(), "all steps ran, but the stop came before fit() returned");
      assertFalse(java.nio.file.Files.exists(file), "an interrupted run is never saved");
    } finally {
      assertTrue(Thread.interrupted());
    }
  }

  @Test
  void anInterruptRestoresTheBestThrowsSavesNothingAndLeavesTheFlagSet() throws Exception {
    Linear model = new Linear(3, 1, 1L);
    Path file = dir.resolve("interrupted.ckpt");
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    AtomicReference<double[]> best = new AtomicReference<>();
    AtomicReference<String> endReason = new AtomicReference<>();
    double[] bestSeen = {Double.POSITIVE_INFINITY};
    Thread t = new Thread(() -> {
      try {
        regression(model, 5L).steps(1_000_000).saveBest(file, Map.of("task", "test"))
            .validate(Validation.minimize("mse", m -> {
              double v = mse(m, VALIDATION).item();
              if (v < bestSeen[0]) {
                bestSeen[0] = v;
                best.set(values(m));
              }
              return v;
            }), 5)
            .callback(new TrainingCallback() {
              @Override
              public void onValidation(TrainingEvent e) {
                if (e.step() >= 20) started.countDown();
              }

              @Override
              public void onEnd(TrainingEvent e) {
                endReason.set(e.history().stopReason() + " interrupted=" + Thread.currentThread().isInterrupted());
              }
            }).fit();
      } catch (Throwable e) {
        thrown.set(e);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    assertTrue(started.await(60, TimeUnit.SECONDS));
    t.interrupt();
    t.join(60_000);
    assertFalse(t.isAlive());
    TrainingInterruptedException e = assertInstanceOf(TrainingInterruptedException.class, thrown.get());
    History h = e.history();
    assertNotNull(h);
    assertTrue(h.interrupted());
    assertEquals(StopReason.INTERRUPTED, h.stopReason());
    assertTrue(h.stepCount() < 1_000_000);
    assertTrue(e.getMessage().contains("interrupted at step " + h.stepCount() + " of 1000000"), e.getMessage());
    assertTrue(e.getMessage().contains("Nothing was saved"), e.getMessage());
    assertTrue(flagAfter.get(), "the interrupt flag is still set after the exception");
    assertEquals("INTERRUPTED interrupted=false", endReason.get(), "callbacks run with the flag cleared");
    assertTrue(h.restoredBest());
    assertArrayEquals(best.get(), values(model), 0);
    assertFalse(java.nio.file.Files.exists(file), "an interrupted run is never saved");
  }

  @Test
  void callbacksAreCalledInOrder() {
    List<String> calls = new ArrayList<>();
    Linear model = new Linear(3, 1, 1L);
    regression(model, 5L).steps(4)
        .validate(Validation.minimize("mse", m -> mse(m, VALIDATION).item()), 2)
        .callback(new TrainingCallback() {
          @Override
          public void onStep(TrainingEvent e) {
            calls.add("step " + e.step() + "/" + e.totalSteps());
          }

          @Override
          public void onValidation(TrainingEvent e) {
            calls.add("validation " + e.step() + (Double.isNaN(e.validation()) ? " NaN" : ""));
          }

          @Override
          public void onEnd(TrainingEvent e) {
            calls.add("end " + e.history().stopReason());
          }
        }).fit();
    assertEquals(List.of("step 0/4", "step 1/4", "validation 1", "step 2/4", "step 3/4", "validation 3",
        "end COMPLETED"), calls);
  }

  @Test
  void scheduleEpochsAndTrainingLossValidation() {
    Linear model = new Linear(3, 1, 1L);
    Adam adam = Adam.of(model, 0.1);
    History h = Trainer.of(model, adam)
        .batches(step -> Batch.draw(Random.stream(5L, step), 16))
        .loss(TrainerTest::mse)
        .epochs(3, 4).schedule(LrSchedule.multiStep(0.1, 4, 8))
        .validate(Validation.meanTrainingLoss(), 4).fit();
    assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 0.001},
        h.learningRates(), 1e-15);
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, h.epochs());
    double[] losses = h.losses();
    assertEquals((losses[4] + losses[5] + losses[6] + losses[7]) / 4, h.validationValues()[1], 1e-15);
    assertEquals("mean training loss", h.validationName());
    assertEquals(0.1, adam.learningRate(), "the base learning rate is set back");
  }

  @Test
  void shuffledBatchesVisitEveryBatchOncePerEpochReproducibly() {
    List<Integer> items = List.of(0, 1, 2, 3, 4);
    var source = Batches.shuffled(items, 3L);
    var again = Batches.shuffled(items, 3L);
    for (int epoch = 0; epoch < 3; epoch++) {
      boolean[] seen = new boolean[5];
      for (int i = 0; i < 5; i++) {
        int step = epoch * 5 + i;
        seen[source.apply(step)] = true;
        assertEquals(source.apply(step), again.apply(step));
      }
      for (boolean s : seen) assertTrue(s);
    }
  }

  @Test
  void fitWithoutALossSaysWhatIsMissing() {
    Linear model = new Linear(3, 1, 1L);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Trainer.of(model, Adam.of(model, 0.1)).steps(3).fit());
    assertTrue(e.getMessage().contains("batches(...)"), e.getMessage());
  }
}
