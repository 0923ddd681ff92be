package rrm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.nn.Parameter;
import rrm.tensor.Tensor;

/** One or two updates of each optimizer on a tiny problem, against the update written out by hand. */
class OptimizerStepTest {
  private static Parameter scalar(double w) {
    return Parameter.of("w", Tensor.of(new double[] {w}, 1));
  }

  /** Makes {@code g} the gradient of p: backward of L = Σ g_i w_i (complex: Σ Re g_i Re w_i + Im g_i Im w_i). */
  private static void grad(Parameter p, double... g) {
    p.zeroGrad();
    Tensor w = p.value();
    if (!w.isComplex()) {
      w.mul(Tensor.of(g, g.length)).sum().backward();
    } else {
      int n = w.numel();
      double[] re = java.util.Arrays.copyOfRange(g, 0, n), im = java.util.Arrays.copyOfRange(g, n, 2 * n);
      w.real().mul(Tensor.of(re, n)).sum().add(w.imag().mul(Tensor.of(im, n)).sum()).backward();
    }
  }

  private static double value(Parameter p) {
    return p.value().data()[0];
  }

  @Test
  void sgdPlainMomentumNesterovAndWeightDecay() {
    Parameter p = scalar(1);
    Sgd plain = Sgd.of(List.of(p), 0.1);
    grad(p, 0.5);
    plain.step();
    assertEquals(0.95, value(p), 1e-15);

    Parameter q = scalar(1);
    Sgd momentum = Sgd.of(List.of(q), 0.1).momentum(0.9);
    grad(q, 0.5);
    momentum.step(); // b = 0.5
    grad(q, -0.25);
    momentum.step(); // b = 0.9 * 0.5 - 0.25 = 0.2
    assertEquals(1 - 0.1 * 0.5 - 0.1 * 0.2, value(q), 1e-15);

    Parameter r = scalar(1);
    Sgd nesterov = Sgd.of(List.of(r), 0.1).momentum(0.9).nesterov();
    grad(r, 0.5);
    nesterov.step(); // d = 0.5 + 0.9 * 0.5
    grad(r, -0.25);
    nesterov.step(); // b = 0.2, d = -0.25 + 0.9 * 0.2
    assertEquals(1 - 0.1 * 0.95 - 0.1 * (-0.07), value(r), 1e-15);

    Parameter s = scalar(1);
    Sgd decay = Sgd.of(List.of(s), 0.1).weightDecay(0.1);
    grad(s, 0.5);
    decay.step();
    assertEquals(1 - 0.1 * 0.6, value(s), 1e-15);
  }

  @Test
  void adamTwoStepsInPyTorchForm() {
    Parameter p = scalar(1);
    Adam adam = Adam.of(List.of(p), 0.1);
    grad(p, 0.5);
    adam.step(); // m = 0.05, v = 0.00025, m^ = 0.5, v^ = 0.25
    double w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
    assertEquals(w1, value(p), 1e-15);
    grad(p, -0.25);
    adam.step(); // m = 0.045 - 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225
    double w2 = w1 - 0.1 * (0.02 / (1 - 0.81)) / (Math.sqrt(0.00031225 / (1 - 0.998001)) + 1e-8);
    assertEquals(w2, value(p), 1e-15);
  }

  @Test
  void adamTf1FormPutsEpsilonOnTheUncorrectedRoot() {
    Parameter p = scalar(1), q = scalar(1);
    Adam tf = Adam.of(List.of(p), 0.1).eps(0.1).tf1();
    Adam torch = Adam.of(List.of(q), 0.1).eps(0.1);
    grad(p, 0.5);
    grad(q, 0.5);
    tf.step();
    torch.step();
    double lrT = 0.1 * Math.sqrt(1 - 0.999) / (1 - 0.9);
    assertEquals(1 - lrT * 0.05 / (Math.sqrt(0.00025) + 0.1), value(p), 1e-15);
    assertEquals(1 - 0.1 * 0.5 / (0.5 + 0.1), value(q), 1e-15);
  }

  @Test
  void adamWDecaysTheWeightsOutsideTheMoments() {
    Parameter p = scalar(1), q = scalar(1);
    AdamW adamW = AdamW.of(List.of(p), 0.1).weightDecay(0.1);
    grad(p, 0.5);
    adamW.step();
    assertEquals(1 * (1 - 0.1 * 0.1) - 0.1 * 0.5 / (0.5 + 1e-8), value(p), 1e-15);
    Adam coupled = Adam.of(List.of(q), 0.1).weightDecay(0.1);
    grad(q, 0.5);
    coupled.step();
    assertEquals(1 - 0.1 * 0.6 / (0.6 + 1e-8), value(q), 1e-15);
    assertEquals(0.01, AdamW.of(List.of(scalar(0)), 1).weightDecay());
  }

  @Test
  void rmsPropTorchAndTf1Forms() {
    Parameter p = scalar(1), q = scalar(1);
    RmsProp torch = RmsProp.torch(List.of(p), 0.01);
    RmsProp tf = RmsProp.tf1(List.of(q), 0.01);
    grad(p, 0.5);
    grad(q, 0.5);
    torch.step(); // s = 0.01 * 0.25
    tf.step(); // s = 0.9 * 1 + 0.1 * 0.25
    assertEquals(1 - 0.01 * 0.5 / (Math.sqrt(0.0025) + 1e-8), value(p), 1e-15);
    assertEquals(1 - 0.01 * 0.5 / Math.sqrt(0.925 + 1e-10), value(q), 1e-15);
    grad(q, 1.0);
    tf.step(); // s = 0.9 * 0.925 + 0.1
    assertEquals(1 - 0.01 * 0.5 / Math.sqrt(0.925 + 1e-10) - 0.01 / Math.sqrt(0.9325 + 1e-10), value(q), 1e-15);
  }

  @Test
  void novoGradUsesOneSecondMomentPerTensor() {
    Parameter p = Parameter.of("w", Tensor.of(new double[] {1, 2}, 2));
    NovoGrad ng = NovoGrad.of(List.of(p), 0.1);
    grad(p, 0.3, 0.4);
    ng.step(); // v = 0.25, m = -0.1 g / 0.5
    double s1 = 1 / (0.5 + 1e-7);
    double[] m = {-0.1 * 0.3 * s1, -0.1 * 0.4 * s1};
    assertArrayEquals(new double[] {1 + m[0], 2 + m[1]}, p.value().toArray(), 1e-15);
    grad(p, 0.6, 0.8);
    ng.step(); // v = 0.999 * 0.25 + 0.001 * 1
    double s2 = 1 / (Math.sqrt(0.25075) + 1e-7);
    double m0 = 0.9 * m[0] - 0.1 * 0.6 * s2, m1 = 0.9 * m[1] - 0.1 * 0.8 * s2;
    assertArrayEquals(new double[] {1 + m[0] + m0, 2 + m[1] + m1}, p.value().toArray(), 1e-15);
  }

  @Test
  void complexParameterIsOptimisedAsTwoRealTensors() {
    Parameter c = Parameter.of("c", Tensor.complex(new double[] {1, -2}, new double[] {0.5, 3}, 2));
    Parameter re = Parameter.of("re", Tensor.of(new double[] {1, -2}, 2));
    Parameter im = Parameter.of("im", Tensor.of(new double[] {0.5, 3}, 2));
    Adam a = Adam.of(List.of(c), 0.05).betas(0.8, 0.99);
    Adam b = Adam.of(List.of(re, im), 0.05).betas(0.8, 0.99);
    double[][] grads = {{0.3, -0.1, 2, 0.7}, {-0.4, 0.2, 1, -0.5}};
    for (double[] g : grads) {
      grad(c, g);
      grad(re, g[0], g[1]);
      grad(im, g[2], g[3]);
      a.step();
      b.step();
    }
    assertArrayEquals(re.value().toArray(), c.value().toArray(), 0);
    assertArrayEquals(im.value().toArray(), c.value().toImagArray(), 0);
    Parameter c2 = Parameter.of("c", Tensor.complex(new double[] {1, -2}, new double[] {0.5, 3}, 2));
    NovoGrad nb = NovoGrad.of(List.of(c2), 0.05);
    grad(c2, 0.3, -0.1, 2, 0.7);
    nb.step();
    // Separate second moments: the real part moves by lr * g / ||g_re||, not by lr * g / ||g||.
    assertEquals(1 - 0.05 * 0.3 / (Math.sqrt(0.1) + 1e-7), c2.value().data()[0], 1e-15);
  }

  @Test
  void parameterWithoutGradientIsLeftAloneAndKeepsItsState() {
    Parameter a = scalar(1), b = scalar(1);
    Adam adam = Adam.of(List.of(a, b), 0.1);
    grad(a, 0.5);
    b.zeroGrad();
    adam.step();
    adam.step();
    assertEquals(1.0, value(b));
    a.zeroGrad();
    grad(b, 0.5);
    adam.step();
    assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), value(b), 1e-15, "first update of b is bias-corrected as t = 1");
  }

  @Test
  void rejectsBadHyperparameters() {
    List<Parameter> ps = List.of(scalar(0));
    assertThrows(IllegalArgumentException.class, () -> Adam.of(ps, -1));
    assertThrows(IllegalArgumentException.class, () -> Adam.of(ps, 0.1).betas(1, 0.9));
    assertThrows(IllegalArgumentException.class, () -> Sgd.of(ps, 0.1).momentum(1.5));
    assertThrows(IllegalArgumentException.class, () -> Sgd.of(List.of(), 0.1));
  }

  @Test
  void everyOptimizerDescribesItsSettingsTheSameWayInEveryInstance() {
    // Checkpoints record toString(): two optimizers with equal settings must describe themselves identically
    // (an identity hash would make a checkpoint never match again), and a different setting must show.
    List<java.util.function.Function<List<Parameter>, Optimizer>> kinds = List.of(
        ps -> Sgd.of(ps, 0.1).momentum(0.9).nesterov().weightDecay(1e-4), ps -> Adam.of(ps, 1e-3),
        ps -> RmsProp.tf1(ps, 1e-3), ps -> RmsProp.torch(ps, 1e-3), ps -> NovoGrad.of(ps, 0.05));
    for (var kind : kinds) {
      String a = kind.apply(List.of(Parameter.of("w", Tensor.zeros(2)))).toString();
      String b = kind.apply(List.of(Parameter.of("v", Tensor.zeros(3)))).toString();
      assertEquals(a, b);
      assertFalse(a.contains("@"), a);
    }
    assertEquals("sgd lr 0.1 momentum 0.9 nesterov weight decay 0.0001",
        Sgd.of(List.of(Parameter.of("w", Tensor.zeros(2))), 0.1).momentum(0.9).nesterov().weightDecay(1e-4).toString());
    assertEquals("sgd lr 0.5", Sgd.of(List.of(Parameter.of("w", Tensor.zeros(2))), 0.5).toString());
  }
}
