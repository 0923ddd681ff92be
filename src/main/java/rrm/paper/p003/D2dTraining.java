package rrm.paper.p003;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import rrm.channel.D2dPowerControl;
import rrm.channel.D2dSamples;
import rrm.model.gnn.AmplitudeScaling;
import rrm.model.gnn.ChannelGraph;
import rrm.model.gnn.Wcgcn;
import rrm.nn.Aggregation;
import rrm.optim.Adam;
import rrm.optim.Recipe;
import rrm.optim.TrainingBudget;
import rrm.system.SisoProblem;
import rrm.tensor.Random;

/**
 * The training of WCGCN for weighted D2D power control with local CSI (paper 003 Sec. V-B, Tables II-IV) as a
 * {@link Recipe}: the paper's network ({@link Wcgcn#paper}), unsupervised on the negative weighted sum rate with
 * {@code w ~ U[0, 1]} (the loss sees every channel, the network only the edges of the 500 m graph), Adam with
 * learning rate 1e-3 (the paper's), one model per (d_min, d_max).
 *
 * <p>Where the paper is silent, the authors' code decides: a <b>fixed</b> training set of N layouts (samples
 * {@code [0, N)} of the training stream, {@link Paper003#D2D_TRAIN_SEED}), visited in a new seeded order every
 * epoch, no learning-rate schedule, no clipping; the amplitude scaling ({@link AmplitudeScaling}) is fitted on the
 * first {@value #SCALING_SAMPLES} training layouts and reused on every test set. The kept epoch is the
 * one with the lowest mean training loss.
 *
 * <p>Nothing larger than a minibatch is held: a minibatch is regenerated from its sample indices (each sample has its
 * own generator state, {@link D2dPowerControl#samples(long, long[])}), so the set is the same every epoch, and the
 * scaling is fitted chunk by chunk. Batches depend only on the step, not on the thread count.
 */
public final class D2dTraining {
  /**
   * Minibatch size. The authors' power-control notebook uses 100; with the few epochs our CPU budget allows, smaller
   * batches give more Adam steps for the same compute.
   */
  public static final int BATCH = 32;
  /**
   * Passes over the training set of the committed models (the authors' notebook runs 499): what the CPU time left in
   * one working session allowed (3 at first, at 0.3-4 s per step of 32 layouts under load; 10 once a step took about
   * 65 ms; 50 since a step takes about 50 ms on an idle core: 13.5 minutes per model on one thread), not a tuned
   * choice.
   */
  public static final int EPOCHS = 50;
  /**
   * Passes of notebook 05's budget diagnostic: the (10 m, 50 m) and (30 m, 30 m) models trained four times longer,
   * with the recipe otherwise unchanged (so their first {@value #EPOCHS} passes are the committed models' run).
   */
  public static final int LONG_EPOCHS = 200;
  /** Adam's learning rate (Sec. V). */
  public static final double LEARNING_RATE = 1e-3;
  /** Seed of the initial parameters of every D2D model. */
  public static final long MODEL_SEED = 3111;
  /** Seed of the per-epoch visiting orders of the training set. */
  public static final long SHUFFLE_SEED = 3112;
  /**
   * Training layouts the amplitude scaling is fitted on (the first ones of the training set; the authors' code uses
   * the whole set). 2,000 layouts hold 4.9 million cross amplitudes; fitting on all 10,000 costs 20 s on a loaded
   * machine every time a notebook rebuilds the recipe.
   */
  public static final int SCALING_SAMPLES = 2_000;
  /** Layouts per chunk when fitting the amplitude scaling. */
  static final int SCALING_CHUNK = 250;

  private D2dTraining() {}

  /**
   * One minibatch: the problems (global CSI, for the loss and the evaluation) and their local-CSI graphs with scaled
   * features (the network's input).
   *
   * @param problem B instances of K pairs
   * @param graph their {@link Paper003#CSI_RADIUS} graphs
   */
  public record Batch(SisoProblem problem, ChannelGraph graph) {
    public Batch {
      if (problem == null || graph == null) {
        throw new IllegalArgumentException("D2dTraining.Batch: problem and graph must not be null");
      }
    }
  }

  /**
   * Returns the recipe of the WCGCN trained on the first {@code trainSamples} layouts of the training stream of
   * {@code scenario} for {@code epochs} passes; the amplitude scaling is fitted on the first
   * {@code min(trainSamples, SCALING_SAMPLES)} of them.
   */
  public static Recipe<Wcgcn, Batch> recipe(D2dPowerControl scenario, int trainSamples, int epochs) {
    return recipe(scenario, trainSamples, epochs, scaling(scenario, trainSamples));
  }

  /** As {@link #recipe(D2dPowerControl, int, int)} with the scaling {@link #scaling} returned (computed once). */
  public static Recipe<Wcgcn, Batch> recipe(D2dPowerControl scenario, int trainSamples, int epochs,
      AmplitudeScaling scaling) {
    return recipe(scenario, trainSamples, epochs, scaling, Aggregation.MAX);
  }

  /**
   * As {@link #recipe(D2dPowerControl, int, int, AmplitudeScaling)} for {@code Wcgcn.paper(aggregation, ...)}: the
   * same training with the messages summed or averaged instead of the paper's max (an ablation; {@code MAX} gives
   * the paper's recipe).
   */
  public static Recipe<Wcgcn, Batch> recipe(D2dPowerControl scenario, int trainSamples, int epochs,
      AmplitudeScaling scaling, Aggregation aggregation) {
    String op = "D2dTraining.recipe";
    if (scenario == null) throw new IllegalArgumentException(op + ": scenario must not be null");
    if (scaling == null) throw new IllegalArgumentException(op + ": scaling must not be null");
    if (aggregation == null) throw new IllegalArgumentException(op + ": aggregation must not be null");
    if (trainSamples < 1) throw new IllegalArgumentException(op + ": trainSamples must be >= 1, got " + trainSamples);
    if (epochs < 1) throw new IllegalArgumentException(op + ": epochs must be >= 1, got " + epochs);
    int batch = Math.min(BATCH, trainSamples);
    int perEpoch = trainSamples / batch;
    Map<String, String> model = new LinkedHashMap<>();
    model.put("architecture", "Wcgcn.paper: T = 3, MLP1 {5, 32, 32}, MLP2 {35, 16, 1}, "
        + aggregation.label() + ", sigmoid");
    model.put("seed", Long.toString(MODEL_SEED));
    long seed = Paper003.D2D_TRAIN_SEED;
    return Recipe.<Wcgcn, Batch>named("wcgcn-d2d")
        .model(() -> Wcgcn.paper(aggregation, MODEL_SEED), model)
        .optimizer(m -> Adam.of(m, LEARNING_RATE))
        .data(scenario + ", samples [0, " + trainSamples + ") of stream " + seed + " in a new order per epoch (seed "
            + SHUFFLE_SEED + "), local CSI within " + Paper003.CSI_RADIUS + " m",
            (step, size) -> batch(scenario, seed, order(trainSamples, size, step), scaling))
        .batch(batch)
        .loss((m, b) -> m.loss(b.problem(), b.graph()))
        .budget(TrainingBudget.of(epochs, perEpoch))
        .setting("loss", "negative weighted sum rate, global CSI")
        .setting("scaling", scaling);
  }

  /** Returns the file name of the committed model of a distance range, e.g. {@code 04-wcgcn-d2d-10-50.ckpt}. */
  public static String checkpointName(double dMin, double dMax) {
    return checkpointName(dMin, dMax, Aggregation.MAX);
  }

  /**
   * Returns the file name of the model of a distance range with the given aggregation: notebook 04's for max,
   * notebook 05's ablation otherwise, e.g. {@code 05-wcgcn-d2d-sum-10-50.ckpt}.
   */
  public static String checkpointName(double dMin, double dMax, Aggregation aggregation) {
    return checkpointName(dMin, dMax, aggregation, EPOCHS);
  }

  /**
   * Returns the file name of the model of a distance range with the given aggregation, trained for {@code epochs}
   * passes: {@link #checkpointName(double, double, Aggregation)} for {@value #EPOCHS}, else the pass count is part of
   * the name, e.g. {@code 05-wcgcn-d2d-e200-10-50.ckpt}, so that a longer or shorter run never takes a committed
   * model's file.
   */
  public static String checkpointName(double dMin, double dMax, Aggregation aggregation, int epochs) {
    String op = "D2dTraining.checkpointName";
    if (aggregation == null) throw new IllegalArgumentException(op + ": aggregation must not be null");
    if (epochs < 1) throw new IllegalArgumentException(op + ": epochs must be >= 1, got " + epochs);
    String range = String.format(Locale.ROOT, "%.0f-%.0f.ckpt", dMin, dMax);
    if (aggregation == Aggregation.MAX && epochs == EPOCHS) return "04-wcgcn-d2d-" + range;
    return "05-wcgcn-d2d-" + (aggregation == Aggregation.MAX ? "" : aggregation.label() + "-")
        + (epochs == EPOCHS ? "" : "e" + epochs + "-") + range;
  }

  /**
   * Returns the amplitude scaling of a training set of {@code trainSamples} layouts: fitted on its first
   * {@code min(trainSamples, SCALING_SAMPLES)} layouts.
   */
  public static AmplitudeScaling scaling(D2dPowerControl scenario, int trainSamples) {
    if (scenario == null) throw new IllegalArgumentException("D2dTraining.scaling: scenario must not be null");
    if (trainSamples < 1) {
      throw new IllegalArgumentException("D2dTraining.scaling: trainSamples must be >= 1, got " + trainSamples);
    }
    int samples = Math.min(trainSamples, SCALING_SAMPLES);
    int chunks = (samples + SCALING_CHUNK - 1) / SCALING_CHUNK;
    return AmplitudeScaling.fit(chunks, c -> {
      int from = c * SCALING_CHUNK;
      return scenario.samples(Paper003.D2D_TRAIN_SEED, from, Math.min(SCALING_CHUNK, samples - from)).problem();
    });
  }

  /** Returns samples {@code indices} of stream {@code seed} with their local-CSI graphs. */
  public static Batch batch(D2dPowerControl scenario, long seed, long[] indices, AmplitudeScaling scaling) {
    return of(scenario.samples(seed, indices), scaling);
  }

  /** Returns samples {@code [from, from + count)} of stream {@code seed} with their local-CSI graphs. */
  public static Batch batch(D2dPowerControl scenario, long seed, long from, int count, AmplitudeScaling scaling) {
    return of(scenario.samples(seed, from, count), scaling);
  }

  /** Returns the batch of {@code samples} with their {@link Paper003#CSI_RADIUS} graphs scaled by {@code scaling}. */
  public static Batch of(D2dSamples<SisoProblem> samples, AmplitudeScaling scaling) {
    if (samples == null || scaling == null) {
      throw new IllegalArgumentException("D2dTraining.of: samples and scaling must not be null");
    }
    SisoProblem p = samples.problem();
    return new Batch(p, ChannelGraph.powerControl(p, samples.graph(Paper003.CSI_RADIUS), scaling));
  }

  /**
   * Returns the sample indices of training step {@code step}: epoch {@code e = step / (n / size)} visits
   * {@code [0, n)} in the order of a permutation drawn from {@code (SHUFFLE_SEED, e)}; the last {@code n mod size}
   * samples of an order are skipped in that epoch.
   */
  static long[] order(int n, int size, int step) {
    int perEpoch = n / size, epoch = step / perEpoch, at = (step % perEpoch) * size;
    int[] perm = Random.permutation(new SplittableRandom(Random.stream(SHUFFLE_SEED, epoch)), n);
    long[] out = new long[size];
    for (int i = 0; i < size; i++) out[i] = perm[at + i];
    return out;
  }
}
