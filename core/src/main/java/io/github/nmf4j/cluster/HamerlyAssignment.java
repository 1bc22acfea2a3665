package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * Direct distances with Hamerly's bounds ({@link DirectBounds}), for any number of features: a
 * point the bounds cannot settle is scanned in full, its distances to all {@code k} centroids
 * computed by {@link Rows#squaredDistance}, starting from its current centroid (ties to the
 * lowest index, as the unbounded step). Every point's distance to its own centroid is computed
 * with the same formula, so labels and distances, and from them the sums and the inertia, are
 * bit-identical to those of plain Lloyd (a tested property).
 */
final class HamerlyAssignment extends DirectAssignment {

  private final DirectBounds bounds;
  private final int[][] todo;

  HamerlyAssignment(double[] x, int n, int d, int k, Parallel par) {
    super(x, n, d, k, par);
    this.bounds = new DirectBounds(x, n, d, k);
    this.todo = new int[chunks()][NearestCentroid.BLOCK];
  }

  @Override
  void prepare(double[] centers, CentroidMoves moves) {
    bounds.prepare(centers, moves);
  }

  @Override
  boolean assignChunk(int ch, int from, int to, double[] c, boolean bounded) {
    int[] pending = todo[ch];
    boolean changed = false;
    for (int start = from; start < to; start += NearestCentroid.BLOCK) {
      int end = Math.min(to, start + NearestCentroid.BLOCK);
      int count = 0;
      for (int i = start; i < end; i++) {
        if (bounded) {
          double own = Rows.squaredDistance(x, i, c, labels[i], d);
          dist[i] = own;
          if (bounds.skips(i, labels[i], own)) {
            continue;
          }
        }
        pending[count++] = i;
      }
      for (int t = 0; t < count; t++) {
        changed |= scan(pending[t], c, bounded);
      }
    }
    return changed;
  }

  /**
   * The full scan of one point: nearest (lowest index on ties) and second-nearest centroid,
   * starting from its current centroid when {@code bounded}; returns whether its label changed.
   */
  private boolean scan(int i, double[] c, boolean bounded) {
    int previous = bounded ? labels[i] : -1;
    double best = bounded ? dist[i] : Double.POSITIVE_INFINITY;
    int label = bounded ? previous : 0;
    double second = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (j == previous) {
        continue;
      }
      double v = Rows.squaredDistance(x, i, c, j, d);
      if (v < best || (v == best && j < label)) {
        second = best;
        best = v;
        label = j;
      } else if (v < second) {
        second = v;
      }
    }
    labels[i] = label;
    dist[i] = best;
    bounds.lower[i] = Math.sqrt(second);
    return label != previous;
  }

  @Override
  void forget(int i) {
    bounds.lower[i] = 0; // its bound referred to its old centroid
  }
}
