package rrm.solver;

import rrm.system.Beamformers;
import rrm.system.Method;
import rrm.system.MimoProblem;
import rrm.tensor.Tensor;

/**
 * Maximum-ratio transmission at full power for the MISO interference channel: each transmitter points its beam at
 * its own receiver and ignores interference,
 *
 * <pre>
 *   v_k = sqrt(pmax_k) h_kk^H / ||h_kk||
 * </pre>
 *
 * with {@code h_kk = H[k, 0, k, :]} the row its receiver sees ({@code y_k = h_kk v_k + ...}), so
 * {@code |h_kk v_k|^2 = pmax_k ||h_kk||^2}. A calibration baseline for paper 003 Sec. V-C. A zero direct channel gets
 * the first antenna. Needs N_r = 1 and one stream.
 */
public record Mrt() implements Method<MimoProblem, Beamformers> {
  @Override
  public String name() {
    return "MRT";
  }

  @Override
  public Beamformers allocate(MimoProblem problem) {
    if (problem == null) throw new IllegalArgumentException("Mrt.allocate: problem must not be null");
    if (problem.rxAntennas() != 1 || problem.streams() != 1) {
      throw new IllegalArgumentException("Mrt.allocate: needs single-antenna receivers and one stream (MISO), got "
          + problem);
    }
    int b = problem.batch(), k = problem.users(), nt = problem.txAntennas();
    double[] re = problem.channels().data(), im = problem.channels().imagData(), pmax = problem.budgets();
    double[] vr = new double[b * k * nt], vi = new double[b * k * nt];
    for (int s = 0; s < b; s++) {
      for (int u = 0; u < k; u++) {
        int at = ((s * k + u) * k + u) * nt, out = (s * k + u) * nt;
        double norm2 = 0;
        for (int n = 0; n < nt; n++) norm2 += re[at + n] * re[at + n] + im[at + n] * im[at + n];
        double scale = Math.sqrt(pmax[u]);
        if (norm2 == 0) {
          vr[out] = scale;
          continue;
        }
        double c = scale / Math.sqrt(norm2);
        for (int n = 0; n < nt; n++) {
          vr[out + n] = c * re[at + n];
          vi[out + n] = -c * im[at + n];
        }
      }
    }
    return Beamformers.of(Tensor.complex(vr, vi, b, k, nt, 1));
  }
}
