package io.github.nmf4j.io;

import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;

/**
 * The sparse matrix of a file's (row, column, value) entries as SciPy's {@code tocsr()} builds
 * it: repeated entries summed in file order, and every position the file stores kept, zeros
 * included (an explicit zero, or duplicates that cancel). {@link SparseMatrix#fromTriplets}
 * drops zeros instead, which would make a stored zero read from a file differ from the same
 * zero in a canonical {@code .npz}, and a matrix written with explicit zeros read back unequal.
 */
final class StoredTriplets {

  private StoredTriplets() {}

  /**
   * The matrix of entries whose indices are in range and whose values are finite (the readers
   * check both): a stable counting sort by row, then by column within each row keeping equal
   * columns in file order, so duplicates are summed as {@link SparseMatrix#fromTriplets} sums
   * them.
   *
   * @throws IllegalArgumentException if a sum of duplicates is not finite
   */
  static SparseMatrix build(int rows, int cols, int[] rowIndices, int[] columnIndices,
      double[] values) {
    int n = values.length;
    int[] counts = new int[rows + 1];
    for (int e = 0; e < n; e++) {
      counts[rowIndices[e] + 1]++;
    }
    for (int i = 0; i < rows; i++) {
      counts[i + 1] += counts[i];
    }
    int[] next = Arrays.copyOf(counts, rows);
    // key: column in the high half, position within the row in the low half
    long[] keys = new long[n];
    int[] order = new int[n];
    for (int e = 0; e < n; e++) {
      int i = rowIndices[e];
      int at = next[i]++;
      keys[at] = ((long) columnIndices[e] << 32) | (at - counts[i]);
      order[at] = e;
    }
    int[] pointers = new int[rows + 1];
    int[] columns = new int[n];
    double[] sums = new double[n];
    int out = 0;
    for (int i = 0; i < rows; i++) {
      int start = counts[i];
      int end = counts[i + 1];
      Arrays.sort(keys, start, end);
      int q = start;
      while (q < end) {
        int column = (int) (keys[q] >>> 32);
        double sum = values[order[start + (int) keys[q]]];
        q++;
        while (q < end && (int) (keys[q] >>> 32) == column) {
          sum += values[order[start + (int) keys[q]]];
          q++;
        }
        if (!Double.isFinite(sum)) {
          throw new IllegalArgumentException("the values at row " + i + ", column " + column
              + " sum to " + sum + "; values must be finite");
        }
        columns[out] = column;
        sums[out++] = sum;
      }
      pointers[i + 1] = out;
    }
    return SparseMatrix.wrapCsr(rows, cols, pointers, Arrays.copyOf(columns, out),
        Arrays.copyOf(sums, out));
  }
}
