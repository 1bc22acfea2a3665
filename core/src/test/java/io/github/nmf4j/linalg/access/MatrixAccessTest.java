package io.github.nmf4j.linalg.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import org.junit.jupiter.api.Test;

/** {@link MatrixAccess#notNaN}: the row-major indices of the entries that are not NaN. */
class MatrixAccessTest {

  @Test
  void notNaNListsTheOtherEntriesInOrder() {
    double nan = Double.NaN;
    Matrix m = Matrix.of(new double[][] {{nan, 0, -1}, {Double.POSITIVE_INFINITY, nan, 2}});
    assertThat(MatrixAccess.notNaN(m)).containsExactly(1, 2, 3, 5);
    assertThat(MatrixAccess.notNaN(Matrix.of(new double[][] {{nan, nan}}))).isEmpty();
    assertThat(MatrixAccess.notNaN(Matrix.zeros(0, 3))).isEmpty();
  }
}
