package rrm.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import rrm.nn.Module;
import rrm.optim.Adam;
import rrm.optim.RmsProp;
import rrm.optim.Validation;
import rrm.solver.Wmmse;
import rrm.tensor.Autograd;
import rrm.tensor.Random;
import rrm.tensor.Tensor;

/** How each baseline of {@link BaselineTraining} is built, trained, described and loaded. */
interface BaselineKind<M extends Module> {
  String name();

  M build(long seed);

  /** The model's own settings (architecture; fitted scaler once trained). */
  Map<String, String> settingsOf(M model);

  /** The recipe settings specific to this kind (optimizer, data), without the {@code train.} prefix. */
  Map<String, String> settings(BaselineTraining<M> r);

  Trained<M> train(BaselineTraining<M> r, ChannelSource source, M model, String note);

  M load(Path path);

  /** Unsupervised settings shared by REGNN and IGCNet. */
  static Map<String, String> unsupervised(BaselineTraining<?> r) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("optimizer", "adam lr " + r.learningRate + " betas 0.9/0.999 eps 1e-8");
    s.put("clip_norm", "0.0");
    s.put("utility", r.utility.name());
    s.put("selection", "best epoch by mean training loss");
    return s;
  }

  /** Trains an unsupervised power network p = f(G) on {@code -mean utility}. */
  static <M extends Module> Trained<M> unsupervised(BaselineTraining<M> r, ChannelSource source, M model,
      java.util.function.BiFunction<M, Tensor, Tensor> powers, String note, double dataSeconds) {
    double s2 = source.noiseVariance();
    Trained<M> t = Recipes.fit(model, Adam.of(model, r.learningRate), step -> source.batch(step, r.batch),
        (M m, Tensor g) -> r.utility.loss(g, powers.apply(m, g), s2), r.budget, 0, null, r.callbacks, note);
    return new Trained<>(t.model(), t.summary().withDataSeconds(dataSeconds), t.history(), false, note);
  }

  final class OfRegnn implements BaselineKind<Regnn> {
    private final Regnn.Builder architecture;

    OfRegnn(Regnn.Builder architecture) {
      this.architecture = architecture;
    }

    @Override
    public String name() {
      return "regnn";
    }

    @Override
    public Regnn build(long seed) {
      return architecture.build(seed);
    }

    @Override
    public Map<String, String> settingsOf(Regnn model) {
      return model.settings();
    }

    @Override
    public Map<String, String> settings(BaselineTraining<Regnn> r) {
      return unsupervised(r);
    }

    @Override
    public Trained<Regnn> train(BaselineTraining<Regnn> r, ChannelSource source, Regnn model, String note) {
      return unsupervised(r, source, model, Regnn::apply, note, 0);
    }

    @Override
    public Regnn load(Path path) {
      return Regnn.load(path);
    }
  }

  final class OfIgcnet implements BaselineKind<Igcnet> {
    private final Igcnet.Builder architecture;

    OfIgcnet(Igcnet.Builder architecture) {
      this.architecture = architecture;
    }

    @Override
    public String name() {
      return "igcnet";
    }

    @Override
    public Igcnet build(long seed) {
      return architecture.build(seed);
    }

    @Override
    public Map<String, String> settingsOf(Igcnet model) {
      return model.settings();
    }

    @Override
    public Map<String, String> settings(BaselineTraining<Igcnet> r) {
      Map<String, String> s = unsupervised(r);
      s.put("fit_samples", Integer.toString(r.fitSamples));
      return s;
    }

    @Override
    public Trained<Igcnet> train(BaselineTraining<Igcnet> r, ChannelSource source, Igcnet model, String note) {
      long t0 = System.nanoTime();
      if (!model.features().isFitted() && model.features().transform() != ChannelFeatures.Transform.RAW) {
        model.fitFeatures(source.batch(0, r.fitSamples));
      }
      return unsupervised(r, source, model, Igcnet::apply, note, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public Igcnet load(Path path) {
      return Igcnet.load(path);
    }
  }

  final class OfMlp implements BaselineKind<SupervisedMlp> {
    private final SupervisedMlp.Builder architecture;

    OfMlp(SupervisedMlp.Builder architecture) {
      this.architecture = architecture;
    }

    @Override
    public String name() {
      return "mlp";
    }

    @Override
    public SupervisedMlp build(long seed) {
      return architecture.build(seed);
    }

    @Override
    public Map<String, String> settingsOf(SupervisedMlp model) {
      return model.settings();
    }

    @Override
    public Map<String, String> settings(BaselineTraining<SupervisedMlp> r) {
      Map<String, String> s = new LinkedHashMap<>();
      s.put("optimizer", "rmsprop-tf1 lr " + r.learningRate + " decay 0.9 eps 1e-10");
      s.put("labels", "WMMSE-100 powers of " + r.trainingSamples + " samples, last " + r.validationFraction
          + " held out");
      s.put("loss", "mse");
      s.put("selection", "best epoch by validation MSE");
      return s;
    }

    @Override
    public Trained<SupervisedMlp> train(BaselineTraining<SupervisedMlp> r, ChannelSource source, SupervisedMlp model,
        String note) {
      long t0 = System.nanoTime();
      int n = r.trainingSamples;
      int nVal = Math.max(1, (int) Math.round(n * r.validationFraction));
      int nTrain = n - nVal;
      if (nTrain < 1) {
        throw new IllegalArgumentException("BaselineTraining.mlp: " + n + " samples leave none for training after "
            + "holding out " + nVal + " for validation");
      }
      Tensor g = source.batch(0, n);
      Tensor labels = Wmmse.of(100).powers(g, source.noiseVariance(), source.pMax());
      Tensor gTrain = g.slice(0, 0, nTrain), lTrain = labels.slice(0, 0, nTrain);
      Tensor gVal = g.slice(0, nTrain, n), lVal = labels.slice(0, nTrain, n);
      if (!model.features().isFitted() && model.features().transform() != ChannelFeatures.Transform.RAW) {
        model.fitFeatures(gTrain);
      }
      double dataSeconds = (System.nanoTime() - t0) / 1e9;
      int size = Math.min(r.batch, nTrain);
      int perPass = nTrain / size;
      long shuffle = Random.stream(r.seed(), -1);
      Validation<SupervisedMlp> selection = Validation.minimize("validation MSE",
          m -> SupervisedMlp.mseLoss(m.apply(gVal), lVal).item());
      Trained<SupervisedMlp> t = Recipes.fit(model, RmsProp.tf1(model, r.learningRate), step -> {
        int[] order = Random.permutation(new SplittableRandom(Random.stream(shuffle, step / perPass)), nTrain);
        int[] idx = java.util.Arrays.copyOfRange(order, (step % perPass) * size, (step % perPass + 1) * size);
        try (var off = Autograd.noGrad()) {
          return new Tensor[] {gTrain.gather(0, idx), lTrain.gather(0, idx)};
        }
      }, (SupervisedMlp m, Tensor[] b) -> SupervisedMlp.mseLoss(m.apply(b[0]), b[1]), r.budget, 0, selection,
          r.callbacks, note);
      return new Trained<>(t.model(), t.summary().withDataSeconds(dataSeconds), t.history(), false, note);
    }

    @Override
    public SupervisedMlp load(Path path) {
      return SupervisedMlp.load(path);
    }
  }
}
