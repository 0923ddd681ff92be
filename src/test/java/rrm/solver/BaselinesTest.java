package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;

class BaselinesTest {
  private final Tensor g = Tensor.rand(1, 6, 3, 3).add(0.1);

  @Test
  void fullPowerIsTheBudgetEverywhere() {
    Tensor p = new FullPower().allocate(SisoProblem.ofAmplitudes(g, 0.1, 0.7)).tensor();
    assertArrayEquals(new int[] {6, 3}, p.shape());
    for (double x : p.toArray()) assertEquals(0.7, x, 0);
  }

  @Test
  void randomPowerIsSeededPerSampleAndWithinTheBudget() {
    Tensor p = new RandomPower(5).allocate(SisoProblem.ofAmplitudes(g, 0.1, 0.7)).tensor();
    for (double x : p.toArray()) assertTrue(x >= 0 && x < 0.7);
    assertArrayEquals(p.toArray(), new RandomPower(5).allocate(SisoProblem.ofAmplitudes(g, 0.1, 0.7)).tensor().toArray(), 0);
    assertArrayEquals(p.slice(0, 0, 2).toArray(), new RandomPower(5).allocate(SisoProblem.ofAmplitudes(g.slice(0, 0, 2), 0.1, 0.7)).tensor().toArray(), 0);
    assertNotEquals(p.get(0, 0), new RandomPower(6).allocate(SisoProblem.ofAmplitudes(g, 0.1, 0.7)).tensor().get(0, 0));
  }
}
