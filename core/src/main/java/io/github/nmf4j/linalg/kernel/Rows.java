package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;

/**
 * Row kernels shared by the clustering code and the metrics, on row-major {@code double[]}
 * storage: squared distances between rows, column means and ordered sums. One
 * copy of each, so that every caller that must agree bit for bit with another (a label and the
 * inertia computed from it, {@code predict} and the fit) calls the same code.
 *
 * <p><b>Two summation orders for distances, on purpose.</b> {@link #squaredDistance} adds the
 * squared differences in feature order with a rounding after every multiply and add: the
 * formula of every direct-distance path (k-means on few features, whose three-feature kernel
 * computes {@code t0 * t0 + t1 * t1 + t2 * t2} across a block of points in vector registers,
 * agglomerative clustering, the silhouette). {@link #squaredDistanceWide} keeps eight
 * interleaved chains of fused multiply-adds, which for long rows is several times faster (one
 * chain is bound by the latency of the addition): the formula of the product-form path, whose
 * exact distances (final inertia, re-seeding, near-duplicate fall-backs) come from it. Each path
 * uses one of them everywhere; changing either would change the last bits of its results.
 */
public final class Rows {

  private Rows() {}

  /**
   * {@code sum_t a[ao + t] b[bo + t]} for {@code t < len}: four interleaved chains (terms
   * {@code t mod 4}) added pairwise, {@code (s0 + s1) + (s2 + s3)}, so that the products pipeline
   * instead of waiting on one running sum. The order is fixed: the result depends on the operands
   * only.
   */
  public static double dot(double[] a, int ao, double[] b, int bo, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int t = 0;
    for (; t + 4 <= len; t += 4) {
      s0 += a[ao + t] * b[bo + t];
      s1 += a[ao + t + 1] * b[bo + t + 1];
      s2 += a[ao + t + 2] * b[bo + t + 2];
      s3 += a[ao + t + 3] * b[bo + t + 3];
    }
    for (; t < len; t++) {
      s0 += a[ao + t] * b[bo + t];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@code |x_i - c_j|^2} for row {@code i} of {@code x} and row {@code j} of {@code c}, both of
   * width {@code d}, summed in feature order.
   */
  public static double squaredDistance(double[] x, int i, double[] c, int j, int d) {
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
   * {@code |x_i - c_j|^2} in eight interleaved chains of fused multiply-adds (features {@code f
   * mod 8} in chain {@code f mod 8}, the chains added pairwise): accurate to {@code (d + 2) u}
   * relative, {@code u = 2^-53}.
   */
  public static double squaredDistanceWide(double[] x, int i, double[] c, int j, int d) {
    int xo = i * d;
    int co = j * d;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int f = 0;
    for (; f + 8 <= d; f += 8) {
      int p = xo + f;
      int q = co + f;
      double t0 = x[p] - c[q];
      double t1 = x[p + 1] - c[q + 1];
      double t2 = x[p + 2] - c[q + 2];
      double t3 = x[p + 3] - c[q + 3];
      double t4 = x[p + 4] - c[q + 4];
      double t5 = x[p + 5] - c[q + 5];
      double t6 = x[p + 6] - c[q + 6];
      double t7 = x[p + 7] - c[q + 7];
      s0 = Math.fma(t0, t0, s0);
      s1 = Math.fma(t1, t1, s1);
      s2 = Math.fma(t2, t2, s2);
      s3 = Math.fma(t3, t3, s3);
      s4 = Math.fma(t4, t4, s4);
      s5 = Math.fma(t5, t5, s5);
      s6 = Math.fma(t6, t6, s6);
      s7 = Math.fma(t7, t7, s7);
    }
    for (; f < d; f++) {
      double t = x[xo + f] - c[co + f];
      s0 = Math.fma(t, t, s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code values[0] + values[1] + ... + values[count - 1]}, left to right. */
  public static double sumInOrder(double[] values, int count) {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += values[i];
    }
    return s;
  }

  /** {@link #sumInOrder(double[], int)} of the whole array. */
  public static double sumInOrder(double[] values) {
    return sumInOrder(values, values.length);
  }

  /**
   * The mean of the rows of {@code x} (n x d): the rows are cut into {@code parts} contiguous
   * parts, part {@code p} starting at row {@code n p / parts}; each part's column sums run over
   * its rows in order (in parallel), and the parts are added in order, then divided by {@code
   * n}. The result depends on {@code parts}, never on the thread count; {@code parts = 1} is the
   * plain serial sum.
   *
   * <p>When a column's sum overflows (finite values near {@code Double.MAX_VALUE}), that
   * column's mean is computed again by {@link #carefulMean}, so a finite input always has a
   * finite mean; other columns, and every column of ordinary data, keep the plain sum's bits.
   */
  public static double[] columnMeans(double[] x, int n, int d, int parts, Parallel par) {
    double[] partial = new double[parts * d];
    par.forEach(parts,
        p -> addRows(x, d, partStart(n, parts, p), partStart(n, parts, p + 1), partial, p * d));
    double[] mean = new double[d];
    for (int p = 0; p < parts; p++) {
      for (int f = 0; f < d; f++) {
        mean[f] += partial[p * d + f];
      }
    }
    for (int f = 0; f < d; f++) {
      mean[f] /= n;
      if (!Double.isFinite(mean[f])) {
        mean[f] = carefulMean(x, n, d, f, null, 0);
      }
    }
    return mean;
  }

  /**
   * {@code sum[o + f] += x[i * d + f]} for the rows {@code i} in {@code [from, to)}, in row
   * order: the column sums of one part of a matrix.
   */
  public static void addRows(double[] x, int d, int from, int to, double[] sum, int o) {
    for (int i = from; i < to; i++) {
      int xo = i * d;
      for (int f = 0; f < d; f++) {
        sum[o + f] += x[xo + f];
      }
    }
  }

  /**
   * The mean of column {@code f} over the rows {@code i < n} of {@code x} (width {@code d}) with
   * {@code labels[i] == label} (every row if {@code labels} is null; NaN if there is none),
   * computed so that it cannot overflow when the values are finite: for the case where the
   * plain sum does (values near {@code Double.MAX_VALUE}). It is {@code a + sum_i (x_i - a) /
   * count} with {@code a} the first such value, exact when all values are equal; when even the
   * differences overflow, the mean of the values scaled by {@code 2^-32} (their sum cannot
   * overflow below {@code 2^31} rows), scaled back.
   */
  public static double carefulMean(double[] x, int n, int d, int f, int[] labels, int label) {
    int first = -1;
    int count = 0;
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (labels == null || labels[i] == label) {
        first = first < 0 ? i : first;
        s += x[i * d + f] - x[first * d + f];
        count++;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    double mean = x[first * d + f] + s / count;
    if (Double.isFinite(mean)) {
      return mean;
    }
    s = 0;
    for (int i = 0; i < n; i++) {
      if (labels == null || labels[i] == label) {
        s += Math.scalb(x[i * d + f], -SCALE);
      }
    }
    return Math.scalb(s / count, SCALE);
  }

  /** The scaling of {@link #carefulMean}. */
  private static final int SCALE = 32;

  /** The first row of part {@code p} of {@code parts} ({@code p = parts} gives {@code n}). */
  public static int partStart(int n, int parts, int p) {
    return (int) ((long) n * p / parts);
  }
}
