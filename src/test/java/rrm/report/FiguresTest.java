package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Parses each figure's Plotly JSON and checks its structure: traces, titles as objects, axis titles. */
class FiguresTest {

  private static final double EXACT = 1e-12;

  static JsonNode json(Plot p) throws Exception {
    return new ObjectMapper().readTree(Json.write(p.toPlotly()));
  }

  static Table curves() {
    return Table.create("curves",
        StringColumn.create("method", "a", "a", "a", "b", "b", "b"),
        IntColumn.create("step", 1, 2, 3, 1, 2, 3),
        DoubleColumn.create("loss", 3.0, 2.0, 1.5, 2.5, 2.0, Double.NaN));
  }

  static Table scores() {
    return Table.create("scores",
        StringColumn.create("method", "u", "u", "w", "w", "w"),
        StringColumn.create("bar", "L1", "L2", "it 1", "it 2", "it 100"),
        DoubleColumn.create("mean", 0.7, 0.8, 0.6, Double.NaN, 0.99),
        DoubleColumn.create("std", 0.2, 0.1, 0.3, 0.1, 0.0));
  }

  @Test
  void barsHaveOneTracePerGroupWithCategoriesAndErrorArrays() throws Exception {
    JsonNode f = json(Figures.bars("F1", scores(), "bar", "mean", "std", "method").withHorizontalLine(1, "max"));
    assertEquals(2, f.get("data").size());
    JsonNode w = f.get("data").get(1);
    assertEquals("w", w.get("name").asText());
    assertEquals("bar", w.get("type").asText());
    assertEquals(List.of("it 1", "it 2", "it 100"), List.of(w.get("x").get(0).asText(), w.get("x").get(1).asText(),
        w.get("x").get(2).asText()));
    assertTrue(w.get("y").get(1).isNull());
    assertEquals(0.3, w.at("/error_y/array/0").asDouble(), EXACT);
    assertEquals("data", w.at("/error_y/type").asText());
    assertEquals("overlay", f.at("/layout/barmode").asText());
    assertEquals("mean", f.at("/layout/yaxis/title/text").asText());
    JsonNode plain = json(Figures.bars("F1", scores(), "bar", "mean", null, null));
    assertEquals(1, plain.get("data").size());
    assertTrue(plain.get("data").get(0).get("error_y") == null);
    assertEquals(5, plain.get("data").get(0).get("x").size());
  }

  @Test
  void barsRejectBadInputNamingIt() {
    var col = assertThrows(IllegalArgumentException.class, () -> Figures.bars("F1", scores(), "bar", "mean", "sd", null));
    assertTrue(col.getMessage().contains("errorCol 'sd'"), col.getMessage());
    var neg = assertThrows(IllegalArgumentException.class,
        () -> new Trace.CategoryBars("x", List.of("a"), new double[] {1}, new double[] {-0.1}));
    assertTrue(neg.getMessage().contains("'a'") && neg.getMessage().contains("-0.1"), neg.getMessage());
    var dup = assertThrows(IllegalArgumentException.class,
        () -> new Trace.CategoryBars("x", List.of("a", "a"), new double[] {1, 2}, null));
    assertTrue(dup.getMessage().contains("distinct"), dup.getMessage());
    var len = assertThrows(IllegalArgumentException.class,
        () -> new Trace.CategoryBars("x", List.of("a", "b"), new double[] {1}, null));
    assertTrue(len.getMessage().contains("same length"), len.getMessage());
    var mixed = assertThrows(IllegalArgumentException.class, () -> Figures.bars("F1", scores(), "bar", "mean", "std",
        null).overlay(Figures.line("", curves(), "step", "loss", null)));
    assertTrue(mixed.getMessage().contains("categorical"), mixed.getMessage());
  }

  @Test
  void titlesAreTextObjectsForPlotlyThree() throws Exception {
    JsonNode f = json(Figures.line("Loss", curves(), "step", "loss", "method").withXLabel("step s").withYLabel("loss L"));
    assertEquals("Loss", f.at("/layout/title/text").asText());
    assertEquals("step s", f.at("/layout/xaxis/title/text").asText());
    assertEquals("loss L", f.at("/layout/yaxis/title/text").asText());
    assertTrue(f.at("/layout/title").isObject());
  }

  @Test
  void lineHasOneScatterTracePerGroupWithNullForMissing() throws Exception {
    JsonNode f = json(Figures.line("Loss", curves(), "step", "loss", "method"));
    assertEquals(2, f.get("data").size());
    JsonNode b = f.get("data").get(1);
    assertEquals("b", b.get("name").asText());
    assertEquals("scatter", b.get("type").asText());
    assertEquals("lines", b.get("mode").asText());
    assertEquals(3, b.get("x").size());
    assertTrue(b.get("y").get(2).isNull());
    assertTrue(f.at("/layout/showlegend").asBoolean());
  }

  @Test
  void histogramBinsAllGroupsOnCommonBinsAndCountsEveryValue() throws Exception {
    JsonNode f = json(Histogram.create("Loss", curves(), "loss", "method", 4));
    assertEquals(2, f.get("data").size());
    JsonNode a = f.get("data").get(0);
    assertEquals("bar", a.get("type").asText());
    assertEquals(f.get("data").get(1).get("x"), a.get("x"));
    double total = 0;
    for (JsonNode c : a.get("y")) {
      total += c.asDouble();
    }
    assertEquals(3, total, EXACT);
    assertEquals("count", f.at("/layout/yaxis/title/text").asText());
    assertEquals("overlay", f.at("/layout/barmode").asText());
  }

  @Test
  void boxCarriesPrecomputedStatisticsPerGroup() throws Exception {
    JsonNode f = json(Figures.box("Loss", curves(), "loss", "method"));
    JsonNode a = f.get("data").get(0);
    assertEquals("box", a.get("type").asText());
    assertEquals("a", a.get("x").get(0).asText());
    assertEquals(2.0, a.get("median").get(0).asDouble(), EXACT);
    assertEquals(1.5, a.get("lowerfence").get(0).asDouble(), EXACT);
    assertEquals(3.0, a.get("upperfence").get(0).asDouble(), EXACT);
    assertEquals(1.75, a.get("q1").get(0).asDouble(), EXACT);
    assertEquals("method", f.at("/layout/xaxis/title/text").asText());
  }

  @Test
  void heatmapKeepsTheMatrixRowByRow() throws Exception {
    double[][] z = {{1, 2, 3}, {4, 5, 6}};
    JsonNode f = json(Figures.heatmap("H", z, "transmitter j", "receiver i"));
    JsonNode h = f.get("data").get(0);
    assertEquals("heatmap", h.get("type").asText());
    assertEquals(2, h.get("z").size());
    assertEquals(6.0, h.get("z").get(1).get(2).asDouble(), EXACT);
    assertEquals("receiver i", f.at("/layout/yaxis/title/text").asText());
  }

  @Test
  void labelledHeatmapNamesItsColumnsAndRows() throws Exception {
    double[][] z = {{1, 2, 3}, {4, 5, 6}};
    JsonNode h = json(HeatMap.create("H", z, List.of("0.1", "0.5", "1"), List.of("1e-5", "1e-3"), "rate", "sigma"))
        .get("data").get(0);
    assertEquals("0.5", h.get("x").get(1).asText());
    assertEquals("1e-3", h.get("y").get(1).asText());
    assertThrows(IllegalArgumentException.class, () -> HeatMap.create("H", z, List.of("a"), List.of(), "", ""));
  }

  @Test
  void cdfRisesMonotonicallyToOne() throws Exception {
    JsonNode c = json(Figures.cdf("CDF", curves(), "loss", null)).get("data").get(0);
    assertEquals(5, c.get("x").size()); // the missing value is skipped
    double previous = 0;
    for (JsonNode p : c.get("y")) {
      assertTrue(p.asDouble() > previous);
      previous = p.asDouble();
    }
    assertEquals(1.0, previous, EXACT);
  }

  @Test
  void rejectsUnknownColumnsAndRaggedMatricesWithSentences() {
    IllegalArgumentException col = assertThrows(IllegalArgumentException.class,
        () -> Figures.histogram("x", curves(), "rate", "method"));
    assertTrue(col.getMessage().startsWith("valueCol 'rate' is not a column of table 'curves'"), col.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Figures.heatmap("x", new double[][] {{1, 2}, {3}}, "", ""));
    assertEquals("Heat: z must be rectangular, but row 1 has 1 entries and row 0 has 2.", ragged.getMessage());
  }

  @Test
  void displayBundleHasPlotlyPngAndText() {
    Plot p = Figures.box("Loss", curves(), "loss", "method");
    Map<String, Object> b = Display.bundle(p);
    assertEquals(List.of(Display.PLOTLY, "image/png", "text/plain"), List.copyOf(b.keySet()));
    assertTrue(((String) b.get("image/png")).startsWith("iVBOR")); // base64 of the PNG signature
    assertEquals("Plot \"Loss\" (2 traces)", b.get("text/plain"));
  }

  @Test
  void jsonWriterEscapesAndNullsNonFiniteNumbers() throws Exception {
    JsonNode n = new ObjectMapper().readTree(Json.write(Map.of("s", "a \"quoted\"\nline", "x", List.of(1.5, Double.NaN))));
    assertEquals("a \"quoted\"\nline", n.get("s").asText());
    assertNull(n.get("x").get(1).textValue());
    assertTrue(n.get("x").get(1).isNull());
  }

  @Test
  void logXSetsThePlotlyAxisTypeAndSurvivesRelabelling() throws Exception {
    Plot p = Figures.line("Loss", curves(), "step", "loss", "method").withLogX().withXLabel("step");
    assertTrue(p.logX());
    assertEquals("log", json(p).at("/layout/xaxis/type").asText());
    assertTrue(json(Figures.line("Loss", curves(), "step", "loss", "method")).at("/layout/xaxis/type").isMissingNode());
  }

  @Test
  void overlayAppendsTheOtherPlotsTracesAndKeepsThisPlotsLabels() throws Exception {
    Plot lines = Figures.line("Loss", curves(), "step", "loss", "method").withLogX();
    Plot marks = Figures.scatter("ignored", curves(), "step", "loss", null);
    Plot both = lines.overlay(marks);
    assertEquals(3, both.traces().size());
    assertEquals("Loss", both.title());
    assertTrue(both.logX());
    JsonNode f = json(both);
    assertEquals("lines", f.get("data").get(0).get("mode").asText());
    assertEquals("markers", f.get("data").get(2).get("mode").asText());
  }

  @Test
  void crossMarkersAreSetByTraceNameAndReachPlotly() throws Exception {
    Plot p = Figures.scatter("Nodes", curves(), "step", "loss", "method").withMarker("b", Trace.Marker.CROSS);
    JsonNode f = json(p);
    assertTrue(f.get("data").get(0).at("/marker/symbol").isMissingNode());
    assertEquals("x", f.get("data").get(1).at("/marker/symbol").asText());
    assertEquals(Trace.Marker.CROSS, ((Trace.Line) p.traces().get(1)).marker());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.withMarker("c", Trace.Marker.CROSS));
    assertEquals("Plot.withMarker: no line or marker trace is named 'c'; the traces are [a, b].", e.getMessage());
  }

  @Test
  void logTicksAreDecadesOrOneTwoFiveWithinTheRange() {
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0), Ticks.logarithmic(0, 3.2));
    List<Double> t = Ticks.logarithmic(0, 2);
    assertEquals(7, t.size());   // 1 2 5 10 20 50 100
    assertEquals(Math.log10(50), t.get(5), EXACT);
  }
}
