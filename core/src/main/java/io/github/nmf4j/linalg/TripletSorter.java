package io.github.nmf4j.linalg;

import java.util.Arrays;

/**
 * Sorts checked (row, column, value) triplets into CSR form for {@link
 * SparseMatrix#fromTriplets}: a stable counting sort by row, then a sort by column within each
 * row that keeps equal columns in input order, so duplicates are summed in the order the caller
 * gave them; zero sums are dropped unless kept. {@code O(nnz log(row length) + rows)} time, {@code 12 nnz}
 * bytes of scratch besides the result.
 */
final class TripletSorter {

  private TripletSorter() {}

  /**
   * @param counts {@code rows + 1} entries, {@code counts[i + 1]} the number of triplets in row
   *     {@code i}; used as scratch
   * @param keepZeros whether a position whose values sum to zero is stored
   */
  static SparseMatrix build(int rows, int cols, int[] counts, int[] rowIndices,
      int[] columnIndices, double[] values, boolean keepZeros) {
    int n = values.length;
    for (int i = 0; i < rows; i++) {
      counts[i + 1] += counts[i];
    }
    int[] next = Arrays.copyOf(counts, rows);
    // key: column in the high half, position within the row in the low half, so that sorting
    // the keys of a row orders it by column and keeps duplicates in input order
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
    double[] vals = new double[n];
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
        if (sum != 0 || keepZeros) {
          columns[out] = column;
          vals[out++] = sum;
        }
      }
      pointers[i + 1] = out;
    }
    return SparseMatrix.adopt(rows, cols, pointers, Arrays.copyOf(columns, out),
        Arrays.copyOf(vals, out));
  }
}
