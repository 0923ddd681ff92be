package rrm.paper.p002;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import rrm.channel.AdHocSiso;
import rrm.channel.ChannelSource;
import rrm.channel.Topology;
import rrm.model.uwmmse.PsiKind;
import rrm.model.uwmmse.Uwmmse;
import rrm.model.uwmmse.UwmmseConfig;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.system.SisoProblem;
import rrm.tensor.Autograd;
import rrm.utility.Utility;

/**
 * One model of the §IV-B sweep (depth K, width F, the form of Ψ): the UWMMSE recipe of §IV-A on the paper topology,
 * with everything but K, F and Ψ at {@link UwmmseConfig#defaults()}. A value of plain fields, so that a sweep can
 * send it to other JVMs and cache its result by its settings; {@link #run()} loads or trains the model (checkpoint
 * {@code <checkpoints>/4B-<name>.ckpt}, training into the git-ignored cache) and returns its test metrics.
 *
 * @param name the model's name in checkpoint files ({@code uwmmse-K5}, {@code uwmmse-F10}, ...)
 * @param layers K
 * @param hidden F
 * @param psi the coefficient network Ψ
 * @param regime the noise regime of the scenario
 * @param budgetName, epochs, stepsPerEpoch the training budget
 * @param testSamples size of the test set (stream {@link Paper002#TEST_SEED})
 * @param checkpoints folder of the committed checkpoints (read-only; absolute, so that any JVM finds it)
 * @param retrain whether to train even when a matching checkpoint exists
 */
public record DepthWidthRun(String name, int layers, int hidden, PsiKind psi, Regime regime, String budgetName,
    int epochs, int stepsPerEpoch, int testSamples, String checkpoints, boolean retrain) implements Serializable {

  public DepthWidthRun {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("DepthWidthRun: name must not be blank");
    if (testSamples < 1) {
      throw new IllegalArgumentException("DepthWidthRun: testSamples must be at least 1, got " + testSamples);
    }
    if (checkpoints == null) throw new IllegalArgumentException("DepthWidthRun: checkpoints must not be null");
    new TrainingBudget(budgetName, epochs, stepsPerEpoch); // validates the budget
    UwmmseConfig.defaults().withLayers(layers).withHidden(hidden).withPsi(psi); // validates K, F, Ψ
  }

  /**
   * Returns the run of model {@code name} with {@code config}, which may differ from the defaults only in K, F and Ψ.
   */
  public static DepthWidthRun of(String name, UwmmseConfig config, Regime regime, TrainingBudget budget,
      int testSamples, Path checkpoints, boolean retrain) {
    DepthWidthRun r = new DepthWidthRun(name, config.layers(), config.hidden(), config.psi(), regime, budget.name(),
        budget.epochs(), budget.stepsPerEpoch(), testSamples, checkpoints.toAbsolutePath().normalize().toString(),
        retrain);
    if (!r.config().equals(config)) {
      throw new IllegalArgumentException("DepthWidthRun.of: config may differ from UwmmseConfig.defaults() only in "
          + "layers, hidden and psi, got " + config);
    }
    return r;
  }

  /** Returns a copy with forced retraining on or off. */
  public DepthWidthRun withRetrain(boolean on) {
    return new DepthWidthRun(name, layers, hidden, psi, regime, budgetName, epochs, stepsPerEpoch, testSamples,
        checkpoints, on);
  }

  /** Returns the model settings. */
  public UwmmseConfig config() {
    return UwmmseConfig.defaults().withLayers(layers).withHidden(hidden).withPsi(psi);
  }

  /** Returns the training budget. */
  public TrainingBudget budget() {
    return new TrainingBudget(budgetName, epochs, stepsPerEpoch);
  }

  private AdHocSiso scenario() {
    return Paper002.scenario(regime);
  }

  /** Returns the recipe: {@link Training#uwmmse} on the paper topology's fresh training stream, this budget. */
  public Recipe<Uwmmse, SisoProblem> recipe() {
    AdHocSiso net = scenario();
    Topology topo = net.drop(Paper002.TOPOLOGY_SEED);
    return Training.uwmmse(config(), ChannelSource.fresh(net, topo, Paper002.TRAIN_STREAM_SEED)).budget(budget());
  }

  /** Returns the checkpoint files: {@code <checkpoints>/4B-<name>.ckpt} and its cache. */
  public CheckpointFiles files() {
    return CheckpointFiles.of(Path.of(checkpoints).resolve("4B-" + name + ".ckpt")).retrain(retrain);
  }

  /** Loads the model when a matching checkpoint exists (unless {@link #retrain}), else trains it. */
  public Trained<Uwmmse> trained() {
    return recipe().loadOrTrain(files());
  }

  /**
   * Loads or trains the model and returns its metrics on the test set: mean test sum-rate trained and at its initial
   * parameters, parameter count, training steps and seconds (from the checkpoint when loaded), whether it was loaded.
   */
  public Map<String, Object> run() {
    Trained<Uwmmse> t = trained();
    AdHocSiso net = scenario();
    SisoProblem test = net.testSet(net.drop(Paper002.TOPOLOGY_SEED), testSamples, Paper002.TEST_SEED).problem();
    Map<String, Object> m = new LinkedHashMap<>();
    try (var off = Autograd.noGrad()) {
      m.put("mean_sum_rate", Utility.sumRate().of(test, t.model().allocate(test)).mean().item());
      m.put("untrained_mean_sum_rate", Utility.sumRate().of(test, new Uwmmse(config()).allocate(test)).mean().item());
    }
    m.put("parameters", t.model().parameterCount());
    m.put("train_steps", t.summary().steps());
    m.put("train_s", t.summary().seconds());
    m.put("model", t.loaded() ? "loaded" : "trained");
    return m;
  }
}
