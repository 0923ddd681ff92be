package rrm.paper.p000;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import rrm.model.unrolled.UsrmnetConfig;

/**
 * Trains (or finds) the five-layer models of notebook 4A (Figs. 5-7) with the authors' pre-step sign
 * ({@link Greedy#TABLE_PRE_STEP}) at the paper's budget ({@link Paper000#TRAIN_SAMPLES} samples,
 * {@link Greedy#PAPER_EPOCHS} epochs per layer), so that they can be trained in the background: the three Fig. 5 runs
 * ({@link Greedy#figureFive}, ṡ = 2, 1, 0, traces next to them) and layers 3-5 of the 16 Table I cells
 * ({@link Greedy#extendTableOne}: layers 1-2 are the committed Table I layers and must load, never retrain). Run from
 * the project root with {@code RRM_UPDATE_CHECKPOINTS=true} to write data/checkpoints/000/ (results do not depend on
 * {@code RRM_THREADS}). Arguments (optional), in order: {@code s<ṡ>} for a Fig. 5 run, {@code c<cell>} for a Table I
 * cell; default {@code s2 s0 s1 c0 ... c15}.
 */
public final class TrainFigures {
  private static final Path DIR = Path.of("data/checkpoints/000");
  private static final int LAYERS = 5;

  private TrainFigures() {}

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  /** Prints each layer as it is done: loaded or trained, wall and process CPU seconds since the previous one. */
  private static Consumer<Greedy.Layer> log(String what) {
    double[] since = {System.nanoTime() / 1e9, cpuSeconds()};
    int[] layer = {0};
    return l -> {
      double wall = System.nanoTime() / 1e9, cpu = cpuSeconds();
      var s = l.trained().summary();
      System.out.printf("%s layer %d %s: %d steps, wall %.0f s, cpu %.0f s, best mean loss %.5f%n", what, ++layer[0],
          l.trained().loaded() ? "loaded" : "trained", s.steps(), wall - since[0], cpu - since[1], s.bestValue());
      since[0] = wall;
      since[1] = cpu;
    };
  }

  public static void main(String[] args) {
    List<String> jobs = new java.util.ArrayList<>(List.of("s2", "s0", "s1"));
    for (int c = 0; c < Paper000.tableOne().size(); c++) jobs.add("c" + c);
    if (args.length > 0) jobs = List.of(args);
    UsrmnetConfig.PreStep sign = Greedy.TABLE_PRE_STEP;
    for (String job : jobs) {
      if (job.length() < 2 || (job.charAt(0) != 's' && job.charAt(0) != 'c')) {
        throw new IllegalArgumentException("TrainFigures: jobs are s<initial scale> or c<cell>, got '" + job + "'");
      }
      int k = Integer.parseInt(job.substring(1));
      if (job.charAt(0) == 's') {
        Greedy.figureFive(k, sign, LAYERS, Paper000.TRAIN_SAMPLES, Greedy.PAPER_EPOCHS, DIR,
            log(Greedy.figureFiveStem(k, sign)));
      } else {
        Greedy.extendTableOne(k, sign, 2, LAYERS, Paper000.TRAIN_SAMPLES, Greedy.PAPER_EPOCHS, DIR,
            log(Greedy.tableOneStem(k, sign)));
      }
    }
  }
}
