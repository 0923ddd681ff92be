package rrm.paper.p000;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rrm.channel.UrllcDownlink;
import rrm.model.unrolled.UsrmnetConfig;
import rrm.model.unrolled.UsrmnetState;

class GreedyTest {
  @Test
  void layersTrainOnceThenLoadWithTheSameWeightsAndATrace(@TempDir Path dir) {
    UrllcDownlink d = UrllcDownlink.of(3, 8, 15, 120, 140, 256, 1e-5, 256);
    UsrmnetConfig cfg = new UsrmnetConfig(3, 8, 1, false, 1, 1e-4);
    List<Greedy.Layer> a = Greedy.model(d, cfg, 0, 7, 2, 200, 1, dir, "t", null);
    assertFalse(a.get(1).trained().loaded());
    assertEquals(10, a.get(0).trained().summary().steps());
    List<double[]> trace = Greedy.trace(dir, "t", 1);
    assertEquals(0, trace.size()); // 10 steps: no full row of 100 mini-batches
    List<Greedy.Layer> b = Greedy.model(d, cfg, 0, 7, 2, 200, 1, dir, "t", null);
    assertTrue(b.get(0).trained().loaded() && b.get(1).trained().loaded());
    for (int l = 0; l < 2; l++) {
      var pa = a.get(l).trained().model().parameters();
      var pb = b.get(l).trained().model().parameters();
      for (int i = 0; i < pa.size(); i++) assertArrayEquals(pa.get(i).value().data(), pb.get(i).value().data(), 0);
    }
    // the state after a loaded layer is the state after the trained one
    UsrmnetState sa = a.get(1).after().get(), sb = b.get(1).after().get();
    assertArrayEquals(sa.point().data(), sb.point().data(), 0);
    assertThrows(IllegalArgumentException.class, () -> Greedy.model(d, cfg, 0, 7, 0, 200, 1, dir, "t", null)
        .get(0));
  }

  @Test
  void extendingAModelLoadsItsKeptLayersAndNeverRetrainsThem(@TempDir Path dir) throws java.io.IOException {
    UrllcDownlink d = UrllcDownlink.of(3, 8, 15, 120, 140, 256, 1e-5, 256);
    UsrmnetConfig cfg = new UsrmnetConfig(3, 8, 1, false, 1, 1e-4);
    var problem = d.sample(200, 7);
    String data = Greedy.describe(d, 200, 7);
    List<Greedy.Layer> one = Greedy.train(cfg, problem, data, 0, 1, 1, dir, "t", null);
    List<Greedy.Layer> two = Greedy.train(cfg, problem, data, 0, 1, 2, 1, dir, "t", null);
    assertTrue(two.get(0).trained().loaded());
    assertFalse(two.get(1).trained().loaded());
    var pa = one.get(0).trained().model().parameters();
    var pb = two.get(0).trained().model().parameters();
    for (int i = 0; i < pa.size(); i++) assertArrayEquals(pa.get(i).value().data(), pb.get(i).value().data(), 0);
    // another stem has no layer 1: the extension refuses before training anything
    long before;
    try (var files = java.nio.file.Files.walk(dir)) { before = files.count(); }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Greedy.train(cfg, problem, data, 0, 1, 2, 1, dir, "u", null));
    assertTrue(e.getMessage().contains("u-layer1"), e.getMessage());
    try (var files = java.nio.file.Files.walk(dir)) { assertEquals(before, files.count()); }
    assertThrows(IllegalArgumentException.class, () -> Greedy.train(cfg, problem, data, 0, 3, 2, 1, dir, "t", null));
  }

  @Test
  void aDrawIsTheCellsRecipeWithOtherWeightSeeds(@TempDir Path dir) {
    assertEquals("table1-code-c3", Greedy.tableOneDrawStem(3, 0, UsrmnetConfig.PreStep.CODE));
    assertEquals("table1-code-c3-draw2", Greedy.tableOneDrawStem(3, 2, UsrmnetConfig.PreStep.CODE));
    assertEquals("table1-c3-draw1", Greedy.tableOneDrawStem(3, 1, UsrmnetConfig.PreStep.PAPER));
    // a short budget: draw 0 is tableOne itself (same checkpoint, loaded), draw 1 trains from seed 5000 + 100 (3 + 100)
    List<Greedy.Layer> base = Greedy.tableOne(3, UsrmnetConfig.PreStep.CODE, 1, 40, 1, dir, null);
    List<Greedy.Layer> zero = Greedy.tableOneDraw(3, 0, UsrmnetConfig.PreStep.CODE, 1, 40, 1, dir, null);
    assertTrue(zero.get(0).trained().loaded());
    List<Greedy.Layer> one = Greedy.tableOneDraw(3, 1, UsrmnetConfig.PreStep.CODE, 1, 40, 1, dir, null);
    assertFalse(one.get(0).trained().loaded());
    UrllcDownlink d = Paper000.tableOne().get(3);
    List<Greedy.Layer> same = Greedy.model(d, UsrmnetConfig.paper(d.users()).withPreStep(UsrmnetConfig.PreStep.CODE),
        103, Paper000.trainSeed(3), 1, 40, 1, dir, "same", null);
    var pa = base.get(0).trained().model().parameters().get(0).value().data();
    var pb = one.get(0).trained().model().parameters().get(0).value().data();
    assertFalse(java.util.Arrays.equals(pa, pb));
    assertArrayEquals(same.get(0).trained().model().parameters().get(0).value().data(), pb, 0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Greedy.tableOneDraw(3, -1, UsrmnetConfig.PreStep.CODE, 1, 40, 1, dir, null));
    assertEquals("Greedy.tableOneDraw: draw must be >= 0, got -1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Greedy.tableOneDraw(16, 1, UsrmnetConfig.PreStep.CODE, 1, 40, 1,
        dir, null));
    // Table II's 100-140 m models: configurations 16 and 17, draws from 16 + 100 d and 17 + 100 d
    assertEquals(16, Greedy.tableTwoConfiguration(4));
    assertEquals(17, Greedy.tableTwoConfiguration(6));
    e = assertThrows(IllegalArgumentException.class, () -> Greedy.tableTwoConfiguration(8));
    assertEquals("Greedy.tableTwoConfiguration: users must be 4 or 6, got 8", e.getMessage());
    List<Greedy.Layer> two = Greedy.tableTwoDraw(4, 2, UsrmnetConfig.PreStep.CODE, 1, 40, 1, dir, null);
    List<Greedy.Layer> twoSame = Greedy.model(Paper000.tableTwo(4, 100, 140),
        UsrmnetConfig.paper(4).withPreStep(UsrmnetConfig.PreStep.CODE), 216, Paper000.trainSeed(16), 1, 40, 1, dir,
        "two-same", null);
    assertArrayEquals(twoSame.get(0).trained().model().parameters().get(0).value().data(),
        two.get(0).trained().model().parameters().get(0).value().data(), 0);
  }

  @Test
  void theBaseCellAndTheFigureStems() {
    assertEquals(Paper000.base().toString(), Paper000.tableOne().get(Greedy.BASE_CELL).toString());
    assertEquals("fig5-s2", Greedy.figureFiveStem(2, UsrmnetConfig.PreStep.PAPER));
    assertEquals("fig5-code-s0", Greedy.figureFiveStem(0, UsrmnetConfig.PreStep.CODE));
    assertEquals("table1-code-c5", Greedy.tableOneStem(Greedy.BASE_CELL, UsrmnetConfig.PreStep.CODE));
    assertThrows(IllegalArgumentException.class, () -> Greedy.figureFiveStem(0.5, UsrmnetConfig.PreStep.CODE));
    assertThrows(IllegalArgumentException.class, () -> Greedy.figureFiveStem(1, null));
    assertThrows(IllegalArgumentException.class,
        () -> Greedy.extendTableOne(16, UsrmnetConfig.PreStep.CODE, 0, 1, 100, 1, Path.of("x"), null));
  }
}
