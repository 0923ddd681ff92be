package rrm.tensor;

import java.util.Arrays;

/** Reductions: sum (all, over an axis, back to a broadcast source shape) and max with argmax routing. */
final class Reduce {
  private Reduce() {}

  private static final int CHUNK = 1 << 14;

  static Tensor sumAll(Tensor x) {
    int n = x.numel();
    // Fixed chunks combined in order: the same result for any number of threads.
    int chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
    double[] pr = new double[chunks];
    double[] pi = x.im == null ? null : new double[chunks];
    Parallel.forRange(chunks, 1, (from, to) -> {
      for (int c = from; c < to; c++) {
        int lo = c * CHUNK, hi = Math.min(n, lo + CHUNK);
        double s = 0, t = 0;
        for (int i = lo; i < hi; i++) s += x.re[i];
        if (pi != null) for (int i = lo; i < hi; i++) t += x.im[i];
        pr[c] = s;
        if (pi != null) pi[c] = t;
      }
    });
    double s = 0, t = 0;
    for (int c = 0; c < chunks; c++) {
      s += pr[c];
      if (pi != null) t += pi[c];
    }
    Tensor out = Tensor.wrap(new double[] {s}, pi == null ? null : new double[] {t}, new int[0]);
    int[] in = x.shape;
    return Autograd.record(out, "sum", g -> new Tensor[] {Views.expand(g, in)}, x);
  }

  static Tensor sum(Tensor x, int axis, boolean keepDim) {
    int a = Shape.axis("sum", axis, x.dim());
    int outer = 1, inner = 1, n = x.shape[a];
    for (int i = 0; i < a; i++) outer *= x.shape[i];
    for (int i = a + 1; i < x.dim(); i++) inner *= x.shape[i];
    double[] or = new double[outer * inner];
    double[] oi = x.im == null ? null : new double[or.length];
    int innerF = inner;
    Parallel.forRange(outer, Parallel.grain((long) n * inner), (from, to) -> {
      for (int o = from; o < to; o++) {
        int base = o * n * innerF, dst = o * innerF;
        for (int k = 0; k < n; k++) {
          int src = base + k * innerF;
          for (int i = 0; i < innerF; i++) or[dst + i] += x.re[src + i];
          if (oi != null) for (int i = 0; i < innerF; i++) oi[dst + i] += x.im[src + i];
        }
      }
    });
    int[] kept = x.shape.clone();
    kept[a] = 1;
    int[] outShape = keepDim ? kept : dropAxis(x.shape, a);
    Tensor out = Tensor.wrap(or, oi, outShape);
    int[] in = x.shape;
    return Autograd.record(out, "sum", g -> new Tensor[] {Views.expand(Tensor.wrap(g.re, g.im, kept), in)}, x);
  }

  static Tensor max(Tensor x, int axis, boolean keepDim) {
    Elementwise.requireReal("max", x);
    int a = Shape.axis("max", axis, x.dim());
    int outer = 1, inner = 1, n = x.shape[a];
    if (n == 0) throw new IllegalArgumentException("max: axis " + axis + " is empty (shape " + Shape.str(x.shape) + ")");
    for (int i = 0; i < a; i++) outer *= x.shape[i];
    for (int i = a + 1; i < x.dim(); i++) inner *= x.shape[i];
    double[] or = new double[outer * inner];
    int[] arg = new int[or.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        double v = x.re[o * n * inner + i];
        for (int k = 1; k < n; k++) {
          double c = x.re[(o * n + k) * inner + i];
          if (c > v || (Double.isNaN(c) && !Double.isNaN(v))) {
            v = c;
            best = k;
          }
        }
        or[o * inner + i] = v;
        arg[o * inner + i] = best;
      }
    }
    int[] kept = x.shape.clone();
    kept[a] = 1;
    Tensor out = Tensor.wrap(or, null, keepDim ? kept : dropAxis(x.shape, a));
    int innerF = inner, outerF = outer;
    return Autograd.record(out, "max", g -> {
      double[] d = new double[x.numel()];
      for (int o = 0; o < outerF; o++) {
        for (int i = 0; i < innerF; i++) d[(o * n + arg[o * innerF + i]) * innerF + i] = g.re[o * innerF + i];
      }
      return new Tensor[] {Tensor.wrap(d, null, x.shape)};
    }, x);
  }

  /** Sums {@code x} over the axes along which {@code target} was broadcast to {@code x}'s shape. */
  static Tensor sumTo(Tensor x, int[] target) {
    if (Arrays.equals(x.shape, target)) return x;
    int r = x.dim();
    if (target.length > r) {
      throw new IllegalArgumentException("sumTo: cannot reduce " + Shape.str(x.shape) + " to the larger shape "
          + Shape.str(target));
    }
    int[] padded = new int[r];
    Arrays.fill(padded, 1);
    System.arraycopy(target, 0, padded, r - target.length, target.length);
    int[] st = Shape.strides(padded);
    for (int i = 0; i < r; i++) {
      if (padded[i] == 1 && x.shape[i] != 1) {
        st[i] = 0;
      } else if (padded[i] != x.shape[i]) {
        throw new IllegalArgumentException("sumTo: " + Shape.str(target) + " does not broadcast to "
            + Shape.str(x.shape));
      }
    }
    double[] or = new double[Shape.size(target)];
    double[] oi = x.im == null ? null : new double[or.length];
    // x is read in order, a row of the last axis at a time: every output sums its terms in the order they appear in x
    int[] idx = new int[r];
    int d = 0;
    int inner = r == 0 ? 1 : x.shape[r - 1], innerS = r == 0 ? 0 : st[r - 1];
    for (int k = 0; k < x.numel(); k += inner) {
      if (innerS == 0) {
        double sr = or[d];
        for (int j = 0; j < inner; j++) sr += x.re[k + j];
        or[d] = sr;
        if (oi != null) {
          double si = oi[d];
          for (int j = 0; j < inner; j++) si += x.im[k + j];
          oi[d] = si;
        }
      } else {
        for (int j = 0; j < inner; j++) or[d + j] += x.re[k + j];
        if (oi != null) for (int j = 0; j < inner; j++) oi[d + j] += x.im[k + j];
      }
      for (int a = r - 2; a >= 0; a--) {
        idx[a]++;
        d += st[a];
        if (idx[a] < x.shape[a]) break;
        d -= st[a] * x.shape[a];
        idx[a] = 0;
      }
    }
    Tensor out = Tensor.wrap(or, oi, target.clone());
    int[] in = x.shape;
    return Autograd.record(out, "sumTo", g -> new Tensor[] {Views.expand(g, in)}, x);
  }

  static int[] dropAxis(int[] shape, int a) {
    int[] s = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) if (i != a) s[j++] = shape[i];
    return s;
  }
}
