package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The static rendering: a decodable PNG of the plot's size, with something drawn, for every chart kind. */
class PlotPainterTest {

  static List<Plot> everyKind() {
    var t = FiguresTest.curves();
    return List.of(
        Figures.histogram("Histogram", t, "loss", "method"),
        Figures.box("Box", t, "loss", "method"),
        Figures.line("Line", t, "step", "loss", "method"),
        Figures.scatter("Scatter", t, "step", "loss", null),
        Figures.cdf("CDF", t, "loss", "method"),
        Figures.bars("Bars with error bars", FiguresTest.scores(), "bar", "mean", "std", "method"),
        Figures.heatmap("Heat map", new double[][] {{1, 2}, {3, 4}, {5, 6}}, "column", "row"),
        Figures.line("Log x with crosses", t, "step", "loss", "method").withLogX()
            .overlay(Figures.scatter("", t, "step", "loss", "method")).withMarker("b", Trace.Marker.CROSS));
  }

  @Test
  void pngHasThePlotSizeAndIsNotBlank() throws Exception {
    for (Plot p : everyKind()) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.withSize(640, 400).toPng()));
      assertEquals(640, img.getWidth(), p.title());
      assertEquals(400, img.getHeight(), p.title());
      assertTrue(colouredPixels(img) > 500, p.title() + " draws almost nothing");
    }
  }

  @Test
  void defaultSizeIsPlotlysUsualFrame() throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(everyKind().get(0).toPng()));
    assertEquals(Plot.WIDTH, img.getWidth());
    assertEquals(Plot.HEIGHT, img.getHeight());
  }

  @Test
  void aLogAxisSpacesDecadesEvenlyAndSkipsNonPositiveX() throws Exception {
    // Three points at x = 1, 10, 100 on a log axis (plus one at x = 0, not drawable): the middle marker sits
    // halfway between the outer ones.
    Plot p = Plot.of("", "", "", List.of(new Trace.Line("", new double[] {0, 1, 10, 100}, new double[] {1, 1, 1, 1},
        false, true))).withLogX();
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.toPng()));
    int series = Palette.seriesColor(0).getRGB() & 0xffffff;
    List<Integer> columns = new java.util.ArrayList<>();
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xffffff) == series && (columns.isEmpty() || x > columns.get(columns.size() - 1) + 8)) {
          columns.add(x);
        }
      }
    }
    assertEquals(3, columns.size(), "markers found at " + columns);
    assertEquals(columns.get(1) - columns.get(0), columns.get(2) - columns.get(1), 1.0);
  }

  @Test
  void tickLabelsKeepTheDigitsANarrowRangeNeeds() {
    List<String> labels = Ticks.nice(3.83318, 3.83352, 5).stream().map(Format::tick).toList();
    assertEquals(List.of("3.8332", "3.8333", "3.8334", "3.8335"), labels);
    assertEquals("2", Format.tick(2.0));
    assertEquals("0.25", Format.tick(0.25));
    assertEquals("1.000e-05", Format.tick(1e-5));
  }

  @Test
  void niceTicksUseRoundSteps() {
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), Ticks.nice(0, 1, 5));
    assertEquals(25.0, Ticks.step(21));
  }

  private static int colouredPixels(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
          n++;
        }
      }
    }
    return n;
  }
}
