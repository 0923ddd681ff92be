package rrm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import rrm.channel.Split;
import rrm.nn.GradientCheck;
import rrm.nn.Module;
import rrm.paper.p001.Paper001;
import rrm.system.Beamformers;
import rrm.system.Method;
import rrm.system.MimoProblem;
import rrm.tensor.Autograd;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/** Shared checks of the tests of learned MIMO beamformers (paper 001's CODE channels, complex comparisons). */
public final class MimoModelChecks {
  private MimoModelChecks() {}

  /** Returns test batch {@code index} of {@code batch} CODE Rayleigh samples of size {@code m} (seed 17). */
  public static MimoProblem codeProblem(int m, int batch, long index) {
    return Paper001.network().batch(17, Split.TEST, m, index, batch);
  }

  /** Returns the largest entrywise modulus of {@code a - b} (complex tensors of one shape). */
  public static double maxAbsDiff(Tensor a, Tensor b) {
    double[] ar = a.data(), ai = a.imagData(), br = b.data(), bi = b.imagData();
    double worst = 0;
    for (int n = 0; n < ar.length; n++) worst = Math.max(worst, Math.hypot(ar[n] - br[n], ai[n] - bi[n]));
    return worst;
  }

  /**
   * Asserts that relabelling the pairs of a CODE problem (M = 7) by a fixed permutation relabels the precoders that
   * {@code model} returns, to {@code relTol} of their norm.
   */
  public static void assertRelabellingEquivariant(Function<MimoProblem, Tensor> model, double relTol) {
    MimoProblem p = codeProblem(7, 3, 1);
    int[] perm = {3, 0, 6, 1, 5, 2, 4};
    try (var off = Autograd.noGrad()) {
      Tensor hp = p.channels().gather(1, perm).gather(3, perm);
      MimoProblem q = MimoProblem.of(hp, Paper001.NOISE_CODE, Paper001.P_MAX);
      Tensor v = model.apply(p).gather(1, perm);
      Tensor vq = model.apply(q);
      double scale = Math.sqrt(v.abs2().sum().item());
      assertTrue(maxAbsDiff(v, vq) < relTol * scale, "difference " + maxAbsDiff(v, vq) + " of norm " + scale);
    }
  }

  /**
   * Asserts that {@code model} gives budget-feasible beams on a CODE batch (M = 10) and the same beams, bit for bit,
   * with one and with two threads (the caller restores the thread count).
   */
  public static void assertFeasibleAndThreadIndependent(Method<MimoProblem, Beamformers> model) {
    MimoProblem p = codeProblem(10, 40, 2);
    Parallel.setThreads(1);
    Beamformers one = model.allocate(p);
    Parallel.setThreads(2);
    Beamformers two = model.allocate(p);
    one.checkFeasible(p);
    assertEquals(0.0, maxAbsDiff(one.tensor(), two.tensor()));
  }

  /**
   * Asserts that central differences (step 1e-6) of {@code loss} agree with the recorded gradient of every parameter
   * of {@code model} to a relative error below 1e-5, and that a gradient reaches every parameter.
   */
  public static void assertEveryParameterGradientChecks(Module model, Supplier<Tensor> loss) {
    List<GradientCheck.Result> r = GradientCheck.run(model, loss, 1e-6);
    assertEquals(model.parameters().size(), r.size());
    for (GradientCheck.Result x : r) {
      assertTrue(x.maxAbsGradient() > 0, "no gradient reaches " + x);
      assertTrue(x.relativeError() < 1e-5, x.toString());
    }
  }
}
