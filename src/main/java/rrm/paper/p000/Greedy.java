package rrm.paper.p000;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rrm.model.unrolled.Usrmnet;
import rrm.model.unrolled.UsrmnetConfig;
import rrm.model.unrolled.UsrmnetLayer;
import rrm.model.unrolled.UsrmnetStage;
import rrm.model.unrolled.UsrmnetState;
import rrm.optim.Adam;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.system.UrllcProblem;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/**
 * Greedy layer-by-layer training of USRMNet (USRMNet paper §III-D, Alg. 2, §IV), one {@link Recipe} per layer:
 * layer l starts from fresh weights (uniform [0, 1)), scales s = [1, 1] and multipliers 0, and trains on the cached
 * output of the frozen layers 1..l-1 of the training set: Adam (PyTorch form, learning rate 1e-3 for the weights and
 * the scales), mini-batches of 20 from a new permutation of the training set every epoch, the loss of paper eq. 19
 * and a dual step 1e-4 after every mini-batch; the best epoch by mean training loss is kept. The paper's budget is
 * 50 epochs of 10^4 samples per layer (25,000 steps); the budget is a parameter.
 *
 * <p>Seeds: layer l of configuration {@code cell} draws its weights from {@code 5000 + 100 cell + l} and its batch
 * order from the same seed, so layer l does not depend on how many layers follow it (the first two layers of a
 * five-layer model are the two-layer model).
 */
public final class Greedy {
  /** Mini-batch size b (§IV). */
  public static final int BATCH = 20;
  /** Epochs per layer (§IV). */
  public static final int PAPER_EPOCHS = 50;

  private Greedy() {}

  /** A mini-batch: the stage (gains, bounds) and the input points of its instances. */
  public record Batch(UsrmnetStage stage, Tensor x0) {}

  /** One trained layer and the state of the training set after it (computed on first use). */
  public record Layer(Trained<UsrmnetLayer> trained, Supplier<UsrmnetState> after) {}

  private static <T> Supplier<T> memo(Supplier<T> f) {
    Object[] box = new Object[1];
    return () -> {
      synchronized (box) {
        if (box[0] == null) box[0] = f.get();
        @SuppressWarnings("unchecked") T t = (T) box[0];
        return t;
      }
    };
  }

  /** Returns the seed of layer {@code layer} (1-based) of configuration {@code cell}: 5000 + 100 cell + layer. */
  public static long seed(int cell, int layer) {
    return 5000L + 100L * cell + layer;
  }

  /**
   * Returns the recipe of layer {@code layer} (1-based) trained on {@code input}, the cached output of the layers
   * before it (described by {@code data}: the training set and the previous layers' checkpoints).
   */
  public static Recipe<UsrmnetLayer, Batch> layer(UsrmnetConfig config, UsrmnetState input, String data, int cell,
      int layer, int epochs) {
    return layer(config, () -> input, input.size(), data, cell, layer, epochs);
  }

  /**
   * As {@link #layer(UsrmnetConfig, UsrmnetState, String, int, int, int)} with the input state computed only when
   * the layer trains ({@code size} instances; an epoch is {@code size / 20} mini-batches drawn from a permutation of
   * the instances with reachable QoS targets, cycling through them if some are not).
   */
  public static Recipe<UsrmnetLayer, Batch> layer(UsrmnetConfig config, Supplier<UsrmnetState> input, int size,
      String data, int cell, int layer, int epochs) {
    if (layer < 1) throw new IllegalArgumentException("Greedy.layer: layers count from 1, got " + layer);
    if (size < BATCH) {
      throw new IllegalArgumentException("Greedy.layer: need at least " + BATCH + " training instances, got " + size);
    }
    int steps = size / BATCH;
    long seed = seed(cell, layer);
    Supplier<int[]> reachable = memo(() -> {
      int[] p = input.get().reachable();
      if (p.length == 0) throw new IllegalArgumentException("Greedy.layer: no training instance has reachable QoS targets");
      return p;
    });
    return Recipe.<UsrmnetLayer, Batch>named("usrmnet-greedy")
        .model(() -> new UsrmnetLayer(config, seed), new UsrmnetLayer(config, seed).settings())
        .optimizer(m -> Adam.of(m, 1e-3))
        .data(data, (step, b) -> {
          int[] pool = reachable.get();
          int epoch = step / steps, at = (step % steps) * b;
          int[] perm = Random.permutation(new SplittableRandom(Random.stream(seed, 1000 + epoch)), pool.length);
          int[] idx = new int[b];
          for (int i = 0; i < b; i++) idx[i] = pool[perm[(at + i) % pool.length]];
          return new Batch(input.get().stage(idx), input.get().points(idx));
        })
        .batch(BATCH)
        .loss((m, b) -> m.trainingLoss(b.stage(), b.x0()))
        .budget(TrainingBudget.named(epochs == PAPER_EPOCHS ? "paper" : "reduced", epochs, steps))
        .setting("layer", layer).setting("seed", seed);
  }

  /**
   * Trains (or loads) {@code layers} layers greedily on {@code train} for configuration {@code cell}; layer l's
   * checkpoint is {@code dir/<stem>-layer<l>.ckpt}. {@code report} receives each layer as it is done. The training
   * set's states are computed only for layers that train (loading a model costs no data pass).
   */
  public static List<Layer> train(UsrmnetConfig config, UrllcProblem train, String trainDescription, int cell,
      int layers, int epochs, Path dir, String stem, Consumer<Layer> report) {
    return train(config, train, trainDescription, cell, 0, layers, epochs, dir, stem, report);
  }

  /**
   * As {@link #train(UsrmnetConfig, UrllcProblem, String, int, int, int, Path, String, Consumer)}, but layers
   * 1..{@code kept} must load from a matching checkpoint: the first that does not throws an
   * {@link IllegalStateException} naming it before any layer trains, so extending a model never retrains (or
   * overwrites) the layers it continues from.
   */
  public static List<Layer> train(UsrmnetConfig config, UrllcProblem train, String trainDescription, int cell,
      int kept, int layers, int epochs, Path dir, String stem, Consumer<Layer> report) {
    if (layers < 1 || epochs < 1) {
      throw new IllegalArgumentException("Greedy.train: need layers >= 1 and epochs >= 1, got " + layers + " and "
          + epochs);
    }
    if (kept < 0 || kept > layers) {
      throw new IllegalArgumentException("Greedy.train: kept must lie in [0, layers = " + layers + "], got " + kept);
    }
    Supplier<UsrmnetState> state = memo(() -> UsrmnetState.start(train));
    String data = trainDescription;
    List<Layer> out = new ArrayList<>();
    for (int l = 1; l <= layers; l++) {
      Recipe<UsrmnetLayer, Batch> r = layer(config, state, train.batch(), data, cell, l, epochs);
      String name = stem + "-layer" + l;
      CheckpointFiles files = CheckpointFiles.of(dir.resolve(name + ".ckpt"));
      Trained<UsrmnetLayer> t = l <= kept ? r.loadIfMatching(files).orElseThrow(() -> new IllegalStateException(
          "Greedy.train: layer " + name + " must load from " + files.committed() + " but no checkpoint matches its recipe"))
          : r.loadOrTrain(files);
      if (!t.loaded()) writeTrace(t.model(), files.updateCommitted() ? dir : files.cacheFile("x").getParent(), stem, l);
      Supplier<UsrmnetState> before = state;
      state = memo(() -> before.get().advance(t.model()));
      Layer done = new Layer(t, state);
      out.add(done);
      if (report != null) report.accept(done);
      data = data + " | layer " + l + " " + CheckpointFiles.fingerprint(r.settings());
    }
    return out;
  }

  /**
   * The pre-step sign of the committed Table I-III models (4B-4D): the authors' code's
   * ({@link UsrmnetConfig.PreStep#CODE}), the direction that produced the paper's tables. With the sign of the
   * paper's Alg. 1 the gradient step pushes theta down by about 2 and the correction has to lift it back from the
   * raw gains, so (10k) breaks as soon as the gains shift (reproduction notes, 4C). The five-layer Figs. 5-7 models (4A)
   * use it too; their earlier versions with {@link UsrmnetConfig.PreStep#PAPER} stay committed beside them.
   */
  public static final UsrmnetConfig.PreStep TABLE_PRE_STEP = UsrmnetConfig.PreStep.CODE;

  /**
   * Index in {@link Paper000#tableOne()} of the base configuration of Figs. 5-6 ({@link Paper000#base()}: SNR 15 dB,
   * N_t = 64, n = 128, K = 6, the second block's second K); its seeds are those of the Fig. 5 runs.
   */
  public static final int BASE_CELL = 5;

  /**
   * Returns the checkpoint stem of the Fig. 5 run with initial loss scales {@code initialScale} (an integer, as the
   * paper's [2, 2], [1, 1], [0, 0]) and pre-step sign {@code sign}: {@code fig5-s<s>} for the paper's sign,
   * {@code fig5-code-s<s>} for the code's.
   */
  public static String figureFiveStem(double initialScale, UsrmnetConfig.PreStep sign) {
    if (sign == null) throw new IllegalArgumentException("Greedy.figureFiveStem: sign must not be null");
    if (initialScale != Math.rint(initialScale) || Math.abs(initialScale) > 1e6) {
      throw new IllegalArgumentException("Greedy.figureFiveStem: initialScale must be an integer, got " + initialScale);
    }
    return (sign == UsrmnetConfig.PreStep.PAPER ? "fig5-s" : "fig5-code-s") + (long) initialScale;
  }

  /**
   * Trains (or loads) the first {@code layers} layers of the Fig. 5 run with initial loss scales
   * {@code initialScale} and pre-step sign {@code sign} on the base configuration ({@link #BASE_CELL}: its seeds and
   * training stream, {@code samples} samples, {@code epochs} epochs per layer); checkpoints
   * {@code dir/<figureFiveStem(initialScale, sign)>-layer<l>.ckpt}. With initial scale 1 the run has the recipe of
   * the Table I model of {@link #BASE_CELL}, so the two must agree bit for bit.
   */
  public static List<Layer> figureFive(double initialScale, UsrmnetConfig.PreStep sign, int layers, int samples,
      int epochs, Path dir, Consumer<Layer> report) {
    return extendFigureFive(initialScale, sign, 0, layers, samples, epochs, dir, report);
  }

  /**
   * As {@link #figureFive}, but layers 1..{@code kept} must load from their checkpoints (an
   * {@link IllegalStateException} before anything trains otherwise).
   */
  public static List<Layer> extendFigureFive(double initialScale, UsrmnetConfig.PreStep sign, int kept, int layers,
      int samples, int epochs, Path dir, Consumer<Layer> report) {
    rrm.channel.UrllcDownlink d = Paper000.base();
    long seed = Paper000.trainSeed(BASE_CELL);
    return train(UsrmnetConfig.paper(d.users()).withInitialScale(initialScale).withPreStep(sign),
        d.sample(samples, seed), describe(d, samples, seed), BASE_CELL, kept, layers, epochs, dir,
        figureFiveStem(initialScale, sign), report);
  }

  /**
   * Returns the checkpoint stem of Table I cell {@code cell} with pre-step sign {@code sign}: {@code table1-c<cell>}
   * for the paper's sign, {@code table1-code-c<cell>} for the code's.
   */
  public static String tableOneStem(int cell, UsrmnetConfig.PreStep sign) {
    if (sign == null) throw new IllegalArgumentException("Greedy.tableOneStem: sign must not be null");
    return (sign == UsrmnetConfig.PreStep.PAPER ? "table1-c" : "table1-code-c") + cell;
  }

  /**
   * Returns the checkpoint stem of the Table II model trained on 100-140 m with K users and pre-step sign
   * {@code sign}: {@code table2-train100-140-K<K>} for the paper's sign, {@code table2-train100-140-code-K<K>} for the
   * code's.
   */
  public static String tableTwoStem(int users, UsrmnetConfig.PreStep sign) {
    if (sign == null) throw new IllegalArgumentException("Greedy.tableTwoStem: sign must not be null");
    return (sign == UsrmnetConfig.PreStep.PAPER ? "table2-train100-140-K" : "table2-train100-140-code-K") + users;
  }

  /**
   * Trains (or loads) the first {@code layers} layers of Table I cell {@code cell} (index in
   * {@link Paper000#tableOne()}) with pre-step sign {@code sign} on {@code samples} training samples of stream
   * {@link Paper000#trainSeed} for {@code epochs} epochs per layer; checkpoints
   * {@code dir/<tableOneStem(cell, sign)>-layer<l>.ckpt}.
   */
  public static List<Layer> tableOne(int cell, UsrmnetConfig.PreStep sign, int layers, int samples, int epochs,
      Path dir, Consumer<Layer> report) {
    return extendTableOne(cell, sign, 0, layers, samples, epochs, dir, report);
  }

  /**
   * As {@link #tableOne}, but layers 1..{@code kept} must load from their checkpoints (an
   * {@link IllegalStateException} before anything trains otherwise): the Fig. 7 models continue the committed
   * Table I layers.
   */
  public static List<Layer> extendTableOne(int cell, UsrmnetConfig.PreStep sign, int kept, int layers, int samples,
      int epochs, Path dir, Consumer<Layer> report) {
    List<rrm.channel.UrllcDownlink> cells = Paper000.tableOne();
    if (cell < 0 || cell >= cells.size()) {
      throw new IllegalArgumentException("Greedy.tableOne: cell must lie in [0, " + cells.size() + "), got " + cell);
    }
    rrm.channel.UrllcDownlink d = cells.get(cell);
    long seed = Paper000.trainSeed(cell);
    return train(UsrmnetConfig.paper(d.users()).withPreStep(sign), d.sample(samples, seed), describe(d, samples, seed),
        cell, kept, layers, epochs, dir, tableOneStem(cell, sign), report);
  }

  /** Weight seeds of the further draws of a Table I cell: draw d trains with the seeds of configuration cell + 100 d. */
  public static final int DRAW_STRIDE = 100;

  /**
   * Returns the checkpoint stem of draw {@code draw} of Table I cell {@code cell}: {@link #tableOneStem} for draw 0
   * (the committed model), {@code <tableOneStem>-draw<d>} for the others.
   */
  public static String tableOneDrawStem(int cell, int draw, UsrmnetConfig.PreStep sign) {
    return CheckpointFiles.drawStem("Greedy.tableOneDrawStem", tableOneStem(cell, sign), draw);
  }

  /**
   * Trains (or loads) draw {@code draw} of Table I cell {@code cell}: everything of {@link #tableOne} (configuration,
   * training samples, budget, pre-step sign) but the weight seeds and batch orders, which are those of configuration
   * {@code cell + DRAW_STRIDE * draw} (draw 0 is the committed model). For how much a cell's result depends on the
   * random start alone; checkpoints {@code dir/<tableOneDrawStem>-layer<l>.ckpt}.
   */
  public static List<Layer> tableOneDraw(int cell, int draw, UsrmnetConfig.PreStep sign, int layers, int samples,
      int epochs, Path dir, Consumer<Layer> report) {
    List<rrm.channel.UrllcDownlink> cells = Paper000.tableOne();
    if (cell < 0 || cell >= cells.size()) {
      throw new IllegalArgumentException("Greedy.tableOneDraw: cell must lie in [0, " + cells.size() + "), got " + cell);
    }
    if (draw < 0) throw new IllegalArgumentException("Greedy.tableOneDraw: draw must be >= 0, got " + draw);
    rrm.channel.UrllcDownlink d = cells.get(cell);
    long seed = Paper000.trainSeed(cell);
    return train(UsrmnetConfig.paper(d.users()).withPreStep(sign), d.sample(samples, seed), describe(d, samples, seed),
        cell + DRAW_STRIDE * draw, 0, layers, epochs, dir, tableOneDrawStem(cell, draw, sign), report);
  }

  /**
   * Returns the configuration index of the Table II model trained on 100-140 m with {@code users} users (4 or 6): 16
   * and 17, after the 16 Table I cells; its seeds and training stream follow from it.
   */
  public static int tableTwoConfiguration(int users) {
    if (users != 4 && users != 6) {
      throw new IllegalArgumentException("Greedy.tableTwoConfiguration: users must be 4 or 6, got " + users);
    }
    return users == 4 ? 16 : 17;
  }

  /**
   * Trains (or loads) draw {@code draw} of the Table II model trained on 100-140 m with {@code users} users: the
   * committed recipe ({@link #tableTwoConfiguration}'s training stream) with the weight seeds of configuration
   * {@code tableTwoConfiguration(users) + DRAW_STRIDE * draw} (draw 0 is the committed model); checkpoints
   * {@code dir/<tableTwoStem>[-draw<d>]-layer<l>.ckpt}.
   */
  public static List<Layer> tableTwoDraw(int users, int draw, UsrmnetConfig.PreStep sign, int layers, int samples,
      int epochs, Path dir, Consumer<Layer> report) {
    int cfg = tableTwoConfiguration(users);
    String stem = CheckpointFiles.drawStem("Greedy.tableTwoDraw", tableTwoStem(users, sign), draw);
    return model(Paper000.tableTwo(users, 100, 140), UsrmnetConfig.paper(users).withPreStep(sign),
        cfg + DRAW_STRIDE * draw, Paper000.trainSeed(cfg), layers, samples, epochs, dir, stem, report);
  }

  /** Columns of a training trace file. */
  public static final String TRACE_HEADER = "step,objective,loss,violation,s1,s2,l1,l2";

  private static void writeTrace(UsrmnetLayer m, Path dir, String stem, int layer) {
    StringBuilder sb = new StringBuilder(TRACE_HEADER).append('\n');
    for (double[] row : m.trace()) {
      for (int i = 0; i < row.length; i++) sb.append(i == 0 ? "" : ",").append(i == 0 ? String.valueOf((long) row[0]) : String.valueOf(row[i]));
      sb.append('\n');
    }
    try {
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(dir.resolve(stem + "-layer" + layer + ".trace.csv"), sb);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Greedy: cannot write the training trace of " + stem + " layer " + layer, e);
    }
  }

  /**
   * Returns the training trace of layer {@code layer} of {@code stem} ({@link UsrmnetLayer#trace} rows), from
   * {@code dir} or else its checkpoint cache, or an empty list when the layer was loaded and no trace was kept.
   */
  public static List<double[]> trace(Path dir, String stem, int layer) {
    String name = stem + "-layer" + layer + ".trace.csv";
    Path committed = dir.resolve(name);
    Path cached = CheckpointFiles.of(dir.resolve(stem + "-layer" + layer + ".ckpt")).cacheFile("x").getParent().resolve(name);
    Path f = java.nio.file.Files.exists(committed) ? committed : cached;
    List<double[]> out = new ArrayList<>();
    if (!java.nio.file.Files.exists(f)) return out;
    try {
      List<String> lines = java.nio.file.Files.readAllLines(f);
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) continue;
        out.add(java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Greedy: cannot read " + f, e);
    }
    return out;
  }

  /**
   * Trains (or loads) a model of {@code layers} layers for scenario {@code d} with configuration {@code config}
   * under checkpoint stem {@code stem}; seeds from {@code cell}, training stream {@code trainSeed}.
   */
  public static List<Layer> model(rrm.channel.UrllcDownlink d, UsrmnetConfig config, int cell, long trainSeed,
      int layers, int samples, int epochs, Path dir, String stem, Consumer<Layer> report) {
    return train(config, d.sample(samples, trainSeed), describe(d, samples, trainSeed), cell, layers, epochs, dir,
        stem, report);
  }

  /** Returns the network of the trained layers. */
  public static Usrmnet network(List<Layer> layers) {
    List<UsrmnetLayer> ls = new ArrayList<>();
    for (Layer l : layers) ls.add(l.trained().model());
    return new Usrmnet(ls);
  }

  /** Returns a short description of configuration {@code d} with {@code n} training samples from {@code seed}. */
  public static String describe(rrm.channel.UrllcDownlink d, int n, long seed) {
    return d + ", " + n + " samples, seed " + seed;
  }

  /** Returns the settings map of a layer recipe (for notebooks that show them). */
  public static Map<String, String> settings(Recipe<UsrmnetLayer, Batch> r) {
    return r.settings();
  }
}
