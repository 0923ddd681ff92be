package rrm.paper.p003;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import rrm.channel.D2dSamples;
import rrm.channel.InterferenceGraph;
import rrm.channel.MisoD2d;
import rrm.model.gnn.BeamScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.optim.Adam;
import rrm.optim.Recipe;
import rrm.optim.TrainingBudget;
import rrm.system.MimoProblem;
import rrm.tensor.Random;

/**
 * The training of paper 003's beamforming WCGCN (Sec. V-C, Table V) as a {@link Recipe}: unsupervised on the
 * negative sum-rate with global CSI ({@link Wcgcn#loss(MimoProblem, ChannelGraph)}), the network seeing the 500 m
 * local-CSI graph of each layout ({@link InterferenceGraph.Direction#REVERSE}: an edge {@code j -> k} carries the
 * leakage of transmitter k at receiver j). Adam (PyTorch form) with learning rate 1e-3 (the paper), batches of 32
 * (the authors' code uses 64; half the batch gives twice the steps in the same time, see {@link #BUDGET}), the best
 * epoch by mean training loss kept.
 *
 * <p>Data: the first {@link Paper003#BF_TRAIN_SAMPLES} = 5 · 10^4 layouts of the training stream
 * ({@link Paper003#BF_TRAIN_SEED}) of the setting, K = 50 in a 1000 m square, generated on demand (never held):
 * the pass over them of step s is {@code s B / 5e4}, and each pass visits the batches in a seeded random order. The
 * channel scaling ({@link BeamScaling}) is fitted on the first {@link #FIT_SAMPLES} layouts of the same stream.
 */
public final class BeamformingTraining {
  /** Layouts that fit the channel scaling. */
  public static final int FIT_SAMPLES = 200;
  /** Batch size. */
  public static final int BATCH = 32;
  /** Seed of the network's initial weights. */
  public static final long MODEL_SEED = 3023;
  /**
   * The budget the committed checkpoint trained with: 16 epochs of 40 steps of 32 layouts, 20,480 layouts in all
   * (0.41 of one pass over the paper's 5 · 10^4; what fitted in about 35 minutes on a 2-core CPU shared with
   * other jobs at a load average of 30-50).
   */
  public static final TrainingBudget BUDGET = TrainingBudget.named("reduced", 16, 40);
  /** The budget of the other ranges' checkpoints, trained last with the time left: 8 epochs of 40 steps of 32. */
  public static final TrainingBudget SHORT_BUDGET = TrainingBudget.named("reduced", 8, 40);
  /**
   * Hidden widths of the trained network: MLP1 {12, 32, 32}, MLP2 {40, 16, 4} (2,196 parameters), half the paper's
   * {12, 64, 64} and {40, 32, 4} (7,460), about a quarter of its cost per edge. The paper notes that performance is
   * not sensitive to the number of hidden units (its footnote 2); the narrower network fits four times the steps into
   * our budget. {@link Wcgcn#beamforming(int, long)} is the paper-sized one (timed in Fig. 4).
   */
  public static final int H1 = 32, H2 = 32, U = 16;

  private BeamformingTraining() {}

  /** A training batch: the problem (global CSI, for the loss) and the local-CSI graph the network sees. */
  public record Batch(MimoProblem problem, ChannelGraph graph) {}

  /** Returns the budget of the committed checkpoint of the range: {@link #BUDGET} for (2, 65), else SHORT_BUDGET. */
  public static TrainingBudget budget(double dMin, double dMax) {
    return dMin == 2 && dMax == 65 ? BUDGET : SHORT_BUDGET;
  }

  /** Returns the file name of the committed checkpoint of the range, e.g. {@code 06-wcgcn-bf-2-65.ckpt}. */
  public static String checkpointName(double dMin, double dMax) {
    return "06-wcgcn-bf-" + Math.round(dMin) + "-" + Math.round(dMax) + ".ckpt";
  }

  /**
   * Trains (or loads) the model of each range named on the command line ({@code dMin dMax} pairs) with
   * {@link #budget} against {@code data/checkpoints/003} under the working directory (the repository root); set
   * {@code RRM_UPDATE_CHECKPOINTS=true} to write the committed file. Logs every step to standard output.
   */
  public static void main(String[] args) {
    if (args.length == 0 || args.length % 2 != 0) {
      throw new IllegalArgumentException("BeamformingTraining.main: give dMin dMax pairs, got " + args.length
          + " arguments");
    }
    for (int a = 0; a < args.length; a += 2) {
      double lo = Double.parseDouble(args[a]), hi = Double.parseDouble(args[a + 1]);
      long t0 = System.nanoTime();
      var t = recipe(lo, hi, budget(lo, hi)).callback(new rrm.optim.TrainingCallback() {
        @Override
        public void onStep(rrm.optim.TrainingEvent e) {
          System.out.println("d=[" + lo + "," + hi + "] " + e);
        }
      })
          .loadOrTrain(rrm.optim.CheckpointFiles.of(java.nio.file.Path.of("data/checkpoints/003",
              checkpointName(lo, hi))));
      System.out.println(t + " in " + (System.nanoTime() - t0) / 1e9 + " s");
    }
  }

  /** Returns the untrained network of the recipe: T = 3, widths {@link #H1}, {@link #H2}, {@link #U}, N_t = 2. */
  public static Wcgcn newModel() {
    return Wcgcn.beamforming(3, Paper003.BF_ANTENNAS, H1, H2, U, 1.0, MODEL_SEED);
  }

  /** Returns the K = 50 training scenario of the distance range (dMin, dMax). */
  public static MisoD2d scenario(double dMin, double dMax) {
    return Paper003.beamforming(Paper003.BASE_PAIRS, Paper003.BASE_SIDE, dMin, dMax);
  }

  /** Returns the channel scaling fitted on the first {@link #FIT_SAMPLES} training layouts of the range. */
  public static BeamScaling scaling(double dMin, double dMax) {
    return BeamScaling.fit(scenario(dMin, dMax).samples(Paper003.BF_TRAIN_SEED, 0, FIT_SAMPLES).problem());
  }

  /** Returns the local-CSI beamforming graph of samples (500 m, leakage direction) with the given scaling. */
  public static Batch batch(D2dSamples<MimoProblem> s, BeamScaling scaling) {
    InterferenceGraph g = InterferenceGraph.within(s.placements(), Paper003.CSI_RADIUS,
        InterferenceGraph.Direction.REVERSE);
    return new Batch(s.problem(), ChannelGraph.beamforming(s.problem(), g, scaling));
  }

  /** Returns the recipe for the range (dMin, dMax) with the given budget. */
  public static Recipe<Wcgcn, Batch> recipe(double dMin, double dMax, TrainingBudget budget) {
    return recipe(dMin, dMax, budget, Paper003.BF_TRAIN_SAMPLES);
  }

  /** As {@link #recipe(double, double, TrainingBudget)} on the first {@code samples} layouts of the stream. */
  public static Recipe<Wcgcn, Batch> recipe(double dMin, double dMax, TrainingBudget budget, int samples) {
    if (budget == null) throw new IllegalArgumentException("BeamformingTraining.recipe: budget must not be null");
    if (samples < BATCH) {
      throw new IllegalArgumentException("BeamformingTraining.recipe: samples must be >= the batch " + BATCH
          + ", got " + samples);
    }
    MisoD2d scenario = scenario(dMin, dMax);
    BeamScaling scaling = scaling(dMin, dMax);
    long seed = Paper003.BF_TRAIN_SEED;
    Map<String, String> model = new LinkedHashMap<>(newModel().settings());
    model.put("seed", Long.toString(MODEL_SEED));
    return Recipe.<Wcgcn, Batch>named("wcgcn-beamforming")
        .model(BeamformingTraining::newModel, model)
        .optimizer(m -> Adam.of(m, 1e-3))
        .data("MisoD2d K=" + Paper003.BASE_PAIRS + " A=" + Paper003.BASE_SIDE + " d=[" + dMin + "," + dMax + "] N_t="
            + Paper003.BF_ANTENNAS + ", seed " + seed + ", first " + samples + " layouts, batch order reshuffled per "
            + "pass", (step, size) -> {
              int perPass = samples / size, pass = step / perPass;
              int[] order = Random.permutation(new SplittableRandom(Random.stream(seed, -1 - pass)), perPass);
              long from = (long) order[step % perPass] * size;
              return batch(scenario.samples(seed, from, size), scaling);
            })
        .batch(BATCH).budget(budget)
        .loss((m, b) -> m.loss(b.problem(), b.graph()))
        .setting("csi", "within " + Paper003.CSI_RADIUS + " m, leakage direction")
        .setting("scaling", scaling.toString());
  }
}
