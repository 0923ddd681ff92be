package rrm.paper.p001;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import rrm.channel.MimoAdHoc;
import rrm.channel.Split;
import rrm.model.gcnwmmse.GcnWmmse;
import rrm.model.gcnwmmse.GcnWmmseConfig;
import rrm.model.unrolled.Iaidnn;
import rrm.model.unrolled.IaidnnConfig;
import rrm.nn.Module;
import rrm.optim.Adam;
import rrm.optim.AdamW;
import rrm.optim.CheckpointFiles;
import rrm.optim.LrSchedule;
import rrm.optim.Recipe;
import rrm.optim.Settings;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingCallback;
import rrm.system.MimoProblem;
import rrm.tensor.Random;

/**
 * The learned baselines of paper 001's Fig. 2 and Table I, IAIDNN (Hu et al.) and GCN-WMMSE (Schynol and Pesavento),
 * adapted to the MIMO interference network as the reproduction notes describe (the paper gives only their names and
 * results): each transmitter is a one-user cell, d = 1 stream, one parameter set shared by all users, the common
 * full-power start of UWMMSE and the per-transmitter projection on the output. Both train on the same data as UWMMSE
 * ({@link Training001}): batches of 64 fresh samples whose size M is drawn per step from {10, 12, ..., 50}, from the
 * training split; the kept epoch is the best by mean training loss.
 *
 * <ul>
 *   <li>IAIDNN: 7 layers, Adam with learning rate 1e-3, loss {@code -mean sum-rate}, no clipping; paper budget
 *       10,000 steps.
 *   <li>GCN-WMMSE: paper 004's settings (L = 7, F = 4, G = 2, b_S = 1 since P_max = 1 and one user per transmitter),
 *       AdamW with learning rate 1e-2, betas (0.9, 0.99) and weight decay 1e-3, divided by 10 after a quarter, half
 *       and three quarters of the steps (paper 004: every 2,500 of 10,000), global-norm clipping at 1, the per-sample
 *       normalised loss of paper 004's eq. (16); paper budget 10,000 steps.
 * </ul>
 */
public final class Baselines001 {
  /** IAIDNN's learning rate (paper 004's training of IAIDNN, kept constant here). */
  public static final double IAIDNN_LEARNING_RATE = 1e-3;
  /** GCN-WMMSE's initial learning rate (paper 004 Tab. I). */
  public static final double GCN_LEARNING_RATE = 1e-2;
  /** GCN-WMMSE's global-norm clipping threshold (paper 004 Tab. I). */
  public static final double GCN_CLIP_NORM = 1.0;
  /** Steps per epoch of both recipes (the kept epoch is chosen among epochs of this length). */
  public static final int STEPS_PER_EPOCH = 100;
  /** Steps of paper 004's budget for both networks. */
  public static final int PAPER_STEPS = 10_000;

  /**
   * Budget of the committed IAIDNN checkpoints: 6 epochs of 100 steps (600 steps), what fitted our two shared cores
   * (paper 004 trains 10,000).
   */
  public static final TrainingBudget IAIDNN_COMMITTED = TrainingBudget.named("reduced", 6, STEPS_PER_EPOCH);
  /** Budget of the committed GCN-WMMSE checkpoints: 5 epochs of 100 steps (500 steps). */
  public static final TrainingBudget GCN_COMMITTED = TrainingBudget.named("reduced", 5, STEPS_PER_EPOCH);

  private Baselines001() {}

  /**
   * Returns the recipe of the committed IAIDNN checkpoint trained on {@code fading}: {@link IaidnnConfig#paper001()},
   * the network {@link Training001.TrainedOn#network()}, the training sizes of Fig. 3(a), {@link #IAIDNN_COMMITTED},
   * data seed {@link Paper001#SEED}. Its file is {@link #iaidnnFile}.
   */
  public static Recipe<Iaidnn, MimoProblem> committedIaidnn(Training001.TrainedOn fading) {
    if (fading == null) throw new IllegalArgumentException("Baselines001.committedIaidnn: fading must not be null");
    return iaidnn(IaidnnConfig.paper001(), fading.network(), Paper001.trainingSizes(), IAIDNN_COMMITTED,
        Paper001.SEED);
  }

  /**
   * Returns the recipe of the committed GCN-WMMSE checkpoint trained on {@code fading}: {@link GcnWmmseConfig#paper()},
   * the network {@link Training001.TrainedOn#network()}, the training sizes of Fig. 3(a), {@link #GCN_COMMITTED}, data
   * seed {@link Paper001#SEED}. Its file is {@link #gcnWmmseFile}.
   */
  public static Recipe<GcnWmmse, MimoProblem> committedGcnWmmse(Training001.TrainedOn fading) {
    if (fading == null) throw new IllegalArgumentException("Baselines001.committedGcnWmmse: fading must not be null");
    return gcnWmmse(GcnWmmseConfig.paper(), fading.network(), Paper001.trainingSizes(), GCN_COMMITTED, Paper001.SEED);
  }

  /** Returns the committed IAIDNN checkpoint's file name under {@code data/checkpoints/001/}. */
  public static String iaidnnFile(Training001.TrainedOn fading) {
    return fading == Training001.TrainedOn.RICIAN ? "03-iaidnn-rician.ckpt" : "03-iaidnn.ckpt";
  }

  /** Returns the committed GCN-WMMSE checkpoint's file name under {@code data/checkpoints/001/}. */
  public static String gcnWmmseFile(Training001.TrainedOn fading) {
    return fading == Training001.TrainedOn.RICIAN ? "03-gcn-wmmse-rician.ckpt" : "03-gcn-wmmse.ckpt";
  }

  /**
   * Trains (or loads) one committed baseline against its file under {@code data/checkpoints/001/} in the working
   * directory (the repository root); set {@code RRM_UPDATE_CHECKPOINTS=true} to write the committed file. Arguments
   * {@code iaidnn|gcn-wmmse [rayleigh|rician]} (default Rayleigh). Logs every step to standard output.
   */
  public static void main(String[] args) {
    String op = "Baselines001.main";
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException(op + ": give a model (iaidnn or gcn-wmmse) and optionally a fading (rayleigh"
          + " or rician), got " + args.length + " arguments");
    }
    Training001.TrainedOn fading = args.length == 1 ? Training001.TrainedOn.RAYLEIGH
        : Training001.TrainedOn.parse(args[1], op);
    long t0 = System.nanoTime();
    TrainingCallback log = Training001.stepLog(t0);
    Path dir = Path.of("data/checkpoints/001");
    Object trained = switch (args[0].toLowerCase(java.util.Locale.ROOT)) {
      case "iaidnn" -> committedIaidnn(fading).callback(log).loadOrTrain(CheckpointFiles.of(dir.resolve(
          iaidnnFile(fading))));
      case "gcn-wmmse" -> committedGcnWmmse(fading).callback(log).loadOrTrain(CheckpointFiles.of(dir.resolve(
          gcnWmmseFile(fading))));
      default -> throw new IllegalArgumentException(op + ": model must be iaidnn or gcn-wmmse, got " + args[0]);
    };
    System.out.println(trained + " in " + (System.nanoTime() - t0) / 1e9 + " s");
  }

  /** Returns the paper budget: 10,000 steps in epochs of 100. */
  public static TrainingBudget paperBudget() {
    return TrainingBudget.named("paper", PAPER_STEPS / STEPS_PER_EPOCH, STEPS_PER_EPOCH);
  }

  /** Returns the IAIDNN recipe on the default network and the training sizes of Fig. 3(a). */
  public static Recipe<Iaidnn, MimoProblem> iaidnn(IaidnnConfig config, TrainingBudget budget, long seed) {
    return iaidnn(config, Paper001.network(), Paper001.trainingSizes(), budget, seed);
  }

  /** Returns the IAIDNN recipe training on {@code network} with sizes drawn from {@code sizes}. */
  public static Recipe<Iaidnn, MimoProblem> iaidnn(IaidnnConfig config, MimoAdHoc network, int[] sizes,
      TrainingBudget budget, long seed) {
    String op = "Baselines001.iaidnn";
    check(op, config, network, sizes, budget);
    if (network.rxAntennas() != config.rxAntennas() || network.txAntennas() != config.txAntennas()) {
      throw new IllegalArgumentException(op + ": the network has N_r = " + network.rxAntennas() + ", N_t = "
          + network.txAntennas() + ", the model was configured for R = " + config.rxAntennas() + ", T = "
          + config.txAntennas());
    }
    return common(Recipe.<Iaidnn, MimoProblem>named("iaidnn-mimo"), network, sizes, budget, seed)
        .model(() -> new Iaidnn(config), Settings.of("", config))
        .optimizer(model -> Adam.of(model, IAIDNN_LEARNING_RATE))
        .loss(Iaidnn::loss)
        .setting("loss", "-mean sum-rate");
  }

  /** Returns the GCN-WMMSE recipe on the default network and the training sizes of Fig. 3(a). */
  public static Recipe<GcnWmmse, MimoProblem> gcnWmmse(GcnWmmseConfig config, TrainingBudget budget, long seed) {
    return gcnWmmse(config, Paper001.network(), Paper001.trainingSizes(), budget, seed);
  }

  /**
   * Returns the GCN-WMMSE recipe training on {@code network} with sizes drawn from {@code sizes}; the learning rate
   * drops by 10 after 1/4, 1/2 and 3/4 of the budget's steps.
   */
  public static Recipe<GcnWmmse, MimoProblem> gcnWmmse(GcnWmmseConfig config, MimoAdHoc network, int[] sizes,
      TrainingBudget budget, long seed) {
    String op = "Baselines001.gcnWmmse";
    check(op, config, network, sizes, budget);
    long steps = budget.steps();
    long[] milestones = {steps / 4, steps / 2, 3 * steps / 4};
    return common(Recipe.<GcnWmmse, MimoProblem>named("gcn-wmmse-mimo"), network, sizes, budget, seed)
        .model(() -> new GcnWmmse(config), Settings.of("", config))
        .optimizer(model -> AdamW.of(model, GCN_LEARNING_RATE).betas(0.9, 0.99).weightDecay(1e-3))
        .schedule(LrSchedule.multiStep(0.1, milestones), "x0.1 at steps " + Arrays.toString(milestones))
        .loss(GcnWmmse::loss)
        .clipNorm(GCN_CLIP_NORM)
        .setting("loss", config.normalisedLoss() ? "per-sample normalised sum-rate (eq. (16) of paper 004)"
            + (config.lossScale() ? ", scaled by the batch rate per user" : "") : "-mean sum-rate");
  }

  private static <M extends Module> Recipe<M, MimoProblem> common(Recipe<M, MimoProblem> r, MimoAdHoc network,
      int[] sizes, TrainingBudget budget, long seed) {
    int[] m = sizes.clone();
    return r.data(network + ", M from " + Arrays.toString(m) + ", seed " + seed, (step, size) -> {
      int pick = m[new SplittableRandom(Random.stream(seed, step)).nextInt(m.length)];
      return network.batch(seed, Split.TRAIN, pick, step, size);
    }).batch(Paper001.BATCH).budget(budget);
  }

  private static void check(String op, Object config, MimoAdHoc network, int[] sizes, TrainingBudget budget) {
    if (config == null || network == null || sizes == null || budget == null) {
      throw new IllegalArgumentException(op + ": config, network, sizes and budget must not be null");
    }
    if (sizes.length == 0) throw new IllegalArgumentException(op + ": sizes must not be empty");
    for (int k : sizes) {
      if (k < 1) throw new IllegalArgumentException(op + ": every size M must be >= 1, got " + k);
    }
  }
}
