package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * The assignment step for sparse rows ({@link SparseRows}): the nearest centroid of each point
 * is the argmin over {@code j} of {@code |c_j|^2 - 2 x.c_j} (the product form of {@code |x -
 * c|^2 = |x|^2 - 2 x.c + |c|^2}, not centred, so the rows stay sparse), as scikit-learn computes
 * it on CSR input. An iteration costs {@code nonZeros k} multiply-adds for the products ({@link
 * SparseRows#dots}, centroids transposed so that a stored entry meets {@code k} contiguous
 * values) and {@code nonZeros} additions for the cluster sums ({@link SparseRows#clusterSums},
 * by column: no per-thread partial sums of {@code k x d}). No bounds: a sparse point is cheap to
 * scan.
 *
 * <p><b>Rounding.</b> The computed {@code |x|^2 + |c|^2 - 2 x.c} errs by at most {@code
 * CentredProducts.bound(CentredProducts.rounding(d), |x| + |c|)} (the derivation of {@link
 * io.github.nmf4j.linalg.kernel.CentredProducts} holds without centring, with fewer terms), so
 * two centroids whose squared distances to a point differ by less than twice that may be ranked
 * in either order. The inertia reported on each iteration is the sum of the product-form
 * distances clamped at 0; the final inertia ({@link #finish}) and the choice of the point that
 * re-seeds an empty cluster use {@link SparseRows#distance}, the differences at the stored
 * entries plus the centroid's mass elsewhere.
 *
 * <p>Threads: as {@link SparseStep}.
 */
final class SparseAssignment extends SparseStep {

  SparseAssignment(SparseRows x, int k, Parallel par) {
    super(x, k, par);
  }

  /**
   * Writes {@code c} (k x d) transposed into {@code ct} (d x k) and its rows' squared norms, in
   * feature order, into {@code norms}.
   */
  static void prepare(double[] c, int k, int d, double[] ct, double[] norms) {
    squaredNorms(c, k, d, norms);
    for (int j = 0; j < k; j++) {
      for (int f = 0, o = j * d; f < d; f++) {
        ct[f * k + j] = c[o + f];
      }
    }
  }

  /**
   * As {@link #prepare(double[], int, int, double[], double[])} with {@code ct} by rows: {@code
   * ct[f][j]} (rows of at least {@code k} values) for {@link SparseRows#dots(int, double[][],
   * int, double[])}.
   */
  static void prepare(double[] c, int k, int d, double[][] ct, double[] norms) {
    squaredNorms(c, k, d, norms);
    // one row of ct at a time: k streams of c, each read in order
    for (int f = 0; f < d; f++) {
      double[] row = ct[f];
      for (int j = 0, o = f; j < k; j++, o += d) {
        row[j] = c[o];
      }
    }
  }

  /**
   * {@code norms[j] = |c_j|^2}, a chain of fused multiply-adds in feature order; four
   * centroids' chains side by side, so that the chains' latencies overlap.
   */
  private static void squaredNorms(double[] c, int k, int d, double[] norms) {
    int j = 0;
    for (; j + 3 < k; j += 4) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int f = 0, o = j * d; f < d; f++, o++) {
        s0 = Math.fma(c[o], c[o], s0);
        s1 = Math.fma(c[o + d], c[o + d], s1);
        s2 = Math.fma(c[o + 2 * d], c[o + 2 * d], s2);
        s3 = Math.fma(c[o + 3 * d], c[o + 3 * d], s3);
      }
      norms[j] = s0;
      norms[j + 1] = s1;
      norms[j + 2] = s2;
      norms[j + 3] = s3;
    }
    for (; j < k; j++) {
      double s = 0;
      for (int f = 0, o = j * d; f < d; f++) {
        s = Math.fma(c[o + f], c[o + f], s);
      }
      norms[j] = s;
    }
  }

  /**
   * The nearest centroid of point {@code i} (lowest index on ties) under the product form;
   * returns the label and leaves the minimum of {@code |c_j|^2 - 2 x.c_j} in {@code buffer[0]}
   * ({@code buffer}, of length k, holds the products on the way).
   */
  static int nearest(SparseRows x, int i, double[] ct, double[] norms, double[] buffer) {
    x.dots(i, ct, norms.length, buffer, 0);
    return argmin(norms, buffer);
  }

  /**
   * As {@link #nearest(SparseRows, int, double[], double[], double[])} with the centroids by rows
   * ({@link #prepare(double[], int, int, double[][], double[])}); the same products, so the same
   * label and minimum.
   */
  static int nearest(SparseRows x, int i, double[][] ct, double[] norms, double[] buffer) {
    x.dots(i, ct, norms.length, buffer);
    return argmin(norms, buffer);
  }

  /**
   * The lowest {@code j} that minimizes {@code norms[j] - 2 buffer[j]}, whose value it leaves in
   * {@code buffer[0]}.
   */
  private static int argmin(double[] norms, double[] buffer) {
    int k = norms.length;
    double best = Double.POSITIVE_INFINITY;
    int label = 0;
    for (int j = 0; j < k; j++) {
      double v = norms[j] - 2 * buffer[j];
      if (v < best) {
        best = v;
        label = j;
      }
    }
    buffer[0] = best;
    return label;
  }

  @Override
  int label(int i, double[] buffer) {
    int label = nearest(x, i, transposed, norms, buffer);
    dist[i] = Math.max(0, x.norms[i] + buffer[0]);
    return label;
  }

  @Override
  public boolean fillEmptyClusters(double[] centers) {
    if (!EmptyClusters.any(k, c -> counts[c])) {
      return false;
    }
    distancesToOwn(centers);
    for (int j = 0; j < k; j++) {
      if (counts[j] != 0) {
        continue;
      }
      fill(j);
    }
    return true;
  }

  /** {@code dist[i]}: every point's distance to its centroid ({@link SparseRows#distance}). */
  private void distancesToOwn(double[] centers) {
    EmptyClusters.distancesToOwn(par, n, chunks, dist, partialInertia,
        i -> x.distance(i, centers, labels[i], norms[labels[i]]));
  }

  @Override
  public double finish(double[] centers, CentroidMoves moves, boolean relabel) {
    if (relabel) {
      pass(centers, true);
    } else {
      prepare(centers, k, d, transposed, norms);
    }
    distancesToOwn(centers);
    return Rows.sumInOrder(partialInertia);
  }

  /**
   * The labels of the rows of {@code y} for the centroids {@code c} (k x d): the argmin a sparse
   * fit uses, so the training points of a sparse fit get their training labels.
   */
  static int[] predict(SparseRows y, double[] c, int k, Parallel par) {
    int d = y.d;
    double[][] ct = new double[d][k];
    double[] cn = new double[k];
    prepare(c, k, d, ct, cn);
    return Chunks.labels(y.n, k, par, (i, buffer) -> nearest(y, i, ct, cn, buffer));
  }
}
