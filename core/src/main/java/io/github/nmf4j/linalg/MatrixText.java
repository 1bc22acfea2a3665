package io.github.nmf4j.linalg;

import java.util.Arrays;

/**
 * The texts of {@link Matrix#toString()} and {@link SparseMatrix#toString()}: the shape and the
 * first few elements, never the whole of a large matrix.
 */
final class MatrixText {

  /** The most rows, columns or stored entries shown. */
  static final int SHOWN = 6;

  private MatrixText() {}

  /**
   * {@code "Matrix RxC [[..], ..]"}; for more than {@value #SHOWN} rows or columns only the first
   * and last few of each, with {@code ...} between them.
   */
  static String dense(int rows, int cols, double[] data) {
    StringBuilder sb = new StringBuilder("Matrix ").append(rows + "x" + cols).append(" [");
    int[] shownRows = shownIndices(rows);
    int[] shownCols = shownIndices(cols);
    for (int a = 0; a < shownRows.length; a++) {
      if (a > 0) {
        sb.append(", ");
        if (shownRows[a] != shownRows[a - 1] + 1) {
          sb.append("..., ");
        }
      }
      sb.append('[');
      for (int b = 0; b < shownCols.length; b++) {
        if (b > 0) {
          sb.append(", ");
          if (shownCols[b] != shownCols[b - 1] + 1) {
            sb.append("..., ");
          }
        }
        sb.append(data[shownRows[a] * cols + shownCols[b]]);
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }

  private static int[] shownIndices(int n) {
    if (n <= SHOWN) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int half = SHOWN / 2;
    int[] some = new int[SHOWN];
    for (int i = 0; i < half; i++) {
      some[i] = i;
      some[half + i] = n - half + i;
    }
    return some;
  }

  /** {@code "SparseMatrix RxC, N stored [(i, j)=v, ...]"}, the first {@value #SHOWN} entries. */
  static String sparse(int rows, int cols, int[] rowPointers, int[] columnIndices,
      double[] values) {
    StringBuilder sb = new StringBuilder("SparseMatrix ").append(rows + "x" + cols).append(", ")
        .append(values.length).append(" stored [");
    int shown = 0;
    for (int i = 0; i < rows && shown < SHOWN; i++) {
      for (int q = rowPointers[i]; q < rowPointers[i + 1] && shown < SHOWN; q++, shown++) {
        if (shown > 0) {
          sb.append(", ");
        }
        sb.append('(').append(i).append(", ").append(columnIndices[q]).append(")=")
            .append(values[q]);
      }
    }
    if (shown < values.length) {
      sb.append(", ...");
    }
    return sb.append(']').toString();
  }
}
