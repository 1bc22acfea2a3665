package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * The product path of {@link Lloyd} for wide data, in one place: the assignment kernel ({@link
 * ProductAssignment}) with its per-chunk scratch, and the cluster statistics kept across
 * iterations ({@link ProductSums}) with their per-chunk changes. Lloyd drives it through the
 * same phases as its direct path: prepare, assign every chunk (in parallel), combine in chunk
 * order, re-seed empty clusters, compute the new centroids.
 */
final class ProductStep {

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final int chunks;
  private final boolean bounded;
  private final ProductAssignment assignment;
  private final ProductSums sums;
  private final ProductSums.Delta[] deltas;
  private final ProductAssignment.Scratch[] scratch;

  /**
   * @param bounded whether to spare the product with bounds (Hamerly's, or Elkan's if {@code
   *     elkan})
   * @param mean the centring vector, computed if null
   * @param pointNorms {@code |x_i - mean|^2}, computed if null
   */
  ProductStep(double[] x, int n, int d, int k, int chunks, boolean bounded, boolean elkan,
      double[] mean, double[] pointNorms, Parallel par) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.chunks = chunks;
    this.bounded = bounded;
    double[] centring = mean != null ? mean : WideRows.mean(x, n, d, par);
    this.assignment = new ProductAssignment(x, n, d, k, centring, pointNorms, elkan, par);
    this.sums = new ProductSums(k, d, centring);
    this.deltas = new ProductSums.Delta[chunks];
    this.scratch = new ProductAssignment.Scratch[chunks];
    for (int ch = 0; ch < chunks; ch++) {
      deltas[ch] = new ProductSums.Delta(k, d);
      scratch[ch] = new ProductAssignment.Scratch(d, k);
    }
  }

  /** The number of fixed chunks for {@code n} points of width {@code d} and {@code k} clusters. */
  static int chunks(int n, int d, int k) {
    return ProductAssignment.chunks(n, d, k, (long) k * (d + 1));
  }

  /** Takes the centroids of the next assignment; {@code fresh} starts the statistics anew. */
  void prepare(double[] centers, boolean fresh, boolean withSums) {
    assignment.prepare(centers, bounded);
    if (fresh && withSums) {
      sums.reset();
    }
  }

  /**
   * Assigns the points of chunk {@code ch}, {@code [from, to)}; returns whether a label changed.
   * See {@link ProductAssignment#assign} for the arguments.
   */
  boolean assign(int ch, int from, int to, double[] centers, int[] labels, double[] lower,
      boolean useBounds, boolean fresh, double[] drift, double[] moves, boolean withSums) {
    ProductSums.Delta delta = withSums ? deltas[ch] : null;
    if (delta != null) {
      delta.clear();
    }
    ProductAssignment.Scratch w = scratch[ch];
    assignment.assign(from, to, centers, labels, lower, useBounds, fresh, drift, moves, delta, w);
    return w.changed;
  }

  /** Adds the chunks' changes in order; returns the inertia of the assignment. */
  double combine() {
    sums.add(deltas);
    return assignment.inertia(sums);
  }

  /** The new centroids, {@code mean + S_j / n_j}. */
  void centroids(double[] next) {
    sums.centroids(next);
  }

  /**
   * Gives every empty cluster the point farthest from its centroid (ties to the lowest index),
   * taken only from clusters that keep another point, as {@link Lloyd} does on the direct path;
   * the distances of all points to their centroid are computed exactly into {@code dist}, only
   * when a cluster is empty. Returns whether a point moved.
   */
  boolean relocateEmptyClusters(double[] centers, int[] labels, double[] dist, double[] lower,
      Parallel par) {
    boolean empty = false;
    for (int j = 0; j < k; j++) {
      empty |= sums.count(j) == 0;
    }
    if (!empty) {
      return false;
    }
    par.forEach(chunks, ch -> {
      for (int i = Chunks.start(n, chunks, ch), end = Chunks.start(n, chunks, ch + 1);
          i < end; i++) {
        dist[i] = WideRows.squaredDistance(x, i, centers, labels[i], d);
      }
    });
    for (int j = 0; j < k; j++) {
      if (sums.count(j) != 0) {
        continue;
      }
      int far = -1;
      double farthest = -1;
      for (int i = 0; i < n; i++) {
        if (dist[i] > farthest && sums.count(labels[i]) > 1) {
          farthest = dist[i];
          far = i;
        }
      }
      if (far < 0) {
        throw new IllegalStateException("no point to re-seed empty cluster " + j);
      }
      sums.relocate(x, far, assignment.pointNorm(far), labels[far], j);
      labels[far] = j;
      dist[far] = 0;
      assignment.forget(far);
      if (lower != null) {
        lower[far] = 0;
      }
    }
    return true;
  }

  /** Points that took the product since this step was made (for tests). */
  long scanned() {
    long s = 0;
    for (ProductAssignment.Scratch w : scratch) {
      s += w.scanned;
    }
    return s;
  }
}
