package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.CentredProducts;
import java.util.SplittableRandom;

/**
 * Initial centroids from sparse rows ({@link SparseRows}), dense: k-means++ with greedy local
 * trials, and uniform random rows.
 *
 * <p>k-means++ is {@link Seeding#kMeansPlusPlus} (scikit-learn's {@code _kmeans_plusplus}), in
 * the steps of {@link GreedySeeding}, with
 * the squared distances from all points to the candidates of a step in product form, {@code
 * |x|^2 + |c|^2 - 2 x.c}, the candidates densified and transposed so that the products come from
 * {@link SparseRows#dots}'s sums ({@link #candidateDots}), as {@link ProductSeeding} does for dense wide data but without
 * centring (which would fill in the rows). A value at or below the formula's rounding bound
 * ({@link CentredProducts#bound} with {@code |x| + |c|}) is recomputed directly from the
 * differences ({@link SparseRows#exactDistance}), so a point equal to a centre has weight exactly
 * 0 and is never drawn again. The random stream is used exactly as in {@link
 * Seeding#kMeansPlusPlus}, and chunks depend only on the data's shape, so the centres are the
 * same for any thread count.
 */
final class SparseSeeding extends GreedySeeding {

  private final SparseRows x;
  private final double rounding;
  /** The candidates of a step transposed, and their squared norms. */
  private final double[][] transposed;
  private final double[] norms;
  private final double[][] dots;

  private SparseSeeding(SparseRows x, int trials, int chunks) {
    super(x.n, x.d, trials);
    this.x = x;
    this.rounding = CentredProducts.rounding(d);
    this.transposed = new double[d][trials];
    this.norms = new double[trials];
    this.dots = new double[chunks][trials];
  }

  /**
   * k-means++ with greedy local trials on rows with at least {@code k} distinct rows.
   *
   * @return the {@code k x d} centroids, row-major
   */
  static double[] kMeansPlusPlus(SparseRows x, int k, SplittableRandom random, Parallel par) {
    int trials = Seeding.trials(k);
    int chunks = Chunks.count(x.n, trials);
    return new SparseSeeding(x, trials, chunks).kMeansPlusPlus(k, chunks, random, par);
  }

  @Override
  void load(int i, int t) {
    x.densify(i, candidates, t * d);
  }

  /** The first point equal to none of the first {@code c} centroids. */
  @Override
  int firstNewPoint(double[] centers, int c) {
    for (int i = 0; i < n; i++) {
      boolean isNew = true;
      for (int j = 0; j < c && isNew; j++) {
        isNew = !x.equalsRow(i, centers, j);
      }
      if (isNew) {
        return i;
      }
    }
    throw new IllegalStateException("fewer distinct points than centroids");
  }

  /** Transposes the first {@code m} candidates (d rows of m) and takes their squared norms. */
  @Override
  void prepare(int m) {
    SparseAssignment.prepare(candidates, m, d, transposed, norms);
  }

  /**
   * {@code out[i * m + t]}: the squared distance from point {@code i} in {@code [from, to)} (of
   * chunk {@code ch}) to candidate {@code t < m}, in product form clamped at 0, or computed
   * directly when at or below the rounding bound of the product form.
   */
  @Override
  void distances(int ch, int from, int to, int m, double[] out) {
    double[] products = dots[ch];
    for (int i = from; i < to; i++) {
      candidateDots(i, m, products);
      double pn = x.norms[i];
      double radius = Math.sqrt(pn);
      for (int t = 0; t < m; t++) {
        double v = pn + (norms[t] - 2 * products[t]);
        double r = radius + Math.sqrt(norms[t]);
        out[i * m + t] =
            v > CentredProducts.bound(rounding, r) ? v : x.exactDistance(i, candidates, t);
      }
    }
  }

  /**
   * {@code out[t] = x_i . c_t} for the first {@code m} candidates: {@link SparseRows#dots(int,
   * double[][], int, double[])}'s chains of fused multiply-adds (each candidate's in the order of
   * the stored entries), so the same values, in a loop of this class's own. C2 profiles a
   * loop's trip counts per method, not per caller: when the seeding's few candidates (2 + ln k)
   * ran through {@code SparseRows.dots} first, its loops were compiled for them, and the Lloyd
   * iterations that followed at k = 20 ran 25% slower for the rest of the JVM (a k-means++ fit
   * of FOLDOC's 11,843 TF-IDF rows, one thread: 0.28-0.30 s against 0.22 s when a fit from
   * random rows had run first).
   */
  private void candidateDots(int i, int m, double[] out) {
    java.util.Arrays.fill(out, 0, m, 0);
    for (int q = x.pointers[i], end = x.pointers[i + 1]; q < end; q++) {
      double[] row = transposed[x.columns[q]];
      double v = x.values[q];
      for (int t = 0; t < m; t++) {
        out[t] = Math.fma(v, row[t], out[t]);
      }
    }
  }

  /**
   * {@code k} distinct rows chosen uniformly at random, as {@link Seeding#random} chooses them.
   *
   * @return the {@code k x d} centroids, row-major
   */
  static double[] random(SparseRows x, int k, SplittableRandom random) {
    double[] centers = new double[k * x.d];
    int c = 0;
    for (int i : Seeding.randomRows(x.n, k, random)) {
      x.densify(i, centers, c++ * x.d);
    }
    return centers;
  }
}
