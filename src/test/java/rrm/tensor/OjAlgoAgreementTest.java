package rrm.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.GenericStore;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.scalar.ComplexNumber;

/** Our batched decompositions against ojAlgo's (LU, Cholesky, Hermitian eigenvalue), matrix by matrix. */
class OjAlgoAgreementTest {
  private static final double TOL = 1e-12;
  private static final int[] SIZES = {1, 2, 3, 5, 8};

  /** Matrix b of a batch {@code [count, rows, cols]} as an ojAlgo store (complex stores for complex tensors). */
  private static PhysicalStore<?> store(Tensor t, int b) {
    int rows = t.size(-2), cols = t.size(-1);
    double[] re = t.toArray(), im = t.toImagArray();
    if (!t.isComplex()) {
      R064Store s = R064Store.FACTORY.make(rows, cols);
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) s.set(i, j, re[(b * rows + i) * cols + j]);
      return s;
    }
    GenericStore<ComplexNumber> s = GenericStore.C128.make(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int k = (b * rows + i) * cols + j;
        s.set(i, j, ComplexNumber.of(re[k], im[k]));
      }
    }
    return s;
  }

  /** Largest entry difference between matrix b of our batch and an ojAlgo store. */
  private static double diff(Tensor t, int b, MatrixStore<?> s) {
    int rows = t.size(-2), cols = t.size(-1);
    double[] re = t.toArray(), im = t.toImagArray();
    double m = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int k = (b * rows + i) * cols + j;
        Object v = s.get(i, j);
        double vr = v instanceof ComplexNumber z ? z.getReal() : ((Number) v).doubleValue();
        double vi = v instanceof ComplexNumber z ? z.getImaginary() : 0;
        m = Math.max(m, Math.max(Math.abs(re[k] - vr), Math.abs(im[k] - vi)));
      }
    }
    return m;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LU<?> lu(boolean complex, PhysicalStore a) {
    LU d = complex ? LU.C128.make(a) : LU.R064.make(a);
    assertTrue(d.decompose(a));
    return d;
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void inverseAndSolveAgreeWithOjAlgoLu() {
    for (boolean complex : new boolean[] {false, true}) {
      for (int n : SIZES) {
        Tensor a = Samples.general(n, complex, 4, n, n);
        Tensor b = complex ? Tensor.complexRandn(n + 10, 4, n, 3) : Tensor.randn(n + 10, 4, n, 3);
        Tensor inv = a.inverse(), x = a.solve(b);
        for (int k = 0; k < 4; k++) {
          LU d = lu(complex, store(a, k));
          assertTrue(diff(inv, k, d.getInverse()) < TOL, "inverse n=" + n + " complex=" + complex);
          assertTrue(diff(x, k, d.getSolution((PhysicalStore) store(b, k))) < TOL, "solve n=" + n);
        }
      }
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void choleskyFactorAgreesWithOjAlgo() {
    for (boolean complex : new boolean[] {false, true}) {
      for (int n : SIZES) {
        Tensor a = Samples.hpd(n, complex, 3, n, n);
        Tensor l = a.cholesky();
        for (int k = 0; k < 3; k++) {
          PhysicalStore s = store(a, k);
          Cholesky d = complex ? Cholesky.C128.make(s) : Cholesky.R064.make(s);
          assertTrue(d.decompose(s));
          assertTrue(diff(l, k, d.getL()) < TOL, "cholesky n=" + n + " complex=" + complex);
        }
      }
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void hermitianInverseSolveAndLogDetAgreeWithOjAlgo() {
    for (boolean complex : new boolean[] {false, true}) {
      for (int n : SIZES) {
        Tensor a = Samples.hpd(n + 30, complex, 3, n, n);
        Tensor b = complex ? Tensor.complexRandn(n + 40, 3, n, 2) : Tensor.randn(n + 40, 3, n, 2);
        Tensor inv = a.inverseHpd(), x = a.solveHpd(b), logdet = a.logdetHpd();
        for (int k = 0; k < 3; k++) {
          PhysicalStore s = store(a, k);
          Cholesky d = complex ? Cholesky.C128.make(s) : Cholesky.R064.make(s);
          assertTrue(d.decompose(s));
          assertTrue(diff(inv, k, d.getInverse()) < TOL, "inverseHpd n=" + n + " complex=" + complex);
          assertTrue(diff(x, k, d.getSolution((PhysicalStore) store(b, k))) < TOL, "solveHpd n=" + n);
          LU lu = lu(complex, s);
          Object det = lu.getDeterminant();
          double re = det instanceof ComplexNumber z ? z.getReal() : ((Number) det).doubleValue();
          assertEquals(Math.log(re), logdet.get(k), TOL, "logdetHpd n=" + n);
        }
      }
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void eigenvaluesAndEigenvectorProjectorsAgreeWithOjAlgo() {
    for (boolean complex : new boolean[] {false, true}) {
      for (int n : SIZES) {
        Tensor a = Samples.hpd(n + 20, complex, 3, n, n);
        Eigh e = a.eigh();
        for (int k = 0; k < 3; k++) {
          PhysicalStore s = store(a, k);
          Eigenvalue d = complex ? Eigenvalue.C128.make(s, true) : Eigenvalue.R064.make(s, true);
          assertTrue(d.decompose(s));
          int[] order = ascending(d);
          MatrixStore v = d.getV();
          for (int j = 0; j < n; j++) {
            ComplexNumber lam = (ComplexNumber) d.getEigenvalues().get(order[j]);
            assertEquals(lam.getReal(), e.values().get(k, j), TOL);
            // Eigenvectors are unique up to phase: compare the projectors v v^H.
            for (int p = 0; p < n; p++) {
              for (int q = 0; q < n; q++) {
                double[] ours = product(e.vectors(), k, p, q, j);
                double[] theirs = product(v, p, q, order[j]);
                assertEquals(theirs[0], ours[0], 1e-10, "projector n=" + n);
                assertEquals(theirs[1], ours[1], 1e-10, "projector n=" + n);
              }
            }
          }
        }
      }
    }
  }

  @SuppressWarnings("rawtypes")
  private static int[] ascending(Eigenvalue d) {
    int n = (int) d.getEigenvalues().count();
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (x, y) -> Double.compare(((ComplexNumber) d.getEigenvalues().get(x)).getReal(),
        ((ComplexNumber) d.getEigenvalues().get(y)).getReal()));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  /** {@code v_pj conj(v_qj)} from our batch. */
  private static double[] product(Tensor v, int b, int p, int q, int j) {
    double ar = v.get(b, p, j), ai = v.getImag(b, p, j), br = v.get(b, q, j), bi = v.getImag(b, q, j);
    return new double[] {ar * br + ai * bi, ai * br - ar * bi};
  }

  /** {@code v_pj conj(v_qj)} from an ojAlgo store. */
  @SuppressWarnings("rawtypes")
  private static double[] product(MatrixStore v, int p, int q, int j) {
    Object x = v.get(p, j), y = v.get(q, j);
    double ar = x instanceof ComplexNumber z ? z.getReal() : ((Number) x).doubleValue();
    double ai = x instanceof ComplexNumber z ? z.getImaginary() : 0;
    double br = y instanceof ComplexNumber z ? z.getReal() : ((Number) y).doubleValue();
    double bi = y instanceof ComplexNumber z ? z.getImaginary() : 0;
    return new double[] {ar * br + ai * bi, ai * br - ar * bi};
  }
}
