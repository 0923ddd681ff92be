package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** End-to-end gradient checks of small complex models with decompositions inside. */
class CompositeModelTest {
  /** {@code y = relu_C(W2 (I + X X^H)^{-1} W1 x)}, batched over samples. */
  private static Tensor twoLayer(Tensor w1, Tensor w2, Tensor xs, Tensor x) {
    int n = xs.size(-2);
    Tensor s = xs.matmul(xs.mH()).add(Tensor.eye(n));
    return w2.matmul(s.inverse().matmul(w1.matmul(x))).relu();
  }

  @Test
  void twoLayerComplexModelWithAnInverseInside() {
    Tensor w1 = Tensor.complexRandn(1, 3, 2);
    Tensor w2 = Tensor.complexRandn(2, 2, 3);
    Tensor xs = Tensor.complexRandn(3, 2, 3, 3);
    Tensor x = Tensor.complexRandn(4, 2, 2, 1);
    GradCheck.of(t -> twoLayer(t[0], t[1], t[2], t[3])).check(w1, w2, xs, x);
  }

  @Test
  void rateLikeLossWithLogDetSolveAndEigenvaluesInside() {
    // L = Σ_b [log det(I + H V V^H H^H) - ||solve(A, V)||^2 + Σ eig(A)^2], A = I + H^H H: real loss of complex inputs.
    GradCheck.of(t -> {
      Tensor h = t[0], v = t[1];
      Tensor cov = h.matmul(v).matmul(h.matmul(v).mH()).add(Tensor.eye(3));
      Tensor a = h.mH().matmul(h).add(Tensor.eye(3));
      Tensor fit = a.solveHpd(v).frobeniusNorm2();
      Tensor spectrum = a.hermitianPart().eigh().values().square().sum(-1);
      return cov.logdetHpd().sub(fit).add(spectrum).sum();
    }).check(Tensor.complexRandn(5, 2, 3, 3), Tensor.complexRandn(6, 2, 3, 2));
  }

  @Test
  void gradientDescentOnTheTwoLayerModelReducesItsLoss() {
    Tensor w1 = Tensor.complexRandn(1, 3, 2).requiresGrad(true);
    Tensor w2 = Tensor.complexRandn(2, 2, 3).requiresGrad(true);
    Tensor xs = Tensor.complexRandn(3, 8, 3, 3);
    Tensor x = Tensor.complexRandn(4, 8, 2, 1);
    Tensor target = Tensor.complexRandn(5, 8, 2, 1).abs();
    double first = 0, last = 0;
    for (int step = 0; step < 30; step++) {
      w1.zeroGrad();
      w2.zeroGrad();
      Tensor loss = twoLayer(w1, w2, xs, x).sub(target).abs2().mean();
      loss.backward();
      if (step == 0) first = loss.item();
      last = loss.item();
      try (var off = Autograd.noGrad()) {
        for (Tensor w : new Tensor[] {w1, w2}) {
          Tensor next = w.sub(w.grad().mul(0.1));
          System.arraycopy(next.data(), 0, w.data(), 0, w.numel());
          System.arraycopy(next.imagData(), 0, w.imagData(), 0, w.numel());
        }
      }
    }
    assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
  }
}
