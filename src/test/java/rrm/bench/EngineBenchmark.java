package rrm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.GenericStore;
import org.ojalgo.scalar.ComplexNumber;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;

/**
 * Engine benchmark (not a test): prints, from one run, absolute figures and ratios for
 * <ol type="a">
 *   <li>batched complex inverse, solve (LU), HPD inverse and solve (Cholesky) and Hermitian eigh at n = 2, 4, 8, 16
 *       (batch 1024) and at paper 001's sizes n = 3 (receive antennas) and 5 (transmit antennas), batch 64 x 20 (a
 *       training batch of 64 samples at M = 20 users): our µs per matrix against ojAlgo's complex decompositions
 *       ({@code LU.C128}, {@code Cholesky.C128}, {@code Eigenvalue.C128}) applied matrix by matrix, both on one thread.
 *       Right-hand sides have one column, as in the model. The rows "solve, grad" and "solveHpd, grad" time the
 *       forward pass as training runs it (inputs that require gradients, so the factors are kept for the backward
 *       pass);
 *   <li>batched real and complex matmul at n = 16, 64, 256: GFLOP/s (2n³ real, 8n³ complex per product) against this
 *       machine's estimated peak (clock from /proc/cpuinfo × 16 double flop per cycle per core, i.e. two 256-bit FMA
 *       units; the assumption is printed);
 *   <li>thread scaling, 1 thread against all, on batched matmul and batched inverse.
 * </ol>
 * Every figure is the median of several timed samples after a warm-up; the variants compared in one row are sampled
 * in turns, so that they see the same machine load. In (a), one-thread figures are the CPU time of the calling thread (the
 * loops run inline there), which other processes on a loaded machine disturb far less than wall time (they still
 * share caches and cores); garbage collection runs on other threads and is not counted, which favours the side
 * that allocates more (ojAlgo's boxed complex numbers). Figures with all threads are wall time, and other processes
 * skew them (the load average is printed at the start and the end): read those on a quiet machine.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.EngineBenchmark [quick] [small]
 * </pre>
 * {@code quick} takes fewer and shorter samples; {@code small} runs only part (a) at n = 3 and 5.
 */
public final class EngineBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static boolean quick;

  private EngineBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<String> flags = Arrays.asList(args);
    quick = flags.contains("quick");
    boolean small = flags.contains("small");
    int cores = Runtime.getRuntime().availableProcessors();
    Machine machine = Machine.probe(cores);
    System.out.println("rrm engine benchmark" + (quick ? " (quick)" : "") + (small ? " (part a at n = 3, 5)" : ""));
    System.out.printf(Locale.ROOT, "java %s, %d cores, %s%n", System.getProperty("java.version"), cores, machine.model);
    System.out.printf(Locale.ROOT, "peak estimate: %.2f GHz (%s) x 16 flop/cycle/core (%s) = %.1f GFLOP/s per core, "
        + "%.1f GFLOP/s for %d cores%n%n", machine.ghz, machine.clockSource, machine.simd, machine.corePeak(),
        machine.corePeak() * cores, cores);
    System.out.println("load average at start: " + loadAverage() + "\n");
    decompositions(cores, small ? new int[] {3, 5} : new int[] {2, 3, 4, 5, 8, 16});
    if (!small) {
      matmul(machine, cores);
      scaling(cores);
    }
    System.out.println("load average at end: " + loadAverage() + " (other processes on the machine skew the figures)");
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  // ---------------------------------------------------------------------------------------------- (a)

  private static void decompositions(int cores, int[] sizes) {
    System.out.println("(a) batched complex decompositions: microseconds per matrix (batch 1024; 1280 = 64 x 20 at the"
        + " paper-001 sizes n = 3, 5)");
    System.out.println("    ours: one op on the whole batch; ojAlgo: one reused decomposition object, matrix by matrix");
    System.out.printf(Locale.ROOT, "%-4s %-16s %12s %12s %12s %10s%n", "n", "op", "ours 1 thr", "ours " + cores + " thr",
        "ojAlgo 1 thr", "ojAlgo/ours");
    for (int n : sizes) {
      int batch = n == 3 || n == 5 ? 64 * 20 : 1024;
      Tensor a = Tensor.complexRandn(n, batch, n, n).div(Math.sqrt(n)).add(Tensor.eye(n).mul(2.0));
      Tensor x = Tensor.complexRandn(100 + n, batch, n, n);
      Tensor hpd = x.matmul(x.mH()).div(n).add(Tensor.eye(n));
      Tensor rhs = Tensor.complexRandn(200 + n, batch, n, 1);
      List<GenericStore<ComplexNumber>> as = stores(a), hs = stores(hpd), bs = stores(rhs);
      LU<ComplexNumber> lu = LU.C128.make(as.get(0));
      Cholesky<ComplexNumber> ch = Cholesky.C128.make(hs.get(0));
      Eigenvalue<ComplexNumber> eig = Eigenvalue.C128.make(hs.get(0), true);
      row(n, "inverse", batch, cores, () -> a.inverse(), () -> {
        for (int b = 0; b < batch; b++) {
          lu.decompose(as.get(b));
          lu.getInverse();
        }
      });
      Runnable ojSolve = () -> {
        for (int b = 0; b < batch; b++) {
          lu.decompose(as.get(b));
          lu.getSolution(bs.get(b));
        }
      };
      row(n, "solve", batch, cores, () -> a.solve(rhs), ojSolve);
      Tensor ag = a.copy().requiresGrad(true);
      row(n, "solve, grad", batch, cores, () -> ag.solve(rhs), ojSolve);
      row(n, "inverseHpd", batch, cores, () -> hpd.inverseHpd(), () -> {
        for (int b = 0; b < batch; b++) {
          ch.decompose(hs.get(b));
          ch.getInverse();
        }
      });
      Runnable ojSolveHpd = () -> {
        for (int b = 0; b < batch; b++) {
          ch.decompose(hs.get(b));
          ch.getSolution(bs.get(b));
        }
      };
      row(n, "solveHpd", batch, cores, () -> hpd.solveHpd(rhs), ojSolveHpd);
      Tensor hg = hpd.copy().requiresGrad(true);
      row(n, "solveHpd, grad", batch, cores, () -> hg.solveHpd(rhs), ojSolveHpd);
      row(n, "eigh", batch, cores, () -> hpd.eigh(), () -> {
        for (int b = 0; b < batch; b++) {
          eig.decompose(hs.get(b));
          eig.getV();
        }
      });
    }
    System.out.println();
  }

  private static void row(int n, String op, int batch, int cores, Runnable ours, Runnable theirs) {
    double[] t = medians(true, new Variant(1, ours), new Variant(cores, ours), new Variant(1, theirs));
    double one = t[0] / batch * 1e6, all = t[1] / batch * 1e6, oj = t[2] / batch * 1e6;
    System.out.printf(Locale.ROOT, "%-4d %-16s %12.3f %12.3f %12.3f %9.1fx%n", n, op, one, all, oj, oj / one);
  }

  private static List<GenericStore<ComplexNumber>> stores(Tensor t) {
    int rows = t.size(-2), cols = t.size(-1), count = t.numel() / (rows * cols);
    double[] re = t.toArray(), im = t.toImagArray();
    List<GenericStore<ComplexNumber>> out = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      GenericStore<ComplexNumber> s = GenericStore.C128.make(rows, cols);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          int k = (b * rows + i) * cols + j;
          s.set(i, j, ComplexNumber.of(re[k], im[k]));
        }
      }
      out.add(s);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- (b)

  private static void matmul(Machine machine, int cores) {
    System.out.println("(b) batched matmul [B, n, n] x [B, n, n]: GFLOP/s (real 2n^3, complex 8n^3 per product)");
    System.out.printf(Locale.ROOT, "%-8s %-5s %6s %12s %10s %12s %10s%n", "type", "n", "batch", "1 thr", "% core",
        cores + " thr", "% machine");
    for (boolean complex : new boolean[] {false, true}) {
      for (int[] nb : new int[][] {{16, 4096}, {64, 128}, {256, 4}}) {
        int n = nb[0], batch = nb[1];
        IntFunction<Tensor> make = s -> complex ? Tensor.complexRandn(s, batch, n, n) : Tensor.randn(s, batch, n, n);
        Tensor x = make.apply(1), y = make.apply(2);
        double flops = (complex ? 8.0 : 2.0) * n * n * n * batch;
        double[] t = medians(false, new Variant(1, () -> x.matmul(y)), new Variant(cores, () -> x.matmul(y)));
        double g1 = flops / t[0] / 1e9, gn = flops / t[1] / 1e9;
        System.out.printf(Locale.ROOT, "%-8s %-5d %6d %12.2f %9.0f%% %12.2f %9.0f%%%n", complex ? "complex" : "real", n,
            batch, g1, 100 * g1 / machine.corePeak(), gn, 100 * gn / (machine.corePeak() * cores));
      }
    }
    System.out.println();
  }

  // ---------------------------------------------------------------------------------------------- (c)

  private static void scaling(int cores) {
    System.out.println("(c) thread scaling: milliseconds per op, 1 thread vs " + cores);
    System.out.printf(Locale.ROOT, "%-36s %10s %10s %8s%n", "op", "1 thr", cores + " thr", "speedup");
    Tensor m64 = Tensor.complexRandn(1, 256, 64, 64), n64 = Tensor.complexRandn(2, 256, 64, 64);
    Tensor r256 = Tensor.randn(3, 4, 256, 256), s256 = Tensor.randn(4, 4, 256, 256);
    Tensor inv8 = Tensor.complexRandn(5, 8192, 8, 8).div(Math.sqrt(8)).add(Tensor.eye(8).mul(2.0));
    Tensor inv4 = Tensor.complexRandn(6, 16384, 4, 4).div(2.0).add(Tensor.eye(4).mul(2.0));
    scalingRow("complex matmul n=64, batch 256", cores, () -> m64.matmul(n64));
    scalingRow("real matmul n=256, batch 4", cores, () -> r256.matmul(s256));
    scalingRow("complex inverse n=8, batch 8192", cores, () -> inv8.inverse());
    scalingRow("complex inverse n=4, batch 16384", cores, () -> inv4.inverse());
    System.out.println();
  }

  private static void scalingRow(String name, int cores, Runnable op) {
    double[] t = medians(false, new Variant(1, op), new Variant(cores, op));
    double t1 = t[0] * 1e3, tn = t[1] * 1e3;
    System.out.printf(Locale.ROOT, "%-36s %10.3f %10.3f %7.2fx%n", name, t1, tn, t1 / tn);
  }

  // ---------------------------------------------------------------------------------------------- timing

  /** An op timed with a given number of worker threads. */
  private record Variant(int threads, Runnable op) {
    void run(int reps) {
      for (int r = 0; r < reps; r++) op.run();
    }
  }

  /**
   * Warms every variant up, then times them in turns (sample 1 of each, sample 2 of each, ...) so that they see the
   * same machine load, and returns each variant's median seconds per call over its samples (each sample lasts at
   * least 80 ms, 30 ms in quick mode): with {@code cpuClock}, CPU seconds of the calling thread for one-thread
   * variants; else wall seconds.
   */
  private static double[] medians(boolean cpuClock, Variant... variants) {
    double warm = quick ? 0.2 : 0.6, sample = quick ? 0.03 : 0.08;
    int samples = quick ? 5 : 11;
    int[] reps = new int[variants.length];
    double[][] per = new double[variants.length][samples];
    int before = Parallel.threads();
    try {
      for (int v = 0; v < variants.length; v++) {
        Parallel.setThreads(variants[v].threads());
        long end = System.nanoTime() + (long) (warm * 1e9);
        int calls = 0;
        while (System.nanoTime() < end || calls < 3) {
          variants[v].run(1);
          calls++;
        }
        long t0 = System.nanoTime();
        variants[v].run(1);
        double once = Math.max(1e-7, (System.nanoTime() - t0) * 1e-9);
        reps[v] = (int) Math.max(1, Math.ceil(sample / once));
      }
      for (int s = 0; s < samples; s++) {
        for (int v = 0; v < variants.length; v++) {
          Parallel.setThreads(variants[v].threads());
          variants[v].run(1);
          boolean cpu = cpuClock && variants[v].threads() == 1 && THREADS.isCurrentThreadCpuTimeSupported();
          long start = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
          variants[v].run(reps[v]);
          long stop = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
          per[v][s] = (stop - start) * 1e-9 / reps[v];
        }
      }
    } finally {
      Parallel.setThreads(before);
    }
    double[] out = new double[variants.length];
    for (int v = 0; v < variants.length; v++) {
      Arrays.sort(per[v]);
      out[v] = per[v][samples / 2];
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- machine

  /** CPU model and clock from /proc/cpuinfo, with the per-core peak assumption. */
  private record Machine(String model, double ghz, String clockSource, String simd) {
    double corePeak() {
      return ghz * 16;
    }

    static Machine probe(int cores) throws IOException {
      String model = "unknown CPU";
      double mhz = 0;
      String flags = "";
      Path info = Path.of("/proc/cpuinfo");
      if (Files.isReadable(info)) {
        for (String line : Files.readAllLines(info)) {
          String[] kv = line.split(":", 2);
          if (kv.length < 2) continue;
          String key = kv[0].trim(), value = kv[1].trim();
          if (key.equals("model name") && model.equals("unknown CPU")) model = value;
          if (key.equals("cpu MHz") && mhz == 0) mhz = Double.parseDouble(value);
          if (key.equals("flags") && flags.isEmpty()) flags = " " + value + " ";
        }
      }
      String simd = (flags.contains(" avx2 ") ? "AVX2" : "no AVX2") + (flags.contains(" fma ") ? "+FMA" : "")
          + (flags.contains(" avx512f ") ? ", AVX-512 present but counted as 2x256-bit" : "");
      String source = mhz > 0 ? "'cpu MHz' in /proc/cpuinfo, the nominal clock; turbo not counted" : "assumed";
      return new Machine(model, mhz > 0 ? mhz / 1000 : 2.5, source, simd);
    }
  }
}
