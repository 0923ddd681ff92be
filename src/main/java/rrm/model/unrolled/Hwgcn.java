package rrm.model.unrolled;

import java.util.ArrayList;
import java.util.List;
import rrm.nn.Init;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The graph network of USRMNet (paper eq. 11): layers of polynomial graph filters without bias,
 * {@code Z_l = act(sum_{t < taps} A^t Z_{l-1} B_{l,t})} with {@code B_{l,t} [F_{l-1}, F_l]}, tanh on hidden layers
 * and no activation on the output. With the paper's single tap ({@code A^0 = I}) each layer is a per-user linear
 * map, so the network is a per-user MLP without bias and the graph enters only through the input features; more
 * taps need a shift operator {@code A [B, K, K]}.
 *
 * <p>Shapes: {@code Z [B, K, F_0] -> [B, K, F_L]}. Initialisation: every weight uniform on [0, 1) (the authors'
 * code) or Glorot uniform; weight (layer l, tap t) is drawn from stream {@code l * taps + t} of the seed.
 */
public final class Hwgcn extends Module {
  private final int[] widths;
  private final int taps;
  private final List<Parameter[]> weights = new ArrayList<>();

  /** Returns a network of {@code widths} (input first), {@code taps >= 1}, uniform [0, 1) or Glorot weights. */
  public Hwgcn(int[] widths, int taps, boolean glorot, long seed) {
    if (widths == null || widths.length < 2) {
      throw new IllegalArgumentException("Hwgcn: needs at least an input and an output width");
    }
    if (taps < 1) throw new IllegalArgumentException("Hwgcn: taps must be >= 1, got " + taps);
    for (int w : widths) if (w < 1) throw new IllegalArgumentException("Hwgcn: widths must be >= 1, got " + w);
    this.widths = widths.clone();
    this.taps = taps;
    for (int l = 0; l + 1 < widths.length; l++) {
      Parameter[] b = new Parameter[taps];
      for (int t = 0; t < taps; t++) {
        long s = Random.stream(seed, (long) l * taps + t);
        int in = widths[l], out = widths[l + 1];
        b[t] = param("B" + l + (taps > 1 ? "_" + t : ""),
            glorot ? Init.glorotUniform(s, in, out, in, out) : Init.uniform(s, 0, 1, in, out));
      }
      weights.add(b);
    }
  }

  /** Applies the network to node features {@code z [B, K, F_0]}; {@code shift [B, K, K]} may be null with 1 tap. */
  public Tensor apply(Tensor z, Tensor shift) {
    if (taps > 1 && shift == null) throw new IllegalArgumentException("Hwgcn.apply: " + taps + " taps need a shift");
    if (z.size(z.dim() - 1) != widths[0]) {
      throw new IllegalArgumentException("Hwgcn.apply: input features must have width " + widths[0] + ", got "
          + z.size(z.dim() - 1));
    }
    for (int l = 0; l < weights.size(); l++) {
      Parameter[] b = weights.get(l);
      Tensor acc = z.matmul(b[0].value());
      Tensor az = z;
      for (int t = 1; t < taps; t++) {
        az = shift.matmul(az);
        acc = acc.add(az.matmul(b[t].value()));
      }
      z = l + 1 < weights.size() ? acc.tanh() : acc;
    }
    return z;
  }

  /** Returns the widths, input first. */
  public int[] widths() {
    return widths.clone();
  }

  /** Returns the number of taps. */
  public int taps() {
    return taps;
  }
}
