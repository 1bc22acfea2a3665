package io.github.nmf4j.cluster;

import java.util.Arrays;

/**
 * Elkan's lower bound per point and centroid for the product form: {@code bounds[i * k + j]}
 * bounds the distance from point {@code i} to centroid {@code j} ({@code +inf} for its own), and
 * is lowered after an update by that centroid's movement. {@code n k} numbers, tighter than
 * {@link HamerlyBounds} when centroids move unevenly; see {@link TriangleBounds} for the test.
 */
final class ElkanBounds extends TriangleBounds {

  private final double[] bounds;

  ElkanBounds(double[] x, int n, int d, int k, double[] pointNorms) {
    super(x, n, d, k, pointNorms);
    this.bounds = new double[n * k];
  }

  /**
   * Whether Elkan's {@code n k} bounds are kept rather than Hamerly's {@code n}: when they take
   * at most a quarter of the memory of the data, or at most {@value #ALWAYS} numbers (32 MB).
   */
  static boolean fits(int n, int d, int k) {
    return (long) n * k <= Math.max((long) n * d / 4, ALWAYS);
  }

  /** The number of bounds always allowed. */
  private static final long ALWAYS = 1L << 22;

  @Override
  void prepareLower(CentroidMoves moves) {
    // moved[] (the movement of each centroid) is all Elkan's bounds need
  }

  @Override
  double lowest(int i, int own) {
    double lo = Double.POSITIVE_INFINITY;
    for (int j = 0, o = i * k; j < k; j++) {
      double b = (bounds[o + j] - moved[j]) * DOWN;
      bounds[o + j] = b;
      lo = Math.min(lo, b);
    }
    return lo;
  }

  @Override
  void recordLower(int i, int label, double second, double[] dots, int o) {
    double base = pointNorms[i] - delta(i);
    for (int j = 0, b = i * k; j < k; j++) {
      double lo2 = base + (centredNorms[j] - 2 * dots[o + j]);
      bounds[b + j] = lo2 > 0 ? Math.sqrt(lo2) * DOWN : 0;
    }
    bounds[i * k + label] = Double.POSITIVE_INFINITY;
  }

  @Override
  void forgetLower(int i) {
    Arrays.fill(bounds, i * k, (i + 1) * k, 0);
  }
}
