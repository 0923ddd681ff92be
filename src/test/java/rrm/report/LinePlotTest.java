package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Line plots with and without markers, checked through their Plotly JSON and their traces. */
class LinePlotTest {

  @Test
  void lineWithMarkersDrawsLinesAndMarkersForEveryGroup() throws Exception {
    Plot p = Figures.lineWithMarkers("Loss", FiguresTest.curves(), "step", "loss", "method");
    JsonNode f = FiguresTest.json(p);
    assertEquals(2, f.get("data").size());
    for (JsonNode trace : f.get("data")) assertEquals("lines+markers", trace.get("mode").asText());
    for (Trace t : p.traces()) {
      Trace.Line l = (Trace.Line) t;
      assertTrue(l.lines() && l.markers(), "trace " + l.name() + " should draw lines and markers");
    }
  }

  @Test
  void plainLineKeepsDrawingLinesOnly() {
    for (Trace t : Figures.line("Loss", FiguresTest.curves(), "step", "loss", "method").traces()) {
      assertFalse(((Trace.Line) t).markers(), "Figures.line should not draw markers");
    }
  }

  @Test
  void markersDoNotChangeTheDataOrLabels() {
    Plot plain = Figures.line("Loss", FiguresTest.curves(), "step", "loss", "method");
    Plot marked = Figures.lineWithMarkers("Loss", FiguresTest.curves(), "step", "loss", "method");
    assertEquals(plain.xLabel(), marked.xLabel());
    assertEquals(plain.yLabel(), marked.yLabel());
    for (int k = 0; k < plain.traces().size(); k++) {
      Trace.Line a = (Trace.Line) plain.traces().get(k), b = (Trace.Line) marked.traces().get(k);
      assertEquals(a.name(), b.name());
      assertEquals(java.util.Arrays.toString(a.y()), java.util.Arrays.toString(b.y()));
    }
  }
}
