package rrm.model.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.channel.UrllcDownlink;
import rrm.nn.GradientCheck;
import rrm.solver.CappedSimplex;
import rrm.solver.PgaMmse;
import rrm.solver.ProjectedGradient;
import rrm.system.UrllcProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Tensor;
import rrm.utility.FiniteBlocklength;
import rrm.utility.MmseReceiver;
import rrm.utility.UrllcRates;

class UsrmnetTest {
  private static final UrllcDownlink SMALL = UrllcDownlink.of(3, 8, 15, 120, 140, 256, 1e-5, 256);

  private static int[] all(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  @Test
  void cappedSimplexMatchesTheSortedProjectionAndItsJacobianIsExact() {
    double[][] cases = {{3, -1, 2, 0.4}, {0.2, 0.1, -0.3, 0.4}, {10, 9, -2, 8.5}};
    for (double[] y : cases) {
      double[] want = y.clone();
      CappedSimplex.project(want, 4);
      Tensor got = ProjectedGradient.cappedSimplex(Tensor.of(y.clone(), 1, 4), 4);
      assertArrayEquals(want, got.data(), 1e-14);
      // finite differences of sum_i c_i Pi(y)_i against autodiff, away from the kinks
      double[] c = {0.3, -1.1, 0.7, 2.0};
      Tensor yt = Tensor.of(y.clone(), 1, 4).requiresGrad(true);
      ProjectedGradient.cappedSimplex(yt, 4).mul(Tensor.of(c, 1, 4)).sum().backward();
      for (int i = 0; i < 4; i++) {
        double[] p = y.clone(), m = y.clone();
        p[i] += 1e-6;
        m[i] -= 1e-6;
        double fp = ProjectedGradient.cappedSimplex(Tensor.of(p, 1, 4), 4).mul(Tensor.of(c, 1, 4)).sum().item();
        double fm = ProjectedGradient.cappedSimplex(Tensor.of(m, 1, 4), 4).mul(Tensor.of(c, 1, 4)).sum().item();
        assertEquals((fp - fm) / 2e-6, yt.grad().data()[i], 1e-8, "coordinate " + i + " of " + java.util.Arrays
            .toString(y));
      }
    }
  }

  @Test
  void endToEndGradientMatchesFiniteDifferences() {
    for (int variant = 0; variant < 3; variant++) {
      boolean glorot = variant == 1;
      UrllcProblem p = SMALL.sample(4, 11);
      UsrmnetState s = UsrmnetState.start(p);
      UsrmnetConfig cfg = new UsrmnetConfig(3, 6, 1, glorot, 0.5, 1.0,
          variant == 2 ? UsrmnetConfig.PreStep.CODE : UsrmnetConfig.PreStep.PAPER);
      UsrmnetLayer layer = new UsrmnetLayer(cfg, 3);
      int[] idx = all(4);
      UsrmnetStage st = s.stage(idx);
      Tensor x0 = s.points(idx);
      for (int i = 0; i < 3; i++) layer.trainingLoss(st, x0); // multipliers away from 0
      if (glorot) assertTrue(java.util.Arrays.stream(layer.multipliers()).anyMatch(v -> v > 0));
      List<GradientCheck.Result> r = GradientCheck.run(layer, () -> layer.loss(st, x0), 1e-6);
      assertTrue(GradientCheck.relativeError(r) < 1e-6, cfg + ": " + r);
      for (GradientCheck.Result g : r) assertTrue(g.maxAbsGradient() > 0, "no gradient reaches " + g.parameter());
    }
  }

  @Test
  void preStepMovesThePaperWayOrTheCodeWayAndOnlyTheCodeWayIsASetting() {
    UrllcProblem p = SMALL.sample(6, 13);
    UsrmnetState s = UsrmnetState.start(p);
    UsrmnetStage st = s.stage(all(6));
    Tensor x0 = s.points(all(6));
    UsrmnetLayer paper = new UsrmnetLayer(UsrmnetConfig.paper(3), 4);
    UsrmnetLayer code = new UsrmnetLayer(UsrmnetConfig.paper(3).withPreStep(UsrmnetConfig.PreStep.CODE), 4);
    try (var off = Autograd.noGrad()) {
      // same weights (same seed); x_hat = x0 - eta * (+-grad f), then the correction and the projection
      Tensor g = UsrmnetLayer.gradient(st, x0);
      Tensor wantPaper = ProjectedGradient.step(x0, g, paper.stepSizes(st, x0), xh -> paper.correction(st, xh),
          xt -> UsrmnetLayer.project(st, xt));
      Tensor wantCode = ProjectedGradient.step(x0, g.neg(), code.stepSizes(st, x0), xh -> code.correction(st, xh),
          xt -> UsrmnetLayer.project(st, xt));
      assertArrayEquals(wantPaper.data(), paper.apply(st, x0).data(), 0);
      assertArrayEquals(wantCode.data(), code.apply(st, x0).data(), 0);
      double diff = 0;
      double[] a = wantPaper.data(), b = wantCode.data();
      for (int i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
      assertTrue(diff > 1e-3, "the two signs give the same layer output (max difference " + diff + ")");
    }
    // the paper's sign is the default and adds no setting, so checkpoints trained before the flag still match
    assertTrue(!paper.settings().containsKey("pre_step"), paper.settings().toString());
    assertEquals("CODE", code.settings().get("pre_step"));
    assertEquals(UsrmnetConfig.PreStep.PAPER, new UsrmnetConfig(3, 8, 1, false, 1, 1e-4).preStep());
    assertThrows(IllegalArgumentException.class, () -> new UsrmnetConfig(3, 8, 1, false, 1, 1e-4, null));
  }

  @Test
  void violationByConstraintAddsUpToTheViolation() {
    UrllcProblem p = SMALL.sample(12, 17);
    UsrmnetState s = UsrmnetState.start(p).advance(new UsrmnetLayer(UsrmnetConfig.paper(3), 2));
    double[] v = s.violation(), by = s.violationByConstraint();
    assertEquals(12 * 4, by.length);
    double total = 0;
    for (int b = 0; b < 12; b++) {
      double sum = 0;
      for (int c = 0; c < 4; c++) {
        assertTrue(by[b * 4 + c] >= 0);
        sum += by[b * 4 + c];
      }
      assertEquals(v[b] * 4 * 3, sum, 1e-12 * (1 + sum));
      total += sum;
    }
    assertTrue(total > 0, "an untrained layer should break some coupled constraint");
    assertEquals(null, UsrmnetState.start(p).violationByConstraint());
  }

  @Test
  void layerOutputSatisfiesTheSimpleConstraintsExactly() {
    UrllcProblem p = SMALL.sample(16, 5);
    UsrmnetState s = UsrmnetState.start(p);
    UsrmnetLayer layer = new UsrmnetLayer(UsrmnetConfig.paper(3), 9);
    UsrmnetStage st = s.stage(all(16));
    double[] x;
    try (var off = Autograd.noGrad()) {
      x = layer.apply(st, s.points(all(16))).data();
    }
    double nu3 = st.nu3(), v3 = st.nu3Dispersion();
    double[] ceil = st.ceiling().data(), ceilV = st.ceilingDispersion().data();
    for (int b = 0; b < 16; b++) {
      double sum = 0;
      for (int u = 0; u < 3; u++) {
        int o = (b * 3 + u) * 5;
        assertTrue(x[o] >= 0);
        sum += x[o];
        assertTrue(x[o + 1] >= nu3);
        assertTrue(x[o + 2] <= ceil[b * 3 + u]);
        assertTrue(x[o + 3] >= v3 && x[o + 3] <= ceilV[b * 3 + u]);
        assertTrue(x[o + 4] >= 0);
      }
      assertTrue(sum <= p.pMax() * (1 + 1e-12), "sum q = " + sum);
    }
  }

  @Test
  void withAConstantStepAndNoCorrectionTheLayerIsAnIterationOfPgaMmse() {
    UrllcProblem p = SMALL.sample(1, 21);
    MmseReceiver r = MmseReceiver.of(p, 0);
    double th = UrllcRates.theta(p), pMax = p.pMax(), eta = 2.0;
    double[] alpha = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    UpgdLayer<MmseReceiver> pga = new UpgdLayer<>((rx, q) -> Tensor.scalar(eta), (rx, q) -> {
      double[] g = new double[3];
      PgaMmse.gradient(rx, q.data(), alpha, th, g);
      return Tensor.of(g, 1, 3).neg();
    }, null, (rx, y) -> ProjectedGradient.cappedSimplex(y, pMax));
    double[] plain = {1, 2, 3};
    Tensor q = Tensor.of(plain.clone(), 1, 3);
    double[] g = new double[3];
    for (int it = 0; it < 20; it++) {
      q = pga.apply(r, q);
      PgaMmse.gradient(r, plain, alpha, th, g);
      for (int j = 0; j < 3; j++) plain[j] += eta * g[j];
      CappedSimplex.project(plain, pMax);
      assertArrayEquals(plain, q.data(), 1e-12, "iteration " + it);
    }
    double start = rrm.solver.UrllcSolution.ofUplink(p, Tensor.of(new double[] {1, 2, 3}, 1, 3), null, null)
        .meanRate();
    double end = rrm.solver.UrllcSolution.ofUplink(p, q, null, null).meanRate();
    assertTrue(end > start, "the ascent raised the rate: " + start + " -> " + end);
  }

  @Test
  void permutationEquivarianceHoldsForEveryPartButTheCorrectionNetwork() {
    int k = 4;
    UrllcDownlink d = UrllcDownlink.of(k, 8, 15, 120, 140, 256, 1e-5, 256);
    UrllcProblem p = d.sample(2, 3);
    UsrmnetState s = UsrmnetState.start(p);
    UsrmnetLayer layer = new UsrmnetLayer(UsrmnetConfig.paper(k), 4);
    int[] perm = {2, 0, 3, 1};
    UsrmnetStage st = s.stage(all(2));
    Tensor x0 = s.points(all(2)).add(Tensor.rand(8, 2, k, 5)); // distinct users
    UsrmnetStage sp = new UsrmnetStage(st.gains().gather(1, perm).gather(2, perm), st.ceiling().gather(1, perm),
        st.ceilingDispersion().gather(1, perm), st.pMax(), st.nu3(), st.nu3Dispersion(), st.theta());
    Tensor xp = x0.gather(1, perm);
    try (var off = Autograd.noGrad()) {
      // step sizes: invariant
      assertArrayEquals(layer.stepSizes(st, x0).data(), layer.stepSizes(sp, xp).data(), 1e-12);
      // gradient step and projections: equivariant
      assertArrayEquals(UsrmnetLayer.gradient(st, x0).gather(1, perm).data(), UsrmnetLayer.gradient(sp, xp).data(),
          1e-12);
      Tensor big = x0.mul(50);
      assertArrayEquals(UsrmnetLayer.project(st, big).gather(1, perm).data(),
          UsrmnetLayer.project(sp, big.gather(1, perm)).data(), 1e-12);
      assertArrayEquals(UsrmnetLayer.constraints(st, x0).gather(1, perm).data(),
          UsrmnetLayer.constraints(sp, xp).data(), 1e-12);
      // the correction reads user k's gains in absolute beam order: not equivariant
      double dev = maxAbs(layer.correction(st, x0).gather(1, perm).sub(layer.correction(sp, xp)));
      assertTrue(dev > 1e-3, "correction deviation " + dev);
    }
    // MMSE beams (eq. 9): permuting users permutes the gains G_lk on both axes
    MmseReceiver r = MmseReceiver.of(p, 0);
    double[] q = {1, 2, 3, 4}, qp = new double[k], g = new double[k * k], gp = new double[k * k];
    for (int i = 0; i < k; i++) qp[i] = q[perm[i]];
    r.update(q);
    r.gains(g);
    Tensor h = p.channels().slice(0, 0, 1).gather(1, perm);
    UrllcProblem pp = UrllcProblem.of(h, 1.0, p.pMax(), p.blocklength(), p.errorProbability(), p.packetBits());
    MmseReceiver rp = MmseReceiver.of(pp, 0);
    rp.update(qp);
    rp.gains(gp);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) assertEquals(g[perm[a] * k + perm[b]], gp[a * k + b], 1e-12 * (1 + g[0]));
    }
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (double v : t.data()) m = Math.max(m, Math.abs(v));
    return m;
  }

  @Test
  void theStartSitsAtTheQosTargetsAndUsesLessThanTheBudget() {
    UrllcProblem p = SMALL.sample(8, 2);
    UsrmnetState s = UsrmnetState.start(p);
    assertEquals(1.0, s.acceptance());
    double nu3 = UrllcRates.qosThreshold(p);
    double[] x = s.point().data();
    for (int b = 0; b < 8; b++) {
      double sum = 0;
      for (int u = 0; u < 3; u++) {
        sum += x[(b * 3 + u) * 5];
        assertEquals(nu3, x[(b * 3 + u) * 5 + 1]);
        assertEquals(FiniteBlocklength.dispersion(nu3), x[(b * 3 + u) * 5 + 3]);
      }
      assertTrue(sum < p.pMax());
    }
  }

  @Test
  void badInputsAreRejectedWithTheArgumentNamed() {
    assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(3, 8, 15, 120, 140, 256, 1.5, 256));
    assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(3, 8, 15, 120, 140, 256, 0, 256));
    assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(3, 8, 15, 120, 140, 0, 1e-5, 256));
    var e = assertThrows(IllegalArgumentException.class, () -> UrllcDownlink.of(3, 8, 15, 140, 140, 256, 1e-5, 256));
    assertTrue(e.getMessage().contains("r_min < r_max"), e.getMessage());
    UrllcProblem p = SMALL.sample(2, 1);
    double[] re = p.channels().data().clone();
    re[3] = Double.NaN;
    var nan = assertThrows(IllegalArgumentException.class, () -> UrllcProblem.of(Tensor.complex(re,
        p.channels().imagData(), p.channels().shape()), 1.0, p.pMax(), 256, 1e-5, 256));
    assertTrue(nan.getMessage().contains("channels"), nan.getMessage());
    UsrmnetLayer layer = new UsrmnetLayer(UsrmnetConfig.paper(4), 1);
    UsrmnetState s = UsrmnetState.start(p);
    var shape = assertThrows(IllegalArgumentException.class, () -> layer.apply(s.stage(all(2)), s.points(all(2))));
    assertTrue(shape.getMessage().contains("K = 4"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new UsrmnetConfig(0, 32, 1, false, 1, 1e-4));
    assertThrows(IllegalArgumentException.class, () -> new UsrmnetConfig(4, 32, 1, false, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> ProjectedGradient.cappedSimplex(Tensor.ones(1, 3), 0));
    assertThrows(IllegalArgumentException.class, () -> UsrmnetState.start(p.withWeights(Tensor.of(new double[] {1,
        0, 0}, 3))));
  }

  @Test
  void theMultiTaskLossIsMinimisedAtTheLogOfEachTask() {
    Tensor l1 = Tensor.scalar(0.09), l2 = Tensor.scalar(0.25);
    double best = PrimalDual.multiTaskLoss(l1, l2, Tensor.of(new double[] {Math.log(0.09), Math.log(0.25)}, 2))
        .item();
    assertEquals(2 * Math.sqrt(0.09) + 2 * Math.sqrt(0.25), best, 1e-12);
    double off = PrimalDual.multiTaskLoss(l1, l2, Tensor.of(new double[] {Math.log(0.09) + 0.1, Math.log(0.25)}, 2))
        .item();
    assertTrue(off > best);
  }
}
