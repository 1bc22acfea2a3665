package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The truncated SVD of a sparse matrix through its products is the SVD of its dense form. */
class SparseSvdTest {

  @Test
  void randomizedThroughSparseProductsMatchesTheDenseDecomposition() {
    for (int[] shape : new int[][] {{400, 150}, {150, 400}}) {
      SparseMatrix a = SparseProductsTest.randomSparse(shape[0], shape[1], 0.05,
          new SplittableRandom(shape[0]));
      Svd sparse = Svd.truncated(a, 6, 42, 2);
      Svd dense = Svd.truncated(a.toDense(), 6, 42, 2);
      double[] s = sparse.singularValues();
      double[] d = dense.singularValues();
      for (int j = 0; j < 6; j++) {
        assertThat(Math.abs(s[j] - d[j])).as("s_%d", j).isLessThan(1e-12 * d[0]);
      }
      // same vectors up to rounding (svd_flip fixes the signs on both sides)
      assertThat(sparse.u().subtract(dense.u()).frobeniusNorm()).isLessThan(1e-9);
      assertThat(sparse.vt().subtract(dense.vt()).frobeniusNorm()).isLessThan(1e-9);
      Svd again = Svd.truncated(a, 6, 42, 8);
      assertThat(again.u()).isEqualTo(sparse.u());
    }
  }

  @Test
  void smallMatricesUseTheExactDecompositionAndBadArgumentsAreRefused() {
    SparseMatrix a = SparseMatrix.of(Matrix.of(new double[][] {{3, 0}, {0, 4}, {0, 0}}));
    assertThat(Svd.truncated(a, 1, 0, 1).singularValues()).containsExactly(4.0);
    assertThatThrownBy(() -> Svd.truncated(a, 3, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank must be in [1, min(rows, cols)] = [1, 2]");
    assertThatThrownBy(() -> Svd.truncated((SparseMatrix) null, 1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a must not be null");
  }
}
