package rrm.system;

import java.util.List;
import rrm.tensor.Chunks;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Transmit powers {@code p [B, M]} of a power-control problem, one per transmitter, finite and >= 0. The tensor may
 * carry a gradient (a training loss is computed from the powers a model outputs).
 */
public final class Powers implements Allocation {
  /** Relative slack of the budget check: {@code p <= pmax (1 + TOLERANCE)} (rounding of {@code sqrt(pmax)^2}). */
  public static final double TOLERANCE = 1e-9;
  private final Tensor p;

  private Powers(Tensor p) {
    this.p = p;
  }

  /** Returns the allocation of powers {@code p [B, M]} (real, finite, >= 0); throws naming the offending entry. */
  public static Powers of(Tensor p) {
    String op = "Powers.of";
    Checks.notNull(op, "powers", p);
    Checks.real(op, "powers", p);
    if (p.dim() != 2) {
      throw new IllegalArgumentException(op + ": powers must be [B, M] (one per transmitter), got "
          + Shape.str(p.shape()));
    }
    Shape.finite(op, "powers", p);
    Checks.nonNegative(op, "powers", p, null);
    return new Powers(p);
  }

  /** Returns the allocations of consecutive batch parts joined along the batch axis (without a gradient). */
  public static Powers concat(List<Powers> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("Powers.concat: no parts");
    if (parts.size() == 1) return parts.get(0);
    return new Powers(Chunks.concat(parts.stream().map(Powers::tensor).toList()));
  }

  /** Returns the powers {@code [B, M]}. */
  public Tensor tensor() {
    return p;
  }

  @Override
  public int batch() {
    return p.size(0);
  }

  /** Returns the number of transmitters M. */
  public int links() {
    return p.size(1);
  }

  @Override
  public void checkFeasible(Problem problem) {
    if (!(problem instanceof SisoProblem s)) {
      throw new IllegalArgumentException("Powers.checkFeasible: powers allocate a SisoProblem, got "
          + (problem == null ? "null" : problem.getClass().getSimpleName()));
    }
    if (p.size(0) != s.batch() || p.size(1) != s.links()) {
      throw new IllegalArgumentException("Powers.checkFeasible: powers " + Shape.str(p.shape()) + " do not fit "
          + s + ": expected [" + s.batch() + ", " + s.links() + "]");
    }
    double[] x = p.data(), budget = s.budgets();
    int m = s.links();
    for (int k = 0; k < x.length; k++) {
      double cap = budget[k % m];
      if (x[k] > cap * (1 + TOLERANCE)) {
        throw new IllegalArgumentException("Powers.checkFeasible: instance " + k / m + ", transmitter " + k % m
            + " has power " + x[k] + " above its budget " + cap);
      }
    }
  }

  @Override
  public String toString() {
    return "Powers" + Shape.str(p.shape());
  }
}
