package rrm.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Plot} as a static image in pure Java2D (no display needed): title, axis titles, nice
 * ticks with grid lines, legend, reference lines (dashed, labelled at their end) and the traces (bars, boxes,
 * lines and markers, bars over categories with error bars, heat map with colour bar and optional category labels).
 */
final class PlotPainter {

  private static final Color INK = new Color(0x2a, 0x3f, 0x5f);
  private static final Color GRID = new Color(0xe5, 0xec, 0xf6);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private final Plot plot;
  private final boolean logX;
  private final Graphics2D g;
  private final double left;
  private final double top;
  private final double plotWidth;
  private final double plotHeight;
  private double x0;
  private double x1;
  private double y0;
  private double y1;

  private PlotPainter(Plot plot, Graphics2D g) {
    this.plot = plot;
    this.g = g;
    boolean heat = plot.traces().stream().anyMatch(t -> t instanceof Trace.Heat);
    this.logX = plot.logX() && !heat
        && plot.traces().stream().noneMatch(t -> t instanceof Trace.Box || t instanceof Trace.CategoryBars);
    double right = heat ? 96 : legendEntries().isEmpty() ? 24 : 150;
    this.left = 76;
    this.top = plot.title().isEmpty() ? 20 : 48;
    this.plotWidth = plot.width() - left - right;
    this.plotHeight = plot.height() - top - 58;
  }

  /** Returns the plot drawn as PNG bytes. */
  static byte[] png(Plot plot) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image(plot), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode the plot '" + plot.title() + "' as PNG.", e);
    }
  }

  /** Returns the plot drawn on a white RGB image of the plot's size. */
  static BufferedImage image(Plot plot) {
    Display.headless();
    BufferedImage img = new BufferedImage(plot.width(), plot.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, plot.width(), plot.height());
      new PlotPainter(plot, g).paint();
    } finally {
      g.dispose();
    }
    return img;
  }

  private void paint() {
    List<String> categories = BarChart.categories(plot);
    boolean categorical = plot.traces().stream().anyMatch(t -> t instanceof Trace.Box) || !categories.isEmpty();
    boolean heat = plot.traces().stream().anyMatch(t -> t instanceof Trace.Heat);
    double[] r = PlotRanges.of(plot, logX);
    x0 = r[0];
    x1 = r[1];
    y0 = r[2];
    y1 = r[3];
    List<Double> xt = categorical ? List.of() : logX ? Ticks.logarithmic(x0, x1) : Ticks.nice(x0, x1, 7);
    List<Double> yt = Ticks.nice(y0, y1, 6);
    if (heat) {
      xt = Ticks.integers(x0, x1);
      yt = Ticks.integers(y0, y1);
    }
    g.setColor(GRID);
    g.setStroke(new BasicStroke(1f));
    xt.forEach(t -> g.draw(new Line2D.Double(px(xValue(t)), top, px(xValue(t)), top + plotHeight)));
    yt.forEach(t -> g.draw(new Line2D.Double(left, py(t), left + plotWidth, py(t))));
    Shape clip = g.getClip();
    g.clip(new Rectangle2D.Double(left, top, plotWidth, plotHeight));
    plot.refLines().forEach(this::drawRefLine);
    for (int i = 0; i < plot.traces().size(); i++) {
      drawTrace(plot.traces().get(i), Palette.seriesColor(i), i);
    }
    g.setClip(clip);
    g.setColor(INK);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(left, top, plotWidth, plotHeight));
    g.setFont(TICK);
    plot.refLines().forEach(this::labelRefLine);
    Trace.Heat labelled = heat ? (Trace.Heat) plot.traces().stream().filter(t -> t instanceof Trace.Heat)
        .findFirst().orElseThrow() : null;
    for (double t : xt) {
      String label = labelled != null && !labelled.xLabels().isEmpty() ? labelled.xLabels().get((int) t)
          : logX ? Format.number(xValue(t)) : Format.tick(t);
      text(label, px(xValue(t)), top + plotHeight + 16, 0.5);
    }
    for (double t : yt) {
      String label = labelled != null && !labelled.yLabels().isEmpty() ? labelled.yLabels().get((int) t)
          : Format.tick(t);
      text(label, left - 6, py(t) + 4, 1.0);
    }
    if (categorical) {
      int n = categories.isEmpty() ? plot.traces().size() : categories.size();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) names.add(categories.isEmpty() ? plot.traces().get(i).name() : categories.get(i));
      double widest = names.stream().mapToDouble(t -> g.getFontMetrics().stringWidth(t)).max().orElse(0);
      boolean stagger = widest > 0.95 * plotWidth / n;   // labels that would overlap alternate between two rows
      for (int i = 0; i < n; i++) {
        text(names.get(i), px(i), top + plotHeight + (stagger && i % 2 == 1 ? 30 : 16), 0.5);
      }
    }
    g.setFont(TITLE);
    text(plot.title(), plot.width() / 2.0, 30, 0.5);
    g.setFont(LABEL);
    text(plot.xLabel(), left + plotWidth / 2, plot.height() - 14, 0.5);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    text(plot.yLabel(), -(top + plotHeight / 2), 20, 0.5);
    g.setTransform(saved);
    if (heat) {
      colorBar();
    } else {
      legend();
    }
  }

  private void drawTrace(Trace t, Color color, int index) {
    if (t instanceof Trace.Bars b) {
      g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 153));
      for (int i = 0; i < b.x().length; i++) {
        double a = px(b.x()[i] - b.width() / 2), c = px(b.x()[i] + b.width() / 2);
        double top = py(Math.max(b.y()[i], 0)), base = py(0);
        g.fill(new Rectangle2D.Double(a, top, Math.max(c - a, 1), base - top));
      }
    } else if (t instanceof Trace.CategoryBars b) {
      drawCategoryBars(b, color);
    } else if (t instanceof Trace.Box b) {
      drawBox(b.stats(), index, color);
    } else if (t instanceof Trace.Line l) {
      g.setColor(color);
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double path = new Path2D.Double();
      boolean pen = false;
      for (int i = 0; i < l.x().length; i++) {
        boolean ok = Double.isFinite(px(l.x()[i])) && Double.isFinite(l.y()[i]);
        if (ok && l.markers()) {
          marker(l.marker(), px(l.x()[i]), py(l.y()[i]));
        }
        if (ok && pen) {
          path.lineTo(px(l.x()[i]), py(l.y()[i]));
        } else if (ok) {
          path.moveTo(px(l.x()[i]), py(l.y()[i]));
        }
        pen = ok;
      }
      if (l.lines()) {
        g.draw(path);
      }
    } else if (t instanceof Trace.Heat h) {
      double[] range = zRange(h.z());
      for (int r = 0; r < h.z().length; r++) {
        for (int c = 0; c < h.z()[r].length; c++) {
          g.setColor(Palette.viridis((h.z()[r][c] - range[0]) / (range[1] - range[0])));
          double a = px(c - 0.5), b = px(c + 0.5), top = py(r + 0.5), bottom = py(r - 0.5);
          g.fill(new Rectangle2D.Double(a, top, b - a + 0.5, bottom - top + 0.5));
        }
      }
    }
  }

  /** Draws a reference line dashed across the plot area (the caller clips to it). */
  private void drawRefLine(RefLine r) {
    g.setColor(Color.decode(Palette.REFERENCE));
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    switch (r.kind()) {
      case DIAGONAL -> {
        double lo = Math.min(x0, y0), hi = Math.max(x1, y1);
        g.draw(new Line2D.Double(px(lo), py(lo), px(hi), py(hi)));
      }
      case HORIZONTAL -> g.draw(new Line2D.Double(left, py(r.value()), left + plotWidth, py(r.value())));
      case VERTICAL -> g.draw(new Line2D.Double(px(r.value()), top, px(r.value()), top + plotHeight));
    }
  }

  /**
   * Writes a reference line's label inside the plot: above the right end of y = c, right of the top of x = c,
   * and below-right of the diagonal's lower end (the line rises away from it, so the text stays clear).
   */
  private void labelRefLine(RefLine r) {
    Color saved = g.getColor();
    g.setColor(Color.decode(Palette.REFERENCE));
    switch (r.kind()) {
      case DIAGONAL -> {
        double lo = RefLine.diagonalSpan(plot.traces())[0];
        plain(r.label(), px(lo) + 6, py(lo) + 15, 0.0);
      }
      case HORIZONTAL -> plain(r.label(), left + plotWidth - 6, py(r.value()) - 5, 1.0);
      case VERTICAL -> plain(r.label(), px(r.value()) + 5, top + 14, 0.0);
    }
    g.setColor(saved);
  }

  private void marker(Trace.Marker shape, double x, double y) {
    if (shape == Trace.Marker.CROSS) {
      Stroke saved = g.getStroke();
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(x - 4, y - 4, x + 4, y + 4));
      g.draw(new Line2D.Double(x - 4, y + 4, x + 4, y - 4));
      g.setStroke(saved);
    } else {
      g.fill(new Ellipse2D.Double(x - 3, y - 3, 6, 6));
    }
  }

  /** Draws bars 0.6 of a category wide at their categories' positions, with capped error bars in ink. */
  private void drawCategoryBars(Trace.CategoryBars b, Color color) {
    List<String> all = BarChart.categories(plot);
    for (int i = 0; i < b.y().length; i++) {
      if (!Double.isFinite(b.y()[i])) {
        continue;
      }
      int c = all.indexOf(b.categories().get(i));
      double a = px(c - 0.3), e = px(c + 0.3), base = py(0), y = py(b.y()[i]);
      g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 204));
      g.fill(new Rectangle2D.Double(a, Math.min(y, base), Math.max(e - a, 1), Math.abs(base - y)));
      double err = b.errors() == null ? Double.NaN : b.errors()[i];
      if (Double.isFinite(err) && err > 0) {
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.5f));
        double lo = py(b.y()[i] - err), hi = py(b.y()[i] + err), cap = (e - a) * 0.2;
        g.draw(new Line2D.Double(px(c), lo, px(c), hi));
        g.draw(new Line2D.Double(px(c) - cap, lo, px(c) + cap, lo));
        g.draw(new Line2D.Double(px(c) - cap, hi, px(c) + cap, hi));
      }
    }
  }

  private void drawBox(Stats s, int i, Color color) {
    double half = Math.min(40, plotWidth / Math.max(1, plot.traces().size()) * 0.25);
    double c = px(i);
    g.setStroke(new BasicStroke(1.5f));
    g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
    Rectangle2D box = new Rectangle2D.Double(c - half, py(s.q75()), 2 * half, py(s.q25()) - py(s.q75()));
    g.fill(box);
    g.setColor(color);
    g.draw(box);
    g.draw(new Line2D.Double(c, py(s.q75()), c, py(s.max())));
    g.draw(new Line2D.Double(c, py(s.q25()), c, py(s.min())));
    g.draw(new Line2D.Double(c - half / 2, py(s.max()), c + half / 2, py(s.max())));
    g.draw(new Line2D.Double(c - half / 2, py(s.min()), c + half / 2, py(s.min())));
    g.setStroke(new BasicStroke(2.5f));
    g.draw(new Line2D.Double(c - half, py(s.median()), c + half, py(s.median())));
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
    g.draw(new Line2D.Double(c - half, py(s.mean()), c + half, py(s.mean())));
  }

  private List<Integer> legendEntries() {
    List<Integer> named = new ArrayList<>();
    boolean boxes = plot.traces().stream().anyMatch(t -> t instanceof Trace.Box);
    for (int i = 0; i < plot.traces().size(); i++) {
      if (!plot.traces().get(i).name().isEmpty() && !boxes) {
        named.add(i);
      }
    }
    return named.size() > 1 ? named : List.of();
  }

  private void legend() {
    g.setFont(TICK);
    double x = left + plotWidth + 14;
    double y = top + 10;
    for (int i : legendEntries()) {
      g.setColor(Palette.seriesColor(i));
      g.fill(new Rectangle2D.Double(x, y - 9, 14, 10));
      g.setColor(INK);
      text(clip(plot.traces().get(i).name(), 130 - 20), x + 20, y, 0);
      y += 18;
    }
  }

  private void colorBar() {
    double[] range = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (Trace t : plot.traces()) {
      if (t instanceof Trace.Heat h) {
        double[] r = zRange(h.z());
        range[0] = Math.min(range[0], r[0]);
        range[1] = Math.max(range[1], r[1]);
      }
    }
    double x = left + plotWidth + 16;
    for (int k = 0; k < (int) plotHeight; k++) {
      g.setColor(Palette.viridis(1 - k / plotHeight));
      g.fill(new Rectangle2D.Double(x, top + k, 16, 1.5));
    }
    g.setColor(INK);
    g.setFont(TICK);
    for (double t : Ticks.nice(range[0], range[1], 5)) {
      double y = top + plotHeight - (t - range[0]) / (range[1] - range[0]) * plotHeight;
      text(Format.tick(t), x + 20, y + 4, 0);
    }
  }

  private static double[] zRange(double[][] z) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double[] row : z) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(hi > lo)) {
      return new double[] {Double.isFinite(lo) ? lo : 0, Double.isFinite(lo) ? lo + 1 : 1};
    }
    return new double[] {lo, hi};
  }

  private String clip(String s, double maxWidth) {
    FontMetrics fm = g.getFontMetrics();
    if (fm.stringWidth(s) <= maxWidth) {
      return s;
    }
    String cut = s;
    while (cut.length() > 1 && fm.stringWidth(cut + "…") > maxWidth) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }

  /** Draws {@code s} in ink with its baseline at y, anchored at x by {@code align} (0 left, 0.5 centre, 1 right). */
  private void text(String s, double x, double y, double align) {
    Color saved = g.getColor();
    g.setColor(INK);
    plain(s, x, y, align);
    g.setColor(saved);
  }

  /** Draws {@code s} like {@link #text} in the current colour. */
  private void plain(String s, double x, double y, double align) {
    if (s == null || s.isEmpty()) {
      return;
    }
    double w = g.getFontMetrics().stringWidth(s);
    g.drawString(s, (float) (x - align * w), (float) y);
  }

  /** Returns a data x in axis units: log10(x) on a log axis (NaN for x ≤ 0), else x. */
  private double axisX(double x) {
    return PlotRanges.axisX(logX, x);
  }

  /** Returns the data x of an axis position (the inverse of {@link #axisX}). */
  private double xValue(double axis) {
    return logX ? Math.pow(10, axis) : axis;
  }

  private double px(double v) {
    return left + (axisX(v) - x0) / (x1 - x0) * plotWidth;
  }

  private double py(double v) {
    return top + plotHeight - (v - y0) / (y1 - y0) * plotHeight;
  }
}
