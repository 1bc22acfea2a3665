package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;

/**
 * The checks of {@link SparseMatrix}'s factories, each failure an {@link
 * IllegalArgumentException} whose message names the array, the index (and the row and column it
 * stands for) and the value, and what was expected.
 */
final class SparseChecks {

  private SparseChecks() {}

  /**
   * Sizes: not negative, and few enough rows for {@code rows + 1} row pointers to fit an array
   * (checked here because the VM refuses a longer one with an {@link OutOfMemoryError}).
   */
  static void shape(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("sizes must be >= 0, were " + rows + "x" + cols);
    }
    if (rows > Matrix.MAX_ELEMENTS - 1) {
      throw new IllegalArgumentException(
          "rows is " + rows + "; the row pointers of at most " + (Matrix.MAX_ELEMENTS - 1)
              + " rows fit in an array");
    }
  }

  /**
   * That the transpose of a {@code rows x cols} matrix, {@code cols} rows, has row pointers that
   * fit in an array (a matrix may have up to {@code Integer.MAX_VALUE} columns).
   *
   * @throws IllegalStateException otherwise, naming the shape
   */
  static void transposable(int rows, int cols) {
    if (cols > Matrix.MAX_ELEMENTS - 1) {
      throw new IllegalStateException("transpose: " + rows + "x" + cols + " has " + cols
          + " columns, but the row pointers of at most " + (Matrix.MAX_ELEMENTS - 1)
          + " rows fit in an array; its transpose cannot be built");
    }
  }

  /**
   * That a dense row of a {@code rows x cols} matrix fits in an array.
   *
   * @throws IllegalStateException otherwise, naming the shape
   */
  static void denseRow(int rows, int cols) {
    if (cols > Matrix.MAX_ELEMENTS) {
      throw new IllegalStateException("row: a dense row of " + rows + "x" + cols + " would have "
          + cols + " elements, more than the " + Matrix.MAX_ELEMENTS + " a Java array can hold");
    }
  }

  /**
   * CSR arrays: non-null, lengths that agree with each other and with {@code rows}, row pointers
   * from 0 to the number of values never decreasing, columns in range and strictly increasing
   * within each row, finite values.
   */
  static void csr(int rows, int cols, int[] rowPointers, int[] columnIndices,
      double[] values) {
    shape(rows, cols);
    Arguments.requireNonNull(rowPointers, "rowPointers");
    Arguments.requireNonNull(columnIndices, "columnIndices");
    Arguments.requireNonNull(values, "values");
    if (rowPointers.length != (long) rows + 1) {
      throw new IllegalArgumentException("rowPointers has length " + rowPointers.length
          + " but a matrix with " + Phrases.count(rows, "row") + " needs " + ((long) rows + 1));
    }
    if (columnIndices.length != values.length) {
      throw new IllegalArgumentException("columnIndices has length " + columnIndices.length
          + " but values has length " + values.length + "; they must be equal");
    }
    if (rowPointers[0] != 0) {
      throw new IllegalArgumentException("rowPointers[0] is " + rowPointers[0] + "; must be 0");
    }
    for (int i = 0; i < rows; i++) {
      if (rowPointers[i + 1] < rowPointers[i]) {
        throw new IllegalArgumentException("rowPointers[" + (i + 1) + "] is " + rowPointers[i + 1]
            + ", less than rowPointers[" + i + "] = " + rowPointers[i]
            + "; row pointers must not decrease");
      }
    }
    if (rowPointers[rows] != values.length) {
      throw new IllegalArgumentException("rowPointers[" + rows + "] is " + rowPointers[rows]
          + " but there " + (values.length == 1 ? "is " : "are ")
          + Phrases.count(values.length, "value") + "; the last row pointer must equal"
          + " the number of stored entries");
    }
    for (int i = 0; i < rows; i++) {
      for (int q = rowPointers[i]; q < rowPointers[i + 1]; q++) {
        int j = columnIndices[q];
        if (j < 0 || j >= cols) {
          throw new IllegalArgumentException("columnIndices[" + q + "] (row " + i + ") is " + j
              + "; columns must be in [0, " + cols + ")");
        }
        if (q > rowPointers[i] && j <= columnIndices[q - 1]) {
          throw new IllegalArgumentException("columnIndices[" + q + "] (row " + i + ") is " + j
              + " after " + columnIndices[q - 1]
              + "; columns must be strictly increasing within a row (sorted, no duplicates)");
        }
        if (!Double.isFinite(values[q])) {
          throw new IllegalArgumentException("values[" + q + "] (row " + i + ", column " + j
              + ") is " + values[q] + "; values must be finite");
        }
      }
    }
  }

  /**
   * (row, column, value) triplets: non-null, equal lengths, indices in range, finite values.
   * Returns {@code rows + 1} counts, entry {@code i + 1} the number of triplets in row {@code i}
   * (what {@link TripletSorter#build} takes).
   */
  static int[] triplets(int rows, int cols, int[] rowIndices, int[] columnIndices,
      double[] values) {
    shape(rows, cols);
    Arguments.requireNonNull(rowIndices, "rowIndices");
    Arguments.requireNonNull(columnIndices, "columnIndices");
    Arguments.requireNonNull(values, "values");
    int n = values.length;
    if (rowIndices.length != n || columnIndices.length != n) {
      throw new IllegalArgumentException("rowIndices, columnIndices and values have lengths "
          + rowIndices.length + ", " + columnIndices.length + " and " + n
          + "; they must be equal");
    }
    int[] pointers = new int[rows + 1];
    for (int e = 0; e < n; e++) {
      int i = rowIndices[e];
      int j = columnIndices[e];
      if (i < 0 || i >= rows) {
        throw new IllegalArgumentException("rowIndices[" + e + "] is " + i
            + "; rows must be in [0, " + rows + ")");
      }
      if (j < 0 || j >= cols) {
        throw new IllegalArgumentException("columnIndices[" + e + "] is " + j
            + "; columns must be in [0, " + cols + ")");
      }
      if (!Double.isFinite(values[e])) {
        throw new IllegalArgumentException("values[" + e + "] (row " + i + ", column " + j
            + ") is " + values[e] + "; values must be finite");
      }
      pointers[i + 1]++;
    }
    return pointers;
  }
}
