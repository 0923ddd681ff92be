package rrm.paper.p003;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.channel.D2dPowerControl;
import rrm.channel.D2dSamples;
import rrm.model.gnn.AmplitudeScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.system.SisoProblem;

/**
 * One network size of the "any number of pairs" check (§III-C b): an untrained paper-sized WCGCN
 * ({@code Wcgcn.paper(modelSeed)}, amplitude scaling fitted on {@code scalingSamples} layouts of the K = 50 training
 * stream) on one layout of K pairs at the Table III density, with its local-CSI graph of radius
 * {@code csiRadius}. A value of plain fields, so that a sweep can send it to other JVMs; {@link #run()} returns the
 * graph's size and the range of the powers.
 *
 * @param pairs K
 * @param layoutSeed seed of the layout stream (layout 0 is used)
 * @param dMin, dMax range of the direct-link distance (m)
 * @param csiRadius D of the local-CSI graph (m)
 * @param modelSeed seed of the initial parameters
 * @param scalingSeed seed of the training layouts that fix the amplitude scaling
 * @param scalingSamples how many of them
 */
public record GraphSizeRun(int pairs, long layoutSeed, double dMin, double dMax, double csiRadius, long modelSeed,
    long scalingSeed, int scalingSamples) implements Serializable {

  public GraphSizeRun {
    if (pairs < 1) throw new IllegalArgumentException("GraphSizeRun: pairs must be at least 1, got " + pairs);
    if (scalingSamples < 1) {
      throw new IllegalArgumentException("GraphSizeRun: scalingSamples must be at least 1, got " + scalingSamples);
    }
    if (!(csiRadius > 0)) throw new IllegalArgumentException("GraphSizeRun: csiRadius must be > 0, got " + csiRadius);
  }

  /** Returns the amplitude scaling fitted on the training layouts of the base setting. */
  public AmplitudeScaling scaling() {
    return AmplitudeScaling.fit(Paper003.powerControl(dMin, dMax).samples(scalingSeed, 0, scalingSamples).problem());
  }

  /** Returns the scenario of K pairs at the Table III density. */
  public D2dPowerControl scenario() {
    return Paper003.powerControlSameDensity(pairs, dMin, dMax);
  }

  /** Returns the graph of layout 0 of the layout stream, with features scaled by {@code scaling}. */
  public ChannelGraph graph(AmplitudeScaling scaling) {
    D2dSamples<SisoProblem> s = scenario().samples(layoutSeed, 0, 1);
    return ChannelGraph.powerControl(s.problem(), s.graph(csiRadius), scaling);
  }

  /**
   * Returns the side of the square (m), the edge count and mean in-degree of the graph, the parameter count of the
   * network, how many powers it returned and their minimum and maximum (units of P_max).
   */
  public Map<String, Object> run() {
    ChannelGraph g = graph(scaling());
    Wcgcn net = Wcgcn.paper(modelSeed);
    double[] p = net.allocate(g).tensor().data();
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double x : p) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("side_m", Math.round(10 * scenario().layout().side()) / 10.0);
    m.put("edges", g.graph().edgeCount());
    m.put("mean_in_degree", g.graph().meanInDegree());
    m.put("parameters", net.parameterCount());
    m.put("powers_returned", p.length);
    m.put("p_min", lo);
    m.put("p_max", hi);
    return m;
  }
}
