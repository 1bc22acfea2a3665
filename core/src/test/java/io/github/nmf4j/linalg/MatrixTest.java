package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatrixTest {

  private static final Matrix A = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

  @Test
  void ofCopiesItsInput() {
    double[][] values = {{1, 2}, {3, 4}};
    Matrix m = Matrix.of(values);
    values[0][0] = 99;
    assertThat(m.get(0, 0)).isEqualTo(1);
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.cols()).isEqualTo(2);
  }

  @Test
  void wrapAdoptsTheArrayInRowMajorOrder() {
    Matrix m = Matrix.wrap(2, 3, new double[] {1, 2, 3, 4, 5, 6});
    assertThat(m).isEqualTo(A);
    assertThat(m.get(1, 0)).isEqualTo(4);
  }

  @Test
  void accessorsReturnCopies() {
    double[] row = A.row(1);
    row[0] = 99;
    double[][] all = A.toArray();
    all[0][0] = 99;
    double[] flat = A.toRowMajorArray();
    flat[0] = 99;
    assertThat(A.row(1)).containsExactly(4, 5, 6);
    assertThat(A.column(2)).containsExactly(3, 6);
    assertThat(A.toArray()).isEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(A.toRowMajorArray()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void emptyMatricesAreAllowed() {
    assertThat(Matrix.of(new double[0][]).shape()).isEqualTo("0x0");
    assertThat(Matrix.zeros(0, 5).shape()).isEqualTo("0x5");
    assertThat(Matrix.zeros(3, 0).multiply(Matrix.zeros(0, 4))).isEqualTo(Matrix.zeros(3, 4));
    assertThat(Matrix.zeros(0, 5).sum()).isZero();
    assertThatThrownBy(() -> Matrix.zeros(0, 5).max())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("empty 0x5");
  }

  @Test
  void summaries() {
    assertThat(A.sum()).isEqualTo(21);
    assertThat(A.min()).isEqualTo(1);
    assertThat(A.max()).isEqualTo(6);
    assertThat(A.frobeniusNorm()).isCloseTo(Math.sqrt(91), within(1e-15));
    assertThat(A.transpose()).isEqualTo(Matrix.of(new double[][] {{1, 4}, {2, 5}, {3, 6}}));
    assertThat(Matrix.identity(2)).isEqualTo(Matrix.of(new double[][] {{1, 0}, {0, 1}}));
  }

  @Test
  void frobeniusNormNeitherOverflowsNorUnderflows() {
    Matrix big = Matrix.of(new double[][] {{3e300, 4e300}});
    Matrix tiny = Matrix.of(new double[][] {{3e-300, 4e-300}});
    assertThat(big.frobeniusNorm()).isCloseTo(5e300, within(1e286));
    assertThat(tiny.frobeniusNorm()).isCloseTo(5e-300, within(1e-314));
  }

  @Test
  void elementwiseArithmetic() {
    assertThat(A.add(A)).isEqualTo(A.scale(2));
    assertThat(A.subtract(A)).isEqualTo(Matrix.zeros(2, 3));
  }

  @Test
  void productsAgreeWithEachOtherAndWithTransposes() {
    SplittableRandom random = new SplittableRandom(3);
    Matrix a = Matrix.wrap(37, 23, random.doubles(37 * 23).toArray());
    Matrix b = Matrix.wrap(23, 41, random.doubles(23 * 41).toArray());
    Matrix ab = a.multiply(b);
    assertThat(ab.shape()).isEqualTo("37x41");
    assertMatrixClose(a.transpose().transposeMultiply(b), ab);
    assertMatrixClose(a.multiplyTranspose(b.transpose()), ab);
    assertThat(a.multiply(b, 1)).isEqualTo(a.multiply(b, 3));
    assertThat(A.multiply(Matrix.identity(3))).isEqualTo(A);
  }

  @Test
  void badShapesAreRejectedWithTheShapesInTheMessage() {
    assertThatThrownBy(() -> A.multiply(A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3 * 2x3");
    assertThatThrownBy(() -> A.transposeMultiply(A.transpose()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3^T * 3x2");
    assertThatThrownBy(() -> A.multiplyTranspose(A.transpose()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3 * 3x2^T");
    assertThatThrownBy(() -> A.add(A.transpose()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x3 vs 3x2");
    assertThatThrownBy(() -> A.multiply(A.transpose(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads must be >= 1, was 0");
  }

  @Test
  void badConstructionIsRejected() {
    assertThatThrownBy(() -> Matrix.of(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> Matrix.of(new double[][] {{1, 2}, null}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 is null");
    assertThatThrownBy(() -> Matrix.of(new double[][] {{1, 2}, {3, 4}, {5}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 has 2 columns but row 2 has 1");
    assertThatThrownBy(() -> Matrix.of(new double[][] {{1}, {3, 4}}))
        .hasMessage("ragged rows: row 0 has 1 column but row 1 has 2");
    assertThatThrownBy(() -> Matrix.wrap(2, 3, new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 5").hasMessageContaining("2x3");
    assertThatThrownBy(() -> Matrix.wrap(2, 3, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> Matrix.zeros(-1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1x3");
    assertThatThrownBy(() -> Matrix.zeros(100_000, 100_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100000x100000");
    assertThatThrownBy(() -> A.multiply(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
  }

  @Test
  void indexingOutsideTheMatrixNamesTheIndex() {
    assertThatThrownBy(() -> A.get(2, 0))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("(2, 0)");
    assertThatThrownBy(() -> A.row(-1))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row -1");
    assertThatThrownBy(() -> A.column(3))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("column 3");
  }

  @Test
  void equalsAndHashCode() {
    Matrix same = Matrix.wrap(2, 3, new double[] {1, 2, 3, 4, 5, 6});
    assertThat(A).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(A).isNotEqualTo(Matrix.wrap(3, 2, new double[] {1, 2, 3, 4, 5, 6}));
    assertThat(A).isNotEqualTo(A.scale(2));
    assertThat(A).isNotEqualTo("not a matrix");
  }

  @Test
  void toStringIsShortForBigMatrices() {
    assertThat(A.toString()).isEqualTo("Matrix 2x3 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]");
    String big = Matrix.zeros(1000, 1000).toString();
    assertThat(big).startsWith("Matrix 1000x1000 [[0.0, 0.0, 0.0, ..., 0.0");
    assertThat(big.length()).isLessThan(400);
  }

  private static void assertMatrixClose(Matrix actual, Matrix expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    for (int i = 0; i < actual.rows(); i++) {
      for (int j = 0; j < actual.cols(); j++) {
        assertThat(actual.get(i, j)).isCloseTo(expected.get(i, j), within(1e-12));
      }
    }
  }
}
