package rrm.system;

/**
 * A way to allocate resources for a problem: every classical solver and every learned model. A notebook compares
 * methods by putting them in one list and calling {@link #allocate} on the same problem.
 *
 * <p>{@code allocate} runs without recording gradients; large batches run in parallel chunks inside the method, with
 * results that do not depend on the chunking or the number of threads.
 *
 * @param <P> the problem type
 * @param <A> the allocation type
 */
public interface Method<P extends Problem, A extends Allocation> {
  /** Returns a short name for tables and legends ("WMMSE-100", "UWMMSE-4", ...). */
  String name();

  /** Returns the allocation for every instance of {@code problem}. */
  A allocate(P problem);

}
