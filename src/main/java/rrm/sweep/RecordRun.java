package rrm.sweep;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * The task of a configuration record that is its own task: it calls the record's public {@code Map<String, ?> run()}.
 * Because this class is library code, a notebook that sweeps library records ({@code Sweep.of(name, runs)}) creates
 * no lambda of its own, so the sweep can go to a cluster.
 */
final class RecordRun implements SweepTask<Record> {
  private static final long serialVersionUID = 1L;
  static final RecordRun INSTANCE = new RecordRun();

  private RecordRun() {}

  /** Returns the public no-argument {@code run()} of {@code type} that returns a Map, or throws naming the type. */
  static Method runMethod(Class<?> type) {
    try {
      Method m = type.getMethod("run");
      if (Map.class.isAssignableFrom(m.getReturnType()) && !Modifier.isStatic(m.getModifiers())) return m;
    } catch (NoSuchMethodException e) {
      // reported below
    }
    throw new IllegalArgumentException("Sweep.of(name, configs): configuration record " + type.getName() + " has no "
        + "public method `Map<String, ?> run()`; give the task instead: Sweep.of(name, configs, task)");
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, ?> run(Record config) throws Exception {
    Method m = runMethod(config.getClass());
    m.setAccessible(true);
    try {
      return (Map<String, ?>) m.invoke(config);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception x) throw x;
      if (e.getCause() instanceof Error x) throw x;
      throw e;
    }
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
