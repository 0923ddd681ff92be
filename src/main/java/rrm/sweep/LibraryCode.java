package rrm.sweep;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a sweep can run on other machines: every class its task and configurations need must come from a jar
 * (which a cluster executor can be sent) or from the JDK. Classes written in a notebook cell exist only in the kernel
 * that compiled them; on a remote executor their lambdas fail with Spark's {@code ClassCastException} about
 * {@code SerializedLambda}, and their classes with {@code ClassNotFoundException}. A serialisable lambda is checked
 * through its {@link SerializedLambda}: both the class that created it (which deserialises it) and the class of its
 * method, plus the classes of what it captured. So a method reference written in a notebook
 * ({@code DepthWidthRun::run}) is refused too: sweep library records through their own {@code run()} instead
 * ({@code Sweep.of(name, runs)}).
 */
public final class LibraryCode {
  private LibraryCode() {}

  /**
   * Throws {@link IllegalArgumentException} naming the first class of {@code task} or of {@code configs} that is not
   * library code, with what to do instead; {@code where} names the target (for example {@code spark://host:7077}).
   */
  public static void check(Object task, List<?> configs, String where) {
    List<Class<?>> classes = new ArrayList<>();
    collect(task, classes, 0);
    int taskClasses = classes.size();
    for (Object c : configs) collect(c, classes, 0);
    for (int i = 0; i < classes.size(); i++) {
      Class<?> c = classes.get(i);
      Optional<String> why = notLibrary(c);
      if (why.isPresent()) {
        String role = i < taskClasses ? (serializedLambda(task).isPresent() ? "of the task's lambda" : "of the task")
            : "of a configuration";
        throw new IllegalArgumentException("This sweep cannot run on " + where + ": class " + c.getName() + " ("
            + role + ") " + why.get() + ", so the executors cannot load it. Tasks and configuration records sent to a "
            + "cluster must be library code (in a jar on the classpath), for example a library record with a run() "
            + "method such as rrm.paper.p002.DepthWidthRun, swept with Sweep.of(name, runs); a lambda, method "
            + "reference or class written in a notebook runs only in-process or in Spark's local mode (local[n]).");
      }
    }
  }

  /** Adds the classes {@code o} needs: its own, or for a serialisable lambda the creating and implementing ones. */
  private static void collect(Object o, List<Class<?>> out, int depth) {
    if (o == null || depth > 3) return;
    Class<?> k = o.getClass();
    Optional<SerializedLambda> lambda = serializedLambda(o);
    if (lambda.isPresent()) {
      SerializedLambda s = lambda.get();
      ClassLoader loader = k.getClassLoader();
      out.add(load(s.getCapturingClass(), loader, k));
      out.add(load(s.getImplClass(), loader, k));
      for (int i = 0; i < s.getCapturedArgCount(); i++) collect(s.getCapturedArg(i), out, depth + 1);
    } else if (k.isHidden() || k.isSynthetic()) {
      out.add(k); // a lambda that is not serialisable: reported through its (hidden) class
    } else {
      out.add(k);
      if (o instanceof Record r) {
        for (var c : r.getClass().getRecordComponents()) {
          try {
            c.getAccessor().setAccessible(true);
            collect(c.getAccessor().invoke(r), out, depth + 1);
          } catch (ReflectiveOperationException | RuntimeException e) {
            // unreadable component: its declared class is checked with the record's
          }
        }
      }
    }
  }

  private static Optional<SerializedLambda> serializedLambda(Object o) {
    if (!o.getClass().isSynthetic() && !o.getClass().isHidden()) return Optional.empty();
    try {
      Method m = o.getClass().getDeclaredMethod("writeReplace");
      m.setAccessible(true);
      return m.invoke(o) instanceof SerializedLambda s ? Optional.of(s) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Class<?> load(String internalName, ClassLoader loader, Class<?> fallback) {
    try {
      return Class.forName(internalName.replace('/', '.'), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return fallback;
    }
  }

  /** Returns why {@code c} is not library code, or empty when it comes from a jar or the JDK. */
  static Optional<String> notLibrary(Class<?> c) {
    while (c.isArray()) c = c.getComponentType();
    if (c.isPrimitive() || c.getClassLoader() == null
        || c.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
      return Optional.empty();
    }
    if (c.getName().startsWith("REPL.") || c.getName().contains("$JShell$")) {
      return Optional.of("was defined in a notebook cell (it exists only in this kernel)");
    }
    CodeSource src = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
    URL at = src == null ? null : src.getLocation();
    if (at == null) return Optional.of("has no code location (it was generated at run time, as in a notebook)");
    if (!at.getPath().endsWith(".jar")) return Optional.of("comes from " + at + ", not from a jar");
    return Optional.empty();
  }
}
