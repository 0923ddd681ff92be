package rrm.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A smooth convex program with a separable objective and sparse rows, the input of {@link BarrierSolver}:
 *
 * <pre>
 *   minimise   f0(z) = sum_i [ c_i z_i + (d_i / 2)(z_i - e_i)^2 - w_i ln(1 + z_i) ]        (d_i, w_i >= 0)
 *   subject to f_r(z) = sum_{j in r} [ a_rj z_j + (h_rj / 2) z_j^2 ] - b_r <= 0            (h_rj >= 0)
 * </pre>
 *
 * i.e. linear programs, diagonal quadratic programs, sums of logarithms (weighted sum-rates) and rows with a diagonal
 * convex quadratic part. The log terms need {@code z_i > -1}, which the rows must imply.
 *
 * <p><b>Eliminated blocks.</b> {@link Builder#eliminate} marks ranges of variables whose Newton system is solved by
 * block elimination: every row may touch at most one such block (checked at build time), so the Hessian restricted
 * to the blocks is block diagonal and the Newton step costs a Cholesky of each block plus one of the Schur complement
 * on the remaining variables, instead of one Cholesky of the whole system.
 */
public final class ConvexProgram {
  final int n;
  final double[] c;
  final double[] d;
  final double[] e;
  final double[] w;
  final int[] ptr;
  final int[] var;
  final double[] lin;
  final double[] quad;
  final double[] rhs;
  final int[][] blocks;

  private ConvexProgram(Builder b) {
    n = b.n;
    c = b.c.clone();
    d = b.d.clone();
    e = b.e.clone();
    w = b.w.clone();
    int m = b.rows.size();
    ptr = new int[m + 1];
    for (int r = 0; r < m; r++) ptr[r + 1] = ptr[r] + b.rows.get(r).var.length;
    var = new int[ptr[m]];
    lin = new double[ptr[m]];
    quad = new double[ptr[m]];
    rhs = new double[m];
    for (int r = 0; r < m; r++) {
      Row row = b.rows.get(r);
      System.arraycopy(row.var, 0, var, ptr[r], row.var.length);
      System.arraycopy(row.lin, 0, lin, ptr[r], row.var.length);
      System.arraycopy(row.quad, 0, quad, ptr[r], row.var.length);
      rhs[r] = row.rhs;
    }
    blocks = b.blocks.toArray(new int[0][]);
  }

  /** Returns a builder for a program in {@code n} variables. */
  public static Builder builder(int n) {
    if (n < 1) throw new IllegalArgumentException("ConvexProgram.builder: need n >= 1 variables, got " + n);
    return new Builder(n);
  }

  /** Returns the number of variables. */
  public int variables() {
    return n;
  }

  /** Returns the number of rows (inequalities). */
  public int rows() {
    return rhs.length;
  }

  /** Returns the objective {@code f0(z)}, or +infinity outside the domain of its log terms. */
  public double objective(double[] z) {
    double f = 0;
    for (int i = 0; i < n; i++) {
      double x = z[i];
      f += c[i] * x;
      if (d[i] != 0) f += 0.5 * d[i] * (x - e[i]) * (x - e[i]);
      if (w[i] != 0) {
        if (!(x > -1)) return Double.POSITIVE_INFINITY;
        f -= w[i] * Math.log1p(x);
      }
    }
    return f;
  }

  /** Returns {@code f_r(z)} (feasible when <= 0). */
  public double row(int r, double[] z) {
    double s = -rhs[r];
    for (int p = ptr[r]; p < ptr[r + 1]; p++) {
      double x = z[var[p]];
      s += lin[p] * x + 0.5 * quad[p] * x * x;
    }
    return s;
  }

  /** Returns {@code max_r f_r(z)}, the largest constraint value (<= 0 when z is feasible). */
  public double maxViolation(double[] z) {
    double m = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows(); r++) m = Math.max(m, row(r, z));
    return m;
  }

  /** Builds a {@link ConvexProgram}; rows are added in order and keep their index. */
  public static final class Builder {
    private final int n;
    private final double[] c;
    private final double[] d;
    private final double[] e;
    private final double[] w;
    private final List<Row> rows = new ArrayList<>();
    private final List<int[]> blocks = new ArrayList<>();

    private Builder(int n) {
      this.n = n;
      c = new double[n];
      d = new double[n];
      e = new double[n];
      w = new double[n];
    }

    /** Adds {@code coef * z_i} to the objective. */
    public Builder linearCost(int i, double coef) {
      c[index("linearCost", i)] += finite("linearCost", coef);
      return this;
    }

    /** Sets the term {@code (curvature / 2)(z_i - centre)^2} of the objective (curvature >= 0). */
    public Builder quadraticCost(int i, double curvature, double centre) {
      if (!(curvature >= 0) || !Double.isFinite(curvature) || !Double.isFinite(centre)) {
        throw new IllegalArgumentException("ConvexProgram.quadraticCost: need a finite curvature >= 0 and centre, "
            + "got " + curvature + ", " + centre);
      }
      d[index("quadraticCost", i)] = curvature;
      e[i] = centre;
      return this;
    }

    /** Sets the term {@code -weight ln(1 + z_i)} of the objective (weight >= 0: a concave reward, maximised). */
    public Builder logReward(int i, double weight) {
      if (!(weight >= 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("ConvexProgram.logReward: weight must be >= 0 and finite, got " + weight);
      }
      w[index("logReward", i)] = weight;
      return this;
    }

    /** Adds the row {@code sum_j a_j z_{idx_j} <= b}. */
    public Builder lessEq(int[] idx, double[] a, double b) {
      return lessEq(idx, a, new double[idx.length], b);
    }

    /**
     * Adds the row {@code sum_j [a_j z_{idx_j} + (h_j / 2) z_{idx_j}^2] <= b} with {@code h_j >= 0}; a variable may
     * appear once per row.
     */
    public Builder lessEq(int[] idx, double[] a, double[] h, double b) {
      String op = "ConvexProgram.lessEq";
      if (idx.length != a.length || idx.length != h.length) {
        throw new IllegalArgumentException(op + ": idx, a and h must have equal lengths, got " + idx.length + ", "
            + a.length + ", " + h.length);
      }
      finite(op, b);
      for (int j = 0; j < idx.length; j++) {
        index(op, idx[j]);
        finite(op, a[j]);
        if (!(h[j] >= 0) || !Double.isFinite(h[j])) {
          throw new IllegalArgumentException(op + ": row " + rows.size() + " has a non-convex curvature h = " + h[j]
              + " on variable " + idx[j] + " (need h >= 0)");
        }
        for (int k = 0; k < j; k++) {
          if (idx[k] == idx[j]) {
            throw new IllegalArgumentException(op + ": row " + rows.size() + " names variable " + idx[j] + " twice");
          }
        }
      }
      rows.add(new Row(idx.clone(), a.clone(), h.clone(), b));
      return this;
    }

    /** Adds the bounds {@code lo <= z_i <= hi} as two rows (an infinite bound adds no row). */
    public Builder bounds(int i, double lo, double hi) {
      if (lo > Double.NEGATIVE_INFINITY) lessEq(new int[] {i}, new double[] {-1}, -lo);
      if (hi < Double.POSITIVE_INFINITY) lessEq(new int[] {i}, new double[] {1}, hi);
      return this;
    }

    /** Marks variables {@code [from, to)} as one block eliminated in the Newton step (see the class notes). */
    public Builder eliminate(int from, int to) {
      if (from < 0 || to > n || from >= to) {
        throw new IllegalArgumentException("ConvexProgram.eliminate: block [" + from + ", " + to + ") must be a "
            + "non-empty part of [0, " + n + ")");
      }
      for (int[] b : blocks) {
        if (from < b[1] && b[0] < to) {
          throw new IllegalArgumentException("ConvexProgram.eliminate: block [" + from + ", " + to + ") overlaps ["
              + b[0] + ", " + b[1] + ")");
        }
      }
      blocks.add(new int[] {from, to});
      return this;
    }

    /** Returns the program; throws if a row touches two eliminated blocks or all variables are eliminated. */
    public ConvexProgram build() {
      int[] owner = new int[n];
      Arrays.fill(owner, -1);
      int eliminated = 0;
      for (int bi = 0; bi < blocks.size(); bi++) {
        for (int i = blocks.get(bi)[0]; i < blocks.get(bi)[1]; i++) owner[i] = bi;
        eliminated += blocks.get(bi)[1] - blocks.get(bi)[0];
      }
      if (eliminated == n) {
        throw new IllegalArgumentException("ConvexProgram.build: at least one variable must stay outside the "
            + "eliminated blocks");
      }
      for (int r = 0; r < rows.size(); r++) {
        int seen = -1;
        for (int v : rows.get(r).var) {
          int o = owner[v];
          if (o >= 0 && seen >= 0 && o != seen) {
            throw new IllegalArgumentException("ConvexProgram.build: row " + r + " touches two eliminated blocks ("
                + seen + " and " + o + ")");
          }
          if (o >= 0) seen = o;
        }
      }
      return new ConvexProgram(this);
    }

    private int index(String op, int i) {
      if (i < 0 || i >= n) {
        throw new IllegalArgumentException("ConvexProgram." + op + ": variable index " + i + " is outside [0, " + n
            + ")");
      }
      return i;
    }

    private static double finite(String op, double v) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException(op + ": coefficients must be finite, got " + v);
      return v;
    }
  }

  private record Row(int[] var, double[] lin, double[] quad, double rhs) {}
}
