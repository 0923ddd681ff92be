package rrm.tensor;

/**
 * Row gather and scatter kernels behind {@link EdgeList}. A gather reads row {@code idx[e]} of a node tensor for
 * every edge e; a scatter writes every node's row from its group of edges ({@code order[offsets[v]..offsets[v+1])},
 * ascending edge id). Gather and scatter-sum are each other's backward. Scatters loop over nodes, so each output row
 * has one owner and one summation order: no races, and the same result for any thread count.
 */
final class Scatter {
  private Scatter() {}

  /** {@code x [nodes, ...] -> [idx.length, ...]} with row e = row idx[e] of x. */
  static Tensor gather(String op, Tensor x, int nodes, int[] idx, int[] offsets, int[] order) {
    int f = width(op, "x", x, nodes, "node");
    int edges = idx.length;
    double[] or = new double[edges * f];
    double[] oi = x.im == null ? null : new double[or.length];
    Parallel.forRange(edges, Parallel.grain(f + 1L), (from, to) -> {
      for (int e = from; e < to; e++) {
        System.arraycopy(x.re, idx[e] * f, or, e * f, f);
        if (oi != null) System.arraycopy(x.im, idx[e] * f, oi, e * f, f);
      }
    });
    Tensor out = Tensor.wrap(or, oi, withRows(x.shape, edges));
    return Autograd.record(out, op, g -> new Tensor[] {sum(op + " (backward)", g, nodes, idx, offsets, order)}, x);
  }

  /** {@code e [idx.length, ...] -> [nodes, ...]} with row v = Σ of the rows of the edges grouped under v. */
  static Tensor sum(String op, Tensor e, int nodes, int[] idx, int[] offsets, int[] order) {
    Tensor out = sumKernel(op, e, nodes, idx, offsets, order, null);
    return Autograd.record(out, op, g -> new Tensor[] {gather(op + " (backward)", g, nodes, idx, offsets, order)}, e);
  }

  /** Like {@link #sum} but divides every node's row by its group size (nodes without edges stay 0). */
  static Tensor mean(Tensor e, int nodes, int[] idx, int[] offsets, int[] order) {
    double[] inv = new double[nodes];
    for (int v = 0; v < nodes; v++) inv[v] = 1.0 / Math.max(1, offsets[v + 1] - offsets[v]);
    Tensor out = sumKernel("scatterMean", e, nodes, idx, offsets, order, inv);
    return Autograd.record(out, "scatterMean", g -> new Tensor[] {
        gather("scatterMean (backward)", scaleRows(g, inv), nodes, idx, offsets, order)}, e);
  }

  private static Tensor sumKernel(String op, Tensor e, int nodes, int[] idx, int[] offsets, int[] order,
      double[] rowScale) {
    int f = width(op, "e", e, idx.length, "edge");
    double[] or = new double[nodes * f];
    double[] oi = e.im == null ? null : new double[or.length];
    long perNode = (long) f * (idx.length / Math.max(1, nodes) + 1);
    Parallel.forRange(nodes, Parallel.grain(perNode), (from, to) -> {
      for (int v = from; v < to; v++) {
        int o = v * f;
        for (int k = offsets[v]; k < offsets[v + 1]; k++) {
          int s = order[k] * f;
          for (int c = 0; c < f; c++) or[o + c] += e.re[s + c];
          if (oi != null) for (int c = 0; c < f; c++) oi[o + c] += e.im[s + c];
        }
        if (rowScale != null) {
          for (int c = 0; c < f; c++) or[o + c] *= rowScale[v];
          if (oi != null) for (int c = 0; c < f; c++) oi[o + c] *= rowScale[v];
        }
      }
    });
    return Tensor.wrap(or, oi, withRows(e.shape, nodes));
  }

  /** Per node and feature, the maximum over the node's edges; argmax routing, empty groups give 0. */
  static Tensor max(Tensor e, int nodes, int[] idx, int[] offsets, int[] order) {
    Elementwise.requireReal("scatterMax", e);
    int f = width("scatterMax", "e", e, idx.length, "edge");
    double[] out = new double[nodes * f];
    int[] arg = new int[nodes * f];
    long perNode = (long) f * (idx.length / Math.max(1, nodes) + 1);
    Parallel.forRange(nodes, Parallel.grain(perNode), (from, to) -> {
      for (int v = from; v < to; v++) {
        for (int c = 0; c < f; c++) {
          int best = -1;
          double m = 0;
          for (int k = offsets[v]; k < offsets[v + 1]; k++) {
            double x = e.re[order[k] * f + c];
            if (best < 0 || x > m || (Double.isNaN(x) && !Double.isNaN(m))) {
              m = x;
              best = order[k];
            }
          }
          out[v * f + c] = m;
          arg[v * f + c] = best;
        }
      }
    });
    Tensor y = Tensor.wrap(out, null, withRows(e.shape, nodes));
    int edges = idx.length;
    return Autograd.record(y, "scatterMax", g -> {
      double[] ge = new double[edges * f];
      // Each edge has one destination, so every (edge, feature) slot is written by at most one node.
      Parallel.forRange(nodes, Parallel.grain(f + 1L), (from, to) -> {
        for (int v = from; v < to; v++) {
          for (int c = 0; c < f; c++) {
            int a = arg[v * f + c];
            if (a >= 0) ge[a * f + c] = g.re[v * f + c];
          }
        }
      });
      return new Tensor[] {Tensor.wrap(ge, null, e.shape.clone())};
    }, e);
  }

  /** Multiplies row v of a {@code [rows, ...]} tensor by {@code s[v]}. */
  private static Tensor scaleRows(Tensor t, double[] s) {
    int rows = s.length;
    int f = rows == 0 ? 0 : t.re.length / rows;
    double[] r = new double[t.re.length];
    double[] i = t.im == null ? null : new double[r.length];
    for (int v = 0; v < rows; v++) {
      for (int c = 0; c < f; c++) {
        r[v * f + c] = t.re[v * f + c] * s[v];
        if (i != null) i[v * f + c] = t.im[v * f + c] * s[v];
      }
    }
    return Tensor.wrap(r, i, t.shape.clone());
  }

  /** Checks that t has {@code rows} rows on axis 0 and returns the size of one row. */
  private static int width(String op, String arg, Tensor t, int rows, String what) {
    if (t.dim() < 1 || t.shape[0] != rows) {
      throw new IllegalArgumentException(op + ": " + arg + " must have " + rows + " rows (one per " + what
          + ") on axis 0, got shape " + Shape.str(t.shape));
    }
    int f = 1;
    for (int a = 1; a < t.dim(); a++) f *= t.shape[a];
    return f;
  }

  private static int[] withRows(int[] shape, int rows) {
    int[] s = shape.clone();
    s[0] = rows;
    return s;
  }
}
