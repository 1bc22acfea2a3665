package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.SplittableRandom;

/**
 * The seeding of {@link MiniBatchKMeans}, written once for dense and sparse rows: k-means++ on
 * samples of the data, the best of several on a validation sample (the loop over {@code n_init}
 * in scikit-learn 1.2's {@code MiniBatchKMeans.fit}). The rows are seen through {@link
 * SeedRows}, so the dense and the sparse fit draw the same random numbers in the same order.
 */
final class MiniBatchSeeding {

  private MiniBatchSeeding() {}

  /** Dense {@code n x d} rows, row-major. */
  static SeedRows dense(double[] x, int n, int d) {
    return new DenseRows(x, n, d);
  }

  /** Sparse rows. */
  static SeedRows sparse(SparseRows x) {
    return new SparseRowsSeed(x);
  }

  /**
   * The rows seeding draws samples from, dense or sparse: what {@link #seed} does
   * with them, so that its draws and choices are written once for both kinds of rows.
   */
  interface SeedRows {
    /** The number of rows. */
    int n();

    /** The rows {@code index[0], index[1], ...} (repeats allowed) as rows of their own. */
    SeedRows select(int[] index);

    /** The number of distinct rows, counting at most {@code limit}. */
    int distinctRows(int limit);

    /** {@code k} centroids by k-means++ on these rows. */
    double[] kMeansPlusPlus(int k, SplittableRandom random, Parallel par);

    /** Labels every row for {@code centers} into {@code labels}; returns the inertia. */
    double label(double[] centers, int[] labels, Parallel par);
  }

  /** Dense rows: {@code n x d}, row-major. */
  private record DenseRows(double[] x, int n, int d) implements SeedRows {
    @Override
    public SeedRows select(int[] index) {
      double[] out = new double[index.length * d];
      for (int i = 0; i < index.length; i++) {
        System.arraycopy(x, index[i] * d, out, i * d, d);
      }
      return new DenseRows(out, index.length, d);
    }

    @Override
    public int distinctRows(int limit) {
      return Checks.distinctRows(x, n, d, limit);
    }

    @Override
    public double[] kMeansPlusPlus(int k, SplittableRandom random, Parallel par) {
      return Seeding.kMeansPlusPlus(x, n, d, k, random, par);
    }

    @Override
    public double label(double[] centers, int[] labels, Parallel par) {
      return MiniBatchLoop.label(x, n, d, centers, labels, par);
    }
  }

  /** Sparse rows, sampled by {@link SparseRows#select} and seeded by {@link SparseSeeding}. */
  private record SparseRowsSeed(SparseRows x) implements SeedRows {
    @Override
    public int n() {
      return x.n;
    }

    @Override
    public SeedRows select(int[] index) {
      return new SparseRowsSeed(x.select(index));
    }

    @Override
    public int distinctRows(int limit) {
      return x.distinctRows(limit);
    }

    @Override
    public double[] kMeansPlusPlus(int k, SplittableRandom random, Parallel par) {
      return SparseSeeding.kMeansPlusPlus(x, k, random, par);
    }

    @Override
    public double label(double[] centers, int[] labels, Parallel par) {
      return MiniBatchLoop.label(x, centers, labels, par);
    }
  }

  /**
   * scikit-learn's seeding: a validation sample, then {@code restarts} k-means++ seedings on
   * samples of {@code initSize} points, keeping the lowest validation inertia (the first on
   * ties). A sample with fewer than {@code k} distinct points is seeded from all the points.
   * Samples are drawn uniformly with replacement, one {@code nextInt(n)} per row; the dense and
   * the sparse fit draw the same numbers.
   */
  static double[] seed(SeedRows x, int k, int initSize, int restarts, SplittableRandom random,
      Parallel par) {
    SeedRows validation = x.select(sampleRows(x.n(), initSize, random));
    int[] validationLabels = new int[initSize];
    double[] best = null;
    double bestInertia = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      Parallel.checkInterrupt();
      SeedRows sample = x.select(sampleRows(x.n(), initSize, random));
      SplittableRandom seeding = random.split();
      double[] centers = (sample.distinctRows(k) >= k ? sample : x)
          .kMeansPlusPlus(k, seeding, par);
      double inertia = validation.label(centers, validationLabels, par);
      if (inertia < bestInertia) {
        bestInertia = inertia;
        best = centers;
      }
    }
    return best;
  }

  /** {@code size} row indices below {@code n}, drawn uniformly with replacement. */
  private static int[] sampleRows(int n, int size, SplittableRandom random) {
    int[] rows = new int[size];
    for (int i = 0; i < size; i++) {
      rows[i] = random.nextInt(n);
    }
    return rows;
  }
}
