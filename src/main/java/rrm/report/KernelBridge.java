package rrm.report;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reaches the running Jupyter kernel by reflection, so that the library compiles and runs without any
 * kernel on its class path. JJava and IJava share the same display API (from IJava's base kernel) under
 * different package names; both are looked up.
 */
final class KernelBridge {

  private record Kind(String name, String kernelClass, String accessor, String displayPackage) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("JJava", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel",
          "org.dflib.jjava.jupyter.kernel.display"),
      new Kind("IJava", "io.github.spencerpark.ijava.IJava", "getKernelInstance",
          "io.github.spencerpark.jupyter.kernel.display"));

  private static volatile Optional<KernelBridge> found;

  private final Kind kind;
  private final Object kernel;
  private final ClassLoader loader;

  private KernelBridge(Kind kind, Object kernel, ClassLoader loader) {
    this.kind = kind;
    this.kernel = kernel;
    this.loader = loader;
  }

  /** Returns the bridge to the kernel this code runs in, or empty outside a kernel. */
  static Optional<KernelBridge> find() {
    Optional<KernelBridge> f = found;
    if (f == null) {
      f = lookUp();
      found = f;
    }
    return f;
  }

  private static Optional<KernelBridge> lookUp() {
    for (ClassLoader loader : new ClassLoader[] {
        KernelBridge.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
      for (Kind kind : KINDS) {
        try {
          Class<?> c = Class.forName(kind.kernelClass(), false, loader);
          Object kernel = c.getMethod(kind.accessor()).invoke(null);
          if (kernel != null) {
            return Optional.of(new KernelBridge(kind, kernel, loader));
          }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
          // Not this kernel (or no kernel at all): try the next candidate.
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the kernel's name: JJava or IJava. */
  String name() {
    return kind.name();
  }

  /** Registers one render function for {@code types}; it fills each MIME type of {@code bundler}'s map. */
  void register(Function<Object, Map<String, Object>> bundler, Class<?>... types) {
    try {
      Class<?> mime = cls("mime.MIMEType");
      Method parse = mime.getMethod("parse", String.class);
      Set<Object> preferred = new LinkedHashSet<>();
      for (String m : List.of(Display.PLOTLY, "image/png", "text/html", "text/plain")) {
        preferred.add(parse.invoke(null, m));
      }
      Class<?> fn = cls("RenderFunction");
      InvocationHandler h = (proxy, method, args) -> {
        switch (method.getName()) {
          case "render" -> {
            fill(args[1], bundler.apply(args[0]));
            return null;
          }
          case "hashCode" -> {
            return System.identityHashCode(proxy);
          }
          case "equals" -> {
            return proxy == args[0];
          }
          default -> {
            return "rrm.report renderer";
          }
        }
      };
      Object function = Proxy.newProxyInstance(fn.getClassLoader(), new Class<?>[] {fn}, h);
      Object renderer = kernel.getClass().getMethod("getRenderer").invoke(kernel);
      renderer.getClass()
          .getMethod("register", Set.class, Set.class, Set.class, fn)
          .invoke(renderer, preferred, preferred, Set.of(types), function);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not register renderers with the " + name() + " kernel.", unwrap(e));
    }
  }

  private void fill(Object context, Map<String, Object> bundle) throws ReflectiveOperationException {
    Class<?> mime = cls("mime.MIMEType");
    Method parse = mime.getMethod("parse", String.class);
    Method wants = context.getClass().getMethod("wantsDataRenderedAs", mime);
    Object out = context.getClass().getMethod("getOutputContainer").invoke(context);
    Method put = out.getClass().getMethod("putData", String.class, Object.class);
    for (Map.Entry<String, Object> e : bundle.entrySet()) {
      if ((Boolean) wants.invoke(context, parse.invoke(null, e.getKey()))) {
        put.invoke(out, e.getKey(), e.getValue());
      }
    }
  }

  /** Publishes {@code bundle} as a new display_data output carrying {@code displayId}. */
  void display(Map<String, Object> bundle, String displayId) {
    try {
      Object data = displayData(bundle, displayId);
      kernel.getClass().getMethod("display", data.getClass()).invoke(kernel, data);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not display through the " + name() + " kernel.", unwrap(e));
    }
  }

  /** Replaces the output carrying {@code displayId} by {@code bundle} (update_display_data). */
  void update(Map<String, Object> bundle, String displayId) {
    try {
      Object data = displayData(bundle, displayId);
      Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
      Object stream = io.getClass().getField("display").get(io);
      stream.getClass().getMethod("updateDisplay", String.class, data.getClass()).invoke(stream, displayId, data);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not update a display through the " + name() + " kernel.", unwrap(e));
    }
  }

  private Object displayData(Map<String, Object> bundle, String displayId) throws ReflectiveOperationException {
    Class<?> dd = cls("DisplayData");
    Object data = dd.getConstructor().newInstance();
    Method put = dd.getMethod("putData", String.class, Object.class);
    for (Map.Entry<String, Object> e : bundle.entrySet()) {
      put.invoke(data, e.getKey(), e.getValue());
    }
    dd.getMethod("setDisplayId", String.class).invoke(data, displayId);
    return data;
  }

  private Class<?> cls(String simpleName) throws ClassNotFoundException {
    return Class.forName(kind.displayPackage() + "." + simpleName, false, loader);
  }

  private static Throwable unwrap(ReflectiveOperationException e) {
    return e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
  }
}
