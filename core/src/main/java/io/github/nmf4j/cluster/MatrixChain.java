package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * Complete and average linkage by the nearest-neighbour chain (Murtagh 1983; Müllner 2011) on
 * the condensed Euclidean distance matrix, updated by the Lance-Williams formulas: complete
 * {@code d(k, A+B) = max(d(k, A), d(k, B))}, average {@code (|A| d(k, A) + |B| d(k, B)) / (|A|
 * + |B|)}. The matrix takes {@code n (n - 1) / 2} doubles; the merged cluster lives in the slot
 * of the larger index, and ties go to the previous chain element, then to the lowest index, as
 * in scipy's {@code nn_chain}.
 */
final class MatrixChain extends NearestNeighborChain {

  /** The largest n whose condensed matrix fits in one Java array. */
  static final int MAX_POINTS = 65_536;

  /** The condensed distance matrix, overwritten as clusters merge. */
  private final double[] dist;
  private final Linkage linkage;

  private MatrixChain(double[] dist, int n, Linkage linkage) {
    super(n);
    this.dist = dist;
    this.linkage = linkage;
  }

  /** Adds the merges of the rows of {@code x} under {@code linkage} to {@code tree}. */
  static void merge(double[] x, int n, int d, Linkage linkage, Parallel par, Dendrogram tree) {
    mergeDistances(distances(x, n, d, par), n, linkage, tree);
  }

  /**
   * Adds the merges of {@code n} points whose condensed distance matrix is {@code dist} (row
   * {@code i < j} at {@link #index}; overwritten) under {@code linkage} to {@code tree}.
   */
  static void mergeDistances(double[] dist, int n, Linkage linkage, Dendrogram tree) {
    new MatrixChain(dist, n, linkage).run(tree);
  }

  @Override
  double distance(int a, int b) {
    return dist[index(n, a, b)];
  }

  @Override
  int nearest(int a) {
    int b = -1;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (size[i] == 0 || i == a) {
        continue;
      }
      double v = dist[index(n, a, i)];
      if (v < min || b < 0) {
        min = v;
        b = i;
      }
    }
    return b;
  }

  /** Lance-Williams: the merged cluster's distances go to row {@code hi}. */
  @Override
  void merge(int lo, int hi, double current, Dendrogram tree) {
    tree.add(lo, hi, current);
    double nl = size[lo];
    double nh = size[hi];
    for (int i = 0; i < n; i++) {
      if (size[i] == 0 || i == lo || i == hi) {
        continue;
      }
      int ih = index(n, i, hi);
      double dl = dist[index(n, i, lo)];
      double dh = dist[ih];
      dist[ih] = linkage == Linkage.COMPLETE
          ? Math.max(dl, dh)
          : (nl * dl + nh * dh) / (nl + nh);
    }
  }

  /** The index of pair {@code (i, j)}, {@code i != j}, in the condensed matrix (scipy's order). */
  static int index(int n, int i, int j) {
    int lo = Math.min(i, j);
    int hi = Math.max(i, j);
    return (int) ((long) n * lo - (long) lo * (lo + 1) / 2 + hi - lo - 1);
  }

  /** The condensed matrix of Euclidean distances, rows filled in parallel. */
  private static double[] distances(double[] x, int n, int d, Parallel par) {
    double[] dist = new double[(int) ((long) n * (n - 1) / 2)];
    int rowsPerTask = 64;
    par.forEach((n + rowsPerTask - 1) / rowsPerTask, t -> {
      for (int i = t * rowsPerTask, end = Math.min(n, i + rowsPerTask); i < end; i++) {
        int base = index(n, i, i + 1) - (i + 1);
        for (int j = i + 1; j < n; j++) {
          dist[base + j] = Math.sqrt(Rows.squaredDistance(x, i, x, j, d));
        }
      }
    });
    return dist;
  }
}
