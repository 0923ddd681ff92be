package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

  private static final double EXACT = 1e-12;

  static Table results() {
    return Table.create("results",
        StringColumn.create("method", "a", "b", "a", "b", "a"),
        DoubleColumn.create("rate", 1.0, 10.0, 3.0, 20.0, 2.0));
  }

  @Test
  void htmlHasCaptionHeadersAndFormattedNumbers() {
    Table t = Table.create("demo <1>",
        StringColumn.create("name", "x", "y"),
        DoubleColumn.create("value", 3.14159265, 1e-5),
        IntColumn.create("count", 7, 12));
    String html = Tables.html(t);
    assertTrue(html.contains("<caption>demo &lt;1&gt;</caption>"), html);
    assertTrue(html.contains("<th>name</th><th>value</th><th>count</th>"), html);
    assertTrue(html.contains(">3.142</td>"), html);
    assertTrue(html.contains(">1.000e-05</td>"), html);
    assertTrue(html.contains(">12</td>"), html);
    assertTrue(html.contains("2 rows × 3 columns"), html);
  }

  @Test
  void verdictColumnIsColouredLikeTheVerdictsDisplay() {
    Verdicts v = Verdicts.create("checks", java.util.Map.of());
    v.atLeast("a", Double.NaN, 1, 0).atLeast("b", Double.NaN, -1, 0).warnUnless("c", Double.NaN, 0, false, "ok");
    String html = Tables.html(v.table());
    assertTrue(html.contains("color:" + Verdict.PASS.colour() + "\">PASS</td>"), html);
    assertTrue(html.contains("color:" + Verdict.FAIL.colour() + "\">FAIL</td>"), html);
    assertTrue(html.contains("color:" + Verdict.WARN.colour() + "\">WARN</td>"), html);
    assertFalse(Tables.html(results()).contains("font-weight:bold"), "other tables stay plain");
  }

  @Test
  void longTablesShowHeadAndTailOnly() {
    Table t = Table.create("long", IntColumn.create("i", java.util.stream.IntStream.range(0, 100).toArray()));
    String html = Tables.html(t);
    assertTrue(html.contains(">29</td>") && html.contains(">95</td>") && html.contains(">99</td>"));
    assertFalse(html.contains(">30</td>") || html.contains(">94</td>"));
    assertTrue(html.contains("…") && html.contains("100 rows × 1 column"));
  }

  @Test
  void summaryGivesPerGroupStatisticsInOrderOfAppearance() {
    Table s = Tables.summary(results(), "rate", "method");
    assertEquals(java.util.List.of("method", "n", "mean", "std", "median", "q25", "q75", "min", "max"), s.columnNames());
    assertEquals("a", s.stringColumn("method").get(0));
    assertEquals(3, s.intColumn("n").get(0));
    assertEquals(2.0, s.doubleColumn("mean").get(0), EXACT);
    assertEquals(Math.sqrt(2.0 / 3), s.doubleColumn("std").get(0), EXACT);
    assertEquals(1.5, s.doubleColumn("q25").get(0), EXACT);
    assertEquals(15.0, s.doubleColumn("median").get(1), EXACT);
    assertEquals(5.0, s.doubleColumn("std").get(1), EXACT);
    assertEquals(20.0, s.doubleColumn("max").get(1), EXACT);
  }

  @Test
  void summaryRejectsUnknownAndNonNumericColumnsByName() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> Tables.summary(results(), "sumRate", "method"));
    assertEquals("valueCol 'sumRate' is not a column of table 'results'; its columns are [method, rate].",
        unknown.getMessage());
    IllegalArgumentException text =
        assertThrows(IllegalArgumentException.class, () -> Tables.summary(results(), "method", "method"));
    assertTrue(text.getMessage().startsWith("valueCol 'method' must be a numeric column"), text.getMessage());
  }

  @Test
  void lookupMapsKeysToValuesInRowOrderWithMissingAsNaN() {
    Table paper = Table.create("paper", StringColumn.create("algorithm", "WMMSE", "Tr-WMMSE", "MLP"),
        DoubleColumn.create("time", new double[] {16, 1.0, Double.NaN}));
    var m = Tables.lookup(paper, "algorithm", "time");
    assertEquals(java.util.List.of("WMMSE", "Tr-WMMSE", "MLP"), java.util.List.copyOf(m.keySet()));
    assertEquals(16.0, m.get("WMMSE"), 0);
    assertTrue(Double.isNaN(m.get("MLP")));
  }

  @Test
  void lookupRejectsRepeatedKeysAndNonNumericValues() {
    var repeated = assertThrows(IllegalArgumentException.class, () -> Tables.lookup(results(), "method", "rate"));
    assertTrue(repeated.getMessage().contains("key 'a' occurs more than once"), repeated.getMessage());
    var text = assertThrows(IllegalArgumentException.class, () -> Tables.lookup(results(), "rate", "method"));
    assertTrue(text.getMessage().startsWith("valueCol 'method' must be a numeric column"), text.getMessage());
  }

  @Test
  void formatsNumbersForPeople() {
    assertEquals("3", Format.number(3.0));
    assertEquals("0.1235", Format.number(0.123456));
    assertEquals("1235", Format.number(1234.56));
    assertEquals("1.235e+06", Format.number(1234567.8));
    assertEquals("", Format.number(Double.NaN));
    assertEquals("2 min 05 s", Format.duration(125));
  }
}
