package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Reference lines are real lines: layout shapes in the Plotly JSON and dashed lines across the static image. */
class RefLineTest {

  private static final double EXACT = 1e-12;

  static Plot scatter() {
    Table t = Table.create("per sample", DoubleColumn.create("WMMSE", 2, 3, 4, 5),
        DoubleColumn.create("UWMMSE", 2.5, 2.8, 4.4, 6));
    return Figures.scatter("UWMMSE vs WMMSE", t, "WMMSE", "UWMMSE", null);
  }

  @Test
  void diagonalIsOneLineShapeAcrossTheDataSpan() throws Exception {
    JsonNode f = FiguresTest.json(scatter().withDiagonal("y = x"));
    assertEquals(1, f.get("data").size(), "the diagonal is not a data trace");
    JsonNode s = f.at("/layout/shapes/0");
    assertEquals("line", s.get("type").asText());
    assertEquals("x", s.get("xref").asText());
    assertEquals(2.0, s.get("x0").asDouble(), EXACT); // smallest coordinate, x or y
    assertEquals(2.0, s.get("y0").asDouble(), EXACT);
    assertEquals(6.0, s.get("x1").asDouble(), EXACT); // largest coordinate, x or y
    assertEquals(6.0, s.get("y1").asDouble(), EXACT);
    assertEquals("dash", s.at("/line/dash").asText());
    assertEquals("y = x", f.at("/layout/annotations/0/text").asText());
  }

  @Test
  void horizontalLineSpansThePlotWidthAtItsValue() throws Exception {
    JsonNode f = FiguresTest.json(scatter().withHorizontalLine(1.0, "WMMSE").withVerticalLine(3.5, ""));
    JsonNode h = f.at("/layout/shapes/0");
    assertEquals("paper", h.get("xref").asText());
    assertEquals(0.0, h.get("x0").asDouble(), EXACT);
    assertEquals(1.0, h.get("x1").asDouble(), EXACT);
    assertEquals(1.0, h.get("y0").asDouble(), EXACT);
    assertEquals(1.0, h.get("y1").asDouble(), EXACT);
    JsonNode v = f.at("/layout/shapes/1");
    assertEquals("paper", v.get("yref").asText());
    assertEquals(3.5, v.get("x0").asDouble(), EXACT);
    assertEquals(1, f.at("/layout/annotations").size(), "an empty label writes no annotation");
    assertEquals("WMMSE", f.at("/layout/annotations/0/text").asText());
  }

  @Test
  void staticHorizontalLineCrossesTheWholePlotEvenBelowTheData() throws Exception {
    // The data lie in [2, 6]; the line at y = 1 widens the range and is drawn from the left to the right edge.
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(scatter().withHorizontalLine(1.0, "").toPng()));
    int bestRow = -1;
    int bestCount = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      int count = 0;
      for (int x = 0; x < img.getWidth(); x++) {
        count += grey(img.getRGB(x, y)) ? 1 : 0;
      }
      if (count > bestCount) {
        bestCount = count;
        bestRow = y;
      }
    }
    assertTrue(bestCount > 0.4 * img.getWidth(), "dashed line covers " + bestCount + " px of row " + bestRow);
    assertTrue(bestRow > img.getHeight() * 0.7, "y = 1 lies below every point, near the bottom: row " + bestRow);
  }

  @Test
  void staticDiagonalIsALineRisingAcrossThePlotNotTwoDots() throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(scatter().withDiagonal().toPng()));
    List<int[]> columns = new ArrayList<>(); // {x, mean y of the grey pixels in column x}
    for (int x = 0; x < img.getWidth(); x++) {
      int n = 0;
      int sum = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        if (grey(img.getRGB(x, y))) {
          n++;
          sum += y;
        }
      }
      if (n > 0) {
        columns.add(new int[] {x, sum / n});
      }
    }
    assertTrue(columns.size() > 0.4 * img.getWidth(), "grey pixels in " + columns.size() + " columns");
    int[] first = columns.get(0);
    int[] last = columns.get(columns.size() - 1);
    assertTrue(last[1] < first[1] - 100, "the line rises to the right: from " + first[1] + " to " + last[1]);
  }

  @Test
  void rejectsADiagonalOnALogAxisAndNonFiniteLevels() {
    IllegalArgumentException log = assertThrows(IllegalArgumentException.class,
        () -> scatter().withDiagonal().withLogX());
    assertTrue(log.getMessage().contains("not a straight line on a logarithmic x axis"), log.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> scatter().withHorizontalLine(Double.NaN, "x"));
    assertEquals("RefLine: a horizontal line needs a finite value, but got NaN.", nan.getMessage());
  }

  @Test
  void copiesKeepTheReferenceLines() {
    Plot p = scatter().withHorizontalLine(1.0, "WMMSE").withTitle("t").withXLabel("x").withSize(500, 300);
    assertEquals(List.of(RefLine.horizontal(1.0, "WMMSE")), p.refLines());
    assertTrue(p.toString().endsWith("1 trace, 1 reference line)"), p.toString());
  }

  /** Reference lines are the only neutral grey (equal channels, darker than the grid) in these images. */
  private static boolean grey(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return r == g && g == b && r < 0xc0;
  }
}
