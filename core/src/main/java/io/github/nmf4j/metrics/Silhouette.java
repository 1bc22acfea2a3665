package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The silhouette coefficient (Rousseeuw, "Silhouettes: a graphical aid to the interpretation
 * and validation of cluster analysis", J. Comput. Appl. Math. 20, 1987) with Euclidean
 * distances, as scikit-learn's {@code silhouette_samples} and {@code silhouette_score}.
 *
 * <p>For sample {@code i} in cluster {@code C}, {@code a(i)} is the mean distance to the other
 * members of {@code C}, {@code b(i)} the smallest mean distance to the members of another
 * cluster, and {@code s(i) = (b(i) - a(i)) / max(a(i), b(i))}, in [-1, 1]; {@code s(i) = 0} when
 * {@code C} has one member (and when {@code a = b = 0}). The score is the mean of {@code s(i)}.
 *
 * <p><b>Cost.</b> The exact coefficient needs every pairwise distance: {@code O(n^2 d)} time,
 * computed on the fly. {@link #score} is exact up to {@value #EXACT_LIMIT} samples; above, it
 * returns the seeded estimate of {@link #estimate} with {@value #DEFAULT_SAMPLE_SIZE} samples,
 * which costs {@code O(m n d)}.
 *
 * <p><b>Two ways to compute distances.</b> With fewer than {@value #WIDE_FEATURES} features
 * each distance is computed directly, {@code sqrt(sum_f (x_f - y_f)^2)} ({@code O(n + k)} extra
 * memory per thread). From {@value #WIDE_FEATURES} features on (the switch-over measured on this
 * project's benchmark machine; see docs/benchmarks.md), the distances between two blocks of 256
 * points come from one matrix product, {@code sqrt(|x'|^2 + |y'|^2 - 2 x'.y')} on rows centred
 * by the mean, as scikit-learn computes them (without the centring); a squared distance too
 * small for that formula to be accurate to 1e-10 relative (near-duplicate points) is recomputed
 * directly. {@link #samples} computes each pair of blocks once, a distance serving both its
 * points; each sample's per-block sums are added exactly in fixed point, so the order in which
 * blocks finish does not matter. Extra memory is {@code O(n k)} plus about {@code 600 d}
 * doubles per thread.
 *
 * <p><b>Threads.</b> The overloads without {@code threads} use all available processors. The
 * work is split into fixed blocks of samples and every sum runs over the points in index order,
 * so results are bit-identical for any thread count.
 *
 * <p>The coefficient does not change when every point is scaled alike: points with values near
 * {@code 1e154} or beyond, whose squared distances would overflow, and points whose values are
 * all below about {@code 1e-77}, whose squared distances would underflow, are measured as a copy
 * scaled by an exact power of two, so that their silhouettes are those of ordinary points.
 *
 * <p>Labels are arbitrary {@code int}s (negative values allowed); there must be at least 2 and
 * at most {@code n - 1} distinct labels, as scikit-learn requires.
 */
public final class Silhouette {

  /** The largest number of samples for which {@link #score} computes the exact mean. */
  public static final int EXACT_LIMIT = 20_000;

  /** The number of samples {@link #score} evaluates above {@link #EXACT_LIMIT}. */
  public static final int DEFAULT_SAMPLE_SIZE = 5_000;

  /**
   * The number of features from which distances come from matrix products (measured on this
   * project's benchmark machine; see docs/benchmarks.md).
   */
  public static final int WIDE_FEATURES = 8;

  private static final int SAMPLES_PER_CHUNK = 64;

  private Silhouette() {}

  /**
   * The silhouette {@code s(i)} of every sample, exactly.
   *
   * @param points n x d, one sample per row
   * @param labels the cluster of every sample
   * @throws IllegalArgumentException if {@code points} is null, empty or not finite, if the
   *     number of labels differs from the number of rows, or if there are fewer than 2 or more
   *     than {@code n - 1} distinct labels
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public static double[] samples(Matrix points, int[] labels) {
    return samples(points, labels, Parallel.defaultThreadCount());
  }

  /**
   * {@link #samples(Matrix, int[])} on at most {@code threads} threads; the result does not
   * depend on their number.
   *
   * @throws IllegalArgumentException if {@code threads < 1}, or as {@link #samples(Matrix,
   *     int[])}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public static double[] samples(Matrix points, int[] labels, int threads) {
    Parallel par = threads(threads);
    Data data = Data.of(points, labels);
    int[] all = new int[data.n];
    Arrays.setAll(all, i -> i);
    return data.silhouettes(all, par);
  }

  /**
   * The mean silhouette: exact when {@code n <= EXACT_LIMIT}, otherwise {@link #estimate} with
   * {@link #DEFAULT_SAMPLE_SIZE} samples and seed 0.
   *
   * @throws IllegalArgumentException as {@link #samples}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public static double score(Matrix points, int[] labels) {
    return score(points, labels, Parallel.defaultThreadCount());
  }

  /**
   * {@link #score(Matrix, int[])} on at most {@code threads} threads; the result does not depend
   * on their number.
   *
   * @throws IllegalArgumentException if {@code threads < 1}, or as {@link #samples(Matrix,
   *     int[])}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public static double score(Matrix points, int[] labels, int threads) {
    threads(threads);
    Data data = Data.of(points, labels);
    if (data.n <= EXACT_LIMIT) {
      return mean(samples(points, labels, threads));
    }
    return estimate(points, labels, DEFAULT_SAMPLE_SIZE, 0, threads);
  }

  /**
   * A seeded, unbiased estimate of the mean silhouette: the mean of the exact {@code s(i)}
   * (each computed against all {@code n} samples) over {@code sampleSize} samples drawn
   * uniformly without replacement. Its standard error is about {@code sd(s) / sqrt(sampleSize)}
   * (below 0.01 for 5,000 samples). When {@code sampleSize >= n} it is the exact mean.
   * (scikit-learn's {@code sample_size} instead computes the silhouette of the subsample
   * alone.)
   *
   * @throws IllegalArgumentException if {@code sampleSize < 1}, or as {@link #samples}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public static double estimate(Matrix points, int[] labels, int sampleSize, long seed) {
    return estimate(points, labels, sampleSize, seed, Parallel.defaultThreadCount());
  }

  /**
   * {@link #estimate(Matrix, int[], int, long)} on at most {@code threads} threads; the result
   * does not depend on their number.
   *
   * @throws IllegalArgumentException if {@code threads < 1}, or as {@link #estimate(Matrix,
   *     int[], int, long)}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public static double estimate(Matrix points, int[] labels, int sampleSize, long seed,
      int threads) {
    Parallel par = threads(threads);
    Arguments.requireAtLeast(sampleSize, 1, "sampleSize");
    Data data = Data.of(points, labels);
    int n = data.n;
    int m = Math.min(sampleSize, n);
    int[] chosen;
    if (m == n) {
      chosen = new int[n];
      Arrays.setAll(chosen, i -> i);
    } else {
      chosen = sample(n, m, new SplittableRandom(seed));
    }
    return mean(data.silhouettes(chosen, par));
  }

  private static Parallel threads(int threads) {
    Arguments.requireAtLeast(threads, 1, "threads");
    return Parallel.of(threads);
  }

  /** {@code m} distinct indices of {@code [0, n)} uniformly (Floyd's algorithm), ascending. */
  private static int[] sample(int n, int m, SplittableRandom random) {
    java.util.BitSet taken = new java.util.BitSet(n);
    for (int j = n - m; j < n; j++) {
      int t = random.nextInt(j + 1);
      taken.set(taken.get(t) ? j : t);
    }
    return taken.stream().toArray();
  }

  private static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /** Validated points and dense labels with the cluster sizes. */
  static final class Data {
    final double[] x;
    final int n;
    final int d;
    final int[] labels;
    final int clusters;
    final int[] sizes;

    private Data(double[] x, int n, int d, int[] labels, int clusters, int[] sizes) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.labels = labels;
      this.clusters = clusters;
      this.sizes = sizes;
    }

    static Data of(Matrix points, int[] labels) {
      double[] x = Labels.checkedPoints(points, labels);
      // s(i) is a ratio of distances, the same for the points scaled by a power of two (which is
      // exact): points whose squared distances would overflow (values near 1e154 or beyond) or
      // underflow (all values below about 1e-77) are measured scaled into range.
      int shift = Rescaling.shiftIntoRange(Rescaling.largest(x),
          (long) points.rows() * points.cols());
      if (shift != 0) {
        x = Rescaling.scaled(x, -shift);
      }
      int[] dense = Labels.dense(labels);
      int clusters = Labels.count(dense);
      int n = points.rows();
      if (clusters < 2 || clusters > n - 1) {
        throw new IllegalArgumentException("the silhouette needs between 2 and n - 1 = "
            + (n - 1) + " distinct labels, labels has " + clusters);
      }
      int[] sizes = new int[clusters];
      for (int label : dense) {
        sizes[label]++;
      }
      return new Data(x, n, points.cols(), dense, clusters, sizes);
    }

    /** The exact silhouette of each sample in {@code which}, in that order. */
    double[] silhouettes(int[] which, Parallel par) {
      return silhouettes(which, par, d >= WIDE_FEATURES);
    }

    /**
     * As {@link #silhouettes(int[], Parallel)}, with distances from matrix products or direct
     * (the benchmarks' switch-over harness compares the two).
     */
    double[] silhouettes(int[] which, Parallel par, boolean fromProducts) {
      double[] out = new double[which.length];
      if (fromProducts) {
        SilhouetteProducts products = new SilhouetteProducts(x, n, d, labels, clusters, par);
        if (isEverySample(which)) {
          double[] sums = products.allSamples(par);
          for (int i = 0; i < n; i++) {
            out[i] = fromSums(i, sums, i * clusters);
          }
          return out;
        }
        int blocks = (which.length + SilhouetteProducts.SAMPLES - 1) / SilhouetteProducts.SAMPLES;
        par.forEach(blocks, b -> {
          int from = b * SilhouetteProducts.SAMPLES;
          int to = Math.min(which.length, from + SilhouetteProducts.SAMPLES);
          double[] sums = new double[(to - from) * clusters];
          products.sums(which, from, to, sums);
          for (int s = from; s < to; s++) {
            out[s] = fromSums(which[s], sums, (s - from) * clusters);
          }
        });
        return out;
      }
      int chunks = (which.length + SAMPLES_PER_CHUNK - 1) / SAMPLES_PER_CHUNK;
      par.forEach(chunks, ch -> {
        double[] sums = new double[clusters];
        int to = Math.min(which.length, (ch + 1) * SAMPLES_PER_CHUNK);
        for (int s = ch * SAMPLES_PER_CHUNK; s < to; s++) {
          out[s] = silhouette(which[s], sums);
        }
      });
      return out;
    }

    private boolean isEverySample(int[] which) {
      if (which.length != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (which[i] != i) {
          return false;
        }
      }
      return true;
    }

    private double silhouette(int i, double[] sums) {
      Arrays.fill(sums, 0);
      for (int j = 0; j < n; j++) {
        sums[labels[j]] += Math.sqrt(Rows.squaredDistance(x, i, x, j, d));
      }
      return fromSums(i, sums, 0);
    }

    /** s(i) from the sums of its distances to every cluster, {@code sums[o + c]}. */
    private double fromSums(int i, double[] sums, int o) {
      int own = labels[i];
      if (sizes[own] == 1) {
        return 0;
      }
      double a = sums[o + own] / (sizes[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < clusters; c++) {
        if (c != own) {
          b = Math.min(b, sums[o + c] / sizes[c]);
        }
      }
      double max = Math.max(a, b);
      return max == 0 ? 0 : (b - a) / max;
    }
  }
}
