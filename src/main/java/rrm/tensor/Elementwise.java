package rrm.tensor;

import java.util.Arrays;

/**
 * Elementwise ops, real and complex, each with its backward rule next to its forward.
 *
 * <p>Binary ops broadcast by first expanding their operands with {@link Views#expand} (whose gradient is a sum),
 * so kernels only ever see equal shapes. Gradients follow the conjugate-Wirtinger convention: for a holomorphic
 * {@code y = f(x)} the input gradient is {@code conj(f'(x)) * g}.
 */
final class Elementwise {
  private Elementwise() {}

  /** Elements per chunk for cheap elementwise loops; loops shorter than this run on the caller's thread. */
  private static final int GRAIN = 1 << 14;

  // ---------------------------------------------------------------------------------------------- binary

  static Tensor add(Tensor a, Tensor b) {
    if (isRowOf(b, a)) return addRows(a, b, false);
    if (isRowOf(a, b)) return addRows(b, a, true);
    Tensor[] ab = broadcast("add", a, b);
    Tensor x = ab[0], y = ab[1];
    Tensor out = combine(x, y, 0);
    return Autograd.record(out, "add", g -> new Tensor[] {g, g}, x, y);
  }

  static Tensor sub(Tensor a, Tensor b) {
    Tensor[] ab = broadcast("sub", a, b);
    Tensor x = ab[0], y = ab[1];
    Tensor out = combine(x, y, 1);
    return Autograd.record(out, "sub", g -> new Tensor[] {g, y.requiresGrad ? g.neg() : null}, x, y);
  }

  static Tensor mul(Tensor a, Tensor b) {
    Tensor[] ab = broadcast("mul", a, b);
    Tensor x = ab[0], y = ab[1];
    Tensor out = combine(x, y, 2);
    return Autograd.record(out, "mul", g -> new Tensor[] {
        x.requiresGrad ? g.mul(y.conj()) : null,
        y.requiresGrad ? g.mul(x.conj()) : null}, x, y);
  }

  static Tensor div(Tensor a, Tensor b) {
    Tensor[] ab = broadcast("div", a, b);
    Tensor x = ab[0], y = ab[1];
    Tensor out = combine(x, y, 3);
    return Autograd.record(out, "div", g -> {
      Tensor ga = g.div(y.conj());
      return new Tensor[] {x.requiresGrad ? ga : null, y.requiresGrad ? ga.mul(out.conj()).neg() : null};
    }, x, y);
  }

  /**
   * Returns whether {@code row} broadcasts along the leading axes of {@code x} only (its shape, leading ones dropped, is
   * a proper suffix of x's, as a bias row added to a batch of rows), so that {@code x + row} has x's shape.
   */
  private static boolean isRowOf(Tensor row, Tensor x) {
    int lead = 0;
    while (lead < row.dim() && row.shape[lead] == 1) lead++;
    int tail = row.dim() - lead, n = row.re.length;
    if (row.dim() > x.dim() || n == 0 || n == x.re.length) return false;
    for (int i = 0; i < tail; i++) {
      if (row.shape[lead + i] != x.shape[x.dim() - tail + i]) return false;
    }
    return true;
  }

  /**
   * {@code x + row} for a row that broadcasts along x's leading axes ({@link #isRowOf}): the same sums as adding the
   * expanded row, without materialising it (for a bias added to {@code [E, H]} edge features, that copy costs as much
   * as the sum). {@code rowFirst}: the row is the left operand (the gradients keep the operands' order).
   */
  private static Tensor addRows(Tensor x, Tensor row, boolean rowFirst) {
    int n = x.re.length, p = row.re.length;
    boolean complex = x.im != null || row.im != null;
    double[] xr = x.re, rr = row.re, or = new double[n], oi = complex ? new double[n] : null;
    double[] xi = x.im, ri = row.im == null ? new double[p] : row.im;
    Parallel.forRange(n / p, Math.max(1, GRAIN / p), (from, to) -> {
      for (int r = from; r < to; r++) {
        int o = r * p;
        for (int j = 0; j < p; j++) or[o + j] = xr[o + j] + rr[j];
        if (!complex) continue;
        if (xi != null) for (int j = 0; j < p; j++) oi[o + j] = xi[o + j] + ri[j];
        else for (int j = 0; j < p; j++) oi[o + j] = 0.0 + ri[j];
      }
    });
    Tensor out = Tensor.wrap(or, oi, x.shape.clone());
    int[] rowShape = row.shape;
    Autograd.Backward back = g -> rowFirst ? new Tensor[] {Reduce.sumTo(g, rowShape), g} : new Tensor[] {g, Reduce.sumTo(g,
        rowShape)};
    return rowFirst ? Autograd.record(out, "add", back, row, x) : Autograd.record(out, "add", back, x, row);
  }

  /** Returns {@code [a', b']}: both operands expanded to their broadcast shape (recorded, so gradients sum back). */
  static Tensor[] broadcast(String op, Tensor a, Tensor b) {
    if (Arrays.equals(a.shape, b.shape)) return new Tensor[] {a, b};
    int[] s = Shape.broadcast(op, a.shape, b.shape);
    return new Tensor[] {Arrays.equals(a.shape, s) ? a : Views.expand(a, s),
        Arrays.equals(b.shape, s) ? b : Views.expand(b, s)};
  }

  /** Equal-shape kernel: kind 0 add, 1 sub, 2 mul, 3 div; complex if either input is. */
  private static Tensor combine(Tensor a, Tensor b, int kind) {
    int n = a.re.length;
    double[] ar = a.re, br = b.re;
    double[] or = new double[n];
    if (a.im == null && b.im == null) {
      Parallel.forRange(n, GRAIN, (from, to) -> {
        switch (kind) {
          case 0: for (int i = from; i < to; i++) or[i] = ar[i] + br[i]; break;
          case 1: for (int i = from; i < to; i++) or[i] = ar[i] - br[i]; break;
          case 2: for (int i = from; i < to; i++) or[i] = ar[i] * br[i]; break;
          default: for (int i = from; i < to; i++) or[i] = ar[i] / br[i];
        }
      });
      return Tensor.wrap(or, null, a.shape.clone());
    }
    double[] ai = a.im == null ? new double[n] : a.im;
    double[] bi = b.im == null ? new double[n] : b.im;
    double[] oi = new double[n];
    Parallel.forRange(n, GRAIN, (from, to) -> {
      switch (kind) {
        case 0:
          for (int i = from; i < to; i++) { or[i] = ar[i] + br[i]; oi[i] = ai[i] + bi[i]; }
          break;
        case 1:
          for (int i = from; i < to; i++) { or[i] = ar[i] - br[i]; oi[i] = ai[i] - bi[i]; }
          break;
        case 2:
          for (int i = from; i < to; i++) {
            or[i] = ar[i] * br[i] - ai[i] * bi[i];
            oi[i] = ar[i] * bi[i] + ai[i] * br[i];
          }
          break;
        default:
          for (int i = from; i < to; i++) {
            // Smith's algorithm: avoids overflow in |b|^2.
            double c = br[i], d = bi[i];
            if (Math.abs(c) >= Math.abs(d)) {
              double r = d / c, den = c + d * r;
              or[i] = (ar[i] + ai[i] * r) / den;
              oi[i] = (ai[i] - ar[i] * r) / den;
            } else {
              double r = c / d, den = c * r + d;
              or[i] = (ar[i] * r + ai[i]) / den;
              oi[i] = (ai[i] * r - ar[i]) / den;
            }
          }
      }
    });
    return Tensor.wrap(or, oi, a.shape.clone());
  }

  static Tensor addScalar(Tensor x, double c) {
    int n = x.re.length;
    double[] or = new double[n];
    double[] xr = x.re;
    Parallel.forRange(n, GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) or[i] = xr[i] + c;
    });
    Tensor out = Tensor.wrap(or, x.im == null ? null : x.im.clone(), x.shape.clone());
    return Autograd.record(out, "addScalar", g -> new Tensor[] {g}, x);
  }

  static Tensor mulScalar(Tensor x, double c) {
    Tensor out = scale(x, c);
    return Autograd.record(out, "mulScalar", g -> new Tensor[] {scale(g, c)}, x);
  }

  private static Tensor scale(Tensor x, double c) {
    int n = x.re.length;
    double[] or = new double[n];
    double[] oi = x.im == null ? null : new double[n];
    double[] xr = x.re, xi = x.im;
    Parallel.forRange(n, GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) or[i] = xr[i] * c;
      if (oi != null) for (int i = from; i < to; i++) oi[i] = xi[i] * c;
    });
    return Tensor.wrap(or, oi, x.shape.clone());
  }

  static Tensor maximum(Tensor a, Tensor b) {
    return select("maximum", a, b, true);
  }

  static Tensor minimum(Tensor a, Tensor b) {
    return select("minimum", a, b, false);
  }

  /** max or min of two real tensors; the first input wins ties, and takes the gradient there. */
  private static Tensor select(String op, Tensor a, Tensor b, boolean max) {
    requireReal(op, a);
    requireReal(op, b);
    Tensor[] ab = broadcast(op, a, b);
    Tensor x = ab[0], y = ab[1];
    int n = x.re.length;
    double[] or = new double[n];
    double[] first = new double[n];
    for (int i = 0; i < n; i++) {
      boolean takeX = max ? x.re[i] >= y.re[i] : x.re[i] <= y.re[i];
      first[i] = takeX ? 1 : 0;
      or[i] = takeX ? x.re[i] : y.re[i];
    }
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, op, g -> {
      Tensor m = Tensor.wrap(first, null, x.shape);
      return new Tensor[] {x.requiresGrad ? g.mul(m) : null, y.requiresGrad ? g.sub(g.mul(m)) : null};
    }, x, y);
  }

  static Tensor where(Tensor mask, Tensor a, Tensor b) {
    requireReal("where (mask)", mask);
    int[] s = Shape.broadcast("where", Shape.broadcast("where", mask.shape, a.shape), b.shape);
    Tensor m = Arrays.equals(mask.shape, s) ? mask.detach() : Views.expand(mask.detach(), s);
    Tensor x = Arrays.equals(a.shape, s) ? a : Views.expand(a, s);
    Tensor y = Arrays.equals(b.shape, s) ? b : Views.expand(b, s);
    int n = m.re.length;
    boolean complex = x.im != null || y.im != null;
    double[] or = new double[n];
    double[] oi = complex ? new double[n] : null;
    double[] keep = new double[n];
    for (int i = 0; i < n; i++) {
      boolean k = m.re[i] != 0;
      keep[i] = k ? 1 : 0;
      or[i] = k ? x.re[i] : y.re[i];
      if (complex) oi[i] = k ? (x.im == null ? 0 : x.im[i]) : (y.im == null ? 0 : y.im[i]);
    }
    Tensor out = Tensor.wrap(or, oi, s.clone());
    return Autograd.record(out, "where", g -> {
      Tensor k = Tensor.wrap(keep, null, s);
      return new Tensor[] {x.requiresGrad ? g.mul(k) : null, y.requiresGrad ? g.sub(g.mul(k)) : null};
    }, x, y);
  }

  static Tensor complex(Tensor re, Tensor im) {
    requireReal("complex (real part)", re);
    requireReal("complex (imaginary part)", im);
    Shape.same("complex", re, im);
    Tensor out = Tensor.wrap(re.re.clone(), im.re.clone(), re.shape.clone());
    return Autograd.record(out, "complex", g -> new Tensor[] {g.real(), g.imag()}, re, im);
  }

  // ---------------------------------------------------------------------------------------------- unary

  static Tensor exp(Tensor x) {
    int n = x.re.length;
    double[] or = new double[n];
    double[] oi = x.im == null ? null : new double[n];
    double[] xr = x.re, xi = x.im;
    Parallel.forRange(n, GRAIN / 8, (from, to) -> {
      if (oi == null) {
        for (int i = from; i < to; i++) or[i] = Math.exp(xr[i]);
      } else {
        for (int i = from; i < to; i++) {
          double m = Math.exp(xr[i]);
          or[i] = m * Math.cos(xi[i]);
          oi[i] = m * Math.sin(xi[i]);
        }
      }
    });
    Tensor out = Tensor.wrap(or, oi, x.shape.clone());
    return Autograd.record(out, "exp", g -> new Tensor[] {g.mul(out.conj())}, x);
  }

  static Tensor log(Tensor x) {
    int n = x.re.length;
    double[] or = new double[n];
    double[] oi = x.im == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      if (oi == null) {
        or[i] = Math.log(x.re[i]);
      } else {
        or[i] = Math.log(hypot(x.re[i], x.im[i]));
        oi[i] = Math.atan2(x.im[i], x.re[i]);
      }
    }
    Tensor out = Tensor.wrap(or, oi, x.shape.clone());
    return Autograd.record(out, "log", g -> new Tensor[] {g.div(x.conj())}, x);
  }

  static Tensor log1p(Tensor x) {
    requireReal("log1p", x);
    double[] or = new double[x.re.length];
    for (int i = 0; i < or.length; i++) or[i] = Math.log1p(x.re[i]);
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "log1p", g -> new Tensor[] {g.div(x.add(1.0))}, x);
  }

  static Tensor sqrt(Tensor x) {
    int n = x.re.length;
    double[] or = new double[n];
    double[] oi = x.im == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      if (oi == null) {
        or[i] = Math.sqrt(x.re[i]);
      } else {
        double r = hypot(x.re[i], x.im[i]);
        double s = Math.sqrt((r + Math.abs(x.re[i])) / 2);
        if (s == 0) continue;
        if (x.re[i] >= 0) {
          or[i] = s;
          oi[i] = x.im[i] / (2 * s);
        } else {
          or[i] = Math.abs(x.im[i]) / (2 * s);
          oi[i] = Math.copySign(s, x.im[i]);
        }
      }
    }
    Tensor out = Tensor.wrap(or, oi, x.shape.clone());
    return Autograd.record(out, "sqrt", g -> new Tensor[] {g.div(out.conj().mul(2.0))}, x);
  }

  static Tensor pow(Tensor x, double p) {
    requireReal("pow", x);
    double[] or = new double[x.re.length];
    for (int i = 0; i < or.length; i++) or[i] = Math.pow(x.re[i], p);
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "pow", g -> new Tensor[] {g.mul(pow(x.detach(), p - 1).mul(p))}, x);
  }

  static Tensor reciprocal(Tensor x) {
    Tensor out = x.im == null ? realReciprocal(x) : combine(Tensor.ones(x.shape), x, 3);
    return Autograd.record(out, "reciprocal", g -> new Tensor[] {g.mul(out.mul(out).conj()).neg()}, x);
  }

  private static Tensor realReciprocal(Tensor x) {
    double[] or = new double[x.re.length];
    for (int i = 0; i < or.length; i++) or[i] = 1.0 / x.re[i];
    return Tensor.wrap(or, null, x.shape.clone());
  }

  static Tensor abs(Tensor x) {
    int n = x.re.length;
    double[] or = new double[n];
    for (int i = 0; i < n; i++) or[i] = x.im == null ? Math.abs(x.re[i]) : hypot(x.re[i], x.im[i]);
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "abs", g -> {
      // d|x| = x/|x| (sign for real), taken as 0 at x = 0.
      double[] ur = new double[n];
      double[] ui = x.im == null ? null : new double[n];
      for (int i = 0; i < n; i++) {
        if (or[i] == 0) continue;
        ur[i] = x.re[i] / or[i];
        if (ui != null) ui[i] = x.im[i] / or[i];
      }
      return new Tensor[] {Tensor.wrap(ur, ui, x.shape).mul(g)};
    }, x);
  }

  static Tensor abs2(Tensor x) {
    int n = x.re.length;
    double[] or = new double[n];
    for (int i = 0; i < n; i++) or[i] = x.re[i] * x.re[i] + (x.im == null ? 0 : x.im[i] * x.im[i]);
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "abs2", g -> new Tensor[] {x.detach().mul(g).mul(2.0)}, x);
  }

  static Tensor conj(Tensor x) {
    if (x.im == null) return x;
    double[] oi = new double[x.im.length];
    for (int i = 0; i < oi.length; i++) oi[i] = -x.im[i];
    Tensor out = Tensor.wrap(x.re.clone(), oi, x.shape.clone());
    return Autograd.record(out, "conj", g -> new Tensor[] {g.conj()}, x);
  }

  static Tensor real(Tensor x) {
    if (x.im == null) return x;
    Tensor out = Tensor.wrap(x.re.clone(), null, x.shape.clone());
    return Autograd.record(out, "real", g -> new Tensor[] {
        Tensor.wrap(g.re.clone(), new double[g.re.length], x.shape)}, x);
  }

  static Tensor imag(Tensor x) {
    Tensor out = Tensor.wrap(x.im == null ? new double[x.re.length] : x.im.clone(), null, x.shape.clone());
    // y = Im z: dL/dRe z = 0, dL/dIm z = g, so the gradient is i g.
    return Autograd.record(out, "imag", g -> new Tensor[] {
        Tensor.wrap(new double[g.re.length], g.re.clone(), x.shape)}, x);
  }

  static Tensor leakyRelu(Tensor x, double slope) {
    int n = x.re.length;
    double[] or = new double[n];
    double[] oi = x.im == null ? null : new double[n];
    double[] xr = x.re, xi = x.im;
    Parallel.forRange(n, GRAIN, (from, to) -> {
      leakyRelu(xr, slope, or, from, to);
      if (oi != null) leakyRelu(xi, slope, oi, from, to);
    });
    Tensor out = Tensor.wrap(or, oi, x.shape.clone());
    String op = slope == 0 ? "relu" : "leakyRelu";
    // NOTE: the derivative at exactly 0 is taken as the slope (0 for ReLU).
    return Autograd.record(out, op, g -> {
      double[] gr = new double[n];
      double[] gi = g.im == null ? null : new double[n];
      leakyReluGradient(xr, slope, g.re, gr, n);
      if (gi != null) leakyReluGradient(xi == null ? xr : xi, slope, g.im, gi, n);
      return new Tensor[] {Tensor.wrap(gr, gi, x.shape)};
    }, x);
  }

  /**
   * {@code out[i] = x[i] > 0 ? x[i] : slope x[i]} for i in {@code [from, to)}. The signs of activations are random, so
   * a branch is mispredicted half the time (several times the cost of the arithmetic): for {@code 0 <= slope <= 1}
   * the same value is {@code max(x, slope x)}, which has no branch and is vectorised.
   */
  private static void leakyRelu(double[] x, double slope, double[] out, int from, int to) {
    if (slope >= 0 && slope <= 1) {
      for (int i = from; i < to; i++) out[i] = Math.max(x[i], slope * x[i]);
    } else {
      for (int i = from; i < to; i++) out[i] = x[i] > 0 ? x[i] : slope * x[i];
    }
  }

  /**
   * {@code out[i] = g[i] (x[i] > 0 ? 1 : slope)}. For {@code 0 <= slope <= 1} the factor is formed without a branch
   * (see {@link #leakyRelu(double[], double, double[], int, int)}): {@code ceil(max(0, x))} is 0 for {@code x <= 0}
   * and at least 1 above, so {@code max(slope, min(1, ceil(max(0, x))))} is 1 or the slope (NaN for a NaN x).
   */
  private static void leakyReluGradient(double[] x, double slope, double[] g, double[] out, int n) {
    if (slope >= 0 && slope <= 1) {
      for (int i = 0; i < n; i++) out[i] = g[i] * Math.max(slope, Math.min(1.0, Math.ceil(Math.max(0.0, x[i]))));
    } else {
      for (int i = 0; i < n; i++) out[i] = g[i] * (x[i] > 0 ? 1 : slope);
    }
  }

  static Tensor sigmoid(Tensor x) {
    requireReal("sigmoid", x);
    int n = x.re.length;
    double[] or = new double[n];
    double[] xr = x.re;
    Parallel.forRange(n, GRAIN / 8, (from, to) -> {
      for (int i = from; i < to; i++) {
        double v = xr[i];
        if (v >= 0) {
          or[i] = 1.0 / (1.0 + Math.exp(-v));
        } else {
          double e = Math.exp(v);
          or[i] = e / (1.0 + e);
        }
      }
    });
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "sigmoid", g -> {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) d[i] = g.re[i] * or[i] * (1 - or[i]);
      return new Tensor[] {Tensor.wrap(d, null, x.shape)};
    }, x);
  }

  static Tensor tanh(Tensor x) {
    requireReal("tanh", x);
    int n = x.re.length;
    double[] or = new double[n];
    for (int i = 0; i < n; i++) or[i] = Math.tanh(x.re[i]);
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "tanh", g -> {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) d[i] = g.re[i] * (1 - or[i] * or[i]);
      return new Tensor[] {Tensor.wrap(d, null, x.shape)};
    }, x);
  }

  static Tensor softplus(Tensor x) {
    requireReal("softplus", x);
    int n = x.re.length;
    double[] or = new double[n];
    for (int i = 0; i < n; i++) {
      double v = x.re[i];
      or[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    return Autograd.record(out, "softplus", g -> new Tensor[] {g.mul(sigmoid(x.detach()))}, x);
  }

  static Tensor clamp(Tensor x, double lo, double hi) {
    requireReal("clamp", x);
    if (!(lo <= hi)) throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
    int n = x.re.length;
    double[] or = new double[n];
    double[] xr = x.re;
    Parallel.forRange(n, GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) or[i] = Math.min(Math.max(xr[i], lo), hi);
    });
    Tensor out = Tensor.wrap(or, null, x.shape.clone());
    // NOTE: gradient 1 where lo <= x <= hi (ties pass, as torch.clamp does), 0 where the bound is active.
    return Autograd.record(out, "clamp", g -> {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) d[i] = xr[i] >= lo && xr[i] <= hi ? g.re[i] : 0;
      return new Tensor[] {Tensor.wrap(d, null, x.shape)};
    }, x);
  }

  /**
   * Returns sqrt(x^2 + y^2): the plain formula when it cannot overflow or underflow, {@link Math#hypot} otherwise
   * (several times slower, and the modulus is on hot paths).
   */
  static double hypot(double x, double y) {
    double m = Math.max(Math.abs(x), Math.abs(y));
    return m > 1e-150 && m < 1e150 ? Math.sqrt(x * x + y * y) : Math.hypot(x, y);
  }

  static void requireReal(String op, Tensor x) {
    if (x.im != null) {
      throw new IllegalArgumentException(op + ": expects a real tensor, got a complex one of shape "
          + Shape.str(x.shape));
    }
  }
}
