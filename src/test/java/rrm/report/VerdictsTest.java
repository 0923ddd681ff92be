package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictsTest {

  @Test
  void helpersDecideTheVerdicts() {
    Verdicts v = Verdicts.create("checks", Map.of())
        .atLeast("gain", 4.2, 5.0, 0.0)
        .atMost("loss", 1.0, 2.0, 1.5)
        .within("rate", 12.3, 12.6, 0.5)
        .withinRelative("relative rate", 10.0, 11.0, 0.05)
        .warnUnless("beats random", Double.NaN, -0.1, false, "> 0");
    List<Verdict> got = v.checks().stream().map(Verdicts.Check::verdict).toList();
    assertEquals(List.of(Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.FAIL, Verdict.WARN), got);
    assertEquals("2 PASS, 1 WARN, 2 FAIL", v.summary());
    assertEquals("± 5 %", v.checks().get(3).threshold());
  }

  @Test
  void betweenPassesInsideTheClosedIntervalAndStatesIt() {
    Verdicts v = Verdicts.create("checks", Map.of())
        .between("std gap", 0.34, -0.3, -0.3, 1.2)
        .between("time ratio", 1.6, 5.5, 0.2, 5);
    assertEquals(List.of(Verdict.PASS, Verdict.FAIL), v.checks().stream().map(Verdicts.Check::verdict).toList());
    assertEquals("in [-0.3, 1.2]", v.checks().get(0).threshold());
    assertEquals("in [0.2, 5]", v.checks().get(1).threshold());
    assertThrows(IllegalArgumentException.class, () -> v.between("bad", 0, 0, 2, 1));
  }

  @Test
  void writesCsvWhereTheEnvironmentSaysAfterEveryCheck(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("reports/paper/nb.verdicts.csv");
    Verdicts v = Verdicts.create("checks", Map.of(Verdicts.ENV, csv.toString()));
    v.atLeast("gain, in %", Double.NaN, 5.0, 0.0);
    assertEquals(List.of("check,paper,ours,threshold,verdict", "\"gain, in %\",,5.0,≥ 0,PASS"), Files.readAllLines(csv));
    v.within("rate", 12.3, 13.0, 0.5);
    assertEquals("rate,12.3,13.0,± 0.5,FAIL", Files.readAllLines(csv).get(2));
  }

  @Test
  void writesNothingWithoutTheEnvironmentVariable(@TempDir Path dir) throws Exception {
    Verdicts.create("checks", Map.of()).atLeast("gain", 1, 2, 0);
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void displaysTableAndSummaryLine() {
    Verdicts v = Verdicts.create("paper vs ours", Map.of()).atLeast("gain", 4.2, 5.0, 0.0);
    Map<String, Object> b = Display.bundle(v);
    String html = (String) b.get("text/html");
    assertTrue(html.contains("<caption>paper vs ours</caption>") && html.contains(">PASS</td>"), html);
    assertTrue(html.contains("1 PASS, 0 WARN, 0 FAIL"), html);
    assertTrue(((String) b.get("text/plain")).endsWith("1 PASS, 0 WARN, 0 FAIL"));
    assertEquals(List.of("check", "paper", "ours", "threshold", "verdict"), v.table().columnNames());
  }

  @Test
  void rejectsNegativeTolerances() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Verdicts.create("x", Map.of()).within("rate", 1, 1, -0.1));
    assertEquals("The tolerance must be a non-negative number, but was -0.1.", e.getMessage());
    assertFalse(Verdicts.create("x", Map.of()).toCsv().contains("\n\n"));
  }
}
