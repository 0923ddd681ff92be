package rrm.paper.p003;

import java.nio.file.Path;
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
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingCallback;
import rrm.system.MimoProblem;
import rrm.tensor.Random;

/**
 * The training of paper 003's beamforming WCGCN (Sec. V-C, Table V) as a {@link Recipe}: unsupervised on the
 * negative sum-rate with global CSI ({@link Wcgcn#loss(MimoProblem, ChannelGraph)}), the network seeing the 500 m
 * local-CSI graph of each layout ({@link InterferenceGraph.Direction#REVERSE}: an edge {@code j -> k} carries the
 * leakage of transmitter k at receiver j). Adam (PyTorch form) with learning rate 1e-3 (the paper), the best epoch
 * by mean training loss kept. Each range's committed model has its {@link Plan} (budget, batch, widths, state
 * update): the authors' code's, {@link #plan(double, double)}.
 *
 * <p>Data: the first {@link Paper003#BF_TRAIN_SAMPLES} = 5 · 10^4 layouts of the training stream
 * ({@link Paper003#BF_TRAIN_SEED}) of the setting, K = 50 in a 1000 m square, generated on demand (never held):
 * the pass over them of step s is {@code s B / 5e4}, and each pass visits the batches in a seeded random order. The
 * channel scaling ({@link BeamScaling}) is fitted on the first {@link #FIT_SAMPLES} layouts of the same stream.
 */
public final class BeamformingTraining {
  /** Layouts that fit the channel scaling. */
  public static final int FIT_SAMPLES = 200;
  /** Seed of the network's initial weights. */
  public static final long MODEL_SEED = 3023;
  /** Training steps of the smoke profile's stand-in for a committed model that does not match. */
  public static final int SMOKE_STEPS = 2;

  /**
   * How a range's model trains: the budget, the batch size, the hidden widths of MLP1 {@code {6 N_t, h1, h2}} and
   * MLP2 {@code {h2 + 4 N_t, u, 2 N_t}}, and the network's state update (the paper's keep-static one, or the
   * authors' code's {@link Wcgcn.StateUpdate#PREVIOUS_BEAM}).
   */
  public record Plan(TrainingBudget budget, int batch, int h1, int h2, int u, Wcgcn.StateUpdate state) {
    /** Validates the plan. */
    public Plan {
      if (budget == null) throw new IllegalArgumentException("BeamformingTraining.Plan: budget must not be null");
      if (state == null) throw new IllegalArgumentException("BeamformingTraining.Plan: state must not be null");
      if (batch < 1 || h1 < 1 || h2 < 1 || u < 1) {
        throw new IllegalArgumentException("BeamformingTraining.Plan: batch and widths must be >= 1, got batch "
            + batch + ", widths " + h1 + ", " + h2 + ", " + u);
      }
    }

    /** A plan with the paper's keep-static state update. */
    public Plan(TrainingBudget budget, int batch, int h1, int h2, int u) {
      this(budget, batch, h1, h2, u, Wcgcn.StateUpdate.KEEP_STATIC);
    }

    /** Returns the same plan with another budget. */
    public Plan withBudget(TrainingBudget b) {
      return new Plan(b, batch, h1, h2, u, state);
    }

    /** Returns the same plan with another state update. */
    public Plan withState(Wcgcn.StateUpdate s) {
      return new Plan(budget, batch, h1, h2, u, s);
    }
  }

  /**
   * One pass at the paper's widths (MLP1 {12, 64, 64}, MLP2
   * {72, 32, 4}, 7,460 parameters) and the authors' batch of 64, 11 epochs of 71 steps = 781 steps, 49,984 layouts:
   * one pass over the paper's 5 · 10^4 (the authors' code trains 19).
   */
  public static final Plan PLAN = new Plan(TrainingBudget.named("reduced", 11, 71), 64, 64, 64, 32);
  /**
   * {@link #PLAN} for five passes (55 epochs of 71 steps = 3,905 steps, 249,920 layouts): the committed plan of every
   * range until the ten-pass models replaced it (README §11 gives both models' scores).
   */
  public static final Plan LONG_PLAN = PLAN.withBudget(TrainingBudget.named("reduced", 55, 71));
  /**
   * {@link #PLAN} for ten passes (110 epochs of 71 steps = 7,810 steps, 499,840 layouts): the committed models until
   * 5 December and every range's model in notebook 06's diagnostics. Its first 3,905 steps are those of
   * {@link #LONG_PLAN}.
   */
  public static final Plan TEN_PASS_PLAN = PLAN.withBudget(TrainingBudget.named("reduced", 110, 71));
  /**
   * {@link #PLAN} for the authors' 19 passes (209 epochs of 71 steps = 14,839 steps, 949,696 layouts), with the
   * paper's state update: the committed model of every range until the authors' update replaced it, now notebook
   * 06's diagnostic. Its first 7,810 steps are those of {@link #TEN_PASS_PLAN}.
   */
  public static final Plan AUTHORS_PLAN = PLAN.withBudget(TrainingBudget.named("authors", 209, 71));
  /**
   * The plan of the first round's checkpoints, trained when a step cost four times more: half the paper's widths
   * (MLP1 {12, 32, 32}, MLP2 {40, 16, 4}, 2,196 parameters; the paper's footnote 2 says performance is not sensitive
   * to the hidden units), batches of 32, 8 epochs of 40 steps = 10,240 layouts (0.2 of one pass; (2 m, 65 m) had 16
   * epochs). No committed checkpoint follows it any more; notebook 08 and the benchmark time its narrower network.
   */
  public static final Plan SHORT_PLAN = new Plan(TrainingBudget.named("reduced", 8, 40), 32, 32, 32, 16);

  private BeamformingTraining() {}

  /** A training batch: the problem (global CSI, for the loss) and the local-CSI graph the network sees. */
  public record Batch(MimoProblem problem, ChannelGraph graph) {}

  /**
   * Returns the plan of the committed checkpoint of the range, the same for every range: the authors' code, i.e. its
   * 19 passes ({@link #AUTHORS_PLAN}) and its state update ({@link Wcgcn.StateUpdate#PREVIOUS_BEAM}), as paper 000
   * follows its code's pre-step sign. The paper's update stays available ({@link #plan(double, double,
   * Wcgcn.StateUpdate)}) and notebooks 06 and 07 show it beside the committed model.
   */
  public static Plan plan(double dMin, double dMax) {
    return AUTHORS_PLAN.withState(Wcgcn.StateUpdate.PREVIOUS_BEAM);
  }

  /**
   * Returns the committed plan of the range ({@link #plan(double, double)}) with the given state update: the
   * committed model's for the authors' update, and for the paper's {@link #AUTHORS_PLAN}, notebook 06's diagnostic
   * model of the same budget.
   */
  public static Plan plan(double dMin, double dMax, Wcgcn.StateUpdate state) {
    if (state == null) throw new IllegalArgumentException("BeamformingTraining.plan: state must not be null");
    return plan(dMin, dMax).withState(state);
  }

  /**
   * Returns the diagnostic models of notebooks 06 and 07 beside the committed one, by column key: the paper's state
   * update at the committed budget ({@code paper_state_19}), and the authors' and the paper's update at ten passes
   * ({@code authors_state_10}, {@code paper_state_10}); each has a committed checkpoint.
   */
  public static Map<String, Plan> diagnosticPlans(double dMin, double dMax) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    plans.put("paper_state_19", plan(dMin, dMax, Wcgcn.StateUpdate.KEEP_STATIC));
    plans.put("authors_state_10", TEN_PASS_PLAN.withState(Wcgcn.StateUpdate.PREVIOUS_BEAM));
    plans.put("paper_state_10", TEN_PASS_PLAN);
    return plans;
  }

  /** Returns the file name of the committed checkpoint of the range, e.g. {@code 06-wcgcn-bf-prev-p19-2-65.ckpt}. */
  public static String checkpointName(double dMin, double dMax) {
    return checkpointName(dMin, dMax, plan(dMin, dMax));
  }

  /**
   * Returns the file name of the range's model of {@link #plan(double, double, Wcgcn.StateUpdate)}: the committed
   * one's for the authors' update, {@code 06-wcgcn-bf-p19-2-65.ckpt} for the paper's.
   */
  public static String checkpointName(double dMin, double dMax, Wcgcn.StateUpdate state) {
    if (state == null) throw new IllegalArgumentException("BeamformingTraining.checkpointName: state must not be null");
    return checkpointName(dMin, dMax, plan(dMin, dMax, state));
  }

  /**
   * Returns the file name of the range's model trained with the given plan: {@code 06-wcgcn-bf-2-65.ckpt} for ten
   * passes and the paper's update, {@code prev-} before the range for the authors' update, and the pass count for
   * any other budget, e.g. {@code 06-wcgcn-bf-p19-30-70.ckpt}, so that a longer or shorter run never takes another
   * plan's file.
   */
  public static String checkpointName(double dMin, double dMax, Plan plan) {
    if (plan == null) throw new IllegalArgumentException("BeamformingTraining.checkpointName: plan must not be null");
    String variant = plan.state() == Wcgcn.StateUpdate.KEEP_STATIC ? "" : "prev-";
    int passes = passes(plan);
    String budget = passes == 10 ? "" : "p" + passes + "-";
    return "06-wcgcn-bf-" + variant + budget + Math.round(dMin) + "-" + Math.round(dMax) + ".ckpt";
  }

  /** Returns the plan's budget in passes over the {@link Paper003#BF_TRAIN_SAMPLES} training layouts, rounded. */
  public static int passes(Plan plan) {
    if (plan == null) throw new IllegalArgumentException("BeamformingTraining.passes: plan must not be null");
    return (int) Math.round((double) plan.budget().steps() * plan.batch() / Paper003.BF_TRAIN_SAMPLES);
  }

  /**
   * Returns the model the notebooks evaluate for the range and state update: the committed checkpoint
   * {@code dir.resolve(checkpointName(dMin, dMax, state))} when its settings match
   * {@link #plan(double, double, Wcgcn.StateUpdate)}. Otherwise a full run trains that plan (or loads it from the
   * cache), reporting to {@code progress}, and a smoke run trains a stand-in of the same plan for
   * {@link #SMOKE_STEPS} steps, never saved over the committed file.
   */
  public static Trained<Wcgcn> committedOrTrained(Path dir, double dMin, double dMax, Wcgcn.StateUpdate state,
      boolean smoke, TrainingCallback progress) {
    if (state == null) throw new IllegalArgumentException("BeamformingTraining.committedOrTrained: state must not be null");
    return committedOrTrained(dir, dMin, dMax, plan(dMin, dMax, state), smoke, progress);
  }

  /**
   * As {@link #committedOrTrained(Path, double, double, Wcgcn.StateUpdate, boolean, TrainingCallback)} for the model
   * of the given plan, in the file {@link #checkpointName(double, double, Plan)}.
   */
  public static Trained<Wcgcn> committedOrTrained(Path dir, double dMin, double dMax, Plan plan, boolean smoke,
      TrainingCallback progress) {
    if (dir == null || plan == null || progress == null) {
      throw new IllegalArgumentException("BeamformingTraining.committedOrTrained: dir, plan and progress must not be "
          + "null");
    }
    Recipe<Wcgcn, Batch> recipe = recipe(dMin, dMax, plan, Paper003.BF_TRAIN_SAMPLES);
    CheckpointFiles files = CheckpointFiles.of(dir.resolve(checkpointName(dMin, dMax, plan)));
    return recipe.loadIfMatching(files).orElseGet(() -> smoke
        ? recipe.budget(TrainingBudget.smoke(SMOKE_STEPS)).train()
        : recipe.callback(progress).loadOrTrain(files));
  }

  /**
   * Trains (or loads) the model of each range named on the command line ({@code dMin dMax} pairs, after an optional
   * {@code paper} for the paper's state update and an optional {@code p10} for {@link #TEN_PASS_PLAN}'s budget) with
   * its {@link #plan(double, double, Wcgcn.StateUpdate)} (or that plan with ten passes) against
   * {@code data/checkpoints/003} under the working directory (the repository root); set
   * {@code RRM_UPDATE_CHECKPOINTS=true} to write the committed file. Logs every step to standard output.
   */
  public static void main(String[] args) {
    int first = 0;
    boolean paper = args.length > first && args[first].equals("paper");
    if (paper) first++;
    boolean ten = args.length > first && args[first].equals("p10");
    if (ten) first++;
    if (args.length == first || (args.length - first) % 2 != 0) {
      throw new IllegalArgumentException("BeamformingTraining.main: give [paper] [p10] dMin dMax pairs, got "
          + String.join(" ", args));
    }
    Wcgcn.StateUpdate state = paper ? Wcgcn.StateUpdate.KEEP_STATIC : Wcgcn.StateUpdate.PREVIOUS_BEAM;
    for (int a = first; a < args.length; a += 2) {
      double lo = Double.parseDouble(args[a]), hi = Double.parseDouble(args[a + 1]);
      long t0 = System.nanoTime();
      TrainingCallback log = new TrainingCallback() {
        @Override
        public void onStep(rrm.optim.TrainingEvent e) {
          System.out.println("d=[" + lo + "," + hi + "] " + e);
        }
      };
      Plan p = ten ? plan(lo, hi, state).withBudget(TEN_PASS_PLAN.budget()) : plan(lo, hi, state);
      var t = committedOrTrained(Path.of("data/checkpoints/003"), lo, hi, p, false, log);
      System.out.println(t + " in " + (System.nanoTime() - t0) / 1e9 + " s");
    }
  }

  /**
   * Returns the untrained network of the range's recipe: T = 3, the widths and state update of its {@link #plan},
   * N_t = 2.
   */
  public static Wcgcn newModel(double dMin, double dMax) {
    return newModel(plan(dMin, dMax));
  }

  private static Wcgcn newModel(Plan p) {
    return Wcgcn.beamforming(3, Paper003.BF_ANTENNAS, p.h1(), p.h2(), p.u(), 1.0, p.state(), MODEL_SEED);
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

  /** Returns the recipe for the range (dMin, dMax) with the given budget and the batch and widths of its plan. */
  public static Recipe<Wcgcn, Batch> recipe(double dMin, double dMax, TrainingBudget budget) {
    return recipe(dMin, dMax, budget, Paper003.BF_TRAIN_SAMPLES);
  }

  /** As {@link #recipe(double, double, TrainingBudget)} on the first {@code samples} layouts of the stream. */
  public static Recipe<Wcgcn, Batch> recipe(double dMin, double dMax, TrainingBudget budget, int samples) {
    if (budget == null) throw new IllegalArgumentException("BeamformingTraining.recipe: budget must not be null");
    return recipe(dMin, dMax, plan(dMin, dMax).withBudget(budget), samples);
  }

  /** Returns the recipe for the range (dMin, dMax) with the given plan on the first {@code samples} layouts. */
  public static Recipe<Wcgcn, Batch> recipe(double dMin, double dMax, Plan plan, int samples) {
    if (plan == null) throw new IllegalArgumentException("BeamformingTraining.recipe: plan must not be null");
    int batch = plan.batch();
    if (samples < batch) {
      throw new IllegalArgumentException("BeamformingTraining.recipe: samples must be >= the batch " + batch
          + ", got " + samples);
    }
    MisoD2d scenario = scenario(dMin, dMax);
    BeamScaling scaling = scaling(dMin, dMax);
    long seed = Paper003.BF_TRAIN_SEED;
    Map<String, String> model = new LinkedHashMap<>(newModel(plan).settings());
    model.put("seed", Long.toString(MODEL_SEED));
    return Recipe.<Wcgcn, Batch>named("wcgcn-beamforming")
        .model(() -> newModel(plan), model)
        .optimizer(m -> Adam.of(m, 1e-3))
        .data("MisoD2d K=" + Paper003.BASE_PAIRS + " A=" + Paper003.BASE_SIDE + " d=[" + dMin + "," + dMax + "] N_t="
            + Paper003.BF_ANTENNAS + ", seed " + seed + ", first " + samples + " layouts, batch order reshuffled per "
            + "pass", (step, size) -> {
              int perPass = samples / size, pass = step / perPass;
              int[] order = Random.permutation(new SplittableRandom(Random.stream(seed, -1 - pass)), perPass);
              long from = (long) order[step % perPass] * size;
              return batch(scenario.samples(seed, from, size), scaling);
            })
        .batch(batch).budget(plan.budget())
        .loss((m, b) -> m.loss(b.problem(), b.graph()))
        .setting("csi", "within " + Paper003.CSI_RADIUS + " m, leakage direction")
        .setting("scaling", scaling.toString());
  }
}
