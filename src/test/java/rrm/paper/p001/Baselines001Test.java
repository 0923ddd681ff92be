package rrm.paper.p001;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.model.gcnwmmse.GcnWmmse;
import rrm.model.gcnwmmse.GcnWmmseConfig;
import rrm.model.unrolled.Iaidnn;
import rrm.model.unrolled.IaidnnConfig;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;

/** The baseline recipes of paper 001: settings, the step schedule, reproducibility, errors. */
class Baselines001Test {
  private static final int[] SIZES = {4, 5};

  @Test
  void gcnWmmseDropsTheLearningRateAtAQuarterHalfAndThreeQuartersAndIsReproducible() {
    GcnWmmseConfig c = GcnWmmseConfig.paper().withLayers(2).withFeatures(2);
    TrainingBudget b = TrainingBudget.of(2, 4);
    var recipe = Baselines001.gcnWmmse(c, Paper001.network(), SIZES, b, 3).batch(4);
    assertEquals("x0.1 at steps [2, 4, 6]", recipe.settings().get("train.schedule"));
    Trained<GcnWmmse> one = recipe.train();
    double[] lr = one.history().learningRates();
    assertEquals(8, lr.length);
    double[] want = {1e-2, 1e-2, 1e-3, 1e-3, 1e-4, 1e-4, 1e-5, 1e-5};
    for (int s = 0; s < 8; s++) assertEquals(want[s], lr[s], 1e-15, "step " + s);
    Trained<GcnWmmse> two = Baselines001.gcnWmmse(c, Paper001.network(), SIZES, b, 3).batch(4).train();
    assertTrue(one.history().sameRecord(two.history()));
  }

  @Test
  void iaidnnTrainsWithAConstantRateOnTheGivenSizes() {
    IaidnnConfig c = IaidnnConfig.paper001().withLayers(2);
    var recipe = Baselines001.iaidnn(c, Paper001.network(), SIZES, TrainingBudget.of(1, 3), 7).batch(4);
    assertTrue(recipe.settings().get("train.data").contains("[4, 5]"), recipe.settings().toString());
    assertEquals(null, recipe.settings().get("train.schedule"));
    Trained<Iaidnn> t = recipe.train();
    for (double lr : t.history().learningRates()) assertEquals(Baselines001.IAIDNN_LEARNING_RATE, lr, 0);
    for (double loss : t.history().losses()) assertTrue(Double.isFinite(loss) && loss < 0, "loss " + loss);
  }

  @Test
  void badArgumentsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Baselines001.iaidnn(IaidnnConfig.paper001(), Paper001.network(), new int[0], Baselines001.paperBudget(), 1));
    assertTrue(e.getMessage().contains("sizes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Baselines001.iaidnn(IaidnnConfig.paper001().withAntennas(2, 5, 1), Paper001.network(), SIZES,
            Baselines001.paperBudget(), 1));
    assertTrue(e.getMessage().contains("R = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Baselines001.gcnWmmse(null, Baselines001.paperBudget(), 1));
    assertTrue(e.getMessage().contains("config"), e.getMessage());
    assertEquals(10_000, Baselines001.paperBudget().steps());
  }
}
