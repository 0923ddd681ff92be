package rrm.model.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.nn.GradientCheck;
import rrm.solver.ConvexSolution;
import rrm.tensor.Autograd;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

class ResourceQpTest {
  private static final int N = 6;

  @Test
  void bisectionMinimiserAgreesWithTheBarrierSolverAndMeetsEveryConstraint() {
    ResourceQp qp = ResourceQp.sample(N, 12, 41);
    double[] x = qp.solve().data();
    double[] g = qp.coupled(qp.solve()).data();
    for (int k = 0; k < qp.batch(); k++) {
      ConvexSolution s = qp.solveWithBarrier(k);
      assertTrue(s.optimal(), "barrier solver: " + s.status());
      for (int i = 0; i < N; i++) {
        assertEquals(s.z()[i], x[k * N + i], 1e-6, "instance " + k + " task " + i);
        assertTrue(x[k * N + i] >= 0 && x[k * N + i] <= 1);
      }
      assertEquals(0, g[k], 1e-9, "the budget binds at the optimum (the sampler makes it bind)");
    }
  }

  @Test
  void feasibleProjectionIsAProjection() {
    ResourceQp qp = ResourceQp.sample(N, 8, 42);
    SplittableRandom rng = new SplittableRandom(7);
    double[] y = new double[8 * N];
    for (int i = 0; i < y.length; i++) y[i] = 3 * Random.normal(rng);
    Tensor p = qp.projectFeasible(Tensor.of(y, 8, N));
    double[] pv = p.data(), g = qp.coupled(p).data();
    for (int k = 0; k < 8; k++) assertTrue(g[k] <= 1e-12, "C_2 holds after the projection: " + g[k]);
    assertEquals(0, maxAbsDiff(p, qp.projectFeasible(p)), 1e-14, "idempotent");
    // variational inequality <y - p, z - p> <= 0 for feasible z (here: scaled optimum and zero)
    double[] z = qp.solve().mul(0.5).data();
    for (int k = 0; k < 8; k++) {
      double ip = 0;
      for (int i = 0; i < N; i++) ip += (y[k * N + i] - pv[k * N + i]) * (z[k * N + i] - pv[k * N + i]);
      assertTrue(ip <= 1e-12, "instance " + k + ": " + ip);
    }
  }

  @Test
  void classicalProjectedGradientConvergesToTheMinimiser() {
    ResourceQp qp = ResourceQp.sample(N, 6, 43);
    List<Tensor> t = qp.projectedGradient(3000);
    assertEquals(3001, t.size());
    assertEquals(0, maxAbsDiff(t.get(3000), qp.solve()), 1e-7);
    double[] f = qp.objective(t.get(3000)).data(), fStar = qp.objective(qp.solve()).data();
    for (int k = 0; k < 6; k++) assertEquals(fStar[k], f[k], 1e-9);
  }

  @Test
  void layerKeepsTheBoxExactlyAndIsEquivariantToRelabellingTheTasks() {
    ResourceQp qp = ResourceQp.sample(N, 5, 44);
    ResourceQpLayer layer = new ResourceQpLayer(8, 1e-2, 3);
    Tensor x0 = qp.solve().mul(0.3);
    int[] perm = {3, 0, 5, 1, 4, 2};
    try (var off = Autograd.noGrad()) {
      double[] x = layer.apply(qp, x0).data();
      for (double v : x) assertTrue(v >= 0 && v <= 1, "C_1: " + v);
      Tensor y = layer.apply(permute(qp, perm), permuteCols(x0, perm));
      assertEquals(0, maxAbsDiff(y, permuteCols(layer.apply(qp, x0), perm)), 1e-13);
    }
  }

  @Test
  void lossGradientMatchesFiniteDifferencesForEveryWeightOfATwoLayerNet() {
    ResourceQp loose = ResourceQp.sample(4, 6, 45);
    ResourceQp qp = new ResourceQp(loose.curvature(), loose.target(), loose.cap(), loose.price(),
        loose.budget().mul(0.05)); // a tight budget: C_2 is broken, so the multiplier and the penalty move
    ResourceQpLayer first = new ResourceQpLayer(5, 1e-1, 11), second = new ResourceQpLayer(5, 1e-1, 12);
    ResourceQpNet net = new ResourceQpNet(List.of(first, second));
    for (int i = 0; i < 3; i++) second.trainingLoss(qp, first.apply(qp, qp.solve())); // multiplier > 0
    assertTrue(second.multiplier() > 0);
    List<GradientCheck.Result> r = GradientCheck.run(net, () -> second.loss(qp, first.apply(qp, qp.solve())),
        1e-6);
    assertTrue(GradientCheck.relativeError(r) < 1e-6, r.toString());
    for (GradientCheck.Result g : r) {
      // the first layer's loss scales only weight the first layer's own loss
      boolean reaches = !g.parameter().equals("layer0.scales");
      assertEquals(reaches, g.maxAbsGradient() > 0, g.parameter() + ": " + g.maxAbsGradient());
    }
  }

  @Test
  void greedyTrainingLowersTheLossOfTheFirstLayer() {
    var recipe = ResourceQpNet.layerRecipe(List.of(), N, 1, 8, 200, 16, 46);
    ResourceQp test = ResourceQp.sample(N, 256, 99);
    ResourceQpLayer fresh = recipe.newModel(), trained = recipe.train().model();
    try (var off = Autograd.noGrad()) {
      double before = test.objective(fresh.apply(test, test.zeros())).mean().item();
      double after = test.objective(trained.apply(test, test.zeros())).mean().item();
      double start = test.objective(test.zeros()).mean().item();
      assertTrue(after < before && after < start, "objective start " + start + ", untrained " + before
          + ", trained " + after);
    }
  }

  @Test
  void badInputIsNamed() {
    Tensor ok = Tensor.ones(2, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new ResourceQp(ok.mul(-1), ok, ok, ok, Tensor.ones(2)));
    assertTrue(e.getMessage().contains("curvature"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ResourceQp(ok, ok, ok, ok, Tensor.ones(3)));
    assertTrue(e.getMessage().contains("budget must be [2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ResourceQp(ok, Tensor.full(Double.NaN, 2, 3), ok, ok, Tensor.ones(2)));
    assertTrue(e.getMessage().contains("target"), e.getMessage());
    ResourceQp qp = ResourceQp.sample(3, 2, 1);
    e = assertThrows(IllegalArgumentException.class, () -> qp.objective(Tensor.ones(2, 4)));
    assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
  }

  private static ResourceQp permute(ResourceQp qp, int[] perm) {
    return new ResourceQp(permuteCols(qp.curvature(), perm), permuteCols(qp.target(), perm),
        permuteCols(qp.cap(), perm), permuteCols(qp.price(), perm), qp.budget());
  }

  private static Tensor permuteCols(Tensor t, int[] perm) {
    int b = t.size(0), n = t.size(1);
    double[] v = t.data(), out = new double[v.length];
    for (int k = 0; k < b; k++) for (int i = 0; i < n; i++) out[k * n + i] = v[k * n + perm[i]];
    return Tensor.of(out, b, n);
  }

  private static double maxAbsDiff(Tensor a, Tensor b) {
    double[] x = a.data(), y = b.data();
    double worst = 0;
    for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
    return worst;
  }
}
