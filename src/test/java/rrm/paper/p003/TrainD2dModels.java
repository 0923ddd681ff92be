package rrm.paper.p003;

import java.nio.file.Path;
import java.util.List;
import rrm.channel.D2dPowerControl;
import rrm.model.gnn.Wcgcn;
import rrm.nn.Aggregation;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingCallback;
import rrm.optim.TrainingEvent;

/**
 * Trains (or finds) the four D2D power-control models of notebook 04 with the notebook's full-profile recipe
 * ({@link D2dTraining#recipe}, {@link Paper003#TRAIN_SAMPLES} layouts, {@link D2dTraining#EPOCHS} epochs), so that
 * they can be trained in the background; run from the project root with {@code RRM_UPDATE_CHECKPOINTS=true} to write
 * data/checkpoints/003/. Arguments (optional): {@code sum} or {@code mean} first to train notebook 05's aggregation
 * ablation instead of the paper's max, then {@code e<N>} to train N passes instead of {@link D2dTraining#EPOCHS}
 * (written under its own name, {@link D2dTraining#checkpointName(double, double, Aggregation, int)}), then indices
 * into {@link Paper003#DISTANCE_RANGES} to train, in order.
 */
public final class TrainD2dModels {
  private TrainD2dModels() {}

  public static void main(String[] args) {
    int first = 0;
    Aggregation aggregation = Aggregation.MAX;
    if (first < args.length && args[first].matches("[a-z]+")) {
      aggregation = Aggregation.valueOf(args[first++].toUpperCase(java.util.Locale.ROOT));
    }
    int epochs = D2dTraining.EPOCHS;
    if (first < args.length && args[first].matches("e\\d+")) epochs = Integer.parseInt(args[first++].substring(1));
    List<Integer> which = args.length == first ? List.of(1, 3, 0, 2)
        : java.util.Arrays.stream(args, first, args.length).map(Integer::valueOf).toList();
    for (int r : which) {
      double[] d = Paper003.DISTANCE_RANGES.get(r);
      D2dPowerControl scenario = Paper003.powerControl(d[0], d[1]);
      long t0 = System.nanoTime();
      Recipe<Wcgcn, D2dTraining.Batch> recipe =
          D2dTraining.recipe(scenario, Paper003.TRAIN_SAMPLES, epochs,
              D2dTraining.scaling(scenario, Paper003.TRAIN_SAMPLES), aggregation).callback(new TrainingCallback() {
            @Override
            public void onStep(TrainingEvent e) {
              if (e.step() % 25 == 0) {
                System.out.printf("(%s, %s) step %d/%d loss %.3f  %.0f s%n", d[0], d[1], e.step(), e.totalSteps(),
                    e.loss(), (System.nanoTime() - t0) / 1e9);
              }
            }
          });
      Trained<Wcgcn> t = recipe.loadOrTrain(CheckpointFiles.of(Path.of("data/checkpoints/003",
          D2dTraining.checkpointName(d[0], d[1], aggregation, epochs))));
      System.out.printf("(%s, %s) done in %.0f s: %s%n", d[0], d[1], (System.nanoTime() - t0) / 1e9, t.summary());
    }
  }
}
