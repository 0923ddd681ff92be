package rrm.paper.p000;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Trains (or finds) further draws of the Table I and II models of notebooks 4B and 4C ({@link Greedy#tableOneDraw},
 * {@link Greedy#tableTwoDraw}: the committed recipes with other weight seeds), two layers at the paper's budget with
 * the authors' pre-step sign, so that they can be trained in the background. Run from the project root with {@code RRM_UPDATE_CHECKPOINTS=true} to
 * write data/checkpoints/000/ (results do not depend on {@code RRM_THREADS}). Arguments: jobs {@code c<cell>d<draw>}
 * (Table I cell) or {@code t<users>d<draw>} (the Table II model trained on 100-140 m, {@link Greedy#tableTwoDraw});
 * default draws 1 to 4 of every Table I cell and of both Table II models (about 20-40 s each on one core).
 */
public final class TrainDraws {
  private static final Path DIR = Path.of("data/checkpoints/000");

  private TrainDraws() {}

  public static void main(String[] args) {
    java.util.List<String> jobs = new java.util.ArrayList<>();
    for (int d = 1; d <= 4; d++) for (int c = 0; c < Paper000.tableOne().size(); c++) jobs.add("c" + c + "d" + d);
    for (int d = 1; d <= 4; d++) for (int k : new int[] {4, 6}) jobs.add("t" + k + "d" + d);
    if (args.length > 0) jobs = java.util.List.of(args);
    for (String job : jobs) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([ct])(\\d+)d(\\d+)").matcher(job);
      if (!m.matches()) {
        throw new IllegalArgumentException("TrainDraws: jobs are c<cell>d<draw> or t<users>d<draw>, got '" + job + "'");
      }
      int which = Integer.parseInt(m.group(2)), draw = Integer.parseInt(m.group(3));
      double wall = System.nanoTime() / 1e9, cpu = cpuSeconds();
      var layers = m.group(1).equals("c")
          ? Greedy.tableOneDraw(which, draw, Greedy.TABLE_PRE_STEP, 2, Paper000.TRAIN_SAMPLES, Greedy.PAPER_EPOCHS,
              DIR, null)
          : Greedy.tableTwoDraw(which, draw, Greedy.TABLE_PRE_STEP, 2, Paper000.TRAIN_SAMPLES, Greedy.PAPER_EPOCHS,
              DIR, null);
      System.out.printf("%s: %s, wall %.0f s, cpu %.0f s%n", job, layers.get(1).trained().loaded() ? "loaded" : "trained",
          System.nanoTime() / 1e9 - wall, cpuSeconds() - cpu);
    }
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }
}
