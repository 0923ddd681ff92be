package rrm.model.unrolled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import rrm.nn.Module;
import rrm.optim.Adam;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingCallback;
import rrm.optim.TrainingBudget;
import rrm.tensor.Autograd;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * UPGDNet on the toy problem {@link ResourceQp}: L {@link ResourceQpLayer}s from the all-zero start, trained greedily
 * (USRMNet paper Alg. 2): layer l starts fresh and trains on the output of the frozen layers before it, on fresh
 * instances every mini-batch (batch t of layer l from stream t of {@code seed + l}), Adam 10^-3, the layer's
 * multi-task loss with its dual step; the parameters of the last epoch's best mean loss are kept.
 */
public final class ResourceQpNet extends Module {
  /** A mini-batch of one layer's training: the instances and the frozen layers' output on them. */
  public record Batch(ResourceQp qp, Tensor x0) {}

  /** Dual step of the budget's multiplier (per mini-batch). */
  public static final double DUAL_STEP = 1e-1;

  private final List<ResourceQpLayer> layers = new ArrayList<>();

  /** Returns the network of {@code layers} (at least one). */
  public ResourceQpNet(List<ResourceQpLayer> layers) {
    if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("ResourceQpNet: needs at least one layer");
    for (int l = 0; l < layers.size(); l++) this.layers.add(child("layer" + l, layers.get(l)));
  }

  /** Returns the layers in order. */
  public List<ResourceQpLayer> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** Returns the points after each layer, the all-zero start first ({@code L + 1} points {@code [B, n]}). */
  public List<Tensor> trajectory(ResourceQp qp) {
    List<Tensor> out = new ArrayList<>();
    Tensor x = qp.zeros();
    out.add(x);
    for (ResourceQpLayer layer : layers) {
      x = layer.apply(qp, x);
      out.add(x);
    }
    return out;
  }

  /** Returns the output of the last layer. */
  public Tensor apply(ResourceQp qp) {
    List<Tensor> t = trajectory(qp);
    return t.get(t.size() - 1);
  }

  /**
   * Returns the recipe of layer {@code layer} (1-based) on top of the frozen layers {@code before}: instances of
   * {@code n} tasks, {@code steps} mini-batches of {@code batch} in epochs of {@code steps / 10} (at least 1).
   */
  public static Recipe<ResourceQpLayer, Batch> layerRecipe(List<ResourceQpLayer> before, int n, int layer, int hidden,
      int steps, int batch, long seed) {
    if (layer < 1 || steps < 1 || batch < 1 || n < 1) {
      throw new IllegalArgumentException("ResourceQpNet.layerRecipe: need layer, steps, batch and n >= 1, got "
          + layer + ", " + steps + ", " + batch + ", " + n);
    }
    List<ResourceQpLayer> frozen = List.copyOf(before);
    long s = seed + layer;
    int epochs = Math.min(10, steps), perEpoch = Math.max(1, steps / epochs);
    return Recipe.<ResourceQpLayer, Batch>named("resource-qp-upgd-greedy")
        .model(() -> new ResourceQpLayer(hidden, DUAL_STEP, s), new ResourceQpLayer(hidden, DUAL_STEP, s).settings())
        .optimizer(m -> Adam.of(m, 1e-3))
        .data("ResourceQp n = " + n + ", fresh instances, seed " + seed + ", after " + frozen.size() + " layers",
            (step, size) -> {
              ResourceQp qp = ResourceQp.sample(n, size, Random.stream(s, step));
              try (var off = Autograd.noGrad()) {
                Tensor x = qp.zeros();
                for (ResourceQpLayer f : frozen) x = f.apply(qp, x);
                return new Batch(qp, x);
              }
            })
        .batch(batch)
        .loss((m, b) -> m.trainingLoss(b.qp(), b.x0()))
        .budget(TrainingBudget.named("demo", epochs, perEpoch))
        .setting("layer", layer);
  }

  /**
   * Trains {@code layers} layers greedily (nothing is saved: the toy trains in seconds) and returns the network;
   * layer l (1-based) trains with the callback {@code progress.apply(l)} (null, or a null callback: none) and
   * {@code report} (may be null) receives each trained layer.
   */
  public static ResourceQpNet trainGreedy(int n, int layers, int hidden, int stepsPerLayer, int batch, long seed,
      IntFunction<TrainingCallback> progress, Consumer<Trained<ResourceQpLayer>> report) {
    if (layers < 1) throw new IllegalArgumentException("ResourceQpNet.trainGreedy: layers must be >= 1, got " + layers);
    List<ResourceQpLayer> done = new ArrayList<>();
    for (int l = 1; l <= layers; l++) {
      Recipe<ResourceQpLayer, Batch> r = layerRecipe(done, n, l, hidden, stepsPerLayer, batch, seed);
      TrainingCallback c = progress == null ? null : progress.apply(l);
      Trained<ResourceQpLayer> t = (c == null ? r : r.callback(c)).train();
      done.add(t.model());
      if (report != null) report.accept(t);
    }
    return new ResourceQpNet(done);
  }
}
