package rrm.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Inference over a large batch in chunks of consecutive samples, the chunks run in parallel, each under no-grad.
 *
 * <p>Every op of the SISO solvers and models acts on each sample separately, so splitting the batch changes no
 * result: the output is bit-identical for any chunk size and any number of threads. Chunks of about 64 samples keep
 * the working set ({@code [64, M, M]} gains and their intermediates) in cache, which is what makes a 6400-sample
 * evaluation fast; the parallelism is over chunks, not inside the small ops.
 */
public final class Chunks {
  /**
   * The default chunk: 64 samples. Measured on the SISO solvers and models at M = 20: large enough that handing a chunk
   * to a worker costs little, small enough that a chunk's gains and intermediates stay in cache.
   */
  public static final int DEFAULT_SIZE = 64;

  /** Computes one chunk's result from the sample range {@code [from, to)}. */
  @FunctionalInterface
  public interface Body<T> {
    T apply(int from, int to);
  }

  private Chunks() {}

  /** Returns {@code body} applied to {@code [0, c), [c, 2c), ...} of a batch of {@code batch}, in chunk order. */
  public static <T> List<T> map(int batch, int chunk, Body<T> body) {
    if (chunk < 1) throw new IllegalArgumentException("Chunks.map: chunk must be >= 1, got " + chunk);
    int n = (batch + chunk - 1) / chunk;
    Object[] out = new Object[n];
    Parallel.forRange(n, 1, (lo, hi) -> {
      try (var off = Autograd.noGrad()) {
        for (int c = lo; c < hi; c++) out[c] = body.apply(c * chunk, Math.min(batch, (c + 1) * chunk));
      }
    });
    List<T> list = new ArrayList<>(n);
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      T t = (T) o;
      list.add(t);
    }
    return list;
  }

  /** Concatenates per-chunk tensors along the batch axis (returns the only part as is). */
  public static Tensor concat(List<Tensor> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("Chunks.concat: no parts (empty batch?)");
    if (parts.size() == 1) return parts.get(0);
    try (var off = Autograd.noGrad()) {
      return Tensor.concat(0, parts.toArray(new Tensor[0]));
    }
  }

  /** Returns samples {@code [from, to)} of a batch tensor (the tensor itself when the range is all of it). */
  public static Tensor slice(Tensor t, int from, int to) {
    if (from == 0 && to == t.size(0)) return t;
    return t.slice(0, from, to);
  }
}
