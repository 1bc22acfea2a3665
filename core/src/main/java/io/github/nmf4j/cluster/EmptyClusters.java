package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;

/**
 * How every assignment step re-seeds an empty cluster, as scikit-learn's {@code
 * _relocate_empty_clusters}: the point farthest from its centroid, among the points whose
 * cluster keeps at least one other point, moves to the empty cluster (the first such point on
 * ties).
 */
final class EmptyClusters {

  private EmptyClusters() {}

  /** Whether one of the {@code k} clusters has no point ({@code size} gives a cluster's count). */
  static boolean any(int k, IntUnaryOperator size) {
    boolean empty = false;
    for (int j = 0; j < k; j++) {
      empty |= size.applyAsInt(j) == 0;
    }
    return empty;
  }

  /**
   * The point that moves to the empty cluster {@code j}: the first of the largest {@code
   * dist[i]} over the points {@code i < n} whose cluster {@code labels[i]} has more than one
   * point.
   *
   * @throws IllegalStateException if no cluster has two points
   */
  static int donor(double[] dist, int[] labels, int n, IntUnaryOperator size, int j) {
    int far = -1;
    double farthest = -1;
    for (int i = 0; i < n; i++) {
      if (dist[i] > farthest && size.applyAsInt(labels[i]) > 1) {
        farthest = dist[i];
        far = i;
      }
    }
    if (far < 0) {
      throw new IllegalStateException("no point to re-seed empty cluster " + j);
    }
    return far;
  }

  /**
   * {@link #donor} for the clusters' sizes in {@code counts}, whose point moves in the counts
   * from its cluster to {@code j}; {@code labels[donor]} is still the old cluster.
   */
  static int takeDonor(double[] dist, int[] labels, int[] counts, int n, int j) {
    int far = donor(dist, labels, n, c -> counts[c], j);
    counts[labels[far]]--;
    counts[j] = 1;
    return far;
  }

  /**
   * {@code dist[i] = distance(i)}, every point's squared distance to its own centroid, chunk by
   * chunk, and each chunk's inertia in {@code partialInertia} ({@link ClusterSums#inertia}).
   */
  static void distancesToOwn(Parallel par, int n, int chunks, double[] dist,
      double[] partialInertia, IntToDoubleFunction distance) {
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      for (int i = from; i < to; i++) {
        dist[i] = distance.applyAsDouble(i);
      }
      partialInertia[ch] = ClusterSums.inertia(dist, from, to);
    });
  }
}
