package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * The inertia of a clustering, the objective k-means minimizes: the sum over samples of the
 * squared Euclidean distance to the mean of the samples that share its label,
 *
 * <pre>{@code
 * inertia = sum_i |x_i - m_label(i)|^2,   m_c = mean of the x_j with label(j) = c
 * }</pre>
 *
 * <p>For the labels of a converged k-means fit the means are the centroids, and this is {@link
 * io.github.nmf4j.cluster.KMeansModel#inertia()} (scikit-learn's {@code inertia_}) up to
 * rounding; for any other labelling (the clusters of an NMF, of agglomerative clustering, or
 * the true classes) it scores the clustering on the same scale, lower being tighter. Labels are
 * arbitrary {@code int}s (negative values allowed); renaming clusters does not change it.
 *
 * <p>The per-cluster sums and the inertia are added in sample order, feature by feature. A
 * cluster mean whose sum overflows (values near {@code Double.MAX_VALUE}) is computed again
 * without overflow, so identical rows of {@code 1e308} give 0. Cost {@code O(n d)} time and
 * {@code O(k d)} memory for {@code k} clusters, on the calling thread.
 */
public final class Inertia {

  private Inertia() {}

  /**
   * The inertia of {@code labels} on {@code points}.
   *
   * @param points n x d, one sample per row; not modified
   * @param labels the cluster of every sample; not modified
   * @return the sum of squared distances of the samples to their cluster's mean (0 with no
   *     samples)
   * @throws IllegalArgumentException if an argument is null, the number of labels differs from
   *     the number of rows, or {@code points} holds NaN or an infinity
   */
  public static double of(Matrix points, int[] labels) {
    Arguments.requireNonNull(points, "points");
    Arguments.requireNonNull(labels, "labels");
    if (labels.length != points.rows()) {
      throw new IllegalArgumentException("labels has "
          + Phrases.count(labels.length, "entry", "entries") + " but points has "
          + Phrases.count(points.rows(), "row"));
    }
    int n = points.rows();
    int d = points.cols();
    double[] x = MatrixAccess.data(points);
    Arguments.requireFinite(x, d, "points");
    int[] dense = Labels.dense(labels);
    int k = Labels.count(dense);
    double[] means = new double[k * d];
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      int c = dense[i];
      counts[c]++;
      for (int f = 0; f < d; f++) {
        means[c * d + f] += x[i * d + f];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int f = 0; f < d; f++) {
        double mean = means[c * d + f] / counts[c];
        means[c * d + f] =
            Double.isFinite(mean) ? mean : Rows.carefulMean(x, n, d, f, dense, c);
      }
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      int c = dense[i];
      for (int f = 0; f < d; f++) {
        double diff = x[i * d + f] - means[c * d + f];
        inertia += diff * diff;
      }
    }
    return inertia;
  }
}
