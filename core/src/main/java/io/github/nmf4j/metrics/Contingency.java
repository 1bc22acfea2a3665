package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Phrases;
import java.util.Arrays;

/**
 * The contingency table of two labelings of the same {@code n} samples, as scikit-learn's
 * {@code contingency_matrix(..., sparse=True)}: {@code n_ij} the number of samples in true class
 * {@code i} and predicted cluster {@code j}, the class sizes {@code a_i = sum_j n_ij} and the
 * cluster sizes {@code b_j = sum_i n_ij}. Only the non-zero cells are kept, ordered by class and
 * then cluster, so memory is {@code O(n)} however many clusters there are; building it sorts
 * {@code n} keys, {@code O(n log n)}. Counts are {@code long}, so sums of squares ({@code <=
 * n^2}) and products of two sizes never overflow.
 */
final class Contingency {

  final int n;
  /** {@code a_i}, indexed by the rank of the true label among the distinct ones. */
  final long[] classSizes;
  /** {@code b_j}, indexed by the rank of the predicted label. */
  final long[] clusterSizes;
  /** The non-zero {@code n_ij}, with their class {@code i} and cluster {@code j}. */
  final long[] cells;
  final int[] cellClass;
  final int[] cellCluster;

  private Contingency(int n, long[] classSizes, long[] clusterSizes, long[] cells,
      int[] cellClass, int[] cellCluster) {
    this.n = n;
    this.classSizes = classSizes;
    this.clusterSizes = clusterSizes;
    this.cells = cells;
    this.cellClass = cellClass;
    this.cellCluster = cellCluster;
  }

  /**
   * The table of {@code truth} against {@code predicted}; neither array is modified.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  static Contingency of(int[] truth, int[] predicted) {
    if (truth == null || predicted == null) {
      throw new IllegalArgumentException(
          (truth == null ? "truth" : "predicted") + " must not be null");
    }
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + Phrases.count(truth.length, "label")
          + " but predicted has " + predicted.length);
    }
    if (truth.length == 0) {
      throw new IllegalArgumentException("truth and predicted must not be empty");
    }
    int n = truth.length;
    int[] a = Labels.dense(truth);
    int[] b = Labels.dense(predicted);
    int classes = Labels.count(a);
    int clusters = Labels.count(b);
    long[] classSizes = new long[classes];
    long[] clusterSizes = new long[clusters];
    long[] keys = new long[n];
    for (int s = 0; s < n; s++) {
      classSizes[a[s]]++;
      clusterSizes[b[s]]++;
      keys[s] = (long) a[s] * clusters + b[s];
    }
    Arrays.sort(keys);
    int distinct = 0;
    for (int s = 0; s < n; s++) {
      if (s == 0 || keys[s] != keys[s - 1]) {
        distinct++;
      }
    }
    long[] cells = new long[distinct];
    int[] cellClass = new int[distinct];
    int[] cellCluster = new int[distinct];
    int c = -1;
    for (int s = 0; s < n; s++) {
      if (s == 0 || keys[s] != keys[s - 1]) {
        c++;
        cellClass[c] = (int) (keys[s] / clusters);
        cellCluster[c] = (int) (keys[s] % clusters);
      }
      cells[c]++;
    }
    return new Contingency(n, classSizes, clusterSizes, cells, cellClass, cellCluster);
  }

  int classes() {
    return classSizes.length;
  }

  int clusters() {
    return clusterSizes.length;
  }

  /**
   * Whether the two labelings are equal up to renaming: every class is exactly one cluster, so
   * the table has as many non-zero cells as classes and as clusters.
   */
  boolean isPerfectMatch() {
    return cells.length == classes() && cells.length == clusters();
  }

  /** {@code sum v_k^2}, at most {@code n^2 < 2^62}. */
  static long sumOfSquares(long[] v) {
    long s = 0;
    for (long x : v) {
      s += x * x;
    }
    return s;
  }
}
