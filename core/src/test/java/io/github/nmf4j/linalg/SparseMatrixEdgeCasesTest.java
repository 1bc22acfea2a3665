package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Edge cases of {@link SparseMatrix}'s factories and products, each pinned by a review. */
class SparseMatrixEdgeCasesTest {

  @Test
  void rowCountsWhosePointersNoArrayCanHoldAreRejectedByName() {
    // rows + 1 pointers must fit a Java array (at most Integer.MAX_VALUE - 8 elements); above
    // that fromTriplets used to fail with "OutOfMemoryError: Requested array size exceeds VM
    // limit" while allocating them
    for (int rows : new int[] {Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 8}) {
      assertThatThrownBy(() -> SparseMatrix.fromTriplets(rows, 2, new int[0], new int[0],
          new double[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rows is " + rows);
    }
    assertThatThrownBy(() -> SparseMatrix.fromCsr(Integer.MAX_VALUE - 1, 2, new int[1],
        new int[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows is " + (Integer.MAX_VALUE - 1));
  }

  @Test
  void productsTooBigForAnArrayNameTheOperationAndBothShapes() {
    SparseMatrix tall = SparseMatrix.fromCsr(50_000, 1, new int[50_001], new int[0],
        new double[0]);
    SparseMatrix wide = tall.transpose();
    assertThatThrownBy(() -> tall.multiply(Matrix.zeros(1, 50_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiply: 50000x1 * 1x50000 would be 50000x50000");
    assertThatThrownBy(() -> wide.transposeMultiply(Matrix.zeros(1, 50_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transposeMultiply: 1x50000^T * 1x50000 would be 50000x50000");
    assertThatThrownBy(() -> tall.multiplyTranspose(Matrix.zeros(50_000, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplyTranspose: 50000x1 * 50000x1^T would be 50000x50000");
  }

  @Test
  void hashCodeTellsApartEntriesInDifferentRows() {
    // the same columns and values, one row apart: unequal, and (unlike before, when the row
    // pointers were left out of the hash) hashed apart
    SparseMatrix first = SparseMatrix.fromTriplets(3, 2, new int[] {0}, new int[] {1},
        new double[] {5});
    SparseMatrix last = SparseMatrix.fromTriplets(3, 2, new int[] {2}, new int[] {1},
        new double[] {5});
    assertThat(first).isNotEqualTo(last);
    assertThat(first.hashCode()).isNotEqualTo(last.hashCode());
    assertThat(first.hashCode()).isEqualTo(SparseMatrix.of(first.toDense()).hashCode());
  }

  @Test
  void onlyStoredEntriesMeetTheNonFiniteElementsOfTheOtherFactor() {
    // row 0 stores column 1 only; row 1 stores an explicit zero in column 0
    SparseMatrix s = SparseMatrix.fromCsr(2, 2, new int[] {0, 1, 2}, new int[] {1, 0},
        new double[] {2, 0});
    Matrix b = Matrix.of(new double[][] {{Double.POSITIVE_INFINITY}, {3}});
    Matrix product = s.multiply(b, 1);
    assertThat(product.get(0, 0)).isEqualTo(6); // the absent (0, 0) never meets the infinity
    assertThat(product.get(1, 0)).isNaN(); // the stored zero does: 0 * inf
    assertThat(s.toDense().multiply(b, 1).get(0, 0)).isNaN();
    assertThat(s.multiplyTranspose(b.transpose(), 1)).isEqualTo(product);
    assertThat(s.transpose().transposeMultiply(b, 1)).isEqualTo(product);
  }

  @Test
  void denseMatricesOfMoreRowsThanPointersCanIndexAreRefusedByName() {
    // a 0-column dense matrix may have Integer.MAX_VALUE rows; its rows + 1 pointers used to
    // overflow to a NegativeArraySizeException (or exceed the VM's array limit)
    for (int rows : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1}) {
      Matrix tall = Matrix.zeros(rows, 0);
      assertThatThrownBy(() -> SparseMatrix.of(tall))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rows is " + rows);
    }
  }

  @Test
  void transposesWhoseRowPointersNoArrayCanHoldAreRefusedByName() {
    // a 1 x (2^31 - 1) matrix is legal, but its transpose would need 2^31 row pointers: it used
    // to fail with a NegativeArraySizeException, in transpose() and in transposeMultiply
    SparseMatrix wide = SparseMatrix.fromCsr(1, Integer.MAX_VALUE, new int[] {0, 1},
        new int[] {Integer.MAX_VALUE - 1}, new double[] {2});
    assertThatThrownBy(wide::transpose)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transpose: 1x2147483647");
    assertThatThrownBy(() -> wide.transposeMultiply(Matrix.zeros(1, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transpose: 1x2147483647");
    assertThat(wide.get(0, Integer.MAX_VALUE - 1)).isEqualTo(2);
  }

  @Test
  void denseRowsTooLongForAnArrayAreRefusedByName() {
    // row(i) of a 1 x (2^31 - 1) matrix used to fail with "OutOfMemoryError: Requested array
    // size exceeds VM limit"
    SparseMatrix wide = SparseMatrix.fromCsr(1, Integer.MAX_VALUE, new int[] {0, 0}, new int[0],
        new double[0]);
    assertThatThrownBy(() -> wide.row(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("row: a dense row of 1x2147483647");
    assertThat(wide.rowNonZeros(0)).isZero();
  }
}
