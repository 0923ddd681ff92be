package rrm.system;

import java.util.List;
import rrm.tensor.Autograd;
import rrm.tensor.Chunks;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * Transmit beamformers {@code V [B, U, N_t, d]} (complex), one precoder per served user (per transmitter in an
 * interference channel): user u's data {@code s_u [d]} is sent as {@code V_u s_u} from its transmitter's antennas.
 * The transmit power spent on user u is {@code ||V_u||_F^2}.
 */
public final class Beamformers implements Allocation {
  private final Tensor v;

  private Beamformers(Tensor v) {
    this.v = v;
  }

  /** Returns the allocation of complex beamformers {@code [B, U, N_t, d]} (finite); throws naming the shape. */
  public static Beamformers of(Tensor v) {
    String op = "Beamformers.of";
    Checks.notNull(op, "beamformers", v);
    Checks.complex(op, "beamformers", v);
    if (v.dim() != 4) {
      throw new IllegalArgumentException(op + ": beamformers must be [B, U, N_t, d] (one precoder per user), got "
          + Shape.str(v.shape()));
    }
    Shape.finite(op, "beamformers", v);
    return new Beamformers(v);
  }

  /** Returns the allocations of consecutive batch parts joined along the batch axis (without a gradient). */
  public static Beamformers concat(List<Beamformers> parts) {
    if (parts.isEmpty()) throw new IllegalArgumentException("Beamformers.concat: no parts");
    if (parts.size() == 1) return parts.get(0);
    return new Beamformers(Chunks.concat(parts.stream().map(Beamformers::tensor).toList()));
  }

  /** Returns the beamformers {@code [B, U, N_t, d]}. */
  public Tensor tensor() {
    return v;
  }

  @Override
  public int batch() {
    return v.size(0);
  }

  /** Returns the power spent on each user, {@code ||V_u||_F^2}: {@code [B, U]} (differentiable). */
  public Tensor userPowers() {
    return v.abs2().sum(-1).sum(-1);
  }

  @Override
  public void checkFeasible(Problem problem) {
    String op = "Beamformers.checkFeasible";
    int users;
    int antennas;
    int streams;
    int[] owner;
    double[] budgets;
    if (problem instanceof MimoProblem m) {
      users = m.users();
      antennas = m.txAntennas();
      streams = m.streams();
      owner = identity(users);
      budgets = m.budgets();
    } else if (problem instanceof MulticellProblem m) {
      users = m.users();
      antennas = m.txAntennas();
      streams = m.streams();
      owner = m.servingCell();
      budgets = m.budgets();
    } else if (problem instanceof UrllcProblem m) {
      users = m.users();
      antennas = m.txAntennas();
      streams = 1;
      owner = new int[users];
      budgets = new double[] {m.pMax()};
    } else {
      throw new IllegalArgumentException(op + ": beamformers allocate a MIMO, multicell or URLLC problem, got "
          + (problem == null ? "null" : problem.getClass().getSimpleName()));
    }
    int[] want = {problem.batch(), users, antennas, streams};
    if (!java.util.Arrays.equals(v.shape(), want)) {
      throw new IllegalArgumentException(op + ": beamformers " + Shape.str(v.shape()) + " do not fit " + problem
          + ": expected " + Shape.str(want));
    }
    double[] per;
    try (var off = Autograd.noGrad()) {
      per = userPowers().data();
    }
    for (int b = 0; b < problem.batch(); b++) {
      double[] spent = new double[budgets.length];
      for (int u = 0; u < users; u++) spent[owner[u]] += per[b * users + u];
      for (int c = 0; c < budgets.length; c++) {
        if (spent[c] > budgets[c] * (1 + Powers.TOLERANCE)) {
          throw new IllegalArgumentException(op + ": instance " + b + ", transmitter " + c + " spends power "
              + spent[c] + " above its budget " + budgets[c]);
        }
      }
    }
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = i;
    return out;
  }

  @Override
  public String toString() {
    return "Beamformers" + Shape.str(v.shape());
  }
}
