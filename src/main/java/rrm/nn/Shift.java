package rrm.nn;

import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * A graph shift operator applied to node features: either a dense matrix S ({@code [B, N, N]} or a shared
 * {@code [N, N]}) acting as {@code S X}, or a diagonal given by its entries d ({@code [B, N]} or {@code [N]}) acting
 * as {@code diag(d) X}. Node features X are {@code [B, N, F]} (or {@code [N, F]}). Real or complex.
 *
 * <p>In the papers: S = Gᵀ (or G) is the interference graph and D = diag(G) the direct links (paper 002 eqs. 11-12); in
 * GCN-WMMSE the shift acts on antenna space (paper 004).
 */
public final class Shift {
  private final Tensor tensor;
  private final boolean diagonal;

  private Shift(Tensor tensor, boolean diagonal) {
    this.tensor = tensor;
    this.diagonal = diagonal;
  }

  /** A dense shift S of shape {@code [..., N, N]}. */
  public static Shift matrix(Tensor s) {
    if (s.dim() < 2 || s.size(-1) != s.size(-2)) {
      throw new IllegalArgumentException("Shift.matrix: expects square matrices [..., N, N], got shape "
          + Shape.str(s.shape()));
    }
    return new Shift(s, false);
  }

  /** A diagonal shift diag(d) given by its entries d of shape {@code [..., N]}. */
  public static Shift diagonal(Tensor d) {
    if (d.dim() < 1) throw new IllegalArgumentException("Shift.diagonal: expects entries [..., N], got a scalar");
    return new Shift(d, true);
  }

  /** Returns the number of nodes N. */
  public int nodes() {
    return tensor.size(-1);
  }

  /** Returns S X: {@code [B, N, F] -> [B, N, F]}. */
  public Tensor apply(Tensor x) {
    if (x.dim() < 2 || x.size(-2) != nodes()) {
      throw new IllegalArgumentException("Shift.apply: features must be [..., N, F] with N = " + nodes()
          + ", got shape " + Shape.str(x.shape()));
    }
    return diagonal ? tensor.unsqueeze(-1).mul(x) : tensor.matmul(x);
  }

  /** Returns the matrix or diagonal entries. */
  public Tensor tensor() {
    return tensor;
  }

  /** Returns whether this is a diagonal shift. */
  public boolean isDiagonal() {
    return diagonal;
  }
}
