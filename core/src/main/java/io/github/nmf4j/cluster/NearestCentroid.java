package io.github.nmf4j.cluster;

/**
 * The assignment kernel of k-means on raw row-major arrays: each point goes to the centroid at
 * the smallest squared Euclidean distance, ties to the lowest index (as numpy's argmin).
 *
 * <p>Distances are computed directly, {@code sum_f (x_f - c_f)^2} summed over features in
 * order, which for the few features of pixels is faster than the {@code |x|^2 - 2 x.c + |c|^2}
 * product form and exact to rounding. Every method sums in the same order, so the distance
 * used to pick a label, the inertia and {@code predict} agree bit for bit.
 */
final class NearestCentroid {

  private NearestCentroid() {}

  /** {@code |x_i - c_j|^2} for point {@code i} and centroid {@code j} of width {@code d}. */
  static double squaredDistance(double[] x, int i, double[] c, int j, int d) {
    int xo = i * d;
    int co = j * d;
    double s = 0;
    for (int f = 0; f < d; f++) {
      double t = x[xo + f] - c[co + f];
      s += t * t;
    }
    return s;
  }

  /**
   * Assigns points {@code [from, to)} of {@code x} (n x d) to the nearest of the {@code k}
   * centroids {@code c} (k x d). Writes {@code labels[i]}; writes the squared distance to
   * {@code dist[i]} if {@code dist} is not null; adds each point to {@code sums} (k x d) and
   * counts it in {@code counts} (k) if they are not null.
   *
   * @return the sum of the squared distances of the points to their centroid
   */
  static double assign(double[] x, int d, int from, int to, double[] c, int k, int[] labels,
      double[] dist, double[] sums, int[] counts) {
    if (d == 3) {
      return assign3(x, from, to, c, k, labels, dist, sums, counts);
    }
    double inertia = 0;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      double best = Double.POSITIVE_INFINITY;
      int label = 0;
      for (int j = 0, co = 0; j < k; j++, co += d) {
        double s = 0;
        for (int f = 0; f < d; f++) {
          double t = x[xo + f] - c[co + f];
          s += t * t;
        }
        if (s < best) {
          best = s;
          label = j;
        }
      }
      labels[i] = label;
      inertia += best;
      if (dist != null) {
        dist[i] = best;
      }
      if (sums != null) {
        counts[label]++;
        int so = label * d;
        for (int f = 0; f < d; f++) {
          sums[so + f] += x[xo + f];
        }
      }
    }
    return inertia;
  }

  /** {@link #assign} for three features (pixels), with the point held in registers. */
  private static double assign3(double[] x, int from, int to, double[] c, int k, int[] labels,
      double[] dist, double[] sums, int[] counts) {
    double inertia = 0;
    for (int i = from; i < to; i++) {
      int xo = 3 * i;
      double x0 = x[xo];
      double x1 = x[xo + 1];
      double x2 = x[xo + 2];
      double best = Double.POSITIVE_INFINITY;
      int label = 0;
      for (int j = 0, co = 0; j < k; j++, co += 3) {
        double t0 = x0 - c[co];
        double t1 = x1 - c[co + 1];
        double t2 = x2 - c[co + 2];
        double s = t0 * t0 + t1 * t1 + t2 * t2;
        if (s < best) {
          best = s;
          label = j;
        }
      }
      labels[i] = label;
      inertia += best;
      if (dist != null) {
        dist[i] = best;
      }
      if (sums != null) {
        counts[label]++;
        int so = 3 * label;
        sums[so] += x0;
        sums[so + 1] += x1;
        sums[so + 2] += x2;
      }
    }
    return inertia;
  }

  /** The sum over points {@code [from, to)} of the squared distance to their labelled centroid. */
  static double inertia(double[] x, int d, int from, int to, double[] c, int[] labels) {
    double inertia = 0;
    for (int i = from; i < to; i++) {
      inertia += squaredDistance(x, i, c, labels[i], d);
    }
    return inertia;
  }

  /**
   * Writes the Euclidean (not squared) distances from points {@code [from, to)} to every
   * centroid into the row-major {@code n x k} array {@code out}.
   */
  static void distances(double[] x, int d, int from, int to, double[] c, int k, double[] out) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < k; j++) {
        out[i * k + j] = Math.sqrt(squaredDistance(x, i, c, j, d));
      }
    }
  }
}
