package rrm.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.tensor.Tensor;

/**
 * An in-memory copy of a module's state (parameter values and buffers, {@link Module#namedState()}), keyed by
 * name: what a trainer keeps as "the best parameters so far" and restores at the end.
 */
public final class Snapshot {
  private final Map<String, Tensor> values;

  private Snapshot(Map<String, Tensor> values) {
    this.values = values;
  }

  /** Copies the state (every parameter value and buffer) of {@code model}. */
  public static Snapshot of(Module model) {
    Map<String, Tensor> v = new LinkedHashMap<>();
    model.namedState().forEach((name, t) -> v.put(name, t.copy()));
    return new Snapshot(v);
  }

  /** Writes the copied values back into {@code model}, which must have the same state names and shapes. */
  public void restore(Module model) {
    Map<String, Tensor> state = model.namedState();
    if (!state.keySet().equals(values.keySet())) {
      throw new IllegalArgumentException("Snapshot.restore: the model's state " + state.keySet()
          + " differs from the snapshot's " + values.keySet());
    }
    model.loadState(values);
  }

  /** Returns the copied values (read-only). */
  public Map<String, Tensor> values() {
    return Collections.unmodifiableMap(values);
  }
}
