package rrm.optim;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import rrm.tensor.Random;

/**
 * Batch sources for the {@link Trainer}: functions from the 0-based step index to a batch, so that the same seed
 * always gives the same sequence of batches. Fresh samples per step are a lambda such as
 * {@code step -> scenario.sample(64, Random.stream(seed, step))}; a finite set of batches is {@link #shuffled}.
 */
public final class Batches {
  private Batches() {}

  /**
   * Cycles through a fixed list of batches in epochs, each epoch in a new order: epoch e uses the permutation drawn
   * from stream e of {@code seed} (the authors' code of paper 002 reshuffles its fixed batches after every epoch).
   */
  public static <B> IntFunction<B> shuffled(List<B> batches, long seed) {
    if (batches.isEmpty()) throw new IllegalArgumentException("Batches.shuffled: the list of batches is empty");
    List<B> fixed = List.copyOf(batches);
    int n = fixed.size();
    return step -> {
      if (step < 0) throw new IllegalArgumentException("Batches.shuffled: step must be >= 0, got " + step);
      int[] order = Random.permutation(new SplittableRandom(Random.stream(seed, step / n)), n);
      return fixed.get(order[step % n]);
    };
  }
}
