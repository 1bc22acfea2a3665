package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockProducts} against {@link Gemm} on a copy of the block (and {@link BetaKernels}'
 * terms), bit for bit, over
 * shapes that reach every remainder: ranks not a multiple of four, odd row counts, widths across
 * the panel sizes, a block that does not start at V's first row, and one workspace reused.
 */
class BlockProductsTest {

  @Test
  void theProductsAreGemmsOnTheCopiedBlockBitForBit() {
    SplittableRandom r = new SplittableRandom(7);
    int[] ranks = {1, 3, 4, 5, 8, 20};
    int[] widths = {1, 7, 255, 256, 257, 600};
    int[] rowCounts = {1, 2, 3, 8, 9, 127, 128};
    for (int k : ranks) {
      for (int p : widths) {
        BlockProducts products = new BlockProducts(p, k);
        for (int rows : rowCounts) {
          int row0 = r.nextInt(3);
          double[] v = random(r, (row0 + rows) * p);
          double[] h = random(r, k * p);
          double[] w = random(r, rows * k);
          double[] block = new double[rows * p];
          System.arraycopy(v, row0 * p, block, 0, rows * p);

          double[] expected = new double[rows * k];
          Gemm.multiplyTranspose(rows, p, k, block, h, expected, Parallel.serial());
          double[] actual = new double[rows * k];
          products.timesHt(v, row0 * p, rows, h, actual);
          assertThat(actual).as("X_b H', k %d p %d rows %d", k, p, rows)
              .containsExactly(expected);

          double[] expectedT = new double[k * p];
          Gemm.transposeMultiply(rows, k, p, w, block, expectedT, Parallel.serial());
          double[] actualT = new double[k * p];
          products.transposeTimes(w, v, row0 * p, rows, actualT);
          assertThat(actualT).as("W_b' X_b, k %d p %d rows %d", k, p, rows)
              .containsExactly(expectedT);
        }
      }
    }
  }

  @Test
  void theBetaWTermsAreGemmsOnTheTermsBitForBit() {
    SplittableRandom r = new SplittableRandom(11);
    double eps = 1e-12;
    double scale = 0.75;
    for (double beta : new double[] {0, 0.5, 1.5, 3, -0.5}) {
      BetaKernels.Power power = BetaKernels.Power.of(beta);
      for (int k : new int[] {1, 3, 4, 6, 20}) {
        for (int p : new int[] {1, 5, 256, 300}) {
          BlockProducts products = new BlockProducts(p, k);
          for (int rows : new int[] {1, 2, 5, 9, 128}) {
            int row0 = r.nextInt(3);
            double[] v = random(r, (row0 + rows) * p);
            double[] h = random(r, k * p);
            double[] w = random(r, rows * k);
            double[] a = new double[rows * p];
            double[] b = new double[rows * p];
            double[] block = new double[rows * p];
            System.arraycopy(v, row0 * p, block, 0, rows * p);
            Gemm.multiply(rows, k, p, w, h, a, Parallel.serial());
            BetaKernels.terms(power, beta, block, scale, a, b, rows * p, eps);
            double[] num = new double[rows * k];
            double[] den = new double[rows * k];
            Gemm.multiplyTranspose(rows, p, k, a, h, num, Parallel.serial());
            Gemm.multiplyTranspose(rows, p, k, b, h, den, Parallel.serial());

            double[] actualNum = new double[rows * k];
            double[] actualDen = new double[rows * k];
            products.betaWTerms(power, beta, eps, v, row0 * p, scale, w, rows, h, actualNum,
                actualDen);
            String shape = "beta " + beta + ", k " + k + ", p " + p + ", rows " + rows;
            assertThat(actualNum).as("A_b H', %s", shape).containsExactly(num);
            assertThat(actualDen).as("B_b H', %s", shape).containsExactly(den);
          }
        }
      }
    }
  }

  private static double[] random(SplittableRandom r, int len) {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) {
      a[i] = r.nextDouble();
    }
    return a;
  }
}
