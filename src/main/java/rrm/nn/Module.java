package rrm.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.tensor.Shape;
import rrm.tensor.Tensor;

/**
 * A building block with named parameters, buffers and child modules. Subclasses declare parameters with
 * {@link #param}, buffers with {@link #buffer} and children with {@link #child} in their constructor, and define
 * their own forward method (its signature is the module's business: {@code apply(Tensor x)},
 * {@code apply(Tensor g, Tensor features)}, ...).
 *
 * <p><b>State.</b> A module's state is its parameters (trained by gradients) and its buffers (values the forward
 * pass itself maintains, such as the running statistics of {@link BatchNorm}). {@link Snapshot} and
 * {@link Checkpoint} save and restore the whole state, so a restored model computes what the saved one did.
 *
 * <p><b>Mode.</b> A module is in inference mode unless {@link #setTraining} switched it to training mode; the
 * {@link rrm.optim.Trainer} does so for the forward pass of each step only. The modes differ only in modules that
 * say so (batch normalisation uses the batch's statistics in training mode and its running ones otherwise).
 */
public abstract class Module {
  private final Map<String, Parameter> own = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training;

  /** Declares a parameter of this module initialised with {@code init}. */
  protected Parameter param(String name, Tensor init) {
    checkFree(name);
    Parameter p = Parameter.of(name, init);
    own.put(name, p);
    return p;
  }

  /**
   * Declares a buffer of this module holding a copy of {@code init}: state that gradients do not train but the
   * forward pass updates in place, saved and restored with the parameters.
   */
  protected Tensor buffer(String name, Tensor init) {
    checkFree(name);
    Tensor t = init.copy();
    buffers.put(name, t);
    return t;
  }

  /** Declares a child module; its parameters are listed under {@code name.}. */
  protected <M extends Module> M child(String name, M module) {
    checkFree(name);
    children.put(name, module);
    return module;
  }

  private void checkFree(String name) {
    if (own.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name + "' is already used");
    }
  }

  /** Returns every parameter of this module and its children, depth first, keyed by dotted path. */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> out) {
    own.forEach((n, p) -> out.put(prefix + n, p));
    children.forEach((n, m) -> m.collect(prefix + n + ".", out));
  }

  /** Returns every buffer of this module and its children (the live tensors), depth first, keyed by dotted path. */
  public Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectState("", out, false);
    return out;
  }

  /**
   * Returns the state (the live tensors): every parameter's value and every buffer, depth first (a module's
   * parameters, then its buffers, then its children), keyed by dotted path.
   */
  public Map<String, Tensor> namedState() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectState("", out, true);
    return out;
  }

  private void collectState(String prefix, Map<String, Tensor> out, boolean withParameters) {
    if (withParameters) own.forEach((n, p) -> out.put(prefix + n, p.value()));
    buffers.forEach((n, t) -> out.put(prefix + n, t));
    children.forEach((n, m) -> m.collectState(prefix + n + ".", out, withParameters));
  }

  /**
   * Overwrites the state with {@code values}, which must hold exactly the names of {@link #namedState()} with the
   * same shapes and kinds (callers check; a mismatch found here throws before anything is written).
   */
  void loadState(Map<String, Tensor> values) {
    Map<String, Tensor> live = namedState();
    live.forEach((name, t) -> {
      Tensor v = values.get(name);
      if (v == null || !Arrays.equals(v.shape(), t.shape()) || v.isComplex() != t.isComplex()) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": state '" + name + "' has shape "
            + Shape.str(t.shape()) + ", got " + (v == null ? "nothing" : Shape.str(v.shape())));
      }
    });
    live.forEach((name, t) -> {
      Tensor v = values.get(name);
      System.arraycopy(v.data(), 0, t.data(), 0, t.numel());
      if (t.isComplex()) System.arraycopy(v.imagData(), 0, t.imagData(), 0, t.numel());
    });
  }

  /** Switches this module and its children to training mode ({@code true}) or inference mode ({@code false}). */
  public void setTraining(boolean on) {
    training = on;
    children.values().forEach(m -> m.setTraining(on));
  }

  /** Returns whether this module is in training mode (see {@link #setTraining}). */
  public boolean isTraining() {
    return training;
  }

  /** Returns every parameter, in the order of {@link #namedParameters()}. */
  public List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Returns the number of trainable real scalars. */
  public int parameterCount() {
    int n = 0;
    for (Parameter p : parameters()) n += p.count();
    return n;
  }

  /** Clears every parameter's gradient. */
  public void zeroGrad() {
    for (Parameter p : parameters()) p.zeroGrad();
  }

  /** Returns the named child modules. */
  public Map<String, Module> children() {
    return java.util.Collections.unmodifiableMap(children);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    describe(sb, getClass().getSimpleName(), "");
    return sb.toString();
  }

  private void describe(StringBuilder sb, String label, String indent) {
    int count = parameterCount();
    sb.append(indent).append(label).append(" (").append(count).append(count == 1 ? " parameter" : " parameters")
        .append(")\n");
    own.values().forEach(p -> sb.append(indent).append("  ").append(p).append('\n'));
    buffers.forEach((n, t) -> sb.append(indent).append("  ").append(n).append(' ').append(Shape.str(t.shape()))
        .append(" (buffer)\n"));
    children.forEach((n, m) -> m.describe(sb, n + ": " + m.getClass().getSimpleName(), indent + "  "));
  }
}
