package io.github.nmf4j.cluster;

import java.util.Arrays;

/**
 * Per-chunk sums of the points of every cluster for wide points (the product steps of {@link
 * Lloyd}), one row array per cluster. Each point is copied into a scratch row first, so that the
 * addition loop indexes both arrays by the bare loop variable, the form HotSpot C2 vectorizes.
 * Points are added in index order, so results do not depend on the number of threads.
 */
final class RowSums {

  private final int k;
  private final int d;
  private final double[][] rows;
  private final int[] counts;
  private final double[] row;

  RowSums(int k, int d) {
    this.k = k;
    this.d = d;
    this.rows = new double[k][d];
    this.counts = new int[k];
    this.row = new double[d];
  }

  /** Forgets earlier sums. */
  void clear() {
    for (double[] r : rows) {
      Arrays.fill(r, 0);
    }
    Arrays.fill(counts, 0);
  }

  /** Adds points {@code [from, to)} of {@code x} (row-major, width d) by label, in order. */
  void add(double[] x, int from, int to, int[] labels) {
    double[] r = row;
    for (int i = from; i < to; i++) {
      int l = labels[i];
      counts[l]++;
      System.arraycopy(x, i * d, r, 0, d);
      addRow(rows[l], r, d);
    }
  }

  private static void addRow(double[] sum, double[] r, int d) {
    for (int f = 0; f < d; f++) {
      sum[f] += r[f];
    }
  }

  /** Adds these sums and counts to the row-major {@code total} (k x d) and {@code totalCounts}. */
  void addTo(double[] total, int[] totalCounts) {
    for (int j = 0; j < k; j++) {
      double[] r = rows[j];
      int o = j * d;
      for (int f = 0; f < d; f++) {
        total[o + f] += r[f];
      }
      totalCounts[j] += counts[j];
    }
  }
}
