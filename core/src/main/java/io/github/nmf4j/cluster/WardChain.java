package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * Ward linkage by the nearest-neighbour chain (Murtagh 1983; Müllner, "Modern hierarchical,
 * agglomerative clustering algorithms", 2011) on cluster centroids and sizes, so memory is
 * {@code O(n d)} instead of a distance matrix. The squared Ward distance of clusters {@code A,
 * B} is {@code 2 |A| |B| / (|A| + |B|) |c_A - c_B|^2}, which equals scipy's Lance-Williams
 * recurrence; ties go to the previous chain element, then to the lowest index, as in scipy.
 */
final class WardChain extends NearestNeighborChain {

  /** The ratio of a column's mean to its range from which the column is centred. */
  private static final double OFFSET_RATIO = 1024;

  private final int d;
  private final Parallel par;
  /** Row i: the centroid of the cluster in slot i. */
  private final double[] centroids;
  private final int chunks;
  private final double[] chunkMin;
  private final int[] chunkArg;

  private WardChain(double[] x, int n, int d, Parallel par) {
    super(n);
    this.d = d;
    this.par = par;
    this.centroids = x.clone();
    moveOffsetColumns(centroids, n, d);
    this.chunks = Agglomerative.searchChunks(n, d);
    this.chunkMin = new double[chunks];
    this.chunkArg = new int[chunks];
  }

  /**
   * Subtracts its mean from every column whose mean exceeds {@value #OFFSET_RATIO} times its
   * range in magnitude. Ward's heights depend on differences only, but a centroid is rounded to
   * the ulp of its values: points near 1e12 that differ by about 1 gave heights off by 1e-6
   * relative. Below that ratio the rounding costs less than 1e-13 relative, and such columns
   * are left as they are, so that their merges do not change by a bit.
   */
  private static void moveOffsetColumns(double[] x, int n, int d) {
    for (int f = 0; f < d; f++) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double v = x[i * d + f];
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double mean = sum / n;
      if (max > min && Math.abs(mean) > OFFSET_RATIO * (max - min)) {
        for (int i = 0; i < n; i++) {
          x[i * d + f] -= mean;
        }
      }
    }
  }

  /** Adds the merges of the rows of {@code x} to {@code tree}. */
  static void merge(double[] x, int n, int d, Parallel par, Dendrogram tree) {
    new WardChain(x, n, d, par).run(tree);
  }

  /** The squared Ward distance of the clusters in slots {@code a} and {@code b}. */
  @Override
  double distance(int a, int b) {
    double na = size[a];
    double nb = size[b];
    return 2 * (na * nb) / (na + nb) * Rows.squaredDistance(centroids, a, centroids, b, d);
  }

  /** Searched in parallel by fixed chunks of slots, the chunks' minima taken in chunk order. */
  @Override
  int nearest(int a) {
    par.forEach(chunks, ch -> {
      double min = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int i = Chunks.start(n, chunks, ch), to = Chunks.start(n, chunks, ch + 1); i < to;
          i++) {
        if (size[i] == 0 || i == a) {
          continue;
        }
        double w = distance(a, i);
        if (w < min || arg < 0) {
          min = w;
          arg = i;
        }
      }
      chunkMin[ch] = min;
      chunkArg[ch] = arg;
    });
    int b = -1;
    double min = Double.POSITIVE_INFINITY;
    for (int ch = 0; ch < chunks; ch++) {
      if (chunkArg[ch] >= 0 && (b < 0 || chunkMin[ch] < min)) {
        min = chunkMin[ch];
        b = chunkArg[ch];
      }
    }
    return b;
  }

  /** The tree gets the Ward distance (the square root); the merged centroid goes to slot hi. */
  @Override
  void merge(int lo, int hi, double current, Dendrogram tree) {
    tree.add(lo, hi, Math.sqrt(current));
    double wl = size[lo];
    double wh = size[hi];
    for (int f = 0; f < d; f++) {
      centroids[hi * d + f] = (wl * centroids[lo * d + f] + wh * centroids[hi * d + f])
          / (wl + wh);
    }
  }
}
