package rrm.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rrm.tensor.GradCheck;
import rrm.tensor.Tensor;

class ReceiveKernelTest {
  @Test
  void singleAntennaSingleStreamReceiversMatchTheDefinition() {
    for (int nt : new int[] {2, 3}) {
      int b = 2, k = 40;
      SplittableRandom rng = new SplittableRandom(3 + nt);
      Tensor h = complex(rng, b, k, 1, k, nt);
      Tensor v = complex(rng, b, k, nt, 1);
      int[] owner = new int[k];
      double[] diag = new double[k];
      for (int j = 0; j < k; j++) {
        owner[j] = j;
        diag[j] = 0.1 + j;
      }
      Tensor[] out = ReceiveKernel.apply(h, v, owner, diag);
      double[] hr = h.data(), hi = h.imagData(), vr = v.data(), vi = v.imagData();
      for (int n = 0; n < b; n++) {
        for (int i = 0; i < k; i++) {
          double cov = diag[i];
          for (int j = 0; j < k; j++) {
            double fr = 0, fi = 0;
            for (int t = 0; t < nt; t++) {
              int ho = ((n * k + i) * k + j) * nt + t, vo = (n * k + j) * nt + t;
              fr += hr[ho] * vr[vo] - hi[ho] * vi[vo];
              fi += hr[ho] * vi[vo] + hi[ho] * vr[vo];
            }
            if (j == i) {
              assertEquals(fr, out[0].data()[n * k + i], 1e-12);
              assertEquals(fi, out[0].imagData()[n * k + i], 1e-12);
            } else {
              cov += fr * fr + fi * fi;
            }
          }
          assertEquals(cov, out[1].data()[n * k + i], 1e-12 * cov);
          assertEquals(0, out[1].imagData()[n * k + i]);
        }
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    // (N_r, N_t, d): several receive antennas with one stream (the path of paper 001), one antenna, two streams;
    // precoders are complex by contract, so the check perturbs real and imaginary parts
    for (int[] dims : new int[][] {{3, 4, 1}, {1, 3, 1}, {2, 3, 2}}) {
      int b = 2, k = 4, nr = dims[0], nt = dims[1], d = dims[2];
      SplittableRandom rng = new SplittableRandom(29 + nr * 10 + nt);
      Tensor h = complex(rng, b, k, nr, k, nt);
      Tensor v = complex(rng, b, k, nt, d);
      int[] owner = {0, 1, 2, 3};
      double[] diag = {0.1, 0.2, 0.3, 0.4};
      GradCheck.of(x -> {
        Tensor[] out = ReceiveKernel.apply(h, x[0], owner, diag);
        return Tensor.concat(1, out[0].reshape(b, -1), out[1].reshape(b, -1));
      }).check(v);
    }
  }

  @Test
  void sharedTransmittersGiveTheSumsOfTheExpandedChannel() {
    // users on shared transmitters (owner not the identity) take the gathering path; with every user's channel
    // block copied to its own transmitter the aligned path must give the same bits
    int b = 2, k = 4, c = 2, nr = 3, nt = 5;
    int[] owner = {1, 0, 1, 0}, own = {0, 1, 2, 3};
    double[] diag = {0.1, 0.2, 0.3, 0.4};
    SplittableRandom rng = new SplittableRandom(41);
    Tensor h = complex(rng, b, k, nr, c, nt);
    Tensor v = complex(rng, b, k, nt, 1);
    double[] er = new double[b * k * nr * k * nt], ei = new double[er.length];
    for (int q = 0; q < b * k * nr; q++) {
      for (int j = 0; j < k; j++) {
        System.arraycopy(h.data(), (q * c + owner[j]) * nt, er, (q * k + j) * nt, nt);
        System.arraycopy(h.imagData(), (q * c + owner[j]) * nt, ei, (q * k + j) * nt, nt);
      }
    }
    Tensor[] shared = ReceiveKernel.apply(h, v, owner, diag);
    Tensor[] expanded = ReceiveKernel.apply(Tensor.complex(er, ei, b, k, nr, k, nt), v, own, diag);
    for (int o = 0; o < 2; o++) {
      assertArrayEquals(expanded[o].data(), shared[o].data());
      assertArrayEquals(expanded[o].imagData(), shared[o].imagData());
    }
    GradCheck.of(x -> {
      Tensor[] out = ReceiveKernel.apply(h, x[0], owner, diag);
      return Tensor.concat(1, out[0].reshape(b, -1), out[1].reshape(b, -1));
    }).check(v);
  }

  private static Tensor complex(SplittableRandom rng, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] re = new double[n], im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = rng.nextDouble() - 0.5;
      im[i] = rng.nextDouble() - 0.5;
    }
    return Tensor.complex(re, im, shape);
  }
}
