package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.AdHocSiso;
import rrm.channel.ChannelSource;
import rrm.channel.Topology;
import rrm.model.TestChannels;
import rrm.model.gnn.Regnn;
import rrm.nn.Parameter;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.paper.p002.Paper002;
import rrm.paper.p002.Regime;
import rrm.paper.p002.Training;
import rrm.solver.Wmmse;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Random;
import rrm.tensor.Tensor;
import rrm.utility.Utility;

/** UWMMSE with an REGNN as Ψ (paper 002 §IV-B, Fig. 3(c)) next to the default GCN. */
class UwmmsePsiKindTest {
  private static final AdHocSiso NET = Paper002.scenario(Regime.LOW_NOISE);
  private static final Topology TOPO = NET.drop(1);
  private static final double S2 = NET.noiseVariance();
  private final Tensor g = NET.sample(TOPO, 8, 21);

  private static UwmmseConfig regnn(PsiKind kind) {
    return UwmmseConfig.defaults().withPsi(kind).withSeed(5);
  }

  /** Sets every tap of every REGNN Ψ to a seeded value away from the dead start (hidden k = 0 tap in [0.5, 1.5]). */
  private static Uwmmse withLiveTaps(Uwmmse model, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      if (!e.getKey().contains(".regnn.")) continue;
      boolean hiddenIdentity = e.getKey().endsWith("regnn.layer0.h0");
      double v = hiddenIdentity ? Random.uniform(rng, 0.5, 1.5) : Random.uniform(rng, -2, 2);
      e.getValue().set(Tensor.full(v, 1, 1));
    }
    return model;
  }

  @Test
  void defaultPsiIsTheGcnAndTheOldConstructorKeepsIt() {
    assertEquals(PsiKind.GCN, UwmmseConfig.defaults().psi());
    UwmmseConfig old = new UwmmseConfig(4, 4, 1, GcnShift.TX_ROW, true, true, Utility.sumRate(), 0L);
    assertEquals(UwmmseConfig.defaults(), old);
    assertEquals(PsiKind.REGNN, regnn(PsiKind.REGNN).withLayers(3).withMu(false).psi());
  }

  @Test
  void regnnPsiHasSixTapsPerModule() {
    for (PsiKind kind : new PsiKind[] {PsiKind.REGNN, PsiKind.REGNN_IDENTITY_START}) {
      assertEquals(4 * (12 + 1), new Uwmmse(regnn(kind)).parameterCount());
      UwmmseConfig noMu = regnn(kind).withLayers(5).withMu(false);
      assertEquals(5 * 12, noMu.parameterCount());
      assertEquals(noMu.parameterCount(), new Uwmmse(noMu).parameterCount());
    }
    Uwmmse model = new Uwmmse(regnn(PsiKind.REGNN));
    assertTrue(model.namedParameters().containsKey("layer2.b.regnn.layer1.h2"));
    assertTrue(model.toString().contains("REGNN"));
  }

  @Test
  void eachCoefficientIsTheStandaloneRegnnPsiOfItsSeedStream() {
    for (PsiKind kind : new PsiKind[] {PsiKind.REGNN, PsiKind.REGNN_IDENTITY_START}) {
      Uwmmse model = new Uwmmse(regnn(kind));
      Trajectory t = model.apply(SisoProblem.ofAmplitudes(g, S2, 1));
      for (int k = 1; k <= 4; k++) {
        long layerSeed = Random.stream(5, k);
        for (int which = 0; which < 2; which++) {
          Regnn.Builder r = Regnn.builder().layers(2).order(2);
          if (kind == PsiKind.REGNN_IDENTITY_START) r.identityStart();
          Tensor want = new RegnnPsi(r.build(Random.stream(layerSeed, which))).apply(g);
          Tensor got = which == 0 ? t.layer(k).a() : t.layer(k).b();
          assertArrayEquals(want.toArray(), got.toArray(), 0, kind + " layer " + k + (which == 0 ? " a" : " b"));
        }
      }
    }
  }

  @Test
  void identityStartLeavesNoPsiDeadWhereTheSpecStartKillsSome() {
    // Default N(0, 0.1²) start: a Ψ whose hidden layer outputs 0 everywhere gives exactly 0.5 at every node. Over 8
    // models × 8 Ψ some are dead (RegnnPsi: 76 of 200 seeds); with the identity start none is.
    int deadSpec = 0, deadIdentity = 0;
    for (long seed = 0; seed < 8; seed++) {
      for (PsiKind kind : new PsiKind[] {PsiKind.REGNN, PsiKind.REGNN_IDENTITY_START}) {
        Trajectory t = new Uwmmse(regnn(kind).withSeed(seed)).apply(SisoProblem.ofAmplitudes(g, S2, 1));
        for (LayerState s : t.layers()) {
          for (Tensor c : new Tensor[] {s.a(), s.b()}) {
            boolean dead = java.util.Arrays.stream(c.toArray()).allMatch(x -> x == 0.5);
            if (dead && kind == PsiKind.REGNN) deadSpec++;
            if (dead && kind == PsiKind.REGNN_IDENTITY_START) deadIdentity++;
          }
        }
      }
    }
    assertTrue(deadSpec > 0, "expected some dead Ψ with the default start");
    assertEquals(0, deadIdentity);
  }

  @Test
  void networkWithRegnnPsiIsPermutationEquivariant() {
    Uwmmse model = withLiveTaps(new Uwmmse(regnn(PsiKind.REGNN)), 3);
    try (var off = Autograd.noGrad()) {
      Tensor base = model.apply(SisoProblem.ofAmplitudes(g, S2, 1)).powers();
      int[] pi = Random.permutation(new SplittableRandom(9), 20);
      Tensor got = model.apply(SisoProblem.ofAmplitudes(TestChannels.permute(g, pi), S2, 1)).powers();
      assertTrue(TestChannels.relativeError(base.gather(1, pi), got) < 1e-12);
    }
  }

  @Test
  void forcedWmmseIgnoresThePsiKind() {
    Trajectory t = new Uwmmse(regnn(PsiKind.REGNN)).applyAsWmmse(SisoProblem.ofAmplitudes(g, S2, 1));
    double gap = Wmmse.of(4).run(SisoProblem.ofAmplitudes(g, S2, 1)).powers().sub(t.powers()).abs().max(1).max(0).item();
    assertTrue(gap < 1e-13, "max |dp| = " + gap);
  }

  @Test
  void noGradChunkedInferenceEqualsTheRecordedForward() {
    Tensor big = NET.sample(TOPO, 150, 22);
    Uwmmse model = withLiveTaps(new Uwmmse(regnn(PsiKind.REGNN_IDENTITY_START)), 4);
    Tensor recorded = model.apply(SisoProblem.ofAmplitudes(big, S2, 1)).powers();
    assertArrayEquals(recorded.toArray(), model.allocate(SisoProblem.ofAmplitudes(big, S2, 1)).tensor().toArray(), 0);
  }

  @Test
  void lossGradientMatchesCentralDifferences() {
    AdHocSiso small = NET.withPairs(6);
    Tensor gs = small.sample(small.drop(4), 3, 5);
    Uwmmse model = withLiveTaps(new Uwmmse(regnn(PsiKind.REGNN).withLayers(3)), 6);
    long k = 0;
    for (var e : model.namedParameters().entrySet()) {
      if (e.getKey().endsWith("mu")) e.getValue().set(Tensor.of(new double[] {0.05 * (++k % 3 - 1)}, 1));
    }
    model.zeroGrad();
    Utility u = Utility.sumRate();
    u.loss(SisoProblem.ofAmplitudes(gs, S2, 1), model.apply(SisoProblem.ofAmplitudes(gs, S2, 1)).powers()).backward();
    double eps = 1e-5, maxGrad = 0, maxErr = 0;
    for (Parameter p : model.parameters()) {
      double[] x = p.value().data();
      double[] analytic = p.grad().toArray();
      for (int i = 0; i < x.length; i++) {
        double keep = x[i];
        x[i] = keep + eps;
        double up = loss(model, gs, u);
        x[i] = keep - eps;
        double down = loss(model, gs, u);
        x[i] = keep;
        maxErr = Math.max(maxErr, Math.abs((up - down) / (2 * eps) - analytic[i]));
        maxGrad = Math.max(maxGrad, Math.abs(analytic[i]));
      }
    }
    assertTrue(maxGrad > 0, "all gradients are zero");
    assertTrue(maxErr / maxGrad <= 1e-5, "relative error " + maxErr / maxGrad);
  }

  private static double loss(Uwmmse model, Tensor g, Utility u) {
    try (var off = Autograd.noGrad()) {
      return u.loss(SisoProblem.ofAmplitudes(g, S2, 1), model.apply(SisoProblem.ofAmplitudes(g, S2, 1)).powers()).item();
    }
  }

  @Test
  void refusesNodeFeaturesWithAnRegnnPsi() {
    assertThrows(IllegalArgumentException.class, () -> regnn(PsiKind.REGNN).withFeatures(3));
    assertThrows(IllegalArgumentException.class, () -> UwmmseConfig.defaults().withFeatures(3).withPsi(PsiKind.REGNN));
    Uwmmse model = new Uwmmse(regnn(PsiKind.REGNN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.apply(SisoProblem.ofAmplitudes(g, S2, 1), Tensor.ones(20, 1)));
    assertTrue(e.getMessage().contains("no node features"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UwmmseConfig.defaults().withPsi(null));
  }

  @Test
  void checkpointsRecordThePsiNetwork(@TempDir Path dir) {
    ChannelSource src = ChannelSource.fresh(NET, TOPO, 7);
    assertEquals("GCN", Training.uwmmse(UwmmseConfig.defaults(), src).budget(TrainingBudget.of(1, 3)).settings()
        .get("train.model.psi"));
    Recipe<Uwmmse, SisoProblem> recipe = Training.uwmmse(regnn(PsiKind.REGNN_IDENTITY_START), src)
        .budget(TrainingBudget.of(1, 3));
    assertEquals("REGNN_IDENTITY_START", recipe.settings().get("train.model.psi"));
    CheckpointFiles file = CheckpointFiles.of(dir.resolve("regnn-psi.ckpt"));
    Trained<Uwmmse> first = recipe.loadOrTrain(file);
    Trained<Uwmmse> again = recipe.loadOrTrain(file);
    assertTrue(again.loaded());
    assertArrayEquals(first.model().allocate(SisoProblem.ofAmplitudes(g, S2, 1)).tensor().toArray(), again.model().allocate(SisoProblem.ofAmplitudes(g, S2, 1)).tensor().toArray(), 0);
    Trained<Uwmmse> other = Training.uwmmse(regnn(PsiKind.REGNN), src).budget(TrainingBudget.of(1, 3))
        .loadOrTrain(file);
    assertFalse(other.loaded(), "another Ψ start must not load this checkpoint");
  }
}
