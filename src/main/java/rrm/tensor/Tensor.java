package rrm.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense float64 tensor, real or complex, row-major, with the batch on the leading axis by convention.
 *
 * <p>Complex tensors keep their real and imaginary parts in two arrays of equal length ({@code im == null} means
 * real), so kernels never allocate a number object. Tensors are values: ops return new tensors. The one exception
 * is {@link #data()}/{@link #imagData()}, which expose the backing arrays to optimizers and solvers that own them.
 *
 * <p>Ops are methods ({@code a.matmul(b).add(c).relu()}) that delegate to one class per op family:
 * {@link Elementwise}, {@link Reduce}, {@link Views}, {@link LinAlg}. When any input {@link #requiresGrad()}, the
 * op records its backward rule (see {@link Autograd}); {@link #backward()} then fills {@link #grad()} of the leaves.
 */
public final class Tensor {
  final int[] shape;
  final double[] re;
  final double[] im;
  boolean requiresGrad;
  Tensor grad;
  Autograd.Node node;

  Tensor(int[] shape, double[] re, double[] im) {
    this.shape = shape;
    this.re = re;
    this.im = im;
  }

  // ---------------------------------------------------------------------------------------------- factories

  /** Returns a real tensor holding a copy of {@code data} in the given shape. */
  public static Tensor of(double[] data, int... shape) {
    checkLength("Tensor.of", data.length, shape);
    return new Tensor(shape.clone(), data.clone(), null);
  }

  /** Returns a complex tensor holding copies of the real and imaginary parts in the given shape. */
  public static Tensor complex(double[] re, double[] im, int... shape) {
    checkLength("Tensor.complex (real part)", re.length, shape);
    checkLength("Tensor.complex (imaginary part)", im.length, shape);
    return new Tensor(shape.clone(), re.clone(), im.clone());
  }

  /** Returns the complex tensor {@code re + i im} built from two real tensors of equal shape (differentiable). */
  public static Tensor complex(Tensor re, Tensor im) {
    return Elementwise.complex(re, im);
  }

  /** Returns a real tensor of shape {@code [rows, cols]} from a rectangular array. */
  public static Tensor of(double[][] rows) {
    int r = rows.length;
    int c = r == 0 ? 0 : rows[0].length;
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (rows[i].length != c) {
        throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length + " entries, row 0 has " + c);
      }
      System.arraycopy(rows[i], 0, d, i * c, c);
    }
    return new Tensor(new int[] {r, c}, d, null);
  }

  /** Returns a real scalar (shape {@code []}). */
  public static Tensor scalar(double value) {
    return new Tensor(new int[0], new double[] {value}, null);
  }

  /** Returns a real tensor of zeros. */
  public static Tensor zeros(int... shape) {
    return new Tensor(shape.clone(), new double[checkedSize(shape)], null);
  }

  /** Returns a complex tensor of zeros. */
  public static Tensor complexZeros(int... shape) {
    int n = checkedSize(shape);
    return new Tensor(shape.clone(), new double[n], new double[n]);
  }

  /** Returns a real tensor of ones. */
  public static Tensor ones(int... shape) {
    return full(1.0, shape);
  }

  /** Returns a real tensor filled with {@code value}. */
  public static Tensor full(double value, int... shape) {
    double[] d = new double[checkedSize(shape)];
    Arrays.fill(d, value);
    return new Tensor(shape.clone(), d, null);
  }

  /** Returns the {@code n x n} identity matrix. */
  public static Tensor eye(int n) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) d[i * n + i] = 1;
    return new Tensor(new int[] {n, n}, d, null);
  }

  /** Returns a tensor of independent uniform draws in {@code [0, 1)} from the stream seeded by {@code seed}. */
  public static Tensor rand(long seed, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] d = new double[checkedSize(shape)];
    for (int i = 0; i < d.length; i++) d[i] = rng.nextDouble();
    return new Tensor(shape.clone(), d, null);
  }

  /** Returns a tensor of independent standard normal draws from the stream seeded by {@code seed}. */
  public static Tensor randn(long seed, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] d = new double[checkedSize(shape)];
    for (int i = 0; i < d.length; i++) d[i] = Random.normal(rng);
    return new Tensor(shape.clone(), d, null);
  }

  /** Returns a tensor of independent circular complex Gaussian draws CN(0, 1) (each part has variance 1/2). */
  public static Tensor complexRandn(long seed, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = checkedSize(shape);
    double[] r = new double[n];
    double[] i = new double[n];
    double s = Math.sqrt(0.5);
    for (int k = 0; k < n; k++) {
      r[k] = s * Random.normal(rng);
      i[k] = s * Random.normal(rng);
    }
    return new Tensor(shape.clone(), r, i);
  }

  static Tensor wrap(double[] re, double[] im, int... shape) {
    return new Tensor(shape, re, im);
  }

  private static int checkedSize(int[] shape) {
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("shape " + Shape.str(shape) + " has a negative dimension");
    }
    return Shape.size(shape);
  }

  private static void checkLength(String op, int length, int[] shape) {
    if (length != checkedSize(shape)) {
      throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + Shape.str(shape)
          + " (" + Shape.size(shape) + " elements)");
    }
  }

  // ---------------------------------------------------------------------------------------------- accessors

  /** Returns a copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Returns the size of one axis (negative axes count from the end). */
  public int size(int axis) {
    return shape[Shape.axis("size", axis, shape.length)];
  }

  /** Returns the number of axes. */
  public int dim() {
    return shape.length;
  }

  /** Returns the number of elements. */
  public int numel() {
    return re.length;
  }

  /** Returns whether this tensor is complex. */
  public boolean isComplex() {
    return im != null;
  }

  /** Returns the (real part of the) element at a full index. */
  public double get(int... index) {
    return re[flat(index)];
  }

  /** Returns the imaginary part of the element at a full index (0 for a real tensor). */
  public double getImag(int... index) {
    return im == null ? 0 : im[flat(index)];
  }

  /** Returns the value of a one-element real tensor. */
  public double item() {
    if (re.length != 1) {
      throw new IllegalStateException("item: the tensor has shape " + Shape.str(shape) + ", not a single element");
    }
    return re[0];
  }

  /** Returns a copy of the (real part of the) data, row-major. */
  public double[] toArray() {
    return re.clone();
  }

  /** Returns a copy of the imaginary part (zeros for a real tensor). */
  public double[] toImagArray() {
    return im == null ? new double[re.length] : im.clone();
  }

  /**
   * Returns the backing imaginary-part array of a complex tensor, or a fresh array of zeros for a real one: for kernels
   * that read both parts without copying. Do not mutate it.
   */
  public double[] imagOrZeros() {
    return im == null ? new double[re.length] : im;
  }

  /** Returns the backing real-part array. Mutate it only when you own the tensor (optimizers, solvers). */
  public double[] data() {
    return re;
  }

  /** Returns the backing imaginary-part array, or null for a real tensor. Same caution as {@link #data()}. */
  public double[] imagData() {
    return im;
  }

  private int flat(int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " has " + index.length
          + " entries, the tensor has shape " + Shape.str(shape));
    }
    int f = 0;
    for (int i = 0; i < shape.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " is out of bounds for shape "
            + Shape.str(shape));
      }
      f = f * shape[i] + index[i];
    }
    return f;
  }

  /** Returns a detached copy (same values, no graph, does not require a gradient). */
  public Tensor copy() {
    return new Tensor(shape.clone(), re.clone(), im == null ? null : im.clone());
  }

  /** Returns a tensor sharing this one's data but cut from the graph. */
  public Tensor detach() {
    return new Tensor(shape, re, im);
  }

  // ---------------------------------------------------------------------------------------------- autograd

  /** Returns whether gradients flow to or through this tensor. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks this leaf as a parameter whose gradient {@link #backward()} accumulates; returns this. */
  public Tensor requiresGrad(boolean on) {
    if (node != null) {
      throw new IllegalStateException("requiresGrad: only leaf tensors can be marked; this one is the output of "
          + node.op());
    }
    requiresGrad = on;
    return this;
  }

  /** Returns the accumulated gradient of a leaf (null before any backward). */
  public Tensor grad() {
    return grad;
  }

  /** Clears the accumulated gradient. */
  public void zeroGrad() {
    grad = null;
  }

  /** Returns the name of the op that produced this tensor, or null for a leaf. */
  public String op() {
    return node == null ? null : node.op();
  }

  /** Back-propagates from this one-element tensor (seed 1). */
  public void backward() {
    if (re.length != 1) {
      throw new IllegalStateException("backward: the tensor has shape " + Shape.str(shape)
          + "; pass a seed gradient of that shape or reduce it to one element first");
    }
    backward(new Tensor(shape.clone(), new double[] {1.0}, null));
  }

  /** Back-propagates the given seed gradient, which must have this tensor's shape. */
  public void backward(Tensor seed) {
    if (!Arrays.equals(seed.shape, shape)) {
      throw new IllegalArgumentException("backward: seed shape " + Shape.str(seed.shape) + " differs from "
          + Shape.str(shape));
    }
    Autograd.backward(this, seed);
  }

  // ---------------------------------------------------------------------------------------------- elementwise

  /** Returns {@code this + other} (broadcasting). */
  public Tensor add(Tensor other) { return Elementwise.add(this, other); }
  /** Returns {@code this - other} (broadcasting). */
  public Tensor sub(Tensor other) { return Elementwise.sub(this, other); }
  /** Returns {@code this * other} elementwise (broadcasting). */
  public Tensor mul(Tensor other) { return Elementwise.mul(this, other); }
  /** Returns {@code this / other} elementwise (broadcasting). */
  public Tensor div(Tensor other) { return Elementwise.div(this, other); }
  /** Returns {@code this + c}. */
  public Tensor add(double c) { return Elementwise.addScalar(this, c); }
  /** Returns {@code this - c}. */
  public Tensor sub(double c) { return Elementwise.addScalar(this, -c); }
  /** Returns {@code this * c}. */
  public Tensor mul(double c) { return Elementwise.mulScalar(this, c); }
  /** Returns {@code this / c}. */
  public Tensor div(double c) { return Elementwise.mulScalar(this, 1.0 / c); }
  /** Returns {@code c - this}. */
  public Tensor rsub(double c) { return Elementwise.addScalar(Elementwise.mulScalar(this, -1), c); }
  /** Returns {@code -this}. */
  public Tensor neg() { return Elementwise.mulScalar(this, -1); }
  /** Returns {@code 1 / this}. */
  public Tensor reciprocal() { return Elementwise.reciprocal(this); }
  /** Returns {@code this * this} (for complex z: z^2, not |z|^2; see {@link #abs2()}). */
  public Tensor square() { return Elementwise.mul(this, this); }
  /** Returns e^this. */
  public Tensor exp() { return Elementwise.exp(this); }
  /** Returns the natural logarithm (principal branch for complex). */
  public Tensor log() { return Elementwise.log(this); }
  /** Returns log(1 + this) for real tensors, accurate near 0. */
  public Tensor log1p() { return Elementwise.log1p(this); }
  /** Returns the square root (principal branch for complex). */
  public Tensor sqrt() { return Elementwise.sqrt(this); }
  /** Returns this^p for real tensors. */
  public Tensor pow(double p) { return Elementwise.pow(this, p); }
  /** Returns |this| (a real tensor; the modulus for complex). */
  public Tensor abs() { return Elementwise.abs(this); }
  /** Returns |this|^2 (a real tensor). */
  public Tensor abs2() { return Elementwise.abs2(this); }
  /** Returns the complex conjugate (the identity on real tensors). */
  public Tensor conj() { return Elementwise.conj(this); }
  /** Returns the real part (a real tensor). */
  public Tensor real() { return Elementwise.real(this); }
  /** Returns the imaginary part (a real tensor). */
  public Tensor imag() { return Elementwise.imag(this); }
  /** Returns max(this, 0); on complex tensors it acts on real and imaginary parts separately (Cartesian). */
  public Tensor relu() { return Elementwise.leakyRelu(this, 0); }
  /** Returns the leaky ReLU with the given negative slope (Cartesian on complex tensors). */
  public Tensor leakyRelu(double slope) { return Elementwise.leakyRelu(this, slope); }
  /** Returns the logistic sigmoid 1/(1+e^-x), computed stably. */
  public Tensor sigmoid() { return Elementwise.sigmoid(this); }
  /** Returns tanh(x). */
  public Tensor tanh() { return Elementwise.tanh(this); }
  /** Returns softplus log(1+e^x), computed stably. */
  public Tensor softplus() { return Elementwise.softplus(this); }
  /** Returns min(max(x, lo), hi); gradient 1 strictly inside and at ties, 0 where clamped. */
  public Tensor clamp(double lo, double hi) { return Elementwise.clamp(this, lo, hi); }
  /** Returns max(x, lo); gradient 0 where clamped. */
  public Tensor clampMin(double lo) { return Elementwise.clamp(this, lo, Double.POSITIVE_INFINITY); }
  /** Returns min(x, hi); gradient 0 where clamped. */
  public Tensor clampMax(double hi) { return Elementwise.clamp(this, Double.NEGATIVE_INFINITY, hi); }
  /** Returns min(max(x, lo), hi) against per-element bounds (broadcasting); gradient flows to the active branch. */
  public Tensor clamp(Tensor lo, Tensor hi) { return Elementwise.maximum(Elementwise.minimum(this, hi), lo); }
  /** Returns the elementwise maximum (real); the gradient goes to the larger input, to this one at ties. */
  public Tensor maximum(Tensor other) { return Elementwise.maximum(this, other); }
  /** Returns the elementwise minimum (real); the gradient goes to the smaller input, to this one at ties. */
  public Tensor minimum(Tensor other) { return Elementwise.minimum(this, other); }
  /** Returns {@code mask ? this : other} elementwise, where mask is a real tensor read as (value != 0). */
  public Tensor where(Tensor mask, Tensor other) { return Elementwise.where(mask, this, other); }

  // ---------------------------------------------------------------------------------------------- reductions

  /** Returns the sum of all elements (shape []). */
  public Tensor sum() { return Reduce.sumAll(this); }
  /** Returns the sum over one axis, which is removed. */
  public Tensor sum(int axis) { return Reduce.sum(this, axis, false); }
  /** Returns the sum over one axis, kept with size 1 when {@code keepDim}. */
  public Tensor sum(int axis, boolean keepDim) { return Reduce.sum(this, axis, keepDim); }
  /** Returns the mean of all elements. */
  public Tensor mean() { return Reduce.sumAll(this).div(Math.max(1, numel())); }
  /** Returns the mean over one axis, which is removed. */
  public Tensor mean(int axis) { return Reduce.sum(this, axis, false).div(size(axis)); }
  /** Returns the mean over one axis, kept with size 1 when {@code keepDim}. */
  public Tensor mean(int axis, boolean keepDim) { return Reduce.sum(this, axis, keepDim).div(size(axis)); }
  /** Returns the maximum over one axis (removed); the gradient goes to the first maximal entry. */
  public Tensor max(int axis) { return Reduce.max(this, axis, false); }
  /** Returns the maximum over one axis, kept with size 1 when {@code keepDim}. */
  public Tensor max(int axis, boolean keepDim) { return Reduce.max(this, axis, keepDim); }
  /** Sums broadcast axes away so the result has {@code target} shape (the gradient of broadcasting). */
  public Tensor sumTo(int... target) { return Reduce.sumTo(this, target); }

  // ---------------------------------------------------------------------------------------------- shape

  /** Returns the same data in another shape of equal size; one entry may be -1. */
  public Tensor reshape(int... newShape) { return Views.reshape(this, newShape); }
  /** Returns the tensor with axes reordered: output axis i is input axis {@code order[i]}. */
  public Tensor permute(int... order) { return Views.permute(this, order); }
  /** Returns the tensor with two axes swapped. */
  public Tensor transpose(int a, int b) { return Views.transpose(this, a, b); }
  /** Returns the transpose of the last two axes (no conjugation). */
  public Tensor mT() { return Views.transpose(this, -2, -1); }
  /** Returns the conjugate (Hermitian) transpose of the last two axes. */
  public Tensor mH() { return isComplex() ? Views.transpose(this, -2, -1).conj() : Views.transpose(this, -2, -1); }
  /** Returns the tensor broadcast to a larger shape (the gradient sums back). */
  public Tensor expand(int... target) { return Views.expand(this, target); }
  /** Returns the entries {@code [from, to)} along one axis. */
  public Tensor slice(int axis, int from, int to) { return Views.slice(this, axis, from, to); }
  /** Returns the entry {@code index} along one axis, which is removed. */
  public Tensor select(int axis, int index) { return Views.select(this, axis, index); }
  /** Returns the entries at {@code indices} along one axis (repeats allowed; the gradient scatter-adds). */
  public Tensor gather(int axis, int... indices) { return Views.gather(this, axis, indices); }
  /** Returns the tensor with a new axis of size 1 inserted at {@code axis}. */
  public Tensor unsqueeze(int axis) { return Views.unsqueeze(this, axis); }
  /** Returns the tensor with the size-1 axis {@code axis} removed. */
  public Tensor squeeze(int axis) { return Views.squeeze(this, axis); }
  /** Joins tensors along an existing axis. */
  public static Tensor concat(int axis, Tensor... parts) { return Views.concat(axis, parts); }
  /** Stacks equal-shaped tensors along a new axis. */
  public static Tensor stack(int axis, Tensor... parts) { return Views.stack(axis, parts); }

  // ---------------------------------------------------------------------------------------------- linear algebra

  /** Returns the batched matrix product over the last two axes; leading axes broadcast. */
  public Tensor matmul(Tensor other) { return LinAlg.matmul(this, other); }
  /** Returns the diagonal of the last two (square) axes: {@code [..., n, n] -> [..., n]}. */
  public Tensor diag() { return LinAlg.diag(this); }
  /** Returns diagonal matrices with this tensor's last axis on the diagonal: {@code [..., n] -> [..., n, n]}. */
  public Tensor diagEmbed() { return LinAlg.diagEmbed(this); }
  /** Returns the trace of the last two (square) axes: {@code [..., n, n] -> [...]}. */
  public Tensor trace() { return LinAlg.diag(this).sum(-1); }

  // ---------------------------------------------------------------------------------------------- decompositions
  // Batched over the leading axes, on the last two (square) axes, real or complex; each differentiable. Bad input
  // (non-square, non-finite, singular, not Hermitian positive definite) throws naming the op, the matrix of the batch
  // and the problem. See Lu/Solve, Cholesky/HermitianPd and Eigh for the equations and backward rules.

  /** Returns {@code A^{-1}} by LU with partial pivoting: {@code [..., n, n] -> [..., n, n]}. */
  public Tensor inverse() { return Solve.inverse(this); }
  /** Returns {@code X = A^{-1} B} by LU for {@code b [..., n, k]} (batch axes broadcast; a vector is {@code [..., n, 1]}). */
  public Tensor solve(Tensor b) { return Solve.solve(this, b); }
  /**
   * Returns {@link #solve}'s {@code X = A^{-1} B} for matrices known to be nonsingular but possibly ill-conditioned: the
   * same LU with partial pivoting (identical results wherever {@link #solve} succeeds), refusing only an exactly zero
   * pivot (LAPACK's getrf convention) instead of any pivot below {@code n 2^-52 max|a_ij|}. LU with partial pivoting
   * is backward stable, so the residual stays at rounding level; use it where the solution is insensitive to the
   * ill-conditioned directions (e.g. a loaded matrix plus a dominant rank-one term, Sherman-Morrison).
   */
  public Tensor solveIllConditioned(Tensor b) { return Solve.solve("solveIllConditioned", this, b, false); }
  /** Returns the lower Cholesky factor L with {@code A = L L^H} of a Hermitian positive definite {@code [..., n, n]}. */
  public Tensor cholesky() { return Cholesky.cholesky(this); }
  /** Returns {@code log det A = 2 Σ log l_kk} (real, {@code [...]}) of a Hermitian positive definite {@code [..., n, n]}. */
  public Tensor logdetHpd() { return HermitianPd.logdet(this); }
  /** Returns {@code A^{-1} B} for Hermitian positive definite A by Cholesky (half the work of {@link #solve}). */
  public Tensor solveHpd(Tensor b) { return HermitianPd.solve(this, b); }
  /** Returns {@code A^{-1}} (exactly Hermitian) for Hermitian positive definite A by Cholesky. */
  public Tensor inverseHpd() { return HermitianPd.inverse(this); }
  /**
   * Returns the Hermitian eigendecomposition: eigenvalues {@code [..., n]} ascending, eigenvectors {@code [..., n, n]}.
   * The eigenvector gradient is undefined for repeated eigenvalues and meaningless for losses that depend on the
   * eigenvector phases; see {@link Eigh}.
   */
  public Eigh eigh() { return Eigh.of(this); }
  /** Returns {@code (A + A^H) / 2} of the last two (square) axes. */
  public Tensor hermitianPart() {
    Shape.square("hermitianPart", "a", this);
    return add(mH()).mul(0.5);
  }
  /** Returns {@code ||A||_F^2 = Σ_ij |a_ij|^2} over the last two axes: {@code [..., m, n] -> [...]} (real). */
  public Tensor frobeniusNorm2() {
    Shape.atLeastRank("frobeniusNorm2", "a", this, 2);
    int[] s = Shape.concat(Shape.prefix(shape, 2), -1);
    return abs2().reshape(s).sum(-1);
  }

  // ---------------------------------------------------------------------------------------------- special functions

  /** Returns erfc(x) elementwise (real); see {@link Special}. */
  public Tensor erfc() { return Special.erfc(this); }
  /** Returns the standard normal CDF Φ(x) elementwise (real). */
  public Tensor normalCdf() { return Special.normalCdf(this); }
  /** Returns the Gaussian tail Q(x) = 1 - Φ(x) elementwise (real), accurate for large x. */
  public Tensor qFunction() { return Special.q(this); }
  /** Returns Φ^{-1}(p) elementwise for entries in [0, 1] (real). */
  public Tensor normalQuantile() { return Special.normalQuantile(this); }

  // ---------------------------------------------------------------------------------------------- text

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(isComplex() ? " complex" : "");
    if (requiresGrad) sb.append(node == null ? " requiresGrad" : " grad_fn=" + node.op());
    sb.append(' ');
    int n = Math.min(re.length, 8);
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(", ");
      sb.append(String.format("%.6g", re[i]));
      if (im != null) sb.append(String.format("%+.6gi", im[i]));
    }
    if (re.length > n) sb.append(", ...");
    return sb.append(']').toString();
  }
}
