package rrm.solver;

import java.util.Arrays;
import rrm.system.UrllcProblem;
import rrm.tensor.Parallel;
import rrm.utility.MmseReceiver;

/**
 * Equal uplink power {@code q_k = P / K} with MMSE receive beams (USRMNet paper eq. 9) and the dual downlink
 * beamformers: a reference row that is not in the paper. An instance is flagged when some user misses the QoS SINR
 * nu_3 (its rate is still reported). The iteration count is 0.
 */
public final class EqualPowerMmse implements UrllcMethod {
  @Override
  public String name() {
    return "EP-MMSE";
  }

  @Override
  public UrllcSolution solve(UrllcProblem p) {
    UrllcSolution out = new UrllcSolution(p);
    int k = p.users();
    Parallel.forRange(p.batch(), Parallel.grain(8L * k * k * (k + p.txAntennas())), (lo, hi) -> {
      double[] q = new double[k];
      Arrays.fill(q, p.pMax() / k);
      for (int b = lo; b < hi; b++) out.set(p, b, MmseReceiver.of(p, b), q, 0, true);
    });
    return out;
  }
}
