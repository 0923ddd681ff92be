package rrm.paper.p001;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import rrm.channel.MimoAdHoc;
import rrm.channel.Split;
import rrm.model.uwmmse.MimoUwmmse;
import rrm.model.uwmmse.MimoUwmmseConfig;
import rrm.optim.BatchSource;
import rrm.optim.CheckpointFiles;
import rrm.optim.NovoGrad;
import rrm.optim.Recipe;
import rrm.optim.Shards;
import rrm.optim.Settings;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingCallback;
import rrm.optim.TrainingEvent;
import rrm.optim.Validation;
import rrm.system.MimoProblem;
import rrm.tensor.Random;

/**
 * The training procedure of paper 001's UWMMSE (§III-C, §IV-B) as a {@link Recipe}: the unsupervised loss of the
 * {@code trainLayers}-layer network ({@link MimoUwmmse#loss}: per-user mean rate in the authors' code, eq. (14) up to
 * the factor M), NovoGrad with learning rate 1e-2 (the paper's "initial" rate, kept constant), batches of 64 fresh
 * channel samples whose size M is drawn per step from the training sizes {10, 12, ..., 50}, clipping at global norm
 * 5 over all real parameter tensors (the authors' code), at most 15,000 steps (§IV-B), and after each epoch of 500
 * steps a validation on fixed samples, whose best epoch is kept (the authors' code; {@link #selection}). Budgets and
 * callbacks are set on the returned recipe.
 */
public final class Training001 {
  /** Learning rate (§IV-B: "initial learning rate 10^-2"; no schedule is given, so it stays constant). */
  public static final double LEARNING_RATE = 1e-2;
  /** Global-norm clipping threshold (the authors' code). */
  public static final double CLIP_NORM = 5.0;
  /** Steps per epoch: the authors' code validates every 500 steps. */
  public static final int STEPS_PER_EPOCH = 500;
  /** Epochs of the paper's budget: 30 x 500 = 15,000 steps (§IV-B: "a maximum of 15000 iterations"). */
  public static final int EPOCHS = 30;
  /** Batches of 64 in the fixed selection set (the authors' code: 100 batches, 6400 samples). */
  public static final int SELECTION_BATCHES = 100;
  /**
   * How a training batch is cut into shards for data-parallel steps, e.g. {@code committed(f).shards(2, SHARDING)}
   * ({@link Recipe#shards}; the committed checkpoints were trained unsharded).
   */
  public static final Shards.Sharding<MimoProblem> SHARDING = Shards.Sharding.of(MimoProblem::batch,
      MimoProblem::slice);

  /**
   * Epochs of 500 steps of the committed UWMMSE-MIMO checkpoints ({@link TrainedOn#file()}): the paper's 15,000 steps
   * (about 17 minutes per model on one CPU core).
   */
  public static final int COMMITTED_EPOCHS = EPOCHS;
  /** File name of the committed Rayleigh UWMMSE-MIMO checkpoint, under {@code data/checkpoints/001/}. */
  public static final String COMMITTED_FILE = "uwmmse-rayleigh.ckpt";
  /** File name of the committed Rician UWMMSE-MIMO checkpoint (UWMMSE_ric of Fig. 3(c)), same folder. */
  public static final String COMMITTED_RICIAN_FILE = "uwmmse-rician.ckpt";

  /**
   * The fading a committed model is trained on (§IV-A): the paper trains one UWMMSE on Rayleigh channels
   * (UWMMSE_ray, every figure) and one on Rician channels with K = 20 dB (UWMMSE_ric, Fig. 2(c) and 3(c)). Both use
   * profile CODE and the same recipe; only the channels and the committed file differ.
   */
  public enum TrainedOn {
    /** Rayleigh fading: {@link Paper001.Profile#rayleigh()}, file {@value Training001#COMMITTED_FILE}. */
    RAYLEIGH(COMMITTED_FILE, "Rayleigh"),
    /** Rician fading, K = 20 dB: {@link Paper001.Profile#rician()}, file {@value Training001#COMMITTED_RICIAN_FILE}. */
    RICIAN(COMMITTED_RICIAN_FILE, "Rician");

    private final String file;
    private final String label;

    TrainedOn(String file, String label) {
      this.file = file;
      this.label = label;
    }

    /** Returns the fading's name for tables and plots: "Rayleigh" or "Rician". */
    public String label() {
      return label;
    }

    /** Returns the training network: profile CODE with this fading. */
    public MimoAdHoc network() {
      return this == RICIAN ? Paper001.Profile.CODE.rician() : Paper001.Profile.CODE.rayleigh();
    }

    /** Returns the committed checkpoint's file name, under {@code data/checkpoints/001/}. */
    public String file() {
      return file;
    }

    /**
     * Returns the fading named {@code name} ("rayleigh" or "rician", any case); {@code op} names the caller in the
     * exception for any other name.
     */
    public static TrainedOn parse(String name, String op) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "rayleigh" -> RAYLEIGH;
        case "rician" -> RICIAN;
        default -> throw new IllegalArgumentException(op + ": fading must be rayleigh or rician, got " + name);
      };
    }
  }

  private Training001() {}

  /** Returns the budget of the committed checkpoints: {@link #COMMITTED_EPOCHS} epochs of 500 steps. */
  public static TrainingBudget committedBudget() {
    return TrainingBudget.named("committed", COMMITTED_EPOCHS, STEPS_PER_EPOCH);
  }

  /**
   * Returns the recipe of the committed Rayleigh checkpoint, {@code committed(TrainedOn.RAYLEIGH)}. Load it with
   * {@code committed().loadOrTrain(CheckpointFiles.of(dir.resolve(COMMITTED_FILE)))}.
   */
  public static Recipe<MimoUwmmse, MimoProblem> committed() {
    return committed(TrainedOn.RAYLEIGH);
  }

  /**
   * Returns the model the notebooks evaluate: the committed checkpoint {@code files} when its settings match
   * {@link #committed(TrainedOn)}. Otherwise a full run trains the committed recipe (or loads it from the cache),
   * reporting to {@code progress}, and a smoke run trains a 20-step stand-in on sizes {6, 8} of the same fading with
   * batch 16, never saved over the committed file.
   */
  public static Trained<MimoUwmmse> committedOrTrained(TrainedOn fading, CheckpointFiles files, boolean smoke,
      TrainingCallback progress) {
    if (fading == null || files == null || progress == null) {
      throw new IllegalArgumentException("Training001.committedOrTrained: fading, files and progress must not be "
          + "null");
    }
    Recipe<MimoUwmmse, MimoProblem> recipe = committed(fading);
    return recipe.loadIfMatching(files).orElseGet(() -> smoke
        ? uwmmse(MimoUwmmseConfig.code(), fading.network(), new int[] {6, 8}, Paper001.SEED).batch(16)
            .budget(TrainingBudget.smoke(20)).train()
        : recipe.callback(progress).loadOrTrain(files));
  }

  /**
   * Returns the recipe of the committed checkpoint trained on {@code fading}: {@link MimoUwmmseConfig#code()}, the
   * network {@link TrainedOn#network()}, the training sizes of Fig. 3(a), training data from {@link Paper001#SEED},
   * {@link #committedBudget()}. Load it with
   * {@code committed(fading).loadOrTrain(CheckpointFiles.of(dir.resolve(fading.file())))}.
   */
  public static Recipe<MimoUwmmse, MimoProblem> committed(TrainedOn fading) {
    if (fading == null) throw new IllegalArgumentException("Training001.committed: fading must not be null");
    return uwmmse(MimoUwmmseConfig.code(), fading.network(), Paper001.trainingSizes(), Paper001.SEED)
        .budget(committedBudget());
  }

  /**
   * Returns draw {@code draw} of the committed recipe on {@code fading}: the same data, sizes, budget and selection,
   * with the parameters initialised from seed {@code draw} instead of 0 ({@link MimoUwmmseConfig#withSeed}); draw 0
   * is {@link #committed(TrainedOn)}. For how much a result depends on the random start alone; file
   * {@link #drawFile}.
   */
  public static Recipe<MimoUwmmse, MimoProblem> draw(TrainedOn fading, int draw) {
    if (fading == null) throw new IllegalArgumentException("Training001.draw: fading must not be null");
    if (draw < 0) throw new IllegalArgumentException("Training001.draw: draw must be >= 0, got " + draw);
    return uwmmse(MimoUwmmseConfig.code().withSeed(draw), fading.network(), Paper001.trainingSizes(), Paper001.SEED)
        .budget(committedBudget());
  }

  /** Returns the file of draw {@code draw} on {@code fading}: the committed file for draw 0, else {@code <name>-draw<d>.ckpt}. */
  public static String drawFile(TrainedOn fading, int draw) {
    if (fading == null) throw new IllegalArgumentException("Training001.drawFile: fading must not be null");
    String file = fading.file();
    return CheckpointFiles.drawStem("Training001.drawFile", file.substring(0, file.length() - ".ckpt".length()), draw)
        + ".ckpt";
  }

  /**
   * Trains (or loads) a committed recipe against its file under {@code data/checkpoints/001/} in the working
   * directory (the repository root); set {@code RRM_UPDATE_CHECKPOINTS=true} to write the committed file. Arguments
   * {@code [rayleigh|rician] [draw<d>] [n]}: the fading (default Rayleigh, {@value #COMMITTED_FILE}; {@code rician}
   * trains {@value #COMMITTED_RICIAN_FILE}); {@code draw<d>} trains {@link #draw} d into {@link #drawFile}; with a
   * step count {@code n}, trains instead the first {@code n} steps of the same recipe into the cache only (to time a
   * step). Logs every step to standard output.
   */
  public static void main(String[] args) {
    String op = "Training001.main";
    int draw = 0;
    java.util.List<String> rest = new java.util.ArrayList<>();
    for (String a : args) {
      if (!a.matches("draw\\d+")) rest.add(a);
      else draw = Integer.parseInt(a.substring(4));
    }
    args = rest.toArray(new String[0]);
    if (args.length > 2) {
      throw new IllegalArgumentException(op + ": give at most a fading (rayleigh or rician) and a step count, got "
          + args.length + " arguments");
    }
    TrainedOn fading = TrainedOn.RAYLEIGH;
    int next = 0;
    if (args.length > 0 && !args[0].isEmpty() && Character.isLetter(args[0].charAt(0))) {
      fading = TrainedOn.parse(args[0], op);
      next = 1;
    }
    if (args.length - next > 1) {
      throw new IllegalArgumentException(op + ": give at most a fading (rayleigh or rician) and a step count, got "
          + args.length + " arguments");
    }
    Recipe<MimoUwmmse, MimoProblem> recipe = draw(fading, draw);
    Path file = Path.of("data/checkpoints/001", drawFile(fading, draw));
    CheckpointFiles files = CheckpointFiles.of(file);
    if (args.length > next) {
      int n = Integer.parseInt(args[next]);
      if (n < 1) throw new IllegalArgumentException(op + ": step count must be >= 1, got " + n);
      recipe = recipe.budget(TrainingBudget.named("timing", 1, n));
      files = new CheckpointFiles(file, files.cacheDir(), true, false);
    }
    long t0 = System.nanoTime();
    var t = recipe.callback(stepLog(t0)).loadOrTrain(files);
    System.out.println(t + " in " + (System.nanoTime() - t0) / 1e9 + " s");
  }

  /** Returns a callback that prints every step, with the seconds since {@code t0} (nanoTime), to standard output. */
  static TrainingCallback stepLog(long t0) {
    return new TrainingCallback() {
      @Override
      public void onStep(TrainingEvent e) {
        System.out.printf("%.1f s %s%n", (System.nanoTime() - t0) / 1e9, e);
      }
    };
  }

  /** Returns the paper's budget: 15,000 steps in epochs of 500. */
  public static TrainingBudget paperBudget() {
    return TrainingBudget.named("paper", EPOCHS, STEPS_PER_EPOCH);
  }

  /**
   * Returns the epoch selection of the authors' code: the training loss ({@link MimoUwmmse#loss}, at the training
   * depth) averaged over {@value #SELECTION_BATCHES} fixed batches of {@link Paper001#BATCH} samples of the validation
   * split, batch b (b = 1 .. {@value #SELECTION_BATCHES}) of a size drawn from {@code sizes} by stream
   * {@code (seed, -b)}, so the set holds the training sizes only (odd sizes stay unseen) and never meets the training
   * batches, nor batch 0 of the validation split on which the notebooks report. The batches are drawn anew at each
   * validation (a batch at M = 50 holds 38 MB of channels), always the same, a few ahead of the one being scored
   * ({@link BatchSource#prefetched}).
   */
  static Validation<MimoUwmmse> selection(MimoAdHoc network, int[] sizes, long seed) {
    int[] m = sizes.clone();
    IntFunction<MimoProblem> batch = i -> {
      int b = i + 1;
      int pick = m[new SplittableRandom(Random.stream(seed, -b)).nextInt(m.length)];
      return network.batch(seed, Split.VALIDATION, pick, b, Paper001.BATCH);
    };
    return Validation.minimize("validation loss", model -> {
      double total = 0;
      try (BatchSource<MimoProblem> batches = BatchSource.prefetched(batch, SELECTION_BATCHES)) {
        for (int i = 0; i < SELECTION_BATCHES; i++) total += model.loss(batches.batch(i)).item();
      }
      return total / SELECTION_BATCHES;
    });
  }

  /** Returns the recipe on the default network ({@link Paper001#network()}) and the training sizes of Fig. 3(a). */
  public static Recipe<MimoUwmmse, MimoProblem> uwmmse(MimoUwmmseConfig config, long seed) {
    return uwmmse(config, Paper001.network(), Paper001.trainingSizes(), seed);
  }

  /**
   * Returns the recipe training on {@code network}: step t draws M from {@code sizes} and batch t of size M from the
   * training split, both from {@code seed}, so a run is reproducible and does not depend on the thread count.
   */
  public static Recipe<MimoUwmmse, MimoProblem> uwmmse(MimoUwmmseConfig config, MimoAdHoc network, int[] sizes,
      long seed) {
    String op = "Training001.uwmmse";
    if (config == null || network == null || sizes == null) {
      throw new IllegalArgumentException(op + ": config, network and sizes must not be null");
    }
    if (sizes.length == 0) throw new IllegalArgumentException(op + ": sizes must not be empty");
    for (int m : sizes) {
      if (m < 2) throw new IllegalArgumentException(op + ": every size M must be >= 2, got " + m);
    }
    if (network.rxAntennas() != config.rxAntennas() || network.txAntennas() != config.txAntennas()) {
      throw new IllegalArgumentException(op + ": the network has N_r = " + network.rxAntennas() + ", N_t = "
          + network.txAntennas() + ", the model was configured for N_r = " + config.rxAntennas() + ", N_t = "
          + config.txAntennas());
    }
    int[] m = sizes.clone();
    return Recipe.<MimoUwmmse, MimoProblem>named("uwmmse-mimo")
        .selection(selection(network, m, seed), "best epoch by validation loss on " + SELECTION_BATCHES + " fixed "
            + "batches of " + Paper001.BATCH + " (validation split, batches 1.." + SELECTION_BATCHES + ")")
        .model(() -> new MimoUwmmse(config), Settings.of("", config))
        .optimizer(model -> NovoGrad.of(model, LEARNING_RATE))
        .data(network + ", M from " + Arrays.toString(m) + ", seed " + seed, (step, size) -> {
          int pick = m[new SplittableRandom(Random.stream(seed, step)).nextInt(m.length)];
          return network.batch(seed, Split.TRAIN, pick, step, size);
        })
        .batch(Paper001.BATCH)
        .loss(MimoUwmmse::loss)
        .clipNorm(CLIP_NORM)
        .budget(paperBudget())
        .setting("loss", config.perUserLoss() ? "per-user mean rate" : "sum-rate");
  }
}
