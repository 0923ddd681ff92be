package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paper values from data/paper: lookups by key columns, empty cells, and errors that say what exists. */
class PaperValuesTest {

  private static final double EXACT = 0;

  @Test
  void readsTableOneByAlgorithm() {
    PaperValues t = PaperValues.read(Path.of("data/paper/002-table1.csv"));
    assertEquals(83.21, t.value("algorithm", "UWMMSE", "test_sum_rate"), EXACT);
    assertEquals(16, t.value("algorithm", "WMMSE", "test_time_ms"), EXACT);
    assertTrue(Double.isNaN(t.value("algorithm", "WMMSE", "training_time_min")), "printed as '-' in the paper");
    assertEquals(6, t.size());
  }

  @Test
  void loadFindsTheFileFromTheProjectRootAndNarrowsBySeveralKeys() {
    PaperValues fig4 = PaperValues.load("002-fig4");
    PaperValue v = fig4.where("method", "UWMMSE").where("metric", "sum-rate")
        .where("node_features", "ones + two distances").get("mean");
    assertEquals(84.73, v.value(), EXACT);
    assertEquals("Sec. IV-C text", v.source());
    assertEquals("PaperValues 002-fig4.csv [method = UWMMSE, metric = sum-rate, node_features = ones + two "
        + "distances]: mean", v.where());
    // a quoted field with a comma and doubled quotes
    assertEquals("\"almost one-third\"; approximate",
        PaperValues.load("002-fig5.csv").where("layer", "1").text("note"));
  }

  @Test
  void missingFileColumnAndRowNameWhatExists(@TempDir Path dir) throws Exception {
    IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
        () -> PaperValues.read(Path.of("data/paper/002-tabel1.csv")));
    assertTrue(file.getMessage().startsWith("PaperValues.read: no file "), file.getMessage());
    assertTrue(file.getMessage().contains("002-table1.csv"), "lists the files that exist: " + file.getMessage());
    PaperValues t = PaperValues.read(Path.of("data/paper/002-table1.csv"));
    assertEquals("PaperValues 002-table1.csv [algorithm = UWMMSE]: no column 'sum_rate'; the columns are "
            + "[algorithm, training_time_min, test_sum_rate, test_time_ms, regime, source, note].",
        assertThrows(IllegalArgumentException.class, () -> t.value("algorithm", "UWMMSE", "sum_rate")).getMessage());
    assertEquals("PaperValues 002-table1.csv: no row with algorithm = 'UWMMS'; algorithm takes [WMMSE, Tr-WMMSE, MLP,"
            + " REGNN, IGCNet, UWMMSE].",
        assertThrows(IllegalArgumentException.class, () -> t.value("algorithm", "UWMMS", "test_sum_rate"))
            .getMessage());
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
        () -> PaperValues.load("002-fig4").where("method", "UWMMSE").value("mean"));
    assertTrue(many.getMessage().contains("4 rows match, expected one"), many.getMessage());
    Path bad = Files.writeString(dir.resolve("x.csv"), "key,value\na,1.5\nb,about 2\n");
    assertEquals("PaperValues x.csv [key = b]: value is 'about 2', not a number.",
        assertThrows(IllegalArgumentException.class, () -> PaperValues.read(bad).value("key", "b", "value"))
            .getMessage());
    IllegalArgumentException load = assertThrows(IllegalArgumentException.class,
        () -> PaperValues.load("999-nothing"));
    assertTrue(load.getMessage().startsWith("PaperValues.load: no data/paper/999-nothing.csv in "), load.getMessage());
  }

  @Test
  void verdictsTakeThePaperValueAndCiteItsSource() {
    PaperValue uw = PaperValues.load("002-table1").get("algorithm", "UWMMSE", "test_sum_rate");
    Verdicts v = Verdicts.create("t", Map.of());
    v.within("UWMMSE test sum-rate (bit/s/Hz)", uw, 83.0, 0.5);
    v.atLeast("UWMMSE from Table I", uw, 80.0, 81.0);
    List<Verdicts.Check> checks = v.checks();
    assertEquals("UWMMSE test sum-rate (bit/s/Hz) [Table I]", checks.get(0).check());
    assertEquals(83.21, checks.get(0).paper(), EXACT);
    assertEquals(Verdict.PASS, checks.get(0).verdict());
    assertEquals("UWMMSE from Table I", checks.get(1).check(), "the source is not repeated");
    assertEquals(Verdict.FAIL, checks.get(1).verdict());
  }
}
