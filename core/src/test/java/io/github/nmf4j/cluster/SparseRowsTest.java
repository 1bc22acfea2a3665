package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The row kernels of {@link SparseRows} against each other and a naive reference. */
class SparseRowsTest {

  /**
   * The rows form of the products (four stored entries per sweep) gives bit for bit the values
   * of the flat form and of one fused multiply-add chain per centroid in storage order, for rows
   * of 0 to 13 stored entries (every remainder modulo four) and k from 1 to 9.
   */
  @Test
  void dotsByRowsEqualTheFlatChainsBitForBit() {
    SplittableRandom random = new SplittableRandom(12);
    int n = 60;
    int d = 17;
    double[] dense = new double[n * d];
    for (int i = 0; i < n; i++) {
      int stored = i % 14;
      for (int s = 0; s < stored; s++) {
        dense[i * d + random.nextInt(d)] = random.nextDouble(0.1, 3);
      }
    }
    SparseRows x = SparseRows.of(SparseMatrix.of(Matrix.wrap(n, d, dense)),
        "x", false, false);
    for (int k = 1; k <= 9; k++) {
      double[] c = new double[k * d];
      for (int e = 0; e < c.length; e++) {
        c[e] = random.nextDouble(-2, 2);
      }
      double[] flat = new double[d * k];
      double[][] rows = new double[d][k];
      double[] norms = new double[k];
      double[] rowNorms = new double[k];
      SparseAssignment.prepare(c, k, d, flat, norms);
      SparseAssignment.prepare(c, k, d, rows, rowNorms);
      assertThat(rowNorms).containsExactly(norms);
      double[] byFlat = new double[k];
      double[] byRows = new double[k];
      for (int i = 0; i < n; i++) {
        x.dots(i, flat, k, byFlat, 0);
        x.dots(i, rows, k, byRows);
        double[] naive = new double[k];
        for (int f = 0; f < d; f++) {
          double v = dense[i * d + f];
          for (int j = 0; v != 0 && j < k; j++) {
            naive[j] = Math.fma(v, c[j * d + f], naive[j]);
          }
        }
        assertThat(byRows).as("row %d, k %d", i, k).containsExactly(byFlat);
        assertThat(byRows).as("row %d, k %d", i, k).containsExactly(naive);
      }
    }
  }
}
