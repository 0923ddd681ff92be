package rrm.tensor;

import java.util.Arrays;

/** Shape ops: reshape, permute, expand (broadcast), slice, select, gather, concat, stack. Each copies its data. */
final class Views {
  private Views() {}

  static Tensor reshape(Tensor x, int[] newShape) {
    int[] s = newShape.clone();
    int free = -1;
    int known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (free >= 0) throw new IllegalArgumentException("reshape: more than one -1 in " + Shape.str(newShape));
        free = i;
      } else {
        known *= s[i];
      }
    }
    if (free >= 0) s[free] = known == 0 ? 0 : x.numel() / known;
    if (Shape.size(s) != x.numel()) {
      throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(x.shape) + " (" + x.numel()
          + " elements) to " + Shape.str(newShape));
    }
    if (Arrays.equals(s, x.shape)) return x;
    Tensor out = Tensor.wrap(x.re, x.im, s);
    int[] in = x.shape;
    return Autograd.record(out, "reshape", g -> new Tensor[] {Tensor.wrap(g.re, g.im, in)}, x);
  }

  static Tensor permute(Tensor x, int[] order) {
    int r = x.dim();
    if (order.length != r) {
      throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " has " + order.length
          + " axes, the tensor has shape " + Shape.str(x.shape));
    }
    int[] ord = new int[r];
    boolean[] used = new boolean[r];
    for (int i = 0; i < r; i++) {
      ord[i] = Shape.axis("permute", order[i], r);
      if (used[ord[i]]) throw new IllegalArgumentException("permute: axis repeated in " + Arrays.toString(order));
      used[ord[i]] = true;
    }
    int[] inStrides = Shape.strides(x.shape);
    int[] outShape = new int[r];
    int[] srcStrides = new int[r];
    for (int i = 0; i < r; i++) {
      outShape[i] = x.shape[ord[i]];
      srcStrides[i] = inStrides[ord[i]];
    }
    Tensor out = Tensor.wrap(strided(x.re, outShape, srcStrides), x.im == null ? null
        : strided(x.im, outShape, srcStrides), outShape);
    int[] inverse = new int[r];
    for (int i = 0; i < r; i++) inverse[ord[i]] = i;
    return Autograd.record(out, "permute", g -> new Tensor[] {permute(g, inverse)}, x);
  }

  static Tensor transpose(Tensor x, int a, int b) {
    int r = x.dim();
    int[] order = new int[r];
    for (int i = 0; i < r; i++) order[i] = i;
    int aa = Shape.axis("transpose", a, r), bb = Shape.axis("transpose", b, r);
    order[aa] = bb;
    order[bb] = aa;
    return permute(x, order);
  }

  static Tensor expand(Tensor x, int[] target) {
    if (target.length < x.dim()) {
      throw new IllegalArgumentException("expand: cannot expand " + Shape.str(x.shape) + " to fewer axes "
          + Shape.str(target));
    }
    int r = target.length;
    int[] padded = new int[r];
    Arrays.fill(padded, 1);
    System.arraycopy(x.shape, 0, padded, r - x.dim(), x.dim());
    int[] st = Shape.strides(padded);
    for (int i = 0; i < r; i++) {
      if (padded[i] == 1 && target[i] != 1) {
        st[i] = 0;
      } else if (padded[i] != target[i]) {
        throw new IllegalArgumentException("expand: cannot expand " + Shape.str(x.shape) + " to "
            + Shape.str(target) + " (axis " + i + ": " + padded[i] + " vs " + target[i] + ")");
      }
    }
    if (Arrays.equals(x.shape, target)) return x;
    int[] t = target.clone();
    Tensor out = Tensor.wrap(strided(x.re, t, st), x.im == null ? null : strided(x.im, t, st), t);
    int[] in = x.shape;
    return Autograd.record(out, "expand", g -> new Tensor[] {Reduce.sumTo(g, in)}, x);
  }

  /** Copies {@code src} read with the given per-axis strides into a new row-major array of shape {@code shape}. */
  static double[] strided(double[] src, int[] shape, int[] strides) {
    int r = shape.length;
    int n = Shape.size(shape);
    double[] out = new double[n];
    if (n == 0) return out;
    int[] idx = new int[r];
    int s = 0;
    int last = r - 1;
    int innerN = r == 0 ? 1 : shape[last];
    int innerS = r == 0 ? 0 : strides[last];
    for (int k = 0; k < n; k += innerN) {
      if (innerS == 1 && innerN >= 16) {
        System.arraycopy(src, s, out, k, innerN);
      } else if (innerS == 1) {               // short rows: a plain loop costs less than the call
        for (int j = 0; j < innerN; j++) out[k + j] = src[s + j];
      } else {
        for (int j = 0, p = s; j < innerN; j++, p += innerS) out[k + j] = src[p];
      }
      for (int a = last - 1; a >= 0; a--) {
        idx[a]++;
        s += strides[a];
        if (idx[a] < shape[a]) break;
        s -= strides[a] * shape[a];
        idx[a] = 0;
      }
    }
    return out;
  }

  static Tensor slice(Tensor x, int axis, int from, int to) {
    int a = Shape.axis("slice", axis, x.dim());
    int n = x.shape[a];
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException("slice: range [" + from + ", " + to + ") is invalid for axis " + axis
          + " of size " + n + " (shape " + Shape.str(x.shape) + ")");
    }
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) idx[i] = from + i;
    return gatherOp("slice", x, a, idx);
  }

  static Tensor select(Tensor x, int axis, int index) {
    int a = Shape.axis("select", axis, x.dim());
    return squeeze(slice(x, a, index, index + 1), a);
  }

  static Tensor gather(Tensor x, int axis, int[] indices) {
    int a = Shape.axis("gather", axis, x.dim());
    for (int i : indices) {
      if (i < 0 || i >= x.shape[a]) {
        throw new IllegalArgumentException("gather: index " + i + " is out of range for axis " + axis + " of size "
            + x.shape[a] + " (shape " + Shape.str(x.shape) + ")");
      }
    }
    return gatherOp("gather", x, a, indices.clone());
  }

  private static Tensor gatherOp(String op, Tensor x, int a, int[] idx) {
    int outer = 1, inner = 1;
    for (int i = 0; i < a; i++) outer *= x.shape[i];
    for (int i = a + 1; i < x.dim(); i++) inner *= x.shape[i];
    int n = x.shape[a], m = idx.length;
    int[] outShape = x.shape.clone();
    outShape[a] = m;
    double[] or = new double[outer * m * inner];
    double[] oi = x.im == null ? null : new double[or.length];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < m; j++) {
        int src = (o * n + idx[j]) * inner, dst = (o * m + j) * inner;
        System.arraycopy(x.re, src, or, dst, inner);
        if (oi != null) System.arraycopy(x.im, src, oi, dst, inner);
      }
    }
    Tensor out = Tensor.wrap(or, oi, outShape);
    int[] inShape = x.shape;
    int innerF = inner, outerF = outer;
    return Autograd.record(out, op, g -> {
      double[] gr = new double[outerF * n * innerF];
      double[] gi = g.im == null ? null : new double[gr.length];
      for (int o = 0; o < outerF; o++) {
        for (int j = 0; j < m; j++) {
          int dst = (o * n + idx[j]) * innerF, src = (o * m + j) * innerF;
          for (int i = 0; i < innerF; i++) gr[dst + i] += g.re[src + i];
          if (gi != null) for (int i = 0; i < innerF; i++) gi[dst + i] += g.im[src + i];
        }
      }
      return new Tensor[] {Tensor.wrap(gr, gi, inShape)};
    }, x);
  }

  static Tensor unsqueeze(Tensor x, int axis) {
    int a = Shape.axis("unsqueeze", axis, x.dim() + 1);
    int[] s = new int[x.dim() + 1];
    for (int i = 0, j = 0; i < s.length; i++) s[i] = i == a ? 1 : x.shape[j++];
    return reshape(x, s);
  }

  static Tensor squeeze(Tensor x, int axis) {
    int a = Shape.axis("squeeze", axis, x.dim());
    if (x.shape[a] != 1) {
      throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + x.shape[a] + ", not 1 (shape "
          + Shape.str(x.shape) + ")");
    }
    int[] s = new int[x.dim() - 1];
    for (int i = 0, j = 0; i < x.dim(); i++) if (i != a) s[j++] = x.shape[i];
    return reshape(x, s);
  }

  static Tensor concat(int axis, Tensor[] parts) {
    if (parts.length == 0) throw new IllegalArgumentException("concat: no tensors given");
    Tensor first = parts[0];
    int a = Shape.axis("concat", axis, first.dim());
    boolean complex = false;
    int total = 0;
    for (Tensor p : parts) {
      boolean ok = p.dim() == first.dim();
      for (int i = 0; ok && i < p.dim(); i++) ok = i == a || p.shape[i] == first.shape[i];
      if (!ok) {
        throw new IllegalArgumentException("concat: shapes " + Shape.str(first.shape) + " and " + Shape.str(p.shape)
            + " differ outside axis " + axis);
      }
      complex |= p.im != null;
      total += p.shape[a];
    }
    int outer = 1, inner = 1;
    for (int i = 0; i < a; i++) outer *= first.shape[i];
    for (int i = a + 1; i < first.dim(); i++) inner *= first.shape[i];
    int[] outShape = first.shape.clone();
    outShape[a] = total;
    double[] or = new double[outer * total * inner];
    double[] oi = complex ? new double[or.length] : null;
    int offset = 0;
    int[] starts = new int[parts.length];
    for (int pi = 0; pi < parts.length; pi++) {
      Tensor p = parts[pi];
      starts[pi] = offset;
      int block = p.shape[a] * inner;
      for (int o = 0; o < outer; o++) {
        System.arraycopy(p.re, o * block, or, (o * total + offset) * inner, block);
        if (p.im != null) System.arraycopy(p.im, o * block, oi, (o * total + offset) * inner, block);
      }
      offset += p.shape[a];
    }
    Tensor out = Tensor.wrap(or, oi, outShape);
    return Autograd.record(out, "concat", g -> {
      Tensor[] gs = new Tensor[parts.length];
      for (int pi = 0; pi < parts.length; pi++) {
        if (parts[pi].requiresGrad) gs[pi] = slice(g, a, starts[pi], starts[pi] + parts[pi].shape[a]);
      }
      return gs;
    }, parts);
  }

  static Tensor stack(int axis, Tensor[] parts) {
    if (parts.length == 0) throw new IllegalArgumentException("stack: no tensors given");
    int a = Shape.axis("stack", axis, parts[0].dim() + 1);
    Tensor[] u = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!Arrays.equals(parts[i].shape, parts[0].shape)) {
        throw new IllegalArgumentException("stack: shapes " + Shape.str(parts[0].shape) + " and "
            + Shape.str(parts[i].shape) + " differ (tensor " + i + ")");
      }
      u[i] = unsqueeze(parts[i], a);
    }
    return concat(a, u);
  }
}
