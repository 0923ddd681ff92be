package rrm.model.unrolled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import rrm.nn.Module;
import rrm.solver.UrllcMethod;
import rrm.solver.UrllcSolution;
import rrm.system.UrllcProblem;

/**
 * USRMNet (USRMNet paper §III, Fig. 4): L {@link UsrmnetLayer}s, each followed by the MMSE beam update (eq. 9) for
 * its powers, from the minimum-power start ({@link UsrmnetState#start}). The layers share no weights; they are
 * trained greedily, one after the other, each on the frozen output of the ones before.
 *
 * <p>As a method it returns the uplink powers of the last layer with their MMSE beams and the dual downlink
 * beamformers; {@link #run} also gives the violation {@code V_b} of the last layer's auxiliary variables.
 */
public final class Usrmnet extends Module implements UrllcMethod {
  private final List<UsrmnetLayer> layers = new ArrayList<>();

  /** Returns the network of {@code layers} (at least one, all for the same K). */
  public Usrmnet(List<UsrmnetLayer> layers) {
    if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("Usrmnet: needs at least one layer");
    int k = layers.get(0).config().users();
    for (int l = 0; l < layers.size(); l++) {
      UsrmnetLayer layer = layers.get(l);
      if (layer.config().users() != k) {
        throw new IllegalArgumentException("Usrmnet: layer " + l + " is built for K = " + layer.config().users()
            + ", layer 0 for K = " + k);
      }
      this.layers.add(child("layer" + l, layer));
    }
  }

  /** Returns the layers in order. */
  public List<UsrmnetLayer> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** Returns the states after each layer, the start first ({@code L + 1} states). */
  public List<UsrmnetState> trajectory(UrllcProblem p) {
    List<UsrmnetState> out = new ArrayList<>();
    UsrmnetState s = UsrmnetState.start(p);
    out.add(s);
    for (UsrmnetLayer layer : layers) {
      s = s.advance(layer);
      out.add(s);
    }
    return out;
  }

  /** Returns the state after the last layer. */
  public UsrmnetState run(UrllcProblem p) {
    List<UsrmnetState> t = trajectory(p);
    return t.get(t.size() - 1);
  }

  @Override
  public String name() {
    return "USRMNet";
  }

  @Override
  public UrllcSolution solve(UrllcProblem p) {
    UsrmnetState s = run(p);
    boolean[] ok = new boolean[p.batch()];
    for (int b : s.reachable()) ok[b] = true;
    int[] iters = new int[p.batch()];
    java.util.Arrays.fill(iters, layers.size());
    return UrllcSolution.ofUplink(p, s.powers(), ok, iters);
  }
}
