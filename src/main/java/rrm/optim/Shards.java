package rrm.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * Data-parallel loss and gradient: a batch of n samples is cut into a fixed number of shards, shard i holding
 * samples {@code [i n / S, (i + 1) n / S)}; each shard's loss and gradient are computed on a replica of the model
 * (its own autograd graph, its own gradient buffers) on the threads of {@link Parallel}, and the model receives the
 * size-weighted means
 *
 * <pre>  L = Σ_i (n_i / n) L_i,     ∇L = Σ_i (n_i / n) ∇L_i</pre>
 *
 * summed in shard order. For a loss that is a mean over the samples of its batch this is the loss of the whole batch
 * up to rounding. The shards depend only on n and S, never on the number of threads, so 1 thread and N threads give
 * bit-identical results (the shards then run one after the other); a different S changes the rounding, so S is part
 * of a training recipe ({@link Recipe#shards}). Used by the {@link Trainer} ({@link Trainer#shards}).
 *
 * <p>Replicas are made once from the factory, checked to have the model's parameter names and shapes, and receive
 * the model's parameter values before every step. Models with buffers (batch normalisation) are refused: each
 * replica would track its own running statistics.
 *
 * @param <M> the model type
 * @param <B> the batch type
 */
public final class Shards<M extends Module, B> {
  /**
   * How to cut a batch: its number of samples and the batch of samples {@code [from, to)}; for example
   * {@code Sharding.of(MimoProblem::batch, MimoProblem::slice)}.
   */
  public interface Sharding<B> {
    /** Returns the number of samples in {@code batch}. */
    int size(B batch);

    /** Returns the samples {@code [from, to)} of {@code batch} as a batch. */
    B slice(B batch, int from, int to);

    /** Returns the sharding with the given size and slice functions. */
    static <B> Sharding<B> of(ToIntFunction<B> size, Slicer<B> slice) {
      return new Sharding<>() {
        @Override
        public int size(B batch) {
          return size.applyAsInt(batch);
        }

        @Override
        public B slice(B batch, int from, int to) {
          return slice.slice(batch, from, to);
        }
      };
    }
  }

  /** The slice function of a {@link Sharding}. */
  @FunctionalInterface
  public interface Slicer<B> {
    /** Returns the samples {@code [from, to)} of {@code batch} as a batch. */
    B slice(B batch, int from, int to);
  }

  private final int count;
  private final Supplier<? extends M> factory;
  private final Sharding<B> sharding;
  private final List<M> replicas = new ArrayList<>();
  /** The parameters of each replica by name, looked up once. */
  private final List<Map<String, Parameter>> replicaParameters = new ArrayList<>();

  private Shards(int count, Supplier<? extends M> factory, Sharding<B> sharding) {
    this.count = count;
    this.factory = factory;
    this.sharding = sharding;
  }

  /**
   * Returns data parallelism over {@code count} shards, replicas made by {@code replicas} (a fresh model of the same
   * architecture; its initial values do not matter), batches cut by {@code sharding}.
   */
  public static <M extends Module, B> Shards<M, B> of(int count, Supplier<? extends M> replicas,
      Sharding<B> sharding) {
    if (count < 1) throw new IllegalArgumentException("Shards.of: count must be >= 1, got " + count);
    if (replicas == null || sharding == null) {
      throw new IllegalArgumentException("Shards.of: the replica factory and the sharding must not be null");
    }
    return new Shards<>(count, replicas, sharding);
  }

  /** Returns the number of shards S. */
  public int count() {
    return count;
  }

  /**
   * Computes the loss of {@code model} on {@code batch} shard by shard (see the class) and adds its gradient to the
   * gradients of {@code model}'s parameters; the replicas run in training mode. Returns the loss, or a non-finite
   * value (and leaves the gradients alone) when a shard's loss is not finite. A batch smaller than S gives one shard
   * per sample.
   */
  public double lossAndGradient(M model, B batch, BiFunction<? super M, ? super B, Tensor> loss) {
    int n = sharding.size(batch);
    if (n < 1) throw new IllegalArgumentException("Shards: the batch has " + n + " samples");
    int s = Math.min(count, n);
    ensureReplicas(model, s);
    Map<String, Parameter> master = model.namedParameters();
    double[] losses = new double[s];
    Parallel.forRange(s, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        M replica = replicas.get(i);
        Map<String, Parameter> own = replicaParameters.get(i);
        master.forEach((name, p) -> own.get(name).set(p.value()));
        replica.zeroGrad();
        B part = sharding.slice(batch, (int) ((long) i * n / s), (int) ((long) (i + 1) * n / s));
        losses[i] = Trainer.lossAndGradient(replica, part, loss, "in shard " + i);
      }
    });
    double value = 0;
    for (int i = 0; i < s; i++) value += weight(i, n, s) * losses[i];
    if (!Double.isFinite(value)) return value;
    for (Map.Entry<String, Parameter> e : master.entrySet()) {
      Tensor sum = null;
      for (int i = 0; i < s; i++) {
        Tensor g = replicaParameters.get(i).get(e.getKey()).grad();
        if (g == null) continue;
        Tensor part = g.mul(weight(i, n, s));
        sum = sum == null ? part : sum.add(part);
      }
      if (sum != null) e.getValue().value().backward(sum);  // adds sum to the leaf's gradient
    }
    for (M r : replicas) r.zeroGrad();
    return value;
  }

  private static double weight(int i, int n, int s) {
    long from = (long) i * n / s, to = (long) (i + 1) * n / s;
    return (double) (to - from) / n;
  }

  private void ensureReplicas(M model, int needed) {
    if (!model.namedBuffers().isEmpty()) {
      throw new IllegalArgumentException("Shards: the model has buffers " + model.namedBuffers().keySet()
          + " (batch normalisation); each shard would keep its own running statistics, so train it unsharded");
    }
    while (replicas.size() < needed) {
      M r = factory.get();
      Map<String, Parameter> mine = model.namedParameters(), theirs = r.namedParameters();
      if (!mine.keySet().equals(theirs.keySet())) {
        throw new IllegalArgumentException("Shards: a replica's parameters " + theirs.keySet() + " differ from the"
            + " model's " + mine.keySet());
      }
      mine.forEach((name, p) -> {
        Parameter q = theirs.get(name);
        if (!Arrays.equals(p.shape(), q.shape()) || p.value().isComplex() != q.value().isComplex()) {
          throw new IllegalArgumentException("Shards: parameter '" + name + "' of a replica is " + q + ", the model's"
              + " is " + p);
        }
      });
      replicas.add(r);
      replicaParameters.add(theirs);
    }
  }
}
