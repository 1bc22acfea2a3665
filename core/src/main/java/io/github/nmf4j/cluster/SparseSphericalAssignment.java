package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * The assignment step of spherical k-means ({@link Distance#COSINE}) on sparse rows already
 * scaled to unit length ({@link SparseRows#unit}): {@link SphericalAssignment}'s step with
 * {@link SparseAssignment}'s kernels. Every point goes to the centroid of largest {@code x.c}
 * (ties to the lowest index), the products {@code x.c_j} for all {@code j} at once from the
 * row's stored entries against the transposed centroids ({@link SparseRows#dots}, {@code
 * nonZeros k} fused multiply-adds per iteration); its distance is {@code 1 - x.c}, clamped at 0.
 * The update is the mean of each cluster's unit rows ({@link SparseRows#clusterSums}, by column
 * in point order) scaled to unit length; a cluster whose points sum to the zero vector takes its
 * first point as its direction. An empty cluster takes the point of largest cosine distance to
 * its centroid, from that distance of the last assignment, as on the dense path. No bounds.
 *
 * <p><b>Against the dense step.</b> The unit rows are bit for bit the dense ones, but the
 * products are fused multiply-adds over the stored entries (the dense step multiplies and adds
 * separately over all {@code d} features) and the cluster sums run in point order by column (the
 * dense step sums in four banks per chunk): both differ from the dense step's by rounding
 * (about {@code 2^-53} relative), so the labels are those of the dense fit except where two
 * centroids' products with a point are within that rounding of each other, and the centroids
 * and inertia equal the dense fit's to rounding (tested to 1e-12 relative), not bit for bit.
 *
 * <p>Points are assigned in the fixed chunks of {@link Chunks}, partial inertias added in chunk
 * order, sums added in point order: results do not depend on the number of threads.
 */
final class SparseSphericalAssignment extends SparseStep {

  /** The step for the unit rows {@code x} (built by column) and {@code k} clusters. */
  SparseSphericalAssignment(SparseRows x, int k, Parallel par) {
    super(x, k, par);
  }

  /**
   * The lowest {@code j} that maximizes {@code x_i . c_j}, whose value it leaves in {@code
   * buffer[0]} ({@code buffer}, of length at least k, holds the products on the way).
   */
  static int nearest(SparseRows x, int i, double[][] ct, int k, double[] buffer) {
    x.dots(i, ct, k, buffer);
    int label = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (buffer[j] > top) {
        top = buffer[j];
        label = j;
      }
    }
    buffer[0] = top;
    return label;
  }

  /** The argmax of {@code x.c}; the distance {@code 1 - x.c}, clamped at 0. */
  @Override
  int label(int i, double[] buffer) {
    int label = nearest(x, i, transposed, k, buffer);
    dist[i] = Math.max(0, 1 - buffer[0]);
    return label;
  }

  /** {@inheritDoc} The distances are those of the last assignment, as on the dense path. */
  @Override
  public boolean fillEmptyClusters(double[] centers) {
    boolean relocated = false;
    for (int j = 0; j < k; j++) {
      if (counts[j] != 0) {
        continue;
      }
      fill(j);
      relocated = true;
    }
    return relocated;
  }

  /**
   * {@inheritDoc} Each mean scaled to unit length ({@link SphericalAssignment#normalize}); a
   * cluster whose points sum to the zero vector takes its first point. (The sums of unit rows
   * cannot overflow, so the means are plain quotients.)
   */
  @Override
  public void update(double[] next) {
    super.update(next);
    for (int j = 0; j < k; j++) {
      if (!SphericalAssignment.normalize(next, j * d, d)) {
        for (int i = 0; i < n; i++) {
          if (labels[i] == j) {
            x.densify(i, next, j * d);
            break;
          }
        }
      }
    }
  }

  /** Always assigns once more, as the dense spherical step does. */
  @Override
  public double finish(double[] centers, CentroidMoves moves, boolean relabel) {
    pass(centers, true);
    return inertia;
  }

  /**
   * The labels of the unit rows {@code y} for the unit centroids {@code c} (k x d): the argmax a
   * sparse cosine fit uses, so its training points get their training labels.
   */
  static int[] predict(SparseRows y, double[] c, int k, Parallel par) {
    double[][] ct = transpose(c, k, y.d);
    return Chunks.labels(y.n, k, par, (i, buffer) -> nearest(y, i, ct, k, buffer));
  }

  /**
   * The cosine distances {@code 1 - y_i . c_j} (clamped at 0) of the unit rows {@code y} to the
   * unit centroids {@code c} (k x d), m x k row-major, from the products a fit ranks by.
   */
  static double[] distances(SparseRows y, double[] c, int k, Parallel par) {
    int m = y.n;
    double[][] ct = transpose(c, k, y.d);
    double[] out = new double[m * k];
    int chunks = Chunks.count(m, k);
    par.forEach(chunks, ch -> {
      double[] buffer = new double[k];
      for (int i = Chunks.start(m, chunks, ch), to = Chunks.start(m, chunks, ch + 1); i < to;
          i++) {
        y.dots(i, ct, k, buffer);
        for (int j = 0; j < k; j++) {
          out[i * k + j] = Math.max(0, 1 - buffer[j]);
        }
      }
    });
    return out;
  }

  private static double[][] transpose(double[] c, int k, int d) {
    double[][] ct = new double[d][k];
    SparseAssignment.prepare(c, k, d, ct, new double[k]);
    return ct;
  }
}
