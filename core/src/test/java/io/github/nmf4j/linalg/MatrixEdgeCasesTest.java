package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
