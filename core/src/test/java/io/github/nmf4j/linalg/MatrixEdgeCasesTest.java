package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Edge cases of {@link Matrix}'s factories and products, each pinned by the review that hit it. */
class MatrixEdgeCasesTest {

  @Test
  void raggedRowsAreRejectedBeforeTheStorageIsAllocated() {
    // 20,000 rows of 100,000 would be 16 GB: the ragged second row must be reported, not an
    // OutOfMemoryError from allocating the storage first
    double[][] values = new double[20_000][];
    values[0] = new double[100_000];
    double[] empty = new double[0];
    for (int i = 1; i < values.length; i++) {
      values[i] = empty;
    }
    assertThatThrownBy(() -> Matrix.of(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 has 100000 columns but row 1 has 0");
  }

  @Test
  void productsTooBigForAnArrayNameTheOperationAndBothShapes() {
    Matrix tall = Matrix.zeros(50_000, 1);
    Matrix wide = Matrix.zeros(1, 50_000);
    assertThatThrownBy(() -> tall.multiply(wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiply: 50000x1 * 1x50000 would be 50000x50000");
    assertThatThrownBy(() -> wide.transposeMultiply(wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transposeMultiply: 1x50000^T * 1x50000 would be 50000x50000");
    assertThatThrownBy(() -> tall.multiplyTranspose(tall))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplyTranspose: 50000x1 * 50000x1^T would be 50000x50000");
  }

  /**
   * Per-element bound on |product - naive sum| per inner term, relative to sum_k |a_ik b_kj|:
   * twice the unit roundoff, so both sums stay within Higham's gamma_k of the exact one.
   */
  private static final double REL_TOL_PER_TERM = Math.ulp(1.0);

  @Test
  void productsMatchANaiveSumAndAreBitIdenticalForAnyThreadCount() {
    SplittableRandom random = new SplittableRandom(2026);
    for (int trial = 0; trial < 60; trial++) {
      int m = trial == 0 ? 0 : random.nextInt(0, 90);
      int k = trial == 1 ? 0 : random.nextInt(0, 90);
      int n = trial == 2 ? 1 : random.nextInt(0, 90);
      Matrix a = Matrix.wrap(m, k, random.doubles((long) m * k, -1, 1).toArray());
      Matrix b = Matrix.wrap(k, n, random.doubles((long) k * n, -1, 1).toArray());
      Matrix ab = a.multiply(b, 1);
      Matrix atb = a.transpose().transposeMultiply(b, 1);
      Matrix abt = a.multiplyTranspose(b.transpose(), 1);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          double bound = 0;
          for (int q = 0; q < k; q++) {
            sum += a.get(i, q) * b.get(q, j);
            bound += Math.abs(a.get(i, q) * b.get(q, j));
          }
          for (Matrix product : new Matrix[] {ab, atb, abt}) {
            assertThat(Math.abs(product.get(i, j) - sum)).as("%dx%dx%d at (%d, %d)", m, k, n,
                i, j).isLessThanOrEqualTo((k + 1) * REL_TOL_PER_TERM * bound + Double.MIN_NORMAL);
          }
        }
      }
      for (int threads : new int[] {2, 3, 8}) {
        assertThat(a.multiply(b, threads)).isEqualTo(ab);
        assertThat(a.transpose().transposeMultiply(b, threads)).isEqualTo(atb);
        assertThat(a.multiplyTranspose(b.transpose(), threads)).isEqualTo(abt);
      }
    }
  }
}
