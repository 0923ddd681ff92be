package rrm.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Define-by-run reverse-mode differentiation.
 *
 * <p>An op whose inputs require gradients records a {@link Node}: its inputs and a backward rule that maps the
 * gradient of the output to the gradients of the inputs. {@link #backward} walks the recorded graph in reverse
 * topological order (an explicit stack, so deep unrolled graphs cannot overflow) and accumulates gradients with
 * {@code +=}; leaves keep theirs in {@link Tensor#grad()}.
 *
 * <p>Complex gradients follow the conjugate-Wirtinger convention of PyTorch: for a real loss L and complex z the
 * gradient is dL/dRe z + i dL/dIm z. A real input of an op that produced a complex gradient receives its real part.
 *
 * <p>{@link #noGrad()} opens a scope, confined to the current thread, in which nothing is recorded: classical
 * solvers run through the same ops at full speed. Backward rules always run without recording (no higher order).
 */
public final class Autograd {
  /** A backward rule: given the output's gradient, returns one gradient per input (null where none is needed). */
  @FunctionalInterface
  public interface Backward {
    Tensor[] apply(Tensor gradOutput);
  }

  /** A recorded op: its name (for messages), its inputs and its backward rule. */
  public record Node(String op, Tensor[] inputs, Backward backward) {}

  /** A scope that restores the previous recording state when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private Autograd() {}

  /** Returns whether ops on this thread record gradients. */
  public static boolean enabled() {
    return ENABLED.get()[0];
  }

  /** Opens a scope in which no op records anything: {@code try (var off = Autograd.noGrad()) { ... }}. */
  public static Scope noGrad() {
    return set(false);
  }

  /** Opens a scope in which ops record again (inside a no-grad scope). */
  public static Scope enableGrad() {
    return set(true);
  }

  private static Scope set(boolean on) {
    boolean[] flag = ENABLED.get();
    boolean previous = flag[0];
    flag[0] = on;
    return () -> flag[0] = previous;
  }

  /**
   * Records {@code out} as the result of {@code op} on {@code inputs} if recording is on and any input requires a
   * gradient; returns {@code out}.
   */
  public static Tensor record(Tensor out, String op, Backward backward, Tensor... inputs) {
    if (!enabled()) return out;
    for (Tensor in : inputs) {
      if (in != null && in.requiresGrad) {
        out.requiresGrad = true;
        out.node = new Node(op, inputs, backward);
        return out;
      }
    }
    return out;
  }

  /** Back-propagates {@code seed} (the gradient of some scalar with respect to {@code root}) through the graph. */
  static void backward(Tensor root, Tensor seed) {
    if (!root.requiresGrad) {
      throw new IllegalStateException("backward: the tensor of shape " + Shape.str(root.shape)
          + " does not require a gradient (no input of its graph requires one, or it was computed under noGrad)");
    }
    List<Tensor> order = topologicalOrder(root);
    Map<Tensor, Tensor> grads = new IdentityHashMap<>();
    grads.put(root, seed);
    try (Scope off = noGrad()) {
      for (int k = order.size() - 1; k >= 0; k--) {
        Tensor t = order.get(k);
        Tensor g = grads.remove(t);
        if (g == null) continue;
        if (t.node == null) {
          t.grad = t.grad == null ? g.copy() : t.grad.add(g);
          continue;
        }
        Tensor[] inputs = t.node.inputs();
        Tensor[] gi = t.node.backward().apply(g);
        for (int i = 0; i < inputs.length; i++) {
          Tensor in = inputs[i];
          if (in == null || !in.requiresGrad || gi[i] == null) continue;
          Tensor gin = fit(t.node.op(), gi[i], in);
          grads.merge(in, gin, Tensor::add);
        }
      }
    }
  }

  private static Tensor fit(String op, Tensor g, Tensor input) {
    if (!java.util.Arrays.equals(g.shape, input.shape)) {
      throw new IllegalStateException("backward of " + op + ": gradient shape " + Shape.str(g.shape)
          + " differs from input shape " + Shape.str(input.shape));
    }
    return g.isComplex() && !input.isComplex() ? g.real() : g;
  }

  private static List<Tensor> topologicalOrder(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    seen.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Tensor t = (Tensor) frame[0];
      int next = (Integer) frame[1];
      Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs();
      if (next < inputs.length) {
        frame[1] = next + 1;
        Tensor in = inputs[next];
        if (in != null && in.requiresGrad && seen.put(in, Boolean.TRUE) == null) stack.push(new Object[] {in, 0});
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }
}
