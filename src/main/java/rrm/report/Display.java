package rrm.report;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * How report objects appear in a notebook. Each displayable type maps to a MIME bundle ({@link
 * #bundle(Object)}); when the code runs inside a JJava or IJava kernel, {@link #install()} registers
 * renderers for these types with the kernel, found by reflection, so that notebooks only ever call {@code
 * display(x)} (or end a cell with {@code x}) and contain no kernel classes. Outside a kernel nothing is
 * registered and objects print their text form.
 *
 * <p>Rendered types: {@link Plot} (Plotly JSON + PNG + text), Tablesaw's plots (a tablesaw-jsplot {@link
 * Figure} from {@code tech.tablesaw.plotly.api.BoxPlot.create(...)} and the like: as a {@link Plot} when its
 * traces convert, else Plotly JSON + text; see {@link Figures#from(Figure)}), Tablesaw {@link Table}, {@link
 * Verdicts} and {@link Html} (HTML + text).
 */
public final class Display {

  /** The Plotly MIME type, rendered interactively by JupyterLab with the plotly package installed. */
  public static final String PLOTLY = "application/vnd.plotly.v1+json";

  private static volatile String installed;

  private Display() {}

  /**
   * Registers the renderers with the running kernel, once; later calls return at once. Every report type
   * calls this when first created; notebooks call it at the end of their loading cell to say which kernel
   * was found.
   *
   * @return a one-line description of what was registered (or that no kernel was found)
   */
  public static String install() {
    String done = installed;
    if (done != null) {
      return done;
    }
    synchronized (Display.class) {
      if (installed == null) {
        headless();
        installed = KernelBridge.find()
            .map(k -> {
              k.register(Display::bundle, Plot.class, Html.class, Verdicts.class, Table.class, Figure.class);
              return "rrm display: renderers for Plot, Table, Verdicts, Html and Tablesaw's Figure registered with"
                  + " the " + k.name() + " kernel";
            })
            .orElse("rrm display: no notebook kernel found; objects print as text");
      }
      return installed;
    }
  }

  /** Returns true when running inside a JJava or IJava kernel. */
  public static boolean inKernel() {
    return KernelBridge.find().isPresent();
  }

  /**
   * Returns the MIME bundle of a displayable object: MIME type to value (JSON-ready maps for Plotly,
   * base64 text for PNG, strings otherwise). Other objects give {@code text/plain} of {@code toString()}.
   */
  public static Map<String, Object> bundle(Object value) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (value instanceof Plot p) {
      b.put(PLOTLY, p.toPlotly());
      b.put("image/png", Base64.getEncoder().encodeToString(p.toPng()));
      b.put("text/plain", p.toString());
    } else if (value instanceof Figure f) {
      return TablesawFigures.bundle(f);
    } else if (value instanceof Table t) {
      b.put("text/html", Tables.html(t));
      b.put("text/plain", t.print());
    } else if (value instanceof Verdicts v) {
      Html h = v.toHtml();
      b.put("text/html", h.html());
      b.put("text/plain", h.text());
    } else if (value instanceof Html h) {
      b.put("text/html", h.html());
      b.put("text/plain", h.text());
    } else {
      b.put("text/plain", String.valueOf(value));
    }
    return b;
  }

  /** Sets {@code java.awt.headless=true} unless already set, so that Java2D never needs a display. */
  static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
