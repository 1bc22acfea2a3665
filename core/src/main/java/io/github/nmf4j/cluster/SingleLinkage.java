package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * Single linkage from the minimum spanning tree (Gower and Ross 1969), built by Prim's algorithm
 * with distances computed on the fly: {@code O(n^2 d)} time, {@code O(n)} memory. Sorting the
 * tree's edges by length gives the single-linkage merges (scipy's {@code mst_single_linkage},
 * scikit-learn's {@code mst_linkage_core}).
 */
final class SingleLinkage {

  private SingleLinkage() {}

  /** Adds the merges of the rows of {@code x} to {@code tree}. */
  static void merge(double[] x, int n, int d, Parallel par, Dendrogram tree) {
    double[] key = new double[n];
    int[] from = new int[n];
    boolean[] inTree = new boolean[n];
    Arrays.fill(key, Double.POSITIVE_INFINITY);
    int chunks = Agglomerative.searchChunks(n, d);
    double[] chunkMin = new double[chunks];
    int[] chunkArg = new int[chunks];
    int current = 0;
    inTree[0] = true;
    for (int step = 0; step < n - 1; step++) {
      Parallel.checkInterrupt();
      int c = current;
      par.forEach(chunks, ch -> {
        double min = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int i = Chunks.start(n, chunks, ch), to = Chunks.start(n, chunks, ch + 1); i < to;
            i++) {
          if (inTree[i]) {
            continue;
          }
          double dist = Math.sqrt(Rows.squaredDistance(x, c, x, i, d));
          if (dist < key[i]) {
            key[i] = dist;
            from[i] = c;
          }
          if (key[i] < min || arg < 0) {
            min = key[i];
            arg = i;
          }
        }
        chunkMin[ch] = min;
        chunkArg[ch] = arg;
      });
      int next = -1;
      for (int ch = 0; ch < chunks; ch++) {
        if (chunkArg[ch] >= 0 && (next < 0 || chunkMin[ch] < key[next])) {
          next = chunkArg[ch];
        }
      }
      tree.add(from[next], next, key[next]);
      inTree[next] = true;
      current = next;
    }
  }
}
