package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseMatrixTest {

  /** [[1, 0, 2], [0, 0, 0], [0, 3, 0]] */
  private static final SparseMatrix S = SparseMatrix.fromCsr(3, 3, new int[] {0, 2, 2, 3},
      new int[] {0, 2, 1}, new double[] {1, 2, 3});

  @Test
  void accessorsReadTheStoredEntries() {
    assertThat(S.rows()).isEqualTo(3);
    assertThat(S.cols()).isEqualTo(3);
    assertThat(S.nonZeros()).isEqualTo(3);
    assertThat(S.shape()).isEqualTo("3x3");
    assertThat(S.get(0, 2)).isEqualTo(2);
    assertThat(S.get(0, 1)).isZero();
    assertThat(S.get(1, 1)).isZero();
    assertThat(S.get(2, 1)).isEqualTo(3);
    assertThat(S.row(0)).containsExactly(1, 0, 2);
    assertThat(S.row(1)).containsExactly(0, 0, 0);
    assertThat(S.rowNonZeros(0)).isEqualTo(2);
    assertThat(S.rowNonZeros(1)).isZero();
    assertThat(S.toDense()).isEqualTo(Matrix.of(new double[][] {{1, 0, 2}, {0, 0, 0}, {0, 3, 0}}));
    assertThat(S.sum()).isEqualTo(6);
    assertThat(S.frobeniusNorm()).isCloseTo(Math.sqrt(14), within(1e-15));
    assertThat(S.toString()).isEqualTo("SparseMatrix 3x3, 3 stored [(0, 0)=1.0, (0, 2)=2.0, (2, 1)=3.0]");
    assertThatThrownBy(() -> S.get(3, 0)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("(3, 0) is outside a 3x3 matrix");
    assertThatThrownBy(() -> S.row(-1)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("row -1");
  }

  @Test
  void factoriesCopyTheirInputAndAccessorsReturnCopies() {
    int[] pointers = {0, 1, 2};
    int[] columns = {1, 0};
    double[] values = {5, 6};
    SparseMatrix s = SparseMatrix.fromCsr(2, 2, pointers, columns, values);
    pointers[1] = 0;
    columns[0] = 0;
    values[0] = 99;
    s.rowPointers()[1] = 7;
    s.columnIndices()[0] = 7;
    s.values()[0] = 7;
    assertThat(s.rowPointers()).containsExactly(0, 1, 2);
    assertThat(s.columnIndices()).containsExactly(1, 0);
    assertThat(s.values()).containsExactly(5, 6);
  }

  @Test
  void denseRoundTripStoresTheNonZerosOnly() {
    Matrix dense = Matrix.of(new double[][] {{0, -0.0, 4}, {1.5, 0, 0}});
    SparseMatrix s = SparseMatrix.of(dense);
    assertThat(s.nonZeros()).isEqualTo(2);
    assertThat(s.rowPointers()).containsExactly(0, 1, 2);
    assertThat(s.columnIndices()).containsExactly(2, 0);
    assertThat(s.toDense()).isEqualTo(Matrix.of(new double[][] {{0, 0, 4}, {1.5, 0, 0}}));
    assertThatThrownBy(() -> SparseMatrix.of(Matrix.of(new double[][] {{1, 2}, {Double.NaN, 0}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dense has NaN at row 1, column 0; values must be finite");
  }

  @Test
  void emptyShapesAndNothingStored() {
    SparseMatrix none = SparseMatrix.fromCsr(0, 0, new int[] {0}, new int[0], new double[0]);
    assertThat(none.toDense().shape()).isEqualTo("0x0");
    SparseMatrix zeros = SparseMatrix.fromTriplets(4, 5, new int[0], new int[0], new double[0]);
    assertThat(zeros.nonZeros()).isZero();
    assertThat(zeros.toDense()).isEqualTo(Matrix.zeros(4, 5));
    assertThat(zeros.frobeniusNorm()).isZero();
    assertThat(zeros.multiply(Matrix.zeros(5, 2).add(Matrix.of(new double[5][2]))))
        .isEqualTo(Matrix.zeros(4, 2));
    assertThat(zeros.transpose().shape()).isEqualTo("5x4");
  }

  @Test
  void toDenseRefusesWhatAnArrayCannotHold() {
    SparseMatrix huge = SparseMatrix.fromTriplets(100_000, 100_000, new int[] {99_999},
        new int[] {7}, new double[] {1});
    assertThat(huge.get(99_999, 7)).isEqualTo(1);
    assertThatThrownBy(huge::toDense).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("100000x100000")
        .hasMessageContaining("10000000000 elements")
        .hasMessageContaining("keep it sparse");
  }

  @Test
  void tripletsInAnyOrderAreSortedDuplicatesSummedAndZerosDropped() {
    SparseMatrix s = SparseMatrix.fromTriplets(3, 4,
        new int[] {2, 0, 2, 0, 1, 1, 0},
        new int[] {1, 3, 1, 0, 2, 2, 2},
        new double[] {1, 2, 4, 3, 5, -5, 0});
    assertThat(s.rowPointers()).containsExactly(0, 2, 2, 3);
    assertThat(s.columnIndices()).containsExactly(0, 3, 1);
    assertThat(s.values()).containsExactly(3, 2, 5);
  }

  @Test
  void keepZerosStoresEveryNamedPosition() {
    // the same triplets as above: the cancelling pair at (1, 2) and the zero at (0, 2) stay
    SparseMatrix s = SparseMatrix.fromTriplets(3, 4,
        new int[] {2, 0, 2, 0, 1, 1, 0},
        new int[] {1, 3, 1, 0, 2, 2, 2},
        new double[] {1, 2, 4, 3, 5, -5, -0.0}, true);
    assertThat(s.rowPointers()).containsExactly(0, 3, 4, 5);
    assertThat(s.columnIndices()).containsExactly(0, 2, 3, 2, 1);
    assertThat(s.values()).containsExactly(3, -0.0, 2, 0, 5);
    assertThat(s.nonZeros()).isEqualTo(5);
  }

  @Test
  void duplicatesAreSummedInTheOrderGiven() {
    // 1e16 + 1 - 1e16 is 0 in this order but 1 in others
    SparseMatrix s = SparseMatrix.fromTriplets(1, 1, new int[] {0, 0, 0}, new int[] {0, 0, 0},
        new double[] {1e16, 1, -1e16});
    assertThat(s.nonZeros()).isZero();
    SparseMatrix t = SparseMatrix.fromTriplets(1, 1, new int[] {0, 0, 0}, new int[] {0, 0, 0},
        new double[] {1e16, -1e16, 1});
    assertThat(t.get(0, 0)).isEqualTo(1);
  }

  @Test
  void tripletsAgreeWithTheDenseMatrixTheyDescribe() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      int rows = random.nextInt(1, 30);
      int cols = random.nextInt(1, 30);
      int n = random.nextInt(0, 200);
      int[] ri = new int[n];
      int[] ci = new int[n];
      double[] v = new double[n];
      double[][] dense = new double[rows][cols];
      for (int e = 0; e < n; e++) {
        ri[e] = random.nextInt(rows);
        ci[e] = random.nextInt(cols);
        v[e] = random.nextInt(1, 5);
        dense[ri[e]][ci[e]] += v[e];
      }
      SparseMatrix s = SparseMatrix.fromTriplets(rows, cols, ri, ci, v);
      assertThat(s.toDense()).isEqualTo(Matrix.of(dense));
      assertThat(s).isEqualTo(SparseMatrix.of(Matrix.of(dense)));
      assertThat(s.transpose().toDense()).isEqualTo(Matrix.of(dense).transpose());
      assertThat(s.transpose().transpose()).isEqualTo(s);
    }
  }

  @Test
  void fromCsrRejectsMalformedArrays() {
    assertBad(() -> SparseMatrix.fromCsr(-1, 2, new int[] {0}, new int[0], new double[0]),
        "sizes must be >= 0, were -1x2");
    assertBad(() -> SparseMatrix.fromCsr(2, 2, null, new int[0], new double[0]),
        "rowPointers must not be null");
    assertBad(() -> SparseMatrix.fromCsr(2, 2, new int[] {0, 0}, new int[0], new double[0]),
        "rowPointers has length 2 but a matrix with 2 rows needs 3");
    assertBad(() -> SparseMatrix.fromCsr(1, 2, new int[] {0, 1}, new int[] {0}, new double[0]),
        "columnIndices has length 1 but values has length 0; they must be equal");
    assertBad(() -> SparseMatrix.fromCsr(1, 2, new int[] {1, 1}, new int[] {0}, new double[] {1}),
        "rowPointers[0] is 1; must be 0");
    assertBad(() -> SparseMatrix.fromCsr(3, 2, new int[] {0, 2, 1, 2}, new int[] {0, 1},
        new double[] {1, 1}),
        "rowPointers[2] is 1, less than rowPointers[1] = 2; row pointers must not decrease");
    assertBad(() -> SparseMatrix.fromCsr(2, 2, new int[] {0, 1, 1}, new int[] {0, 1},
        new double[] {1, 1}),
        "rowPointers[2] is 1 but there are 2 values; the last row pointer must equal the number"
            + " of stored entries");
    assertBad(() -> SparseMatrix.fromCsr(2, 2, new int[] {0, 1, 2}, new int[] {0, 2},
        new double[] {1, 1}),
        "columnIndices[1] (row 1) is 2; columns must be in [0, 2)");
    assertBad(() -> SparseMatrix.fromCsr(1, 3, new int[] {0, 2}, new int[] {2, 1},
        new double[] {1, 1}),
        "columnIndices[1] (row 0) is 1 after 2; columns must be strictly increasing within a row"
            + " (sorted, no duplicates)");
    assertBad(() -> SparseMatrix.fromCsr(1, 3, new int[] {0, 2}, new int[] {1, 1},
        new double[] {1, 1}),
        "columnIndices[1] (row 0) is 1 after 1");
    assertBad(() -> SparseMatrix.fromCsr(2, 3, new int[] {0, 1, 2}, new int[] {1, 2},
        new double[] {1, Double.POSITIVE_INFINITY}),
        "values[1] (row 1, column 2) is Infinity; values must be finite");
  }

  /** Regression: "rowPointers[0] is 0 but there are 1 value". */
  @Test
  void theLastRowPointerMessageAgreesWithOneValue() {
    assertThatThrownBy(() -> SparseMatrix.fromCsr(0, 2, new int[] {0}, new int[] {0},
        new double[] {1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rowPointers[0] is 0 but there is 1 value; the last row pointer must equal"
            + " the number of stored entries");
    assertThatThrownBy(() -> SparseMatrix.fromCsr(1, 2, new int[] {0, 2}, new int[0],
        new double[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rowPointers[1] is 2 but there are 0 values; the last row pointer must"
            + " equal the number of stored entries");
  }

  @Test
  void fromCsrKeepsExplicitZerosAndNegativeValues() {
    SparseMatrix s = SparseMatrix.fromCsr(1, 3, new int[] {0, 2}, new int[] {0, 2},
        new double[] {0, -1});
    assertThat(s.nonZeros()).isEqualTo(2);
    assertThat(s.get(0, 2)).isEqualTo(-1);
    assertThat(s).isNotEqualTo(SparseMatrix.of(s.toDense()));
  }

  @Test
  void fromTripletsRejectsBadInput() {
    assertBad(() -> SparseMatrix.fromTriplets(2, 2, new int[] {0}, new int[] {0, 1},
        new double[] {1}),
        "rowIndices, columnIndices and values have lengths 1, 2 and 1; they must be equal");
    assertBad(() -> SparseMatrix.fromTriplets(2, 2, new int[] {0, 2}, new int[] {0, 1},
        new double[] {1, 1}),
        "rowIndices[1] is 2; rows must be in [0, 2)");
    assertBad(() -> SparseMatrix.fromTriplets(2, 2, new int[] {0, 1}, new int[] {-1, 1},
        new double[] {1, 1}),
        "columnIndices[0] is -1; columns must be in [0, 2)");
    assertBad(() -> SparseMatrix.fromTriplets(2, 2, new int[] {0, 1}, new int[] {0, 1},
        new double[] {1, Double.NaN}),
        "values[1] (row 1, column 1) is NaN; values must be finite");
    assertBad(() -> SparseMatrix.fromTriplets(2, 2, new int[] {1, 1}, new int[] {0, 0},
        new double[] {Double.MAX_VALUE, Double.MAX_VALUE}),
        "the values at row 1, column 0 sum to Infinity; values must be finite");
  }

  @Test
  void productsRejectMismatchedShapes() {
    assertBad(() -> S.multiply(Matrix.zeros(2, 2)),
        "multiply: inner dimensions differ, 3x3 * 2x2 needs 3 == 2");
    assertBad(() -> S.transposeMultiply(Matrix.zeros(2, 2)),
        "transposeMultiply: row counts differ, 3x3^T * 2x2 needs 3 == 2");
    assertBad(() -> S.multiplyTranspose(Matrix.zeros(2, 2)),
        "multiplyTranspose: column counts differ, 3x3 * 2x2^T needs 3 == 2");
    assertBad(() -> S.multiply(null), "multiply: the other matrix must not be null");
    assertBad(() -> S.multiply(Matrix.zeros(3, 1), 0), "threads must be >= 1, was 0");
  }

  private static void assertBad(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
