package rrm.solver;

import java.util.SplittableRandom;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The random-power baseline: {@code p_i ~ U[0, pmax)} independently per link. Sample k draws from
 * {@code Random.stream(seed, k)}, so its powers do not depend on the batch split.
 */
public record RandomPower(long seed) implements PowerAllocation {
  @Override
  public String name() {
    return "random power";
  }

  @Override
  public Tensor powers(Tensor g, double noiseVariance, double pMax) {
    ChannelState h = ChannelState.of(g, noiseVariance, pMax);
    int b = h.batch(), m = h.pairs();
    double[] p = new double[b * m];
    for (int k = 0; k < b; k++) {
      SplittableRandom rng = new SplittableRandom(Random.stream(seed, k));
      for (int i = 0; i < m; i++) p[k * m + i] = Random.uniform(rng, 0, pMax);
    }
    return Tensor.of(p, b, m);
  }
}
