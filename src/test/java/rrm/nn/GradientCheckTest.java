package rrm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;

class GradientCheckTest {
  /** L = sum_k c_k w_k^3 + sum_k relu(x_k): smooth in w, piecewise linear in x (away from its kinks). */
  private static final class Cubic extends Module {
    final Parameter w = param("w", Tensor.of(new double[] {0.7, -1.3, 0.2}, 3));
    final Parameter x = param("inner.x", Tensor.of(new double[] {0.5, -0.4}, 2));
    final Tensor c = Tensor.of(new double[] {1.0, 2.0, -3.0}, 3);

    Tensor loss() {
      return w.value().pow(3).mul(c).sum().add(x.value().relu().sum());
    }
  }

  /** L = sum w^2 with a deliberately wrong backward rule (gradient w instead of 2w). */
  private static final class WrongSquare extends Module {
    final Parameter w = param("w", Tensor.of(new double[] {0.7, -1.3}, 2));

    Tensor loss() {
      Tensor v = w.value();
      Tensor out = Tensor.of(new double[] {v.data()[0] * v.data()[0], v.data()[1] * v.data()[1]}, 2);
      return Autograd.record(out, "wrongSquare", g -> new Tensor[] {g.mul(v.detach())}, v).sum();
    }
  }

  @Test
  void correctGradientsGiveTinyErrorsPerParameter() {
    Cubic m = new Cubic();
    List<GradientCheck.Result> r = GradientCheck.run(m, m::loss, 1e-5);
    assertEquals(List.of("w", "inner.x"), r.stream().map(GradientCheck.Result::parameter).toList());
    assertEquals(3, r.get(0).coordinates());
    // max |dL/dw| = |3 c w^2| at w = -1.3, c = 2: 10.14
    assertEquals(10.14, r.get(0).maxAbsGradient(), 1e-12);
    assertEquals(1.0, r.get(1).maxAbsGradient(), 0);
    assertTrue(GradientCheck.relativeError(r) < 1e-9, "relative error " + GradientCheck.relativeError(r));
  }

  @Test
  void aWrongBackwardRuleIsReported() {
    WrongSquare m = new WrongSquare();
    double err = GradientCheck.relativeError(GradientCheck.run(m, m::loss, 1e-5));
    // analytic w, numeric 2w: max error 1.3 over max gradient 1.3
    assertEquals(1.0, err, 1e-8);
  }

  @Test
  void aParameterCutFromTheGraphHasZeroGradientButNonzeroError() {
    Cubic m = new Cubic();
    GradientCheck.Result w = GradientCheck.run(m, () -> m.w.value().detach().pow(3).sum(), 1e-5).get(0);
    assertEquals(0, w.maxAbsGradient());
    assertTrue(w.maxAbsError() > 1);
    assertEquals(Double.POSITIVE_INFINITY, w.relativeError());
  }

  @Test
  void complexParametersAreCheckedInBothParts() {
    Module holder = new Module() {
      final Parameter z = param("z", Tensor.complex(new double[] {0.3, -0.8}, new double[] {1.1, 0.4}, 2));
    };
    Parameter z = holder.parameters().get(0);
    List<GradientCheck.Result> r = GradientCheck.run(holder, () -> z.value().abs2().sum(), 1e-5);
    assertEquals(4, r.get(0).coordinates());
    assertEquals(2.2, r.get(0).maxAbsGradient(), 1e-12);   // |dL/d Im z_0| = 2 * 1.1
    assertTrue(r.get(0).relativeError() < 1e-9);
  }

  @Test
  void valuesAreRestoredExactlyAndGradientsCleared() {
    Cubic m = new Cubic();
    double[] before = m.w.value().toArray();
    GradientCheck.run(m, m::loss, 1e-3);
    assertArrayEquals(before, m.w.value().toArray(), 0);
    assertTrue(m.w.grad() == null || m.w.grad().abs().max(0).item() == 0);
  }

  @Test
  void groupsMergeByKeyKeepingTheWorstValues() {
    List<GradientCheck.Result> r = List.of(
        new GradientCheck.Result("layer1.a.omega", 4, 2.0, 1e-9),
        new GradientCheck.Result("layer1.mu", 1, 0.5, 1e-8),
        new GradientCheck.Result("layer2.a.omega", 4, 3.0, 1e-10));
    List<GradientCheck.Result> g = GradientCheck.byGroup(r, n -> n.substring(n.lastIndexOf('.') + 1));
    assertEquals(List.of(new GradientCheck.Result("omega", 8, 3.0, 1e-9), new GradientCheck.Result("mu", 1, 0.5, 1e-8)),
        g);
    assertEquals(1e-8 / 3.0, GradientCheck.relativeError(r), 1e-20);
  }

  @Test
  void badArgumentsAreNamedInSentences() {
    Cubic m = new Cubic();
    var e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.run(m, () -> m.w.value(), 1e-5));
    assertTrue(e.getMessage().contains("one real number") && e.getMessage().contains("[3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.run(m, m::loss, 0));
    assertTrue(e.getMessage().contains("eps"), e.getMessage());
  }
}
