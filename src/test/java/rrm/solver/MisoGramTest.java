package rrm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rrm.paper.p003.Paper003;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.MimoSignals;

/**
 * The MISO sums of {@link MimoNeighbourhood#precomputed} ({@link MisoGram}): equal to the fused kernels of
 * {@link MimoNeighbourhood#of} up to rounding, whole WMMSE runs equal the reference loop to 1e-12 (not bit-identical:
 * the products are grouped differently), the objective never decreases, and the thread count does not matter.
 */
class MisoGramTest {
  /** Paper 003's beamforming layouts: N_t = 2, (2 m, 65 m), K = 40, three instances. */
  private static final MimoProblem MISO = Paper003.beamformingSameDensity(40, 2, 65).samples(77, 0, 3).problem();

  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void sumsEqualTheFusedKernels() {
    MimoProblem three = MimoProblem.of(Tensor.complexRandn(5, 2, 7, 1, 7, 3), 0.1, 1.0);  // N_t = 3: odd packing
    for (MimoProblem p : new MimoProblem[] {MISO, three}) {
      MimoSignals s = MimoSignals.of(p);
      MimoNeighbourhood fused = MimoNeighbourhood.of(s), gram = MimoNeighbourhood.precomputed(s);
      assertTrue(gram instanceof MisoGram, "MISO problems take the Gram sums");
      Tensor v = WmmseMimo.initial(s);
      for (int t = 0; t < 3; t++) v = WmmseMimo.step(s, fused, v, WmmseMimo.Rule.TEXTBOOK, null, null).v();
      MimoSignals.Received a = fused.receive(v, 1e-3), b = gram.receive(v, 1e-3);
      assertEquals(0, maxRelative(a.direct(), b.direct()), 0.0, "the direct signals are the same arithmetic");
      assertEquals(0, maxRelative(a.interference(), b.interference()), 1e-14);
      WmmseMimo.Receive r = WmmseMimo.receive(s, fused, v, 0);
      Tensor[] ta = fused.transmit(r.u(), r.wHat()), tb = gram.transmit(r.u(), r.wHat());
      assertEquals(0, maxRelative(ta[0], tb[0]), 1e-14);
      assertEquals(0, maxRelative(ta[1], tb[1]), 1e-15);
    }
  }

  @Test
  void wmmseRunsEqualTheReferenceUpdateTo1e12() {
    MimoSignals s = MimoSignals.of(MISO);
    Tensor reference = WmmseMimo.initial(s);
    MimoNeighbourhood fused = MimoNeighbourhood.of(s);
    for (int t = 0; t < 100; t++) {
      reference = WmmseMimo.step(s, fused, reference, WmmseMimo.Rule.TEXTBOOK, null, null).v();
    }
    MimoWmmse.Result fast = MimoWmmse.of(100).run(MISO);
    assertEquals(0, maxRelative(reference, fast.beamformers().tensor()), 1e-12);
    MimoWmmseTest.assertMonotone(fast.sumRates());
  }

  @Test
  void weightedMisoObjectiveNeverDecreases() {
    int k = MISO.users();
    double[] alpha = new double[k];
    for (int i = 0; i < k; i++) alpha[i] = 0.25 + (i * 7 % 5) * 0.5;
    MimoWmmseTest.assertMonotone(MimoWmmse.of(60).run(MISO.withWeights(Tensor.of(alpha, k))).sumRates());
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Parallel.setThreads(1);
    MimoWmmse.Result one = MimoWmmse.of(20).run(MISO);
    Parallel.setThreads(3);
    MimoWmmse.Result three = MimoWmmse.of(20).run(MISO);
    assertArrayEquals(one.beamformers().tensor().data(), three.beamformers().tensor().data());
    assertArrayEquals(one.beamformers().tensor().imagData(), three.beamformers().tensor().imagData());
    assertArrayEquals(one.sumRates().data(), three.sumRates().data());
  }

  @Test
  void gradientsFallBackToTheRecordingKernels() {
    MimoSignals s = MimoSignals.of(MISO);
    MimoNeighbourhood gram = MimoNeighbourhood.precomputed(s);
    Tensor v = WmmseMimo.initial(s).copy().requiresGrad(true);
    MimoSignals.Received r = gram.receive(v, 0);
    assertTrue(r.interference().requiresGrad(), "the covariances record their gradient");
    assertEquals(0, maxRelative(s.receive(v, 0).interference(), r.interference()), 0.0);
    try (var off = Autograd.noGrad()) {
      assertTrue(!gram.receive(v, 0).interference().requiresGrad(), "no recording under no-grad");
    }
  }

  @Test
  void otherProblemsKeepTheFusedKernels() {
    MimoProblem mimo = MimoProblem.of(Tensor.complexRandn(6, 1, 4, 2, 4, 2), 0.1, 1.0);
    assertNull(MisoGram.of(MimoSignals.of(mimo)), "two receive antennas");
  }

  /** Returns {@code max |a - b| / max |a|} over the real and imaginary parts. */
  private static double maxRelative(Tensor a, Tensor b) {
    assertArrayEquals(a.shape(), b.shape());
    double[] ar = a.data(), br = b.data(), ai = a.toImagArray(), bi = b.toImagArray();
    double num = 0, den = 0;
    for (int x = 0; x < ar.length; x++) {
      num = Math.max(num, Math.max(Math.abs(ar[x] - br[x]), Math.abs(ai[x] - bi[x])));
      den = Math.max(den, Math.max(Math.abs(ar[x]), Math.abs(ai[x])));
    }
    return num / den;
  }
}
