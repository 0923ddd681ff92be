package rrm.model.uwmmse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.nn.Checkpoint;
import rrm.nn.CheckpointException;
import rrm.nn.Module;

/** A UWMMSE checkpoint goes only into a network of the same depth and the same μ choice, and then bit-exactly. */
class UwmmseCheckpointTest {
  @TempDir
  Path dir;

  private static Uwmmse net(int layers, boolean mu, long seed) {
    return new Uwmmse(UwmmseConfig.defaults().withLayers(layers).withMu(mu).withSeed(seed));
  }

  private static long[] bits(Module m) {
    return m.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.value().toArray()))
        .mapToLong(Double::doubleToLongBits).toArray();
  }

  private Checkpoint saved(Uwmmse model) {
    Path p = dir.resolve("uwmmse-" + model.config().layers() + "-" + model.config().mu() + ".ckpt");
    Checkpoint.save(model, p, Map.of());
    return Checkpoint.read(p);
  }

  /** Restores {@code c} into {@code target}, expecting a refusal; returns its message after checking nothing moved. */
  private static String refused(Checkpoint c, Uwmmse target) {
    long[] before = bits(target);
    String m = assertThrows(CheckpointException.class, () -> c.restore(target)).getMessage();
    assertArrayEquals(before, bits(target), "nothing was loaded: " + m);
    assertTrue(m.contains("nothing was loaded"), m);
    return m;
  }

  @Test
  void fourLayersRestoreIntoFourLayersBitExactly() {
    Uwmmse four = net(4, true, 1L);
    Uwmmse other = net(4, true, 2L);
    saved(four).restore(other);
    assertArrayEquals(bits(four), bits(other));
  }

  @Test
  void fourLayersIntoFiveNamesEveryParameterOfTheFifthLayer() {
    Uwmmse five = net(5, true, 2L);
    String m = refused(saved(net(4, true, 1L)), five);
    long named = five.namedParameters().keySet().stream().filter(n -> n.startsWith("layer5."))
        .filter(n -> m.contains("parameter '" + n + "' is missing from the file")).count();
    assertEquals(five.namedParameters().keySet().stream().filter(n -> n.startsWith("layer5.")).count(), named, m);
    assertTrue(named > 0, m);
  }

  @Test
  void fourLayersIntoThreeNamesEveryExtraParameterOfTheFourthLayer() {
    Uwmmse four = net(4, true, 1L);
    String m = refused(saved(four), net(3, true, 2L));
    four.namedParameters().keySet().stream().filter(n -> n.startsWith("layer4."))
        .forEach(n -> assertTrue(m.contains("the file has parameter '" + n + "' that the model lacks"), n + ": " + m));
  }

  @Test
  void muAndNoMuDoNotMixEitherWay() {
    String withoutMu = refused(saved(net(4, true, 1L)), net(4, false, 2L));
    for (int k = 1; k <= 4; k++) {
      assertTrue(withoutMu.contains("the file has parameter 'layer" + k + ".mu' that the model lacks"), withoutMu);
    }
    String withMu = refused(saved(net(4, false, 1L)), net(4, true, 2L));
    for (int k = 1; k <= 4; k++) {
      assertTrue(withMu.contains("parameter 'layer" + k + ".mu' is missing from the file"), withMu);
    }
  }

  @Test
  void loadThroughTheFileGivesTheSameRefusalWithThePath() {
    Path p = dir.resolve("four.ckpt");
    Checkpoint.save(net(4, true, 1L), p, Map.of());
    Uwmmse five = net(5, true, 2L);
    long[] before = bits(five);
    String m = assertThrows(CheckpointException.class, () -> Checkpoint.load(five, p, Map.of())).getMessage();
    assertTrue(m.contains(p.toAbsolutePath().toString()) && m.contains("'layer5."), m);
    assertArrayEquals(before, bits(five));
  }
}
