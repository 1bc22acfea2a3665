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
final class WardChain {

  private WardChain() {}

  /** Adds the merges of the rows of {@code x} to {@code tree}. */
  static void merge(double[] x, int n, int d, Parallel par, Dendrogram tree) {
    double[] centroids = x.clone();
    int[] size = new int[n];
    java.util.Arrays.fill(size, 1);
    int[] chain = new int[n];
    int length = 0;
    int chunks = Agglomerative.searchChunks(n, d);
    double[] chunkMin = new double[chunks];
    int[] chunkArg = new int[chunks];
    for (int merge = 0; merge < n - 1; merge++) {
      Parallel.checkInterrupt();
      if (length == 0) {
        chain[length++] = firstActive(size);
      }
      int a;
      int b;
      double current;
      while (true) {
        a = chain[length - 1];
        int previous = length > 1 ? chain[length - 2] : -1;
        current = previous >= 0
            ? ward(centroids, size, a, previous, d)
            : Double.POSITIVE_INFINITY;
        int ax = a;
        par.forEach(chunks, ch -> {
          double min = Double.POSITIVE_INFINITY;
          int arg = -1;
          for (int i = Chunks.start(n, chunks, ch), to = Chunks.start(n, chunks, ch + 1); i < to;
              i++) {
            if (size[i] == 0 || i == ax) {
              continue;
            }
            double w = ward(centroids, size, ax, i, d);
            if (w < min || arg < 0) {
              min = w;
              arg = i;
            }
          }
          chunkMin[ch] = min;
          chunkArg[ch] = arg;
        });
        b = previous;
        for (int ch = 0; ch < chunks; ch++) {
          if (chunkArg[ch] >= 0 && (b < 0 || chunkMin[ch] < current)) {
            current = chunkMin[ch];
            b = chunkArg[ch];
          }
        }
        if (b == previous) {
          break;
        }
        chain[length++] = b;
      }
      length -= 2;
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      tree.add(lo, hi, Math.sqrt(current));
      double wl = size[lo];
      double wh = size[hi];
      for (int f = 0; f < d; f++) {
        centroids[hi * d + f] = (wl * centroids[lo * d + f] + wh * centroids[hi * d + f])
            / (wl + wh);
      }
      size[hi] += size[lo];
      size[lo] = 0;
    }
  }

  /** The squared Ward distance of the clusters in slots {@code a} and {@code b}. */
  private static double ward(double[] c, int[] size, int a, int b, int d) {
    double na = size[a];
    double nb = size[b];
    return 2 * (na * nb) / (na + nb) * Rows.squaredDistance(c, a, c, b, d);
  }

  static int firstActive(int[] size) {
    for (int i = 0; i < size.length; i++) {
      if (size[i] > 0) {
        return i;
      }
    }
    throw new IllegalStateException("no active cluster");
  }
}
