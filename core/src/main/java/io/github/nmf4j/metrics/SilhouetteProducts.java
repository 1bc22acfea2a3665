package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.CentredProducts;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The per-cluster sums of distances the silhouette needs, for wide points. Distances between a
 * block of samples and a block of points come from one matrix product, as {@code sqrt(|x'|^2 +
 * |y'|^2 - 2 x'.y')} on rows centred by the data's mean ({@link CentredProducts}: centring keeps
 * the cancellation relative to the spread of the data, not its offset).
 *
 * <p><b>Rounding.</b> The computed squared distance differs from the exact one by at most
 * {@code delta = (d + 8) u (|x'| + |y'|)^2}, {@code u = 2^-53} ({@link CentredProducts}); the
 * distance, its square root, then has a relative error of at most {@code delta / (2 v)}. Where
 * the computed value {@code v} is below {@link #DIRECT} times {@code 2 delta} ({@link
 * CentredProducts#bound}, which also covers the norms' own rounding), so that this could exceed
 * {@code 1 / (4 DIRECT)} = 2.5e-11 (near duplicates), the distance is computed directly from the
 * differences instead ({@link Rows#squaredDistance}); a sample's distance to itself is 0.
 *
 * <p><b>Symmetry and order.</b> The points are cut into blocks of {@link #POINTS}. For every
 * sample and block, the distances to the block's points are summed per cluster in index order
 * (a "partial"); a sample's total per cluster is the exact sum of its partials, each rounded to a
 * fixed-point multiple of {@code 2^-s} and added as a 104-bit integer (two {@code long}s), so the
 * total does not depend on the order in which partials arrive. This lets {@link #allSamples}
 * compute each pair of blocks once (a distance serves both its points) on any number of threads
 * and still give bit-identical results, equal to those of {@link #sums} for any subset of
 * samples. The fixed point is chosen from an upper bound on all distances so that the sums
 * cannot overflow; its rounding is far below that of the partials themselves.
 */
final class SilhouetteProducts {

  /** Samples per task of {@link #sums}. */
  static final int SAMPLES = 128;
  /** Points per block (rows and columns of one product). */
  static final int POINTS = 256;
  /** Squared distances below this many times their rounding bound are computed directly. */
  static final double DIRECT = 1e10;
  /** Bits of the low word of the fixed-point sums. */
  private static final int LOW_BITS = 40;
  /** Bits of a whole fixed-point total, below the 63 + 40 the two words can hold. */
  private static final int TOTAL_BITS = 100;

  private final double[] x;
  private final int n;
  private final int d;
  private final int[] labels;
  private final int clusters;
  private final double[] mean;
  private final double[] norms;
  private final double[] roots;
  /** {@link #DIRECT} times {@link CentredProducts#rounding}, the coefficient of the bound. */
  private final double directBound;
  /** A partial {@code p} is stored as the integer nearest to {@code p 2^scale}. */
  private final int scale;

  /**
   * @param x n x d points, row-major
   * @param labels dense labels in {@code [0, clusters)}
   */
  SilhouetteProducts(double[] x, int n, int d, int[] labels, int clusters, Parallel par) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.labels = labels;
    this.clusters = clusters;
    int blocks = blocks();
    this.mean = Rows.columnMeans(x, n, d, blocks, par);
    this.norms = CentredProducts.centredNorms(x, n, d, mean, blocks, par);
    this.roots = new double[n];
    for (int i = 0; i < n; i++) {
      roots[i] = Math.sqrt(norms[i]);
    }
    this.directBound = DIRECT * CentredProducts.rounding(d);
    double radius = 0;
    for (double r : roots) {
      radius = Math.max(radius, r);
    }
    // Any distance is at most 2 max |x'| (through the mean), plus rounding; the total of a
    // sample's partials is at most n times that.
    double total = n * 2 * radius * (1 + 1e-6) + Double.MIN_NORMAL;
    this.scale = TOTAL_BITS - Math.getExponent(total) - 1;
  }

  private int blocks() {
    return (n + POINTS - 1) / POINTS;
  }

  /**
   * Every sample's sum of distances to the points of every cluster, {@code out[i * clusters +
   * c]}, computing each pair of blocks once.
   */
  double[] allSamples(Parallel par) {
    int blocks = blocks();
    AtomicLongArray high = new AtomicLongArray(n * clusters);
    AtomicLongArray low = new AtomicLongArray(n * clusters);
    par.forEach(blocks, bi -> {
      int i0 = bi * POINTS;
      int mi = Math.min(POINTS, n - i0);
      double[] a = new double[mi * d];
      double[] b = new double[POINTS * d];
      double[] dots = new double[mi * POINTS];
      double[] rowSums = new double[mi * clusters];
      double[] colSums = new double[POINTS * clusters];
      CentredProducts.centre(x, d, i0, mi, mean, a);
      for (int bj = bi; bj < blocks; bj++) {
        int j0 = bj * POINTS;
        int mj = Math.min(POINTS, n - j0);
        double[] other = a;
        if (bj != bi) {
          CentredProducts.centre(x, d, j0, mj, mean, b);
          other = b;
        }
        CentredProducts.products(mi, d, mj, a, other, dots);
        Arrays.fill(rowSums, 0);
        Arrays.fill(colSums, 0);
        for (int s = 0; s < mi; s++) {
          int i = i0 + s;
          int li = labels[i];
          int o = s * clusters;
          for (int t = 0; t < mj; t++) {
            int j = j0 + t;
            double dist = distance(i, j, dots[s * mj + t]);
            rowSums[o + labels[j]] += dist;
            colSums[t * clusters + li] += dist;
          }
        }
        store(rowSums, i0, mi, high, low);
        if (bj != bi) {
          store(colSums, j0, mj, high, low);
        }
      }
    });
    double[] out = new double[n * clusters];
    for (int e = 0; e < out.length; e++) {
      out[e] = value(high.get(e), low.get(e));
    }
    return out;
  }

  /**
   * For the samples {@code which[from..to)}, the sum of the distances to the points of every
   * cluster: {@code out[s * clusters + c]} for sample {@code which[from + s]}; the same values as
   * {@link #allSamples} gives these samples.
   */
  void sums(int[] which, int from, int to, double[] out) {
    int m = to - from;
    double[] a = new double[m * d];
    double[] b = new double[POINTS * d];
    double[] dots = new double[m * POINTS];
    double[] partial = new double[m * clusters];
    long[] high = new long[m * clusters];
    long[] low = new long[m * clusters];
    CentredProducts.centre(x, d, Arrays.copyOfRange(which, from, to), m, mean, a);
    for (int j0 = 0; j0 < n; j0 += POINTS) {
      int mj = Math.min(POINTS, n - j0);
      CentredProducts.centre(x, d, j0, mj, mean, b);
      CentredProducts.products(m, d, mj, a, b, dots);
      Arrays.fill(partial, 0);
      for (int s = 0; s < m; s++) {
        int i = which[from + s];
        int o = s * clusters;
        for (int t = 0; t < mj; t++) {
          int j = j0 + t;
          partial[o + labels[j]] += distance(i, j, dots[s * mj + t]);
        }
      }
      for (int e = 0; e < partial.length; e++) {
        if (partial[e] != 0) {
          double v = Math.scalb(partial[e], scale);
          long h = (long) Math.floor(Math.scalb(v, -LOW_BITS));
          high[e] += h;
          low[e] += Math.round(v - Math.scalb((double) h, LOW_BITS));
        }
      }
    }
    for (int e = 0; e < m * clusters; e++) {
      out[e] = value(high[e], low[e]);
    }
  }

  /** The distance from point i to point j given {@code x'_i . x'_j}. */
  private double distance(int i, int j, double dot) {
    double v = norms[i] + norms[j] - 2 * dot;
    double r = roots[i] + roots[j];
    if (v > CentredProducts.bound(directBound, r)) {
      return Math.sqrt(v);
    }
    return i == j ? 0 : Math.sqrt(Rows.squaredDistance(x, i, x, j, d));
  }

  /** Adds partials {@code sums[t * clusters + c]} of points {@code first + t} to the totals. */
  private void store(double[] sums, int first, int count, AtomicLongArray high,
      AtomicLongArray low) {
    for (int t = 0; t < count; t++) {
      for (int c = 0; c < clusters; c++) {
        double p = sums[t * clusters + c];
        if (p != 0) {
          int e = (first + t) * clusters + c;
          double v = Math.scalb(p, scale);
          long h = (long) Math.floor(Math.scalb(v, -LOW_BITS));
          high.getAndAdd(e, h);
          low.getAndAdd(e, Math.round(v - Math.scalb((double) h, LOW_BITS)));
        }
      }
    }
  }

  private double value(long high, long low) {
    return Math.scalb((double) high, LOW_BITS - scale) + Math.scalb((double) low, -scale);
  }
}
