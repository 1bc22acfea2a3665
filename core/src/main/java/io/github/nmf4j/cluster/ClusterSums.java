package io.github.nmf4j.cluster;

import java.util.Arrays;

/**
 * Per-chunk sums of the points of every cluster, for the update step of Lloyd's algorithm.
 *
 * <p>Point {@code i} is added to bank {@code i mod 4}, and the banks are added in order at the
 * end: neighbouring points usually share a cluster (pixels of one region), and adding them to
 * one accumulator would chain every addition to the previous one through memory; four banks
 * make four independent chains. The order of additions depends only on the points' indices, so
 * results do not depend on the number of threads. The inertia (the sum of the squared
 * distances) is summed the same way, by {@link #inertia(double[], int, int)}.
 */
final class ClusterSums {

  private static final int BANKS = 4;

  private final int k;
  private final int d;
  private final double[][] sums;
  private final int[][] counts;

  ClusterSums(int k, int d) {
    this.k = k;
    this.d = d;
    this.sums = new double[BANKS][k * d];
    this.counts = new int[BANKS][k];
  }

  /** Sums points {@code [from, to)} of {@code x} by label; forgets earlier calls. */
  void sum(double[] x, int from, int to, int[] labels) {
    for (int b = 0; b < BANKS; b++) {
      Arrays.fill(sums[b], 0);
      Arrays.fill(counts[b], 0);
    }
    if (d == 3) {
      sum3(x, from, to, labels);
      return;
    }
    for (int i = from; i < to; i++) {
      int b = i & (BANKS - 1);
      double[] s = sums[b];
      int l = labels[i];
      counts[b][l]++;
      for (int f = 0, so = l * d, xo = i * d; f < d; f++) {
        s[so + f] += x[xo + f];
      }
    }
  }

  private void sum3(double[] x, int from, int to, int[] labels) {
    double[] s0 = sums[0];
    double[] s1 = sums[1];
    double[] s2 = sums[2];
    double[] s3 = sums[3];
    int[] n0 = counts[0];
    int[] n1 = counts[1];
    int[] n2 = counts[2];
    int[] n3 = counts[3];
    int i = from;
    for (; i < to && (i & 3) != 0; i++) {
      add3(x, i, labels[i], sums[i & 3], counts[i & 3]);
    }
    for (; i + 3 < to; i += 4) {
      add3(x, i, labels[i], s0, n0);
      add3(x, i + 1, labels[i + 1], s1, n1);
      add3(x, i + 2, labels[i + 2], s2, n2);
      add3(x, i + 3, labels[i + 3], s3, n3);
    }
    for (; i < to; i++) {
      add3(x, i, labels[i], sums[i & 3], counts[i & 3]);
    }
  }

  private static void add3(double[] x, int i, int l, double[] s, int[] n) {
    n[l]++;
    s[3 * l] += x[3 * i];
    s[3 * l + 1] += x[3 * i + 1];
    s[3 * l + 2] += x[3 * i + 2];
  }

  /** The sum of {@code dist[from..to)}, in four banks by index, added in order. */
  static double inertia(double[] dist, int from, int to) {
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    int i = from;
    for (; i < to && (i & 3) != 0; i++) {
      switch (i & 3) {
        case 1:
          b1 += dist[i];
          break;
        case 2:
          b2 += dist[i];
          break;
        default:
          b3 += dist[i];
      }
    }
    for (; i + 3 < to; i += 4) {
      b0 += dist[i];
      b1 += dist[i + 1];
      b2 += dist[i + 2];
      b3 += dist[i + 3];
    }
    for (; i < to; i++) {
      switch (i & 3) {
        case 0:
          b0 += dist[i];
          break;
        case 1:
          b1 += dist[i];
          break;
        default:
          b2 += dist[i];
      }
    }
    return ((b0 + b1) + b2) + b3;
  }

  /**
   * Adds this chunk's sums and counts (banks in order) to {@code total} and {@code totalCounts}.
   */
  void addTo(double[] total, int[] totalCounts) {
    for (int i = 0; i < k * d; i++) {
      total[i] += ((sums[0][i] + sums[1][i]) + sums[2][i]) + sums[3][i];
    }
    for (int j = 0; j < k; j++) {
      totalCounts[j] += counts[0][j] + counts[1][j] + counts[2][j] + counts[3][j];
    }
  }
}
