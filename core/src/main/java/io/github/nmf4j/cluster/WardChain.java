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
    this.chunks = Agglomerative.searchChunks(n, d);
    this.chunkMin = new double[chunks];
    this.chunkArg = new int[chunks];
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
