package rrm.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rrm.tensor.Tensor;

/** Every problem type validates itself once, at construction, with messages naming argument, expectation and value. */
class ProblemsTest {
  private static String error(org.junit.jupiter.api.function.Executable body) {
    return assertThrows(IllegalArgumentException.class, body).getMessage();
  }

  @Test
  void sisoSingleSampleIsABatchOfOneAndGainsAreSquaredAmplitudes() {
    Tensor g = Tensor.of(new double[] {1, 0.5, 0.25, 2}, 2, 2);
    SisoProblem a = SisoProblem.ofAmplitudes(g, 0.1, 1);
    assertArrayEquals(new int[] {1, 2, 2}, a.amplitudes().shape());
    SisoProblem b = SisoProblem.ofPowerGains(g.square(), 0.1, 1);
    assertArrayEquals(a.amplitudes().toArray(), b.amplitudes().toArray(), 0);
    assertArrayEquals(new double[] {1, 0.25, 0.0625, 4}, a.powerGains().toArray(), 0);
    assertEquals(0.1, a.noiseVariance());
    assertEquals(1.0, a.pMax());
    assertArrayEquals(new double[] {1, 2}, a.direct().toArray(), 0);
  }

  @Test
  void sisoRejectsBadInput() {
    assertEquals("SisoProblem.ofAmplitudes: amplitudes must be [B, M, M] or [M, M] with B, M >= 1 (row = receiver, "
        + "column = transmitter), got [2, 3, 4]", error(() -> SisoProblem.ofAmplitudes(Tensor.ones(2, 3, 4), 1, 1)));
    assertEquals("SisoProblem.ofAmplitudes: amplitudes must not be null", error(() -> SisoProblem.ofAmplitudes(null,
        1, 1)));
    Tensor nan = Tensor.ones(1, 2, 2);
    nan.data()[3] = Double.NaN;
    assertEquals("SisoProblem.ofAmplitudes: amplitudes of shape [1, 2, 2] contains a non-finite value (NaN) at flat "
        + "index 3", error(() -> SisoProblem.ofAmplitudes(nan, 1, 1)));
    assertEquals("SisoProblem.ofAmplitudes: the noise variance must be >= 0 and finite, got -0.1",
        error(() -> SisoProblem.ofAmplitudes(Tensor.ones(2, 2), -0.1, 1)));
    assertEquals("SisoProblem.ofAmplitudes: the power budget pMax must be > 0 and finite, got 0.0",
        error(() -> SisoProblem.ofAmplitudes(Tensor.ones(2, 2), 0.1, 0)));
    assertTrue(error(() -> SisoProblem.ofAmplitudes(Tensor.complexZeros(2, 2), 1, 1)).contains("must be real"));
    Tensor signed = Tensor.of(new double[] {1, -0.3, 0.2, 1}, 2, 2);
    String m = error(() -> SisoProblem.ofPowerGains(signed, 1, 1));
    assertTrue(m.startsWith("SisoProblem.ofPowerGains: powerGains must be >= 0, got -0.3 at flat index 1"), m);
    assertTrue(m.contains("did you pass amplitudes?"), m);
    SisoProblem p = SisoProblem.ofAmplitudes(Tensor.ones(3, 2, 2), 1, 1);
    assertEquals("SisoProblem.withBudgets: budgets must have 2 entries (one per transmitter), got 3",
        error(() -> p.withBudgets(1, 1, 1)));
    assertEquals("SisoProblem.withBudgets: budgets must be > 0 and finite, got 0.0 at index 1",
        error(() -> p.withBudgets(1, 0)));
    assertEquals("SisoProblem.withNoise: noise must be >= 0 and finite, got NaN at index 0",
        error(() -> p.withNoise(Double.NaN, 1)));
    assertEquals("SisoProblem.withWeights: weights must be [2] or [3, 2] (one per link), got [3]",
        error(() -> p.withWeights(Tensor.ones(3))));
    assertTrue(error(() -> p.withWeights(Tensor.full(-1, 2))).contains("weights must be >= 0"));
    assertEquals("SisoProblem.slice: the range [2, 5) must be a non-empty part of [0, 3)", error(() -> p.slice(2, 5)));
    assertThrows(IllegalStateException.class, () -> p.withBudgets(1, 2).pMax());
  }

  @Test
  void sisoPerLinkNoiseBudgetsAndWeightsSliceWithTheBatch() {
    SisoProblem p = SisoProblem.ofAmplitudes(Tensor.rand(1, 4, 3, 3), 0.1, 1).withNoise(0.1, 0.2, 0.3)
        .withBudgets(1, 2, 3).withWeights(Tensor.of(new double[] {1, 2, 3}, 3));
    SisoProblem part = p.slice(1, 3);
    assertEquals(2, part.batch());
    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, part.noise(), 0);
    assertArrayEquals(new double[] {1, 2, 3}, part.budgets(), 0);
    assertArrayEquals(new int[] {2, 3}, part.weights().shape());
    assertSame(p, p.slice(0, 4));
    Tensor ipn = p.interferencePlusNoise(Tensor.zeros(4, 3));
    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, ipn.slice(0, 0, 1).toArray(), 0);
  }

  @Test
  void mimoProblemsUseTheOneLayoutAndRejectBadInput() {
    Tensor h = Tensor.complexRandn(1, 2, 3, 2, 3, 5);
    MimoProblem p = MimoProblem.of(h, 0.5, 2);
    assertEquals(2, p.batch());
    assertEquals(3, p.users());
    assertEquals(2, p.rxAntennas());
    assertEquals(5, p.txAntennas());
    assertEquals(1, MimoProblem.of(h.select(0, 0), 0.5, 2).batch(), "a single instance is a batch of one");
    assertEquals(2, p.withStreams(2).streams());
    assertTrue(error(() -> p.withStreams(3)).contains("streams must be in [1, min(N_r, N_t)] = [1, 2], got 3"));
    assertTrue(error(() -> MimoProblem.of(Tensor.randn(1, 1, 2, 1, 2, 2), 1, 1)).contains("must be complex"));
    assertTrue(error(() -> MimoProblem.of(Tensor.complexRandn(1, 3, 3, 5), 1, 1)).contains("rank 3"));
    assertTrue(error(() -> MimoProblem.of(Tensor.complexRandn(1, 2, 3, 2, 4, 5), 1, 1))
        .contains("must have the same size K"));
    assertTrue(error(() -> MimoProblem.of(Tensor.complexZeros(1, 2, 0, 2, 3), 1, 1)).contains(">= 1"));
    assertTrue(error(() -> MimoProblem.of(h, -1, 1)).contains("noise variance must be >= 0"));
    assertTrue(error(() -> MimoProblem.of(h, 1, Double.NaN)).contains("pMax must be > 0"));
  }

  @Test
  void multicellAndUrllcProblemsCheckTheirOwnArguments() {
    Tensor h = Tensor.complexRandn(2, 1, 4, 1, 2, 3);
    MulticellProblem m = MulticellProblem.of(h, new int[] {0, 0, 1, 1}, 1, 5);
    assertEquals(2, m.cells());
    assertTrue(error(() -> MulticellProblem.of(h, new int[] {0, 2, 1, 1}, 1, 5))
        .contains("servingCell[1] must name a base station in [0, 2), got 2"));
    assertTrue(error(() -> MulticellProblem.of(h, new int[] {0}, 1, 5)).contains("one entry per user (4)"));
    Tensor d = Tensor.complexRandn(3, 2, 4, 8);
    UrllcProblem u = UrllcProblem.of(d, 1, 10, 128, 1e-5, 256);
    assertArrayEquals(new int[] {2, 4, 1, 1, 8}, u.channels().shape());
    assertTrue(error(() -> UrllcProblem.of(d, 1, 10, 0, 1e-5, 256)).contains("blocklength n must be >= 1"));
    assertTrue(error(() -> UrllcProblem.of(d, 1, 10, 128, 1, 256)).contains("error probability must be in (0, 1)"));
    assertTrue(error(() -> UrllcProblem.of(Tensor.complexRandn(1, 2, 4, 2, 1, 8), 1, 10, 128, 1e-5, 256))
        .contains("[B, K, 1, 1, N_t]"));
  }

  @Test
  void allocationsAreValidatedAndCheckedAgainstBudgets() {
    assertTrue(error(() -> Powers.of(Tensor.of(new double[] {1, -1}, 1, 2))).contains("powers must be >= 0"));
    assertTrue(error(() -> Powers.of(Tensor.of(new double[] {1, Double.NaN}, 1, 2))).contains("non-finite"));
    assertTrue(error(() -> Powers.of(Tensor.ones(2))).contains("powers must be [B, M]"));
    SisoProblem p = SisoProblem.ofAmplitudes(Tensor.ones(1, 2, 2), 1, 1).withBudgets(1, 2);
    Powers.of(Tensor.of(new double[] {1, 2}, 1, 2)).checkFeasible(p);
    assertEquals("Powers.checkFeasible: instance 0, transmitter 1 has power 2.5 above its budget 2.0",
        error(() -> Powers.of(Tensor.of(new double[] {1, 2.5}, 1, 2)).checkFeasible(p)));
    assertTrue(error(() -> Powers.of(Tensor.ones(1, 3)).checkFeasible(p)).contains("do not fit"));
    MimoProblem mimo = MimoProblem.of(Tensor.complexRandn(3, 1, 2, 1, 2, 3), 1, 1);
    Tensor v = Tensor.complexRandn(4, 1, 2, 3, 1).mul(0.1);
    Beamformers.of(v).checkFeasible(mimo);
    assertTrue(error(() -> Beamformers.of(v.mul(100)).checkFeasible(mimo)).contains("above its budget 1.0"));
    assertTrue(error(() -> Beamformers.of(v.real())).contains("must be complex"));
    assertTrue(error(() -> Beamformers.of(v).checkFeasible(p)).contains("beamformers allocate a MIMO"));
  }
}
