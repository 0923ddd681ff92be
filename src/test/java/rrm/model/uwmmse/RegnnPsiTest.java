package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.model.TestChannels;
import rrm.model.gnn.Regnn;
import rrm.model.gnn.RegnnShift;
import rrm.model.gnn.RegnnTest;
import rrm.nn.ParameterGradCheck;
import rrm.nn.Shift;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

class RegnnPsiTest {
  private static RegnnPsi alive(long seed) {
    return new RegnnPsi(RegnnTest.withTaps(Regnn.builder().layers(2).order(2).build(seed), seed + 1));
  }

  @Test
  void specPsiIsTwoLayersOfThreeTapsSixParameters() {
    RegnnPsi psi = new RegnnPsi(1L);
    assertEquals(6, psi.parameterCount());
    assertEquals(2, psi.regnn().layers());
    assertEquals(2, psi.regnn().order());
    assertEquals(java.util.List.of("regnn.layer0.h0", "regnn.layer0.h1", "regnn.layer0.h2", "regnn.layer1.h0",
        "regnn.layer1.h1", "regnn.layer1.h2"), psi.namedParameters().keySet().stream().toList());
  }

  @Test
  void outputIsTheSigmoidOfTheSecondFilterOfTheReluOfTheFirst() {
    RegnnPsi psi = alive(2L);
    Tensor g = TestChannels.paperLike(3L, 3, 7);
    Tensor s = RegnnShift.matrix(g);
    Tensor one = Tensor.ones(3, 7, 1);
    double[] a = new double[3], b = new double[3];
    for (int k = 0; k < 3; k++) {
      a[k] = psi.regnn().filters().get(0).taps().get(k).value().item();
      b[k] = psi.regnn().filters().get(1).taps().get(k).value().item();
    }
    Tensor z1 = one.mul(a[0]).add(s.matmul(one).mul(a[1])).add(s.matmul(s.matmul(one)).mul(a[2])).relu();
    Tensor z2 = z1.mul(b[0]).add(s.matmul(z1).mul(b[1])).add(s.matmul(s.matmul(z1)).mul(b[2]));
    Tensor out = psi.apply(g);
    assertArrayEquals(z2.sigmoid().squeeze(-1).toArray(), out.toArray(), 1e-14);
    assertTrue(TestChannels.min(out) > 0 && TestChannels.max(out) < 1);
    RegnnTest.assertAlive(out);
    assertArrayEquals(out.toArray(), psi.apply(RegnnShift.of(g)).toArray(), 0);
  }

  @Test
  void isPermutationEquivariant() {
    RegnnPsi psi = alive(4L);
    Tensor g = TestChannels.paperLike(5L, 4, 10);
    int[] perm = Random.permutation(new SplittableRandom(6L), 10);
    Tensor y = psi.apply(g);
    RegnnTest.assertAlive(y);
    double err = TestChannels.relativeError(y.gather(1, perm), psi.apply(TestChannels.permute(g, perm)));
    assertTrue(err < 1e-12, "relative error " + err);
  }

  @Test
  void oneModuleAppliesToAnyNetworkSize() {
    RegnnPsi psi = alive(7L);
    for (int m : new int[] {5, 30}) {
      Tensor y = psi.apply(TestChannels.paperLike(8L + m, 2, m));
      assertArrayEquals(new int[] {2, m}, y.shape());
      RegnnTest.assertAlive(y);
    }
  }

  @Test
  void gradientsOfAllSixTapsMatchFiniteDifferences() {
    RegnnPsi psi = alive(9L);
    Tensor g = TestChannels.paperLike(10L, 2, 4);
    Shift s = RegnnShift.of(g);
    ParameterGradCheck.of(psi).check(() -> psi.apply(s));
    RegnnPsi spec = new RegnnPsi(Regnn.builder().layers(2).order(2).identityStart().build(11L));
    ParameterGradCheck.of(spec).check(() -> spec.apply(g));
  }

  @Test
  void refusesARegnnWithAnotherPowerBudget() {
    assertThrows(IllegalArgumentException.class, () -> new RegnnPsi(Regnn.builder().pmax(2).build(1L)));
  }
}
