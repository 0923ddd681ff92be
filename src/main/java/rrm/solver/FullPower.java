package rrm.solver;

import rrm.tensor.Tensor;

/** The full-power baseline {@code p = pmax 1} (spec §3.6): every transmitter at its budget. */
public record FullPower() implements PowerAllocation {
  @Override
  public String name() {
    return "full power";
  }

  @Override
  public Tensor powers(Tensor g, double noiseVariance, double pMax) {
    ChannelState h = ChannelState.of(g, noiseVariance, pMax);
    return Tensor.full(pMax, h.batch(), h.pairs());
  }
}
