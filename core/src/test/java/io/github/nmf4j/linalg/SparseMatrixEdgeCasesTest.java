package io.github.nmf4j.linalg;

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
}
