package rrm.tensor;

import java.util.Arrays;

/**
 * Batched products on the last two axes: matmul, diagonal extraction and embedding.
 *
 * <p>{@code a [..., m, k] x b [..., k, n] -> [..., m, n]}. Leading (batch) axes broadcast; a rank-2 right operand is
 * shared by every batch item without being copied, so a weight matrix {@code [k, n]} costs one large product. The
 * kernels are in {@link Gemm}; the backward pass reads {@code B^H} and {@code A^H} as strided views.
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
    Tensor out = product(a, false, b, false, 1, rows, k, n, true, Shape.concat(Shape.prefix(a.shape, 1), n));
    return Autograd.record(out, "matmul", g -> new Tensor[] {
        a.requiresGrad ? product(g, false, b, true, 1, rows, n, k, true, a.shape.clone()) : null,
        b.requiresGrad ? product(a, true, g, false, 1, k, rows, n, false, b.shape.clone()) : null}, a, b);
  }

  private static Tensor batched(Tensor a, Tensor b, int[] batch, int m, int k, int n) {
    int items = Shape.size(batch);
    Tensor out = product(a, false, b, false, items, m, k, n, false, Shape.concat(batch, m, n));
    return Autograd.record(out, "matmul", g -> new Tensor[] {
        a.requiresGrad ? product(g, false, b, true, items, m, n, k, false, a.shape.clone()) : null,
        b.requiresGrad ? product(a, true, g, false, items, k, m, n, false, b.shape.clone()) : null}, a, b);
  }

  /**
   * Returns {@code items} products {@code op(A) op(B)} of {@code m x k} by {@code k x n} (no graph), where op is the
   * conjugate transpose when {@code adjA}/{@code adjB} and the identity otherwise: so A is stored as {@code [items,
   * m, k]} or {@code [items, k, m]}, and B as {@code [items, k, n]} or {@code [items, n, k]} ({@code sharedB}: one B).
   * A complex-by-real product is two real products.
   */
  private static Tensor product(Tensor a, boolean adjA, Tensor b, boolean adjB, int items, int m, int k, int n,
      boolean sharedB, int[] outShape) {
    boolean ca = a.im != null, cb = b.im != null;
    double[] cr = new double[items * m * n];
    double[] ci = ca || cb ? new double[cr.length] : null;
    Gemm.Operand ar = operand(a.re, null, adjA, m * k, adjA ? 1 : k, adjA ? m : 1);
    Gemm.Operand br = operand(b.re, null, adjB, sharedB ? 0 : k * n, adjB ? 1 : n, adjB ? k : 1);
    if (ca && cb) {
      Gemm.Operand ac = new Gemm.Operand(a.re, a.im, ar.item(), ar.row(), ar.col(), adjA ? -1 : 1);
      Gemm.Operand bc = new Gemm.Operand(b.re, b.im, br.item(), br.row(), br.col(), adjB ? -1 : 1);
      run(ac, bc, cr, ci, items, m, k, n, sharedB);
    } else {
      run(ar, br, cr, null, items, m, k, n, sharedB);
      if (ca) run(new Gemm.Operand(a.im, null, ar.item(), ar.row(), ar.col(), 1), br, ci, null, items, m, k, n, sharedB);
      if (cb) run(ar, new Gemm.Operand(b.im, null, br.item(), br.row(), br.col(), 1), ci, null, items, m, k, n, sharedB);
      // conj(x) * y for real y: negate the imaginary part afterwards (exact).
      if ((ca && adjA) || (cb && adjB)) for (int i = 0; i < ci.length; i++) ci[i] = -ci[i];
    }
    return Tensor.wrap(cr, ci, outShape);
  }

  private static Gemm.Operand operand(double[] re, double[] im, boolean adj, int item, int row, int col) {
    return new Gemm.Operand(re, im, item, row, col, adj ? -1 : 1);
  }

  private static final int WORK = 1 << 15;
  /** Below this many large products, parallelise over row blocks rather than over products. */
  private static final int FEW_ITEMS = 8;

  /**
   * Splits the products into items (small products) or row blocks (large ones); every element's arithmetic is fixed
   * by {@link Gemm}, so the result does not depend on the split or the thread count.
   */
  private static void run(Gemm.Operand a, Gemm.Operand b, double[] cr, double[] ci, int items, int m, int k, int n,
      boolean shared) {
    boolean complex = a.im() != null;
    boolean rowPath = n >= Gemm.ROW_PATH_MIN_N;
    int cStride = m * n;
    long perItem = (long) m * k * n * (complex ? 4 : 1);
    if (perItem >= WORK && m > 1 && items < FEW_ITEMS) {
      // Few large products: pack each B once and share the rows of every product among tasks.
      int packs = shared ? 1 : items;
      Gemm.Packed[] packed = new Gemm.Packed[packs];
      if (rowPath) {
        Parallel.forRange(packs, 1, (from, to) -> {
          for (int t = from; t < to; t++) packed[t] = new Gemm.Packed(k, n, complex).fill(b, t);
        });
      }
      // the tall path reads A once per block: at least a cache line's worth of rows each
      int minRows = !rowPath && Gemm.tall(a, k) ? 8 : 1;
      int rowsPerTask = (int) Math.max(minRows, Math.min(m, WORK / Math.max(1, perItem / m)));
      int blocks = (m + rowsPerTask - 1) / rowsPerTask;
      Parallel.forRange(items * blocks, 1, (from, to) -> {
        for (int t = from; t < to; t++) {
          int item = t / blocks, r0 = (t % blocks) * rowsPerTask, r1 = Math.min(m, r0 + rowsPerTask);
          Gemm.Packed p = rowPath ? packed[shared ? 0 : item].sharing() : null;
          block(a, b, item, p, cr, ci, item * cStride, r0, r1, k, n);
        }
      });
    } else {
      // Many products: one task per group of products, each packing its B just before use.
      Parallel.forRange(items, Parallel.grain(perItem + 1), (from, to) -> {
        Gemm.Packed p = rowPath ? new Gemm.Packed(k, n, complex) : null;
        if (rowPath && shared) p.fill(b, 0);
        for (int item = from; item < to; item++) {
          if (rowPath && !shared) p.fill(b, item);
          block(a, b, item, p, cr, ci, item * cStride, 0, m, k, n);
        }
      });
    }
  }

  private static void block(Gemm.Operand a, Gemm.Operand b, int item, Gemm.Packed packed, double[] cr, double[] ci,
      int co, int r0, int r1, int k, int n) {
    boolean tall = packed == null && Gemm.tall(a, k);
    if (ci == null) {
      if (packed != null) Gemm.realRows(a, item, packed, cr, co, r0, r1, k, n);
      else if (tall) Gemm.realTall(a, b, item, cr, co, r0, r1, k, n);
      else Gemm.realScalar(a, b, item, cr, co, r0, r1, k, n);
    } else {
      if (packed != null) Gemm.complexRows(a, item, packed, cr, ci, co, r0, r1, k, n);
      else if (tall) Gemm.complexTall(a, b, item, cr, ci, co, r0, r1, k, n);
      else Gemm.complexScalar(a, b, item, cr, ci, co, r0, r1, k, n);
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
