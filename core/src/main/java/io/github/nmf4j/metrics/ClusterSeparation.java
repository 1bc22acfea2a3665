package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * The centroid-based internal indices of {@link ClusteringMetrics}: Davies-Bouldin and
 * Calinski-Harabasz, as scikit-learn's {@code davies_bouldin_score} and {@code
 * calinski_harabasz_score}. Both are ratios that do not change when every point is scaled
 * alike, so points whose squared distances would overflow or underflow are measured as a copy
 * scaled by an exact power of two ({@link Rescaling#shiftIntoRange}), as the silhouette is.
 * Cost {@code O(n d + k^2 d)} time and {@code O(k d)} memory beyond that copy.
 */
final class ClusterSeparation {

  /** numpy's {@code allclose(x, 0)} tolerance, {@code atol}, which Davies-Bouldin applies. */
  static final double ALL_CLOSE_TO_ZERO = 1e-8;

  private final double[] x;
  private final int n;
  private final int d;
  /** The points were scaled by {@code 2^-shift}. */
  private final int shift;
  private final int[] labels;
  private final int k;
  private final int[] sizes;
  private final double[] centroids;

  private ClusterSeparation(Matrix points, int[] labels, String index) {
    double[] data = Labels.checkedPoints(points, labels);
    this.n = points.rows();
    this.d = points.cols();
    this.labels = Labels.dense(labels);
    this.k = Labels.count(this.labels);
    if (k < 2 || k > n - 1) {
      throw new IllegalArgumentException("the " + index + " needs between 2 and n - 1 = "
          + (n - 1) + " distinct labels, labels has " + k);
    }
    this.shift = Rescaling.shiftIntoRange(Rescaling.largest(data), (long) n * d);
    this.x = shift == 0 ? data : Rescaling.scaled(data, -shift);
    this.sizes = new int[k];
    this.centroids = new double[k * d];
    for (int i = 0; i < n; i++) {
      int c = this.labels[i];
      sizes[c]++;
      for (int f = 0; f < d; f++) {
        centroids[c * d + f] += x[i * d + f];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int f = 0; f < d; f++) {
        centroids[c * d + f] /= sizes[c];
      }
    }
  }

  /** See {@link ClusteringMetrics#daviesBouldin}. */
  static double daviesBouldin(Matrix points, int[] labels) {
    return new ClusterSeparation(points, labels, "Davies-Bouldin index").daviesBouldin();
  }

  /** See {@link ClusteringMetrics#calinskiHarabasz}. */
  static double calinskiHarabasz(Matrix points, int[] labels) {
    return new ClusterSeparation(points, labels, "Calinski-Harabasz index").calinskiHarabasz();
  }

  private double daviesBouldin() {
    double[] spread = new double[k];
    for (int i = 0; i < n; i++) {
      spread[labels[i]] += Math.sqrt(Rows.squaredDistance(x, i, centroids, labels[i], d));
    }
    boolean spreadsNearZero = true;
    for (int c = 0; c < k; c++) {
      spread[c] /= sizes[c];
      spreadsNearZero &= Math.scalb(spread[c], shift) <= ALL_CLOSE_TO_ZERO;
    }
    double[] separation = new double[k * k];
    boolean separationsNearZero = true;
    for (int c = 0; c < k; c++) {
      for (int e = 0; e < c; e++) {
        double s = Math.sqrt(Rows.squaredDistance(centroids, c, centroids, e, d));
        separation[c * k + e] = s;
        separation[e * k + c] = s;
        separationsNearZero &= Math.scalb(s, shift) <= ALL_CLOSE_TO_ZERO;
      }
    }
    if (spreadsNearZero || separationsNearZero) {
      return 0.0;
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double worst = 0;
      for (int e = 0; e < k; e++) {
        double s = separation[c * k + e];
        if (e != c && s > 0) {
          worst = Math.max(worst, (spread[c] + spread[e]) / s);
        }
      }
      sum += worst;
    }
    return sum / k;
  }

  private double calinskiHarabasz() {
    double[] mean = Rows.columnMeans(x, n, d, 1, Parallel.serial());
    double between = 0;
    for (int c = 0; c < k; c++) {
      between += sizes[c] * Rows.squaredDistance(centroids, c, mean, 0, d);
    }
    double within = 0;
    for (int i = 0; i < n; i++) {
      within += Rows.squaredDistance(x, i, centroids, labels[i], d);
    }
    if (within == 0.0) {
      return 1.0;
    }
    return between * (n - k) / (within * (k - 1.0));
  }
}
