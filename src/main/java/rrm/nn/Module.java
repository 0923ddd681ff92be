package rrm.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rrm.tensor.Tensor;

/**
 * A building block with named parameters and named child modules. Subclasses declare parameters with
 * {@link #param} and children with {@link #child} in their constructor, and define their own forward method (its
 * signature is the module's business: {@code apply(Tensor x)}, {@code apply(Tensor g, Tensor features)}, ...).
 */
public abstract class Module {
  private final Map<String, Parameter> own = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();

  /** Declares a parameter of this module initialised with {@code init}. */
  protected Parameter param(String name, Tensor init) {
    checkFree(name);
    Parameter p = Parameter.of(name, init);
    own.put(name, p);
    return p;
  }

  /** Declares a child module; its parameters are listed under {@code name.}. */
  protected <M extends Module> M child(String name, M module) {
    checkFree(name);
    children.put(name, module);
    return module;
  }

  private void checkFree(String name) {
    if (own.containsKey(name) || children.containsKey(name)) {
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
    children.forEach((n, m) -> m.describe(sb, n + ": " + m.getClass().getSimpleName(), indent + "  "));
  }
}
