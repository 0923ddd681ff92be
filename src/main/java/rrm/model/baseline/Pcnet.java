package rrm.model.baseline;

import rrm.model.AmplitudeModel;
import rrm.model.ChannelInput;
import rrm.nn.Activation;
import rrm.nn.LayerInit;
import rrm.nn.Mlp;
import rrm.nn.Module;
import rrm.tensor.Tensor;

/**
 * PCNet, the fully connected power-control network that paper 003 (Table I) takes from Liang et al. (its ref. [9]):
 * the M² channel amplitudes of one instance in, M powers out, trained without labels on the negative sum-rate.
 * Neither paper 003 nor the authors' code gives its layers; our choice (documented in the reproduction notes of
 * paper 003) is
 *
 * <pre>  x = vec_row-major(|h|),   p = pmax · sigmoid(MLP(x)),   MLP = M² → h → ... → h → M</pre>
 *
 * where every hidden layer is affine, then {@link rrm.nn.BatchNorm batch normalisation}, then ReLU (Liang et al.'s
 * fully connected layers with batch normalisation), with PyTorch's default initialisation and raw amplitudes as
 * input. The normalisation matters: without it, fed raw Gaussian-channel amplitudes (all positive, mean 0.89), the
 * network trained without labels falls within a few hundred steps into one input-independent on/off pattern with
 * saturated sigmoids and never leaves it. Train it with a {@link rrm.optim.Trainer} (which switches the batch
 * statistics on for each step); it answers with the running statistics. Shapes: G {@code [B, M, M]} (row =
 * receiver) to p {@code [B, M]} in {@code (0, pmax)}. M is fixed at construction: unlike a graph network, PCNet
 * cannot change size.
 *
 * <p>Parameter count: {@code (M² + 1) h + (L - 1)(h + 1) h + (h + 1) M + 2 L h} for L hidden layers of width h (the
 * last term: the scale and shift of each normalisation).
 */
public final class Pcnet extends Module implements AmplitudeModel {
  private final int size;
  private final double pmax;
  private final Mlp network;

  /** Returns PCNet for M pairs with the given hidden widths and power budget, weights drawn from {@code seed}. */
  public Pcnet(int m, double pmax, long seed, int... hidden) {
    if (m < 1) throw new IllegalArgumentException("Pcnet: M must be >= 1, got " + m);
    if (!(pmax > 0) || !Double.isFinite(pmax)) {
      throw new IllegalArgumentException("Pcnet: pmax must be > 0 and finite, got " + pmax);
    }
    if (hidden.length == 0) throw new IllegalArgumentException("Pcnet: needs at least one hidden width");
    this.size = m;
    this.pmax = pmax;
    int[] widths = new int[hidden.length + 2];
    widths[0] = m * m;
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = m;
    this.network = child("network", Mlp.of(widths).hidden(Activation.RELU).output(Activation.SIGMOID)
        .batchNorm().init(LayerInit.torch()).build(seed));
  }

  /** Returns the powers {@code [B, M]} for amplitudes {@code [B, M, M]} (records gradients when enabled). */
  @Override
  public Tensor apply(Tensor amplitudes) {
    ChannelInput.check("Pcnet.apply", amplitudes, size, "PCNet is built for M = " + size);
    return network.apply(amplitudes.reshape(amplitudes.size(0), size * size)).mul(pmax);
  }

  /** Returns M. */
  public int size() {
    return size;
  }

  /** Returns the layer widths {@code M², h, ..., M}. */
  public int[] widths() {
    return network.widths();
  }

  @Override
  public String name() {
    return "PCNet";
  }

  @Override
  public String toString() {
    return "PCNet M = " + size + ", pmax = " + pmax + "\n" + super.toString();
  }
}
