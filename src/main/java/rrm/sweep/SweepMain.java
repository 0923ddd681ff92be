package rrm.sweep;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Runs a sweep without a notebook, for example with {@code spark-submit}: reads a grid file, runs it and writes the
 * result table as CSV.
 *
 * <pre>
 * java -cp 'target/lib/*' rrm.sweep.SweepMain grid.csv --record rrm.paper.p003.GraphSizeRun [--executor in-process[2]]
 *     [--name sizes] [--out sizes.csv] [--cache .cache/sweeps]
 * spark-submit --master spark://host:7077 --class rrm.sweep.SweepMain --jars "$(ls target/lib/*.jar | paste -sd,)" \
 *     spark/target/lib/rrm-spark-0.1.0.jar grid.csv --record rrm.paper.p003.GraphSizeRun --executor spark-submit
 * </pre>
 *
 * <p>The grid file is a plain CSV file: a header naming the record's components, then one configuration per line
 * (no quoted fields; blank lines and lines starting with {@code #} are skipped). Each value is read as its
 * component's type: int, long, double, boolean, String or an enum constant. The record must have a public method
 * {@code Map<String, ?> run()} (see {@link Sweep#of(String, List)}).
 */
public final class SweepMain {
  private SweepMain() {}

  /** Runs the sweep described by {@code args} (see the class comment). */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args[0].startsWith("--")) {
      throw new IllegalArgumentException("SweepMain: usage: <grid.csv> --record <class> [--executor name] "
          + "[--name sweep] [--out results.csv] [--cache dir], got " + Arrays.toString(args));
    }
    Path grid = Path.of(args[0]);
    String record = null, executor = "in-process", name = null, out = null, cache = null;
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length) throw new IllegalArgumentException("SweepMain: option " + args[i] + " needs a value");
      switch (args[i]) {
        case "--record" -> record = args[i + 1];
        case "--executor" -> executor = args[i + 1];
        case "--name" -> name = args[i + 1];
        case "--out" -> out = args[i + 1];
        case "--cache" -> cache = args[i + 1];
        default -> throw new IllegalArgumentException("SweepMain: unknown option " + args[i]
            + " (expected --record, --executor, --name, --out or --cache)");
      }
    }
    if (record == null) throw new IllegalArgumentException("SweepMain: --record <class> is required");
    List<Record> configs = List.copyOf(read(grid, recordClass(record)));
    String sweepName = name != null ? name : grid.getFileName().toString().replaceFirst("\\.csv$", "");
    Sweep<Record> sweep = Sweep.of(sweepName, configs).executor(executor);
    if (cache != null) sweep.cacheDir(Path.of(cache));
    Table t = sweep.run();
    Path target = Path.of(out != null ? out : sweepName + "-results.csv");
    t.write().csv(target.toString());
    System.out.println(t.printAll());
    System.out.println("wrote " + target.toAbsolutePath());
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> recordClass(String name) {
    try {
      Class<?> c = Class.forName(name);
      if (!c.isRecord()) throw new IllegalArgumentException("SweepMain: --record " + name + " is not a record class");
      return (Class<? extends Record>) c;
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("SweepMain: --record class " + name + " is not on the classpath", e);
    }
  }

  /** Returns the configurations of a grid file (see the class comment). */
  public static <C extends Record> List<C> read(Path grid, Class<C> type) throws IOException {
    List<String> lines = Files.readAllLines(grid, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (lines.isEmpty()) throw new IllegalArgumentException("SweepMain: grid file " + grid + " has no header line");
    RecordComponent[] comps = type.getRecordComponents();
    List<String> header = Arrays.stream(lines.get(0).split(",")).map(String::strip).toList();
    List<String> names = Arrays.stream(comps).map(RecordComponent::getName).toList();
    if (!header.equals(names)) {
      throw new IllegalArgumentException("SweepMain: the header of " + grid + " must name the components of "
          + type.getSimpleName() + " in order, " + String.join(",", names) + ", got " + lines.get(0));
    }
    Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
    List<C> out = new ArrayList<>();
    try {
      Constructor<C> make = type.getDeclaredConstructor(types);
      make.setAccessible(true);
      for (int l = 1; l < lines.size(); l++) {
        String[] cells = lines.get(l).split(",", -1);
        if (cells.length != comps.length) {
          throw new IllegalArgumentException("SweepMain: line " + (l + 1) + " of " + grid + " has " + cells.length
              + " values, expected " + comps.length);
        }
        Object[] values = new Object[cells.length];
        for (int k = 0; k < cells.length; k++) values[k] = parse(cells[k].strip(), types[k], names.get(k));
        try {
          out.add(make.newInstance(values));
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw new IllegalArgumentException("SweepMain: line " + (l + 1) + " of " + grid + ": "
              + e.getCause().getMessage(), e.getCause());
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("SweepMain: cannot construct " + type.getName(), e);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object parse(String text, Class<?> type, String name) {
    try {
      if (type == int.class || type == Integer.class) return Integer.parseInt(text);
      if (type == long.class || type == Long.class) return Long.parseLong(text);
      if (type == double.class || type == Double.class) return Double.parseDouble(text);
      if (type == boolean.class || type == Boolean.class) {
        if (!text.equals("true") && !text.equals("false")) throw new IllegalArgumentException("not true or false");
        return Boolean.parseBoolean(text);
      }
      if (type == String.class) return text;
      if (type.isEnum()) return Enum.valueOf((Class<? extends Enum>) type, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SweepMain: value of " + name + " must be a " + type.getSimpleName()
          + ", got '" + text + "'", e);
    }
    throw new IllegalArgumentException("SweepMain: component " + name + " has type " + type.getSimpleName()
        + ", which a grid file cannot hold (int, long, double, boolean, String or enum)");
  }
}
