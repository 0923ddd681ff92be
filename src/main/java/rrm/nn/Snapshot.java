package rrm.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.tensor.Tensor;

/**
 * An in-memory copy of a module's parameter values, keyed by parameter name: what a trainer keeps as "the best
 * parameters so far" and restores at the end.
 */
public final class Snapshot {
  private final Map<String, Tensor> values;

  private Snapshot(Map<String, Tensor> values) {
    this.values = values;
  }

  /** Copies every parameter value of {@code model}. */
  public static Snapshot of(Module model) {
    Map<String, Tensor> v = new LinkedHashMap<>();
    model.namedParameters().forEach((name, p) -> v.put(name, p.value().copy()));
    return new Snapshot(v);
  }

  /** Writes the copied values back into {@code model}, which must have the same parameter names and shapes. */
  public void restore(Module model) {
    Map<String, Parameter> params = model.namedParameters();
    if (!params.keySet().equals(values.keySet())) {
      throw new IllegalArgumentException("Snapshot.restore: the model's parameters " + params.keySet()
          + " differ from the snapshot's " + values.keySet());
    }
    params.forEach((name, p) -> p.set(values.get(name)));
  }

  /** Returns the copied values (read-only). */
  public Map<String, Tensor> values() {
    return Collections.unmodifiableMap(values);
  }
}
