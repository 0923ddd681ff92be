package rrm.model.uwmmse;

import rrm.nn.Init;
import rrm.nn.Module;
import rrm.nn.Parameter;
import rrm.system.SisoProblem;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * The two-layer graph convolution Psi that produces a UWMMSE layer's a or b (paper 002 eqs. 11-12, §III-A):
 *
 * <pre>
 *   Z   = relu(D X0 Omega11 + S X0 Omega12 [+ 1 (c11 + c12)^T])       [B, M, F]
 *   Psi = sigmoid(D Z omega21 + S Z omega22 [+ (c21 + c22) 1])        [B, M] in (0, 1)
 * </pre>
 *
 * with D = diag(G) and S the shift ({@link GcnShift}). Weights are Glorot-uniform; the optional biases (one per
 * branch, as the authors' code keeps them, so Adam sees them separately) start at 0.1 each.
 */
public final class Gcn extends Module {
  private final Parameter omega11;
  private final Parameter omega12;
  private final Parameter omega21;
  private final Parameter omega22;
  private final Parameter bias11;
  private final Parameter bias12;
  private final Parameter bias21;
  private final Parameter bias22;

  /** Creates Psi with F' input features and hidden width F; parameter i is drawn from {@code Random.stream(seed, i)}. */
  public Gcn(int features, int hidden, boolean biases, long seed) {
    omega11 = param("omega11", Init.glorotUniform(Random.stream(seed, 0), features, hidden, features, hidden));
    omega12 = param("omega12", Init.glorotUniform(Random.stream(seed, 1), features, hidden, features, hidden));
    omega21 = param("omega21", Init.glorotUniform(Random.stream(seed, 2), hidden, 1, hidden, 1));
    omega22 = param("omega22", Init.glorotUniform(Random.stream(seed, 3), hidden, 1, hidden, 1));
    bias11 = biases ? param("bias11", Init.constant(0.1, hidden)) : null;
    bias12 = biases ? param("bias12", Init.constant(0.1, hidden)) : null;
    bias21 = biases ? param("bias21", Init.constant(0.1, 1)) : null;
    bias22 = biases ? param("bias22", Init.constant(0.1, 1)) : null;
  }

  /**
   * Returns Psi {@code [B, M]} of channels {@code g [B, M, M]} (row = receiver) with node features {@code q}
   * ({@code [M, F']} shared or {@code [B, M, F']}) under the given shift. Inside {@link Uwmmse} the shared inputs
   * are computed once for all 2K networks instead.
   */
  public Tensor apply(Tensor g, Tensor q, GcnShift shift) {
    SisoProblem h = SisoProblem.ofAmplitudes(g, 0, 1);
    return apply(new GcnInput(h, Uwmmse.features("Gcn.apply", q, h, omega11.shape()[0]), shift, bias11 != null));
  }

  /** Returns Psi for the shared inputs of one forward pass: {@code [B, M]}. */
  Tensor apply(GcnInput x) {
    int f = omega11.shape()[1];
    Tensor w1 = bias11 == null ? Tensor.concat(0, omega11.value(), omega12.value())
        : Tensor.concat(0, omega11.value(), omega12.value(), bias11.value().add(bias12.value()).reshape(1, f));
    Tensor c2 = bias21 == null ? null : bias21.value().add(bias22.value());
    return PsiKernel.apply(x, w1, omega21.value(), omega22.value(), c2);
  }
}
