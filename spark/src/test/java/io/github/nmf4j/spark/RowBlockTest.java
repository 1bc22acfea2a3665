package io.github.nmf4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.BlockStatistics;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

/** A partition's block: CSR when sparse enough whatever the vectors' kind, checked as read. */
class RowBlockTest {

  /** 8 x 10 with {@code nonZerosPerRow} non-zeros per row (at columns i, i + 1, ...). */
  private static Matrix banded(int nonZerosPerRow) {
    double[][] a = new double[8][10];
    for (int i = 0; i < 8; i++) {
      for (int c = 0; c < nonZerosPerRow; c++) {
        a[i][(i + c) % 10] = 1 + i + 0.5 * c;
      }
    }
    return Matrix.of(a);
  }

  private static List<Vector> rows(Matrix m, boolean sparse) {
    List<Vector> out = new ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      Vector v = Vectors.dense(m.row(i));
      out.add(sparse ? v.toSparse() : v);
    }
    return out;
  }

  @Test
  void aSparseEnoughBlockIsHeldInCsrFromDenseOrSparseVectors() {
    Matrix quarter = banded(2);   // 20% non-zero
    for (boolean sparseVectors : new boolean[] {false, true}) {
      RowBlock block = RowBlock.of(40, 8, rows(quarter, sparseVectors).iterator(),
          "features");

      assertThat(block.sparse()).as("sparse vectors " + sparseVectors).isTrue();
      assertThat(block.statistics().toString())
          .isEqualTo(BlockStatistics.of(quarter, 40).toString());
    }
  }

  @Test
  void aDenserBlockIsHeldDenseEvenFromSparseVectors() {
    Matrix half = banded(5);
    RowBlock block = RowBlock.of(0, 8, rows(half, true).iterator(), "features");

    assertThat(block.sparse()).isFalse();
    assertThat(block.statistics().toString()).isEqualTo(BlockStatistics.of(half, 0).toString());
  }

  @Test
  void aBlockThatTurnsDenseHalfwayKeepsItsFirstRows() {
    double[][] a = new double[8][10];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 10; j++) {
        // The first four rows hold one non-zero, the last four are full.
        a[i][j] = i < 4 ? (j == i ? 3 + i : 0) : 1 + i * j;
      }
    }
    Matrix m = Matrix.of(a);
    RowBlock block = RowBlock.of(0, 8, rows(m, true).iterator(), "features");

    assertThat(block.sparse()).isFalse();
    assertThat(block.statistics().toString()).isEqualTo(BlockStatistics.of(m, 0).toString());
  }

  @Test
  void badValuesAreNamedByRowAndColumnInV() {
    List<Vector> nan = rows(banded(2), true);
    nan.set(3, Vectors.sparse(10, new int[] {2, 6}, new double[] {1, Double.NaN}));
    assertThatThrownBy(() -> RowBlock.of(100, 8, nan.iterator(), "features"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NaN at row 103, column 6 of features (NMF needs finite, non-negative "
            + "values)");

    List<Vector> negative = rows(banded(9), false);
    negative.set(7, Vectors.dense(0, 0, 0, 0, 0, -2, 0, 0, 0, 0));
    assertThatThrownBy(() -> RowBlock.of(0, 8, negative.iterator(), "features"))
        .hasMessage("negative value -2.0 at row 7, column 5 of features (NMF needs finite, "
            + "non-negative values)");

    List<Vector> ragged = rows(banded(2), true);
    ragged.set(5, Vectors.dense(1, 2, 3));
    assertThatThrownBy(() -> RowBlock.of(10, 8, ragged.iterator(), "features"))
        .hasMessage("features at row 15 has 3 values, row 10 has 10 (all rows of V must have "
            + "the same length)");
    ragged.set(5, Vectors.dense(1));
    assertThatThrownBy(() -> RowBlock.of(10, 8, ragged.iterator(), "features"))
        .hasMessage("features at row 15 has 1 value, row 10 has 10 (all rows of V must have "
            + "the same length)");
  }
}
