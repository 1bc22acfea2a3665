package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * The common part of the assignment strategies that compute distances directly, {@code sum_f
 * (x_f - c_f)^2} in feature order ({@link Rows#squaredDistance}): per fixed chunk of points (in
 * parallel) the labels, the squared distance of every point to its centroid and the per-chunk
 * cluster sums ({@link ClusterSums}), combined in chunk order; the inertia is the sum of those
 * distances, exact on every iteration. A subclass assigns a chunk ({@link #assignChunk}).
 */
abstract class DirectAssignment implements Assignment {

  final double[] x;
  final int n;
  final int d;
  final int k;
  final int[] labels;
  /** Per point, the squared distance to its centroid after the last assignment. */
  final double[] dist;
  private final Parallel par;
  private final int chunks;
  private final ClusterSums[] partialSums;
  private final double[] partialInertia;
  private final boolean[] partialChanged;
  private final double[] sums;
  private final int[] counts;
  private double inertia;

  DirectAssignment(double[] x, int n, int d, int k, Parallel par) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.par = par;
    this.chunks = Chunks.count(n, (long) k * (d + 1));
    this.labels = new int[n];
    this.dist = new double[n];
    this.partialSums = new ClusterSums[chunks];
    this.partialInertia = new double[chunks];
    this.partialChanged = new boolean[chunks];
    for (int ch = 0; ch < chunks; ch++) {
      partialSums[ch] = new ClusterSums(k, d);
    }
    this.sums = new double[k * d];
    this.counts = new int[k];
  }

  /** The number of fixed chunks (parallel tasks); chunk {@code ch} has its own scratch. */
  final int chunks() {
    return chunks;
  }

  /** Takes the centroids of the next assignment; {@code moves} as in {@link #assign}. */
  abstract void prepare(double[] centers, CentroidMoves moves);

  /**
   * Assigns points {@code [from, to)} of chunk {@code ch}: writes {@code labels} and {@code
   * dist}; returns whether a label changed.
   *
   * @param bounded whether the labels (and any bounds) hold valid state from the previous step
   */
  abstract boolean assignChunk(int ch, int from, int to, double[] centers, boolean bounded);

  /** Point {@code i} was moved to another cluster from outside: forget what was known of it. */
  abstract void forget(int i);

  @Override
  public final boolean assign(double[] centers, CentroidMoves moves) {
    pass(centers, moves, true);
    Arrays.fill(sums, 0);
    Arrays.fill(counts, 0);
    for (ClusterSums partial : partialSums) {
      partial.addTo(sums, counts);
    }
    if (moves == null) {
      return true; // labels left over from an earlier run do not count
    }
    return Chunks.any(partialChanged);
  }

  /** One assignment of every chunk, with the chunks' sums if {@code withSums}. */
  private void pass(double[] centers, CentroidMoves moves, boolean withSums) {
    prepare(centers, moves);
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      partialChanged[ch] = assignChunk(ch, from, to, centers, moves != null);
      partialInertia[ch] = ClusterSums.inertia(dist, from, to);
      if (withSums) {
        partialSums[ch].sum(x, from, to, labels);
      }
    });
    inertia = Rows.sumInOrder(partialInertia);
  }

  @Override
  public final double inertia() {
    return inertia;
  }

  @Override
  public final boolean fillEmptyClusters(double[] centers) {
    boolean relocated = false;
    for (int j = 0; j < k; j++) {
      if (counts[j] != 0) {
        continue;
      }
      int far = EmptyClusters.takeDonor(dist, labels, counts, n, j);
      int old = labels[far];
      for (int f = 0; f < d; f++) {
        sums[old * d + f] -= x[far * d + f];
        sums[j * d + f] = x[far * d + f];
      }
      labels[far] = j;
      dist[far] = 0;
      forget(far);
      relocated = true;
    }
    return relocated;
  }

  /**
   * {@inheritDoc} A mean whose sum overflowed (values near {@code Double.MAX_VALUE}) is computed
   * again without overflow ({@link Rows#carefulMean}).
   */
  @Override
  public final void update(double[] next) {
    for (int j = 0; j < k; j++) {
      for (int f = 0; f < d; f++) {
        double mean = sums[j * d + f] / counts[j];
        next[j * d + f] = Double.isFinite(mean) ? mean : Rows.carefulMean(x, n, d, f, labels, j);
      }
    }
  }

  @Override
  public final double finish(double[] centers, CentroidMoves moves, boolean relabel) {
    if (relabel) {
      pass(centers, moves, false);
      return inertia;
    }
    EmptyClusters.distancesToOwn(par, n, chunks, dist, partialInertia,
        i -> Rows.squaredDistance(x, i, centers, labels[i], d));
    return Rows.sumInOrder(partialInertia);
  }

  @Override
  public final int[] labels() {
    return labels;
  }
}
