package rrm.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * The work of a sweep for one configuration: returns its metrics by name (numbers, or text such as where a model came
 * from), in a fixed order. It must depend only on the configuration (seeds included), so that the results do not
 * depend on the executor, the number of workers or the order in which configurations run.
 *
 * <p>A task is serialisable so that it can be sent to other JVMs. On a cluster it must be library code: a lambda or a
 * class written in a notebook cell exists only in that kernel (see {@link LibraryCode}). The simplest library task is
 * none at all: a library record with a {@code run()} method, swept with {@link Sweep#of(String, java.util.List)}.
 *
 * @param <C> the configuration record
 */
@FunctionalInterface
public interface SweepTask<C> extends Serializable {
  /** Returns the metrics of {@code config}; any exception marks this configuration failed (the others go on). */
  Map<String, ?> run(C config) throws Exception;
}
