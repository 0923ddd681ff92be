package rrm.paper.p003;

import java.nio.file.Path;
import rrm.model.baseline.Pcnet;
import rrm.model.gnn.Wcgcn;
import rrm.nn.Module;
import rrm.optim.CheckpointFiles;
import rrm.optim.Recipe;
import rrm.optim.Trained;
import rrm.optim.TrainingBudget;
import rrm.optim.TrainingCallback;
import rrm.optim.TrainingEvent;

/**
 * Trains (or finds) the Gaussian-IC WCGCN networks of notebooks 02 and 03 with their recipes ({@link IcTraining}),
 * so that they can be trained in the background; run from the project root with {@code RRM_UPDATE_CHECKPOINTS=true}
 * to write data/checkpoints/003/.
 *
 * <p>Arguments: {@code time} measures the step time of each setting (a few steps, nothing written); otherwise the
 * SNR in dB, then the networks to train from that SNR's K = 10 network (trained first, or loaded), each as
 * {@code K<pairs>T<layers>}, e.g. {@code 10 K30T3 K50T3}; {@code S<pairs>T<layers>} trains that network from scratch
 * instead ({@link IcTraining#wcgcnScratch}, Fig. 3's 1- and 2-layer networks: {@code 10 S50T1 S50T2}; a suffix
 * {@code d<draw>} trains another random start of it, {@code 10 S50T1d1}), and
 * {@code P<pairs>} trains PCNet ({@link IcTraining#pcnet}) at that SNR, e.g. {@code 0 P10 P30}.
 */
public final class TrainIcModels {
  private TrainIcModels() {}

  public static void main(String[] args) {
    if (args.length == 0) throw new IllegalArgumentException("TrainIcModels: give 'time' or an SNR in dB");
    if (args[0].equals("time")) {
      time();
      return;
    }
    double snr = Double.parseDouble(args[0]);
    Path dir = Path.of("data/checkpoints/003");
    Recipe<Wcgcn, IcTraining.Batch> base = IcTraining.wcgcn(10, snr, 3, IcTraining.WCGCN_SEED,
        Paper003.TRAIN_SAMPLES);
    Trained<Wcgcn> start = logged(base, "K=10 T=3 " + snr + " dB")
        .loadOrTrain(CheckpointFiles.of(dir.resolve(IcTraining.wcgcnFile(10, snr, 3))));
    System.out.println("K=10 " + snr + " dB: " + start.summary());
    for (int a = 1; a < args.length; a++) {
      String s = args[a];
      if (s.startsWith("P")) {
        int pairs = Integer.parseInt(s.substring(1));
        Trained<Pcnet> done = logged(IcTraining.pcnet(pairs, snr, IcTraining.PCNET_SEED), s + " " + snr + " dB")
            .loadOrTrain(CheckpointFiles.of(dir.resolve(IcTraining.pcnetFile(pairs, snr))));
        System.out.println(s + " " + snr + " dB: " + done.summary());
        continue;
      }
      int t = s.indexOf('T'), dAt = s.indexOf('d');
      int pairs = Integer.parseInt(s.substring(1, t));
      int layers = Integer.parseInt(s.substring(t + 1, dAt < 0 ? s.length() : dAt));
      int draw = dAt < 0 ? 0 : Integer.parseInt(s.substring(dAt + 1));
      Recipe<Wcgcn, IcTraining.Batch> r = s.startsWith("S")
          ? IcTraining.wcgcnScratch(pairs, snr, layers, Paper003.TRAIN_SAMPLES, draw)
          : IcTraining.wcgcnFrom(base, start.model(), pairs, snr, layers, Paper003.TRAIN_SAMPLES);
      String file = s.startsWith("S") ? IcTraining.scratchFile(pairs, snr, layers, draw)
          : IcTraining.wcgcnFile(pairs, snr, layers);
      Trained<Wcgcn> done = logged(r, s + " " + snr + " dB").loadOrTrain(CheckpointFiles.of(dir.resolve(file)));
      System.out.println(s + " " + snr + " dB: " + done.summary());
    }
  }

  private static <M extends Module, B> Recipe<M, B> logged(Recipe<M, B> r, String label) {
    long t0 = System.nanoTime();
    return r.callback(new TrainingCallback() {
      @Override
      public void onStep(TrainingEvent e) {
        if (e.step() % 20 == 0 || e.step() == e.totalSteps()) {
          System.out.printf("%s step %d/%d loss %.4f  %.0f s%n", label, e.step(), e.totalSteps(), e.loss(),
              (System.nanoTime() - t0) / 1e9);
        }
      }
    });
  }

  /** Prints the mean time of steps 6-40 of each setting (10 dB, batches as the recipes). */
  private static void time() {
    int[][] settings = {{10, 3}, {30, 3}, {50, 3}, {50, 1}, {50, 2}};
    for (int[] st : settings) {
      long[] at = new long[2];
      IcTraining.wcgcn(st[0], 10, st[1], IcTraining.WCGCN_SEED, Paper003.TRAIN_SAMPLES)
          .budget(TrainingBudget.of(1, 40)).callback(new TrainingCallback() {
            @Override
            public void onStep(TrainingEvent e) {
              if (e.step() == 5) at[0] = System.nanoTime();
              if (e.step() == e.totalSteps() - 1) at[1] = System.nanoTime();
            }
          }).train();
      System.out.printf("K=%d T=%d batch %d: %.3f s per step%n", st[0], st[1], IcTraining.wcgcnBatch(st[0]),
          (at[1] - at[0]) / 1e9 / (40 - 1 - 5));
    }
  }
}
