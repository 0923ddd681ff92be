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
    Tensor out = gemm(a, b, rows, k, n, 0, Shape.concat(Shape.prefix(a.shape, 1), n));
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
    Tensor out = gemm(a, b, batchSize * m, k, n, m, Shape.concat(batch, m, n));
    return Autograd.record(out, "matmul", g -> new Tensor[] {
        a.requiresGrad ? matmul(g, b.mH()) : null,
        b.requiresGrad ? matmul(a.mH(), g) : null}, a, b);
  }

  /**
   * Computes every output row {@code r} of {@code rows} as row r of a times the b matrix of its batch item
   * ({@code r / rowsPerItem}; {@code rowsPerItem == 0} means one shared b). Rows run in parallel; each row's sum
   * order is fixed, so the result does not depend on the thread count.
   */
  private static Tensor gemm(Tensor a, Tensor b, int rows, int k, int n, int rowsPerItem, int[] outShape) {
    boolean complex = a.im != null || b.im != null;
    double[] cr = new double[rows * n];
    double[] ci = complex ? new double[rows * n] : null;
    double[] ar = a.re, br = b.re;
    double[] ai = complex ? (a.im == null ? new double[ar.length] : a.im) : null;
    double[] bi = complex ? (b.im == null ? new double[br.length] : b.im) : null;
    int bStride = k * n;
    Parallel.forRange(rows, Parallel.grain((long) k * n * (complex ? 4 : 1)), (from, to) -> {
      for (int r = from; r < to; r++) {
        int bo = rowsPerItem == 0 ? 0 : (r / rowsPerItem) * bStride;
        int ao = r * k, co = r * n;
        if (!complex) {
          for (int p = 0; p < k; p++) {
            double x = ar[ao + p];
            int bp = bo + p * n;
            for (int j = 0; j < n; j++) cr[co + j] += x * br[bp + j];
          }
        } else {
          for (int p = 0; p < k; p++) {
            double xr = ar[ao + p], xi = ai[ao + p];
            int bp = bo + p * n;
            for (int j = 0; j < n; j++) {
              cr[co + j] += xr * br[bp + j] - xi * bi[bp + j];
              ci[co + j] += xr * bi[bp + j] + xi * br[bp + j];
            }
          }
        }
      }
    });
    return Tensor.wrap(cr, ci, outShape);
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
