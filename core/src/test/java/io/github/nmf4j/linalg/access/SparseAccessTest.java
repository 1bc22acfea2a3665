package io.github.nmf4j.linalg.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.SparseMatrix;
import org.junit.jupiter.api.Test;

/** {@link SparseAccess} gives a sparse matrix's own CSR arrays: their content, never a copy. */
class SparseAccessTest {

  @Test
  void givesTheLiveArraysWithoutACopy() {
    SparseMatrix m = SparseMatrix.fromCsr(3, 4, new int[] {0, 2, 2, 3}, new int[] {0, 3, 1},
        new double[] {1.5, -2, 4});
    assertThat(SparseAccess.rowPointers(m)).containsExactly(m.rowPointers())
        .isSameAs(SparseAccess.rowPointers(m)).isNotSameAs(m.rowPointers());
    assertThat(SparseAccess.columnIndices(m)).containsExactly(m.columnIndices())
        .isSameAs(SparseAccess.columnIndices(m));
    assertThat(SparseAccess.values(m)).containsExactly(m.values())
        .isSameAs(SparseAccess.values(m));
    assertThatThrownBy(() -> SparseAccess.values(null)).isInstanceOf(NullPointerException.class);
  }
}
