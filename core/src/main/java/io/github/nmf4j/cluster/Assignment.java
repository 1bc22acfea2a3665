package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * The assignment step of a k-means loop, with the cluster statistics it collects: the seam
 * between the loop ({@link Lloyd}: assign, re-seed empty clusters, update, test convergence) and
 * how the nearest centroid of each point is found. An implementation is built once per fit for
 * one data set (its points, {@code k}, the fixed chunks of {@link Chunks} and all scratch space)
 * and reused across restarts; the loop never asks which one it has.
 *
 * <p>The strategies of this package, chosen once by {@link KMeans#fit}:
 *
 * <ul>
 *   <li>{@link HamerlyAssignment}: distances computed directly, most skipped by Hamerly's
 *       bounds (few features);
 *   <li>{@link PixelAssignment}: the same with scans for three features that run across a
 *       block of points (RGB pixels), on the Vector API when the JVM has it ({@link
 *       NearestCentroid#SCANS});
 *   <li>{@link ProductAssignment}: the product form {@code |c'|^2 - 2 x'.c'} from matrix
 *       products ({@link io.github.nmf4j.linalg.kernel.CentredProducts}), spared by Hamerly's
 *       or Elkan's bounds ({@link HamerlyBounds}, {@link ElkanBounds}) (wide data);
 *   <li>{@link SparseAssignment}: the product form {@code |c|^2 - 2 x.c} from the stored entries
 *       of sparse rows, not centred ({@link KMeans#fit(io.github.nmf4j.linalg.SparseMatrix)});
 *   <li>{@link SphericalAssignment} and {@link SparseSphericalAssignment}: the largest {@code
 *       x.c} over unit-length rows and centroids ({@link Distance#COSINE}), dense or sparse.
 * </ul>
 *
 * <p><b>Contract.</b> Labels are the lowest-index nearest centroid under the strategy's distance;
 * results (labels, statistics, inertia, and so centroids) depend only on the data's shape and
 * values, never on the thread count. Bounds may spare work but never change a result: a bounded
 * strategy gives bit for bit the results of the same strategy without bounds (the oracles in the
 * tests). {@link #fillEmptyClusters} gives every empty cluster the point farthest from its
 * centroid (ties to the lowest index) taken from a cluster that keeps another point.
 *
 * <p><b>Other k-means variants plug in here.</b> Spherical (cosine) k-means is an implementation
 * whose nearest centroid maximizes {@code x.c} over unit-length centroids and whose {@link
 * #update} normalizes each cluster's mean; {@link Lloyd}'s loop and its convergence test on the
 * centroid shift serve it unchanged. Mini-batch k-means has its own loop (a batch per step, a
 * per-centroid learning rate) and uses implementations as building blocks: one built over a
 * reusable batch buffer, run with {@code moves == null} on every batch (labels from nothing, no
 * bounds carried between batches), and one over all the data for the final labels and inertia
 * ({@link #assign} then {@link #finish}). Neither needs a flag here.
 */
interface Assignment {

  /**
   * The strategy {@link KMeans#fit} uses for the rows of {@code x} (n x d) and {@code k}
   * clusters: the product form when {@code pointNorms} is given ({@code |x_i - mean|^2}; see
   * {@link KMeans#productForm}), with Elkan's bounds when they fit in memory ({@link
   * ElkanBounds#fits}), else Hamerly's; otherwise direct distances, with the pixel kernel for
   * three features.
   */
  static Assignment choose(double[] x, int n, int d, int k, double[] mean, double[] pointNorms,
      Parallel par) {
    if (pointNorms != null) {
      ProductBounds bounds = ElkanBounds.fits(n, d, k)
          ? new ElkanBounds(x, n, d, k, pointNorms)
          : new HamerlyBounds(x, n, d, k, pointNorms);
      return new ProductAssignment(x, n, d, k, mean, pointNorms, bounds, par);
    }
    return d == 3 ? new PixelAssignment(x, n, k, par) : new HamerlyAssignment(x, n, d, k, par);
  }

  /**
   * Assigns every point to its nearest centroid of {@code centers} (k x d; read, not kept after
   * the call) and collects the statistics of {@link #inertia()} and {@link #update}.
   *
   * @param moves how far each centroid moved since the previous call, for bounds; null on the
   *     first step of a run, which forgets the labels, bounds and statistics of earlier calls
   * @return whether a label changed; always true when {@code moves} is null
   */
  boolean assign(double[] centers, CentroidMoves moves);

  /**
   * The inertia of the last {@link #assign}, as reported to a listener (the strategy documents
   * how exact it is).
   */
  double inertia();

  /**
   * Moves the point farthest from its centroid into every empty cluster (see the class comment)
   * and updates the statistics; returns whether a point moved.
   *
   * @param centers the centroids of the last {@link #assign}
   * @throws IllegalStateException if no point can be moved (fewer distinct points than k)
   */
  boolean fillEmptyClusters(double[] centers);

  /** Writes the new centroids, the mean of each cluster's points, into {@code next} (k x d). */
  void update(double[] next);

  /**
   * The end of a run: assigns the points to {@code centers} once more (without statistics) if
   * {@code relabel}, then returns the inertia of the labels for {@code centers} from distances
   * computed directly.
   *
   * @param moves how far the centroids moved since the last {@link #assign}
   */
  double finish(double[] centers, CentroidMoves moves, boolean relabel);

  /** The current label of every point (the live array: copy it to keep it). */
  int[] labels();
}
