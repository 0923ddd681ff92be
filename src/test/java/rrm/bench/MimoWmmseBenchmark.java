package rrm.bench;

import java.util.Locale;
import rrm.channel.Split;
import rrm.paper.p001.Paper001;
import rrm.paper.p001.Paper001.Profile;
import rrm.paper.p003.Paper003;
import rrm.solver.MimoWmmse;
import rrm.system.Beamformers;
import rrm.system.MimoProblem;
import rrm.tensor.Parallel;
import rrm.tensor.Tensor;
import rrm.utility.MimoRates;

/**
 * MIMO WMMSE benchmark (not a test): time per sample of textbook WMMSE(100) at K = 20 (R = 3, T = 5), wall-clock with
 * all threads and thread CPU time on one thread (less sensitive to other processes on the machine), and the mean
 * sum-rates of the paper-001 "WMMSE" (authors' code variant) and textbook WMMSE at 1, 3 and 100 iterations; then
 * the time of textbook WMMSE(100) on one MISO D2D layout of paper 003 with K = 1000 pairs (N_r = d = 1, N_t = 2).
 *
 * <p>With {@code fig2}: the wall-clock time of the paper's WMMSE(100) and of textbook WMMSE(100), all threads, on a
 * Fig. 2-sized test set: {@code perSize} samples (default 256) at each M = 10, 11, …, 50, 10,496 in all, the size of
 * the paper's "~10000" (drawn size by size, never held at once).
 *
 * <pre>
 * mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.MimoWmmseBenchmark [samples] [threads]
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.MimoWmmseBenchmark fig2 [perSize]
 * </pre>
 */
public final class MimoWmmseBenchmark {
  private MimoWmmseBenchmark() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("fig2")) {
      fig2(args.length > 1 ? Integer.parseInt(args[1]) : 256);
      return;
    }
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    if (args.length > 1) Parallel.setThreads(Integer.parseInt(args[1]));
    System.out.println("threads " + Parallel.threads() + ", samples " + samples + ", load average "
        + loadAverage());
    MimoProblem p = Profile.CODE.rayleigh().batch(Paper001.SEED, Split.TEST, 20, 0, samples);
    MimoWmmse textbook = MimoWmmse.of(100).withoutTrajectory();
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      textbook.allocate(p.slice(0, Math.min(64, samples)));
      long t1 = System.nanoTime();
      System.out.printf(Locale.ROOT, "textbook WMMSE(100), K = 20: %.2f ms per sample (64 samples)%n",
          (t1 - t0) / 1e6 / Math.min(64, samples));
    }
    int threads = Parallel.threads();
    Parallel.setThreads(1);
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int rep = 0; rep < 3; rep++) {
      long c0 = mx.getCurrentThreadCpuTime();
      textbook.allocate(p.slice(0, Math.min(64, samples)));
      long c1 = mx.getCurrentThreadCpuTime();
      System.out.printf(Locale.ROOT, "textbook WMMSE(100), K = 20, 1 thread: %.2f ms CPU time per sample%n",
          (c1 - c0) / 1e6 / Math.min(64, samples));
    }
    Parallel.setThreads(threads);
    for (int rep = 0; rep < 2; rep++) {
      long t0 = System.nanoTime();
      Profile.CODE.wmmse(100).withoutTrajectory().allocate(p.slice(0, Math.min(64, samples)));
      long t1 = System.nanoTime();
      System.out.printf(Locale.ROOT, "code WMMSE(100), K = 20: %.2f ms per sample%n",
          (t1 - t0) / 1e6 / Math.min(64, samples));
    }
    for (MimoWmmse m : new MimoWmmse[] {Profile.CODE.wmmse(100), MimoWmmse.of(100)}) {
      double[] curve = m.run(p).meanSumRate();
      System.out.printf(Locale.ROOT, "%-18s it1 %.2f  it3 %.2f  it100 %.2f  ratio3/100 %.3f%n", m.name(), curve[1],
          curve[3], curve[100], curve[3] / curve[100]);
    }
    MimoProblem miso = Paper003.beamformingSameDensity(1000, 2, 65).samples(7, 0, 1).problem();
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      textbook.allocate(miso);
      long t1 = System.nanoTime();
      System.out.printf(Locale.ROOT, "textbook WMMSE(100), paper-003 MISO layout, K = 1000, N_t = 2: %.2f s%n",
          (t1 - t0) / 1e9);
    }
    System.out.println("load average at end " + loadAverage());
  }

  /** Times both WMMSE(100) variants on {@code perSize} test samples at every M = 10 … 50. */
  private static void fig2(int perSize) {
    System.out.println("threads " + Parallel.threads() + ", " + perSize + " samples at each M = 10 ... 50, load average "
        + loadAverage());
    Profile.CODE.wmmse(100).withoutTrajectory().allocate(Profile.CODE.rayleigh().batch(Paper001.SEED, Split.TEST, 20,
        0, 64)); // warm-up
    for (MimoWmmse method : new MimoWmmse[] {Profile.CODE.wmmse(100), MimoWmmse.of(100)}) {
      MimoWmmse m = method.withoutTrajectory();
      double total = 0, sum = 0;
      int count = 0;
      for (int size = 10; size <= 50; size++) {
        MimoProblem p = Profile.CODE.rayleigh().batch(Paper001.SEED, Split.TEST, size, 0, perSize);
        long t0 = System.nanoTime();
        Beamformers v = m.allocate(p);
        total += (System.nanoTime() - t0) / 1e9;
        Tensor rate = MimoRates.sumRate(p, v.tensor());
        for (double r : rate.toArray()) sum += r;
        count += perSize;
      }
      System.out.printf(Locale.ROOT, "%s on %d samples: %.1f s (%.2f ms per sample), mean sum-rate %.2f bit/s/Hz%n",
          method.name(), count, total, 1e3 * total / count, sum / count);
    }
    System.out.println("load average at end " + loadAverage());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
