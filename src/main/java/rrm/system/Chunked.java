package rrm.system;

import java.util.List;
import java.util.function.Function;
import rrm.tensor.Chunks;

/**
 * Runs a method's body on consecutive chunks of a problem's instances, in parallel and without gradients, and joins
 * the allocations along the batch axis: the implementation of most {@link Method#allocate}s. Every method acts on
 * each instance separately, so the result does not depend on the chunk size or the number of threads.
 */
public final class Chunked {
  private Chunked() {}

  /** Returns the powers of {@code body} applied to chunks of {@code chunk} instances of {@code problem}. */
  public static <P extends Problem> Powers powers(P problem, int chunk, Function<P, Powers> body) {
    return Powers.concat(parts(problem, chunk, body));
  }

  /** Returns the beamformers of {@code body} applied to chunks of {@code chunk} instances of {@code problem}. */
  public static <P extends Problem> Beamformers beamformers(P problem, int chunk, Function<P, Beamformers> body) {
    return Beamformers.concat(parts(problem, chunk, body));
  }

  @SuppressWarnings("unchecked")
  private static <P extends Problem, A> List<A> parts(P problem, int chunk, Function<P, A> body) {
    if (problem == null) throw new IllegalArgumentException("Chunked: problem must not be null");
    return Chunks.map(problem.batch(), chunk, (from, to) -> body.apply((P) problem.slice(from, to)));
  }
}
