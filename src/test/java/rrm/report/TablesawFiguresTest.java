package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.BoxPlot;
import tech.tablesaw.plotly.api.Heatmap;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.PiePlot;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.HistogramTrace;

/** Tablesaw's own plots go through rrm's display path: parsed structure of the Plotly JSON, and a drawn PNG. */
class TablesawFiguresTest {

  private static final double EXACT = 1e-12;

  static Table rates() {
    return Table.create("rates",
        StringColumn.create("method", "full power", "full power", "full power", "random", "random", "Bob's <best>"),
        StringColumn.create("regime", "low", "low", "high", "low", "high", "high"),
        DoubleColumn.create("step", 1, 2, 3, 1, 2, 1),
        DoubleColumn.create("sum_rate", 3.0, 1.0, 2.0, 5.0, Double.NaN, 4.0));
  }

  static JsonNode json(Object figure) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> plotly = (Map<String, Object>) Display.bundle(figure).get(Display.PLOTLY);
    return new ObjectMapper().readTree(Json.write(plotly));
  }

  @Test
  void boxPlotBecomesOneBoxPerCategoryWithTitleAsTextObject() throws Exception {
    Figure fig = BoxPlot.create("Sum-rate per draw", rates(), "method", "sum_rate");
    JsonNode f = json(fig);
    assertEquals("Sum-rate per draw", f.at("/layout/title/text").asText());
    assertEquals(3, f.get("data").size());
    JsonNode full = f.get("data").get(0);
    assertEquals("box", full.get("type").asText());
    assertEquals("full power", full.get("x").get(0).asText());
    assertEquals(2.0, full.get("median").get(0).asDouble(), EXACT);
    assertEquals(1.0, full.get("lowerfence").get(0).asDouble(), EXACT);
    assertEquals(3.0, full.get("upperfence").get(0).asDouble(), EXACT);
    assertEquals(5.0, f.get("data").get(1).get("median").get(0).asDouble(), EXACT); // NaN skipped
    assertEquals("Bob's <best>", f.get("data").get(2).get("name").asText()); // Pebble's HTML escaping undone
    assertEquals(800, f.at("/layout/width").asInt()); // tablesaw's size is kept
    assertEquals(600, f.at("/layout/height").asInt());
  }

  @Test
  void linePlotKeepsGroupsAxisTitlesAndNumbers() throws Exception {
    JsonNode f = json(LinePlot.create("Loss", rates(), "step", "sum_rate", "method"));
    assertEquals("step", f.at("/layout/xaxis/title/text").asText());
    assertEquals("sum_rate", f.at("/layout/yaxis/title/text").asText());
    JsonNode first = f.get("data").get(0);
    assertEquals("scatter", first.get("type").asText());
    assertEquals("lines", first.get("mode").asText());
    assertEquals(List.of(1.0, 2.0, 3.0), List.of(first.get("x").get(0).asDouble(), first.get("x").get(1).asDouble(),
        first.get("x").get(2).asDouble()));
    assertTrue(f.get("data").get(1).get("y").get(1).isNull(), "a missing value becomes null");
  }

  @Test
  void scatterPlotHasMarkersOnly() throws Exception {
    JsonNode f = json(ScatterPlot.create("Rates", rates(), "step", "sum_rate"));
    assertEquals("markers", f.get("data").get(0).get("mode").asText());
    assertEquals(6, f.get("data").get(0).get("x").size());
  }

  @Test
  void histogramIsBinnedWithTheFiguresBinCountAndNorm() throws Exception {
    double[] values = {0, 1, 1, 2, 3, 3, 3, 4};
    Figure fig = new Figure(Layout.builder("Histogram").build(),
        HistogramTrace.builder(values).nBinsX(4).histNorm(HistogramTrace.HistNorm.PROBABILITY).build());
    JsonNode bars = json(fig).get("data").get(0);
    assertEquals("bar", bars.get("type").asText());
    assertEquals(4, bars.get("y").size());
    double total = 0;
    for (JsonNode p : bars.get("y")) {
      total += p.asDouble();
    }
    assertEquals(1.0, total, EXACT);
    assertEquals(4.0 / 8, bars.get("y").get(3).asDouble(), EXACT); // the last bin [3, 4] holds 3, 3, 3 and 4
  }

  @Test
  void heatmapKeepsCategoryLabelsAndCounts() throws Exception {
    JsonNode h = json(Heatmap.create("Counts", rates(), "method", "regime")).get("data").get(0);
    assertEquals("heatmap", h.get("type").asText());
    assertEquals(3, h.get("z").size());
    assertEquals(3, h.get("y").size());
    List<String> rows = new java.util.ArrayList<>();
    h.get("y").forEach(n -> rows.add(n.asText()));
    List<String> columns = new java.util.ArrayList<>();
    h.get("x").forEach(n -> columns.add(n.asText()));
    assertEquals(java.util.Set.of("full power", "random", "Bob's <best>"), java.util.Set.copyOf(rows));
    assertEquals(java.util.Set.of("low", "high"), java.util.Set.copyOf(columns));
    // full power was drawn twice at low noise, "random" once at high noise
    assertEquals(2.0, h.get("z").get(rows.indexOf("full power")).get(columns.indexOf("low")).asDouble(), EXACT);
    assertEquals(1.0, h.get("z").get(rows.indexOf("random")).get(columns.indexOf("high")).asDouble(), EXACT);
  }

  @Test
  void logXAxisAndAxisTitlesComeFromTheLayout() {
    Layout layout = Layout.builder("Log").xAxis(Axis.builder().title("n").type(Axis.Type.LOG).build())
        .yAxis(Axis.builder().title("t (ms)").build()).build();
    Figure fig = new Figure(layout, tech.tablesaw.plotly.traces.ScatterTrace.builder(new double[] {1, 10, 100},
        new double[] {1, 2, 3}).build());
    Plot p = Figures.from(fig);
    assertTrue(p.logX());
    assertEquals("n", p.xLabel());
    assertEquals("t (ms)", p.yLabel());
  }

  @Test
  void staticPngIsDrawnForEverySupportedKind() throws Exception {
    for (Figure fig : List.of(BoxPlot.create("b", rates(), "method", "sum_rate"),
        LinePlot.create("l", rates(), "step", "sum_rate", "method"),
        ScatterPlot.create("s", rates(), "step", "sum_rate"),
        tech.tablesaw.plotly.api.Histogram.create("h", rates(), "sum_rate"),
        Heatmap.create("m", rates(), "method", "regime"))) {
      Map<String, Object> bundle = Display.bundle(fig);
      byte[] png = Base64.getDecoder().decode((String) bundle.get("image/png"));
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(800, img.getWidth());
      assertEquals(600, img.getHeight());
      assertTrue(bundle.get("text/plain").toString().startsWith("Plot \""), bundle.get("text/plain").toString());
    }
  }

  @Test
  void otherTraceKindsStayInteractiveWithTitlesFixedForPlotlyThree() throws Exception {
    Table shares = Table.create("shares", StringColumn.create("method", "a", "b"), DoubleColumn.create("v", 1, 2));
    Figure pie = PiePlot.create("Shares", shares, "method", "v");
    Map<String, Object> bundle = Display.bundle(pie);
    assertFalse(bundle.containsKey("image/png"));
    assertTrue(bundle.get("text/plain").toString().contains("interactive view only"));
    JsonNode f = json(pie);
    assertEquals("Shares", f.at("/layout/title/text").asText());
    assertTrue(f.at("/layout/titlefont").isMissingNode());
    assertEquals("pie", f.get("data").get(0).get("type").asText());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Figures.from(pie));
    assertTrue(e.getMessage().contains("pie"), e.getMessage());
  }

  @Test
  void convertedFigureTakesReferenceLines() throws Exception {
    Plot p = Figures.from(ScatterPlot.create("ours vs baseline", rates(), "step", "sum_rate")).withDiagonal();
    assertEquals(1, p.refLines().size());
    assertInstanceOf(Trace.Line.class, p.traces().get(0));
  }

  @Test
  void jsLiteralReadsWhatTheTemplatesWrite() {
    Object v = JsLiteral.parse("var trace0 =\n{\nx: [\"a\",\"b\"],\ny: [1.0, NaN],\nz: [[1.0,2.0,],],\n"
        + "name: 'Bob&#39;s &amp; co',\nshowlegend: true,\n};");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertEquals(List.of("a", "b"), m.get("x"));
    assertTrue(Double.isNaN((Double) ((List<?>) m.get("y")).get(1)));
    assertEquals(List.of(List.of(1.0, 2.0)), m.get("z"));
    assertEquals("Bob's & co", m.get("name"));
    assertEquals(Boolean.TRUE, m.get("showlegend"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsLiteral.parse("{x: [1, 2}"));
    assertTrue(e.getMessage().startsWith("JsLiteral.parse: expected ',' or ']' at position 9"), e.getMessage());
  }
}
