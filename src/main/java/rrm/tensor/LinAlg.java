package rrm.tensor;

import java.util.Arrays;

/**
 * Batched products on the last two axes: matmul, diagonal extraction and embedding.
 *
 * <p>{@code a [..., m, k] x b [..., k, n] -> [..., m, n]}. Leading (batch) axes broadcast; a rank-2 operand is
 * shared by every batch item without being copied, so a weight matrix {@code [k, n]} costs one large product.
 */
final class LinAlg {
  private LinAlg() {}

  static Tensor matmul(Tensor a, Tensor b) {
    Shape.atLeastRank("matmul", "a", a, 2);
    Shape.atLeastRank("matmul", "b", b, 2);
    int m = a.shape[a.dim() - 2], k = a.shape[a.dim() - 1];
    int k2 = b.shape[b.dim() - 2], n = b.shape[b.dim() - 1];
    if (k != k2) {
      throw new IllegalArgumentException("matmul: inner dimensions differ: a is " + Shape.str(a.shape) + ", b is "
          + Shape.str(b.shape) + " (" + k + " vs " + k2 + ")");
    }
    int[] ba = Shape.prefix(a.shape, 2), bb = Shape.prefix(b.shape, 2);
    if (bb.length == 0) return sharedRight(a, b, m, k, n);
    if (!Arrays.equals(ba, bb)) {
      int[] batch = Shape.broadcast("matmul (batch axes)", ba, bb);
      Tensor ea = Arrays.equals(ba, batch) ? a : Views.expand(a, Shape.concat(batch, m, k));
      Tensor eb = Arrays.equals(bb, batch) ? b : Views.expand(b, Shape.concat(batch, k, n));
      return batched(ea, eb, batch, m, k, n);
    }
    return batched(a, b, ba, m, k, n);
  }

  /** a [..., m, k] x b [k, n]: one product of a as [(batch m), k] with b. */
  private static Tensor sharedRight(Tensor a, Tensor b, int m, int k, int n) {
    int rows = Shape.size(Shape.prefix(a.shape, 1));
    Tensor out = gemm(a, b, 1, rows, k, n, true, Shape.concat(Shape.prefix(a.shape, 1), n));
    return Autograd.record(out, "matmul", g -> {
      Tensor ga = a.requiresGrad ? matmul(g, b.mH()) : null;
      Tensor gb = null;
      if (b.requiresGrad) {
        Tensor a2 = a.dim() == 2 ? a : Views.reshape(a.detach(), new int[] {rows, k});
        Tensor g2 = g.dim() == 2 ? g : Views.reshape(g, new int[] {rows, n});
        gb = matmul(a2.mH(), g2);
      }
      return new Tensor[] {ga, gb};
    }, a, b);
  }

  private static Tensor batched(Tensor a, Tensor b, int[] batch, int m, int k, int n) {
    int batchSize = Shape.size(batch);
    Tensor out = gemm(a, b, batchSize, m, k, n, false, Shape.concat(batch, m, n));
    return Autograd.record(out, "matmul", g -> new Tensor[] {
        a.requiresGrad ? matmul(g, b.mH()) : null,
        b.requiresGrad ? matmul(a.mH(), g) : null}, a, b);
  }

  /**
   * Computes {@code items} products of {@code m x k} blocks of a with {@code k x n} blocks of b ({@code shared}: one b
   * for all) through {@link Gemm}. A complex-by-real product is two real products. Work is split into items (small
   * products) or row blocks (large ones); every element's arithmetic is fixed by {@link Gemm}, so the result does
   * not depend on the split or the thread count.
   */
  private static Tensor gemm(Tensor a, Tensor b, int items, int m, int k, int n, boolean shared, int[] outShape) {
    boolean ca = a.im != null, cb = b.im != null;
    double[] cr = new double[items * m * n];
    double[] ci = ca || cb ? new double[cr.length] : null;
    if (ca && cb) {
      run(a.re, a.im, b.re, b.im, cr, ci, items, m, k, n, shared);
    } else {
      run(a.re, null, b.re, null, cr, null, items, m, k, n, shared);
      if (ca) run(a.im, null, b.re, null, ci, null, items, m, k, n, shared);
      if (cb) run(a.re, null, b.im, null, ci, null, items, m, k, n, shared);
    }
    return Tensor.wrap(cr, ci, outShape);
  }

  private static final int WORK = 1 << 15;

  private static void run(double[] ar, double[] ai, double[] br, double[] bi, double[] cr, double[] ci, int items,
      int m, int k, int n, boolean shared) {
    boolean complex = ai != null;
    boolean rowPath = n >= Gemm.ROW_PATH_MIN_N;
    int aStride = m * k, bStride = shared ? 0 : k * n, cStride = m * n;
    long perItem = (long) m * k * n * (complex ? 4 : 1);
    if (perItem >= WORK && m > 1) {
      int packs = shared ? 1 : items;
      Gemm.Packed[] packed = new Gemm.Packed[packs];
      if (rowPath) {
        Parallel.forRange(packs, 1, (from, to) -> {
          for (int t = from; t < to; t++) packed[t] = new Gemm.Packed(k, n, complex).fill(br, bi, t * bStride);
        });
      }
      int rowsPerTask = (int) Math.max(1, Math.min(m, WORK / Math.max(1, perItem / m)));
      int blocks = (m + rowsPerTask - 1) / rowsPerTask;
      Parallel.forRange(items * blocks, 1, (from, to) -> {
        for (int t = from; t < to; t++) {
          int item = t / blocks, r0 = (t % blocks) * rowsPerTask, r1 = Math.min(m, r0 + rowsPerTask);
          Gemm.Packed p = rowPath ? packed[shared ? 0 : item].sharing() : null;
          block(ar, ai, item * aStride, br, bi, item * bStride, p, cr, ci, item * cStride, r0, r1, k, n);
        }
      });
    } else {
      Parallel.forRange(items, Parallel.grain(perItem + 1), (from, to) -> {
        Gemm.Packed p = rowPath ? new Gemm.Packed(k, n, complex) : null;
        if (rowPath && shared) p.fill(br, bi, 0);
        for (int item = from; item < to; item++) {
          if (rowPath && !shared) p.fill(br, bi, item * bStride);
          block(ar, ai, item * aStride, br, bi, item * bStride, p, cr, ci, item * cStride, 0, m, k, n);
        }
      });
    }
  }

  private static void block(double[] ar, double[] ai, int ao, double[] br, double[] bi, int bo, Gemm.Packed packed,
      double[] cr, double[] ci, int co, int r0, int r1, int k, int n) {
    if (ai == null) {
      if (packed != null) Gemm.realRows(ar, ao, packed, cr, co, r0, r1, k, n);
      else Gemm.realScalar(ar, ao, br, bo, cr, co, r0, r1, k, n);
    } else {
      if (packed != null) Gemm.complexRows(ar, ai, ao, packed, cr, ci, co, r0, r1, k, n);
      else Gemm.complexScalar(ar, ai, ao, br, bi, bo, cr, ci, co, r0, r1, k, n);
    }
  }

  static Tensor diag(Tensor x) {
    Shape.square("diag", "x", x);
    int n = x.shape[x.dim() - 1];
    int batch = x.numel() / Math.max(1, n * n);
    double[] or = new double[batch * n];
    double[] oi = x.im == null ? null : new double[or.length];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < n; i++) {
        or[b * n + i] = x.re[b * n * n + i * n + i];
        if (oi != null) oi[b * n + i] = x.im[b * n * n + i * n + i];
      }
    }
    Tensor out = Tensor.wrap(or, oi, Shape.prefix(x.shape, 1));
    return Autograd.record(out, "diag", g -> new Tensor[] {diagEmbed(g)}, x);
  }

  static Tensor diagEmbed(Tensor x) {
    Shape.atLeastRank("diagEmbed", "x", x, 1);
    int n = x.shape[x.dim() - 1];
    int batch = x.numel() / Math.max(1, n);
    double[] or = new double[batch * n * n];
    double[] oi = x.im == null ? null : new double[or.length];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < n; i++) {
        or[b * n * n + i * n + i] = x.re[b * n + i];
        if (oi != null) oi[b * n * n + i * n + i] = x.im[b * n + i];
      }
    }
    Tensor out = Tensor.wrap(or, oi, Shape.concat(x.shape, n));
    return Autograd.record(out, "diagEmbed", g -> new Tensor[] {diag(g)}, x);
  }
}
