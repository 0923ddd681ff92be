package rrm.bench;

import java.util.List;
import java.util.Locale;
import rrm.model.gnn.BeamScaling;
import rrm.model.gnn.Wcgcn;
import rrm.paper.p003.BeamformingTiming;
import rrm.paper.p003.BeamformingTraining;
import rrm.paper.p003.Paper003;
import rrm.tensor.Parallel;

/**
 * Paper 003 Fig. 4 benchmark (not a test): the CPU time of the beamforming WCGCN forward pass (the paper's widths,
 * batch 1, no gradients, graph built beforehand) against MISO WMMSE-100 with global CSI, on one layout per size K at
 * the density of Table VI with (2 m, 65 m) links; the speed-up per K and the log-log slopes of both against K. The
 * WCGCN's time does not depend on its weights, so an untrained, seeded network is timed. Notebook 08 runs the same
 * measurement ({@link BeamformingTiming}).
 *
 * <pre>
 * mvn -q -o package -DskipTests &amp;&amp; mvn -q -o test-compile
 * java -cp 'target/classes:target/test-classes:target/lib/*' rrm.bench.BeamformingBenchmark [reps] [threads]
 * </pre>
 */
public final class BeamformingBenchmark {
  private BeamformingBenchmark() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    if (args.length > 1) Parallel.setThreads(Integer.parseInt(args[1]));
    List<Integer> sizes = List.of(50, 100, 200, 400, 600, 800, 1000);
    System.out.println("threads " + Parallel.threads() + ", reps " + reps + ", " + rrm.report.Timing.machine());
    BeamScaling scaling = BeamformingTraining.scaling(2, 65);
    for (Wcgcn model : new Wcgcn[] {Wcgcn.beamforming(Paper003.BF_ANTENNAS, 1), BeamformingTraining.newModel()}) {
      System.out.println("WCGCN " + model.settings() + ", " + model.parameterCount() + " parameters");
      List<BeamformingTiming> t = BeamformingTiming.run(model, scaling, sizes, reps, 1.0, true);
      double[] k = new double[t.size()], g = new double[t.size()], w = new double[t.size()];
      for (int i = 0; i < t.size(); i++) {
        BeamformingTiming r = t.get(i);
        k[i] = r.pairs();
        g[i] = r.wcgcnCpuMs();
        w[i] = r.wmmseCpuMs();
        System.out.printf(Locale.ROOT, "K = %4d  |E| = %6d  graph %7.2f ms  WCGCN %8.2f ms wall, %8.2f ms CPU (1 "
            + "thread)  WMMSE-100 %9.1f ms CPU  speed-up %7.1f  load %.1f%n", r.pairs(), r.edges(), r.graphMs(),
            r.wcgcnMs(), r.wcgcnCpuMs(), r.wmmseCpuMs(), r.speedUp(), r.load());
      }
      System.out.printf(Locale.ROOT, "log-log slope vs K (1-thread CPU): WCGCN %.2f, WMMSE-100 %.2f%n",
          BeamformingTiming.logLogSlope(k, g), BeamformingTiming.logLogSlope(k, w));
    }
    System.out.println("end: " + rrm.report.Timing.machine());
  }
}
