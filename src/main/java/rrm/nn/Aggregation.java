package rrm.nn;

/**
 * How {@link DenseMessagePassing} combines the messages arriving at a node (paper 003).
 *
 * <ul>
 *   <li>{@link #MAX}: elementwise maximum over in-neighbours; the gradient goes to the first maximal message; a node
 *       without in-neighbours gets 0 (PyG scatter-max semantics).</li>
 *   <li>{@link #SUM}: sum over in-neighbours (0 when there are none).</li>
 *   <li>{@link #MEAN}: mean over in-neighbours (0 when there are none).</li>
 * </ul>
 */
public enum Aggregation {
  MAX,
  SUM,
  MEAN;

  /** Returns the name in lower case ({@code max}, {@code sum}, {@code mean}), as settings and file names use it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
