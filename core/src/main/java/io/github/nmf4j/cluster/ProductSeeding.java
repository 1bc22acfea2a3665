package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.CentredProducts;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.SplittableRandom;

/**
 * k-means++ seeding for wide data: {@link Seeding#kMeansPlusPlus}, in the steps of {@link
 * GreedySeeding}, with the squared distances
 * from all points to the candidate centres of a step taken in product form, {@code |x'|^2 +
 * |c'|^2 - 2 x'.c'} on points and candidates centred by the data's mean, clamped at 0, the
 * products of a block of points with all candidates coming from one matrix product ({@link
 * CentredProducts}), as scikit-learn's {@code _kmeans_plusplus} computes them. The distances to
 * the chosen candidate are kept, so each step reads the data once.
 *
 * <p>A value below the formula's rounding bound ({@link CentredProducts#bound}) is recomputed
 * directly from the differences ({@link Rows#squaredDistanceWide}), so a point equal to a centre
 * has weight exactly 0 and is never drawn again. The random stream is used exactly as in {@link
 * Seeding#kMeansPlusPlus} (one integer, then {@code 2 + floor(ln k)} doubles per step); blocks
 * and chunks depend only on the data's shape, so the centres are the same for any thread count.
 */
final class ProductSeeding extends GreedySeeding {

  private final double[] x;
  private final double[] mean;
  private final double[] pointNorms;
  private final double rounding;
  /** The candidates of a step centred, and their squared norms. */
  private final double[] centred;
  private final double[] norms;
  private final double[][] blocks;
  private final double[][] dots;
  private double radius;

  private ProductSeeding(double[] x, int n, int d, int trials, double[] mean,
      double[] pointNorms, int chunks) {
    super(n, d, trials);
    this.x = x;
    this.mean = mean;
    this.pointNorms = pointNorms;
    this.rounding = CentredProducts.rounding(d);
    this.centred = new double[trials * d];
    this.norms = new double[trials];
    this.blocks = new double[chunks][];
    this.dots = new double[chunks][];
  }

  /**
   * k-means++ with greedy local trials on the rows of {@code x} (n x d), which must have at
   * least {@code k} distinct rows.
   *
   * @param mean the centring vector (the data's mean)
   * @param pointNorms {@code |x_i - mean|^2} for every row
   * @return the {@code k x d} centroids, row-major
   */
  static double[] kMeansPlusPlus(double[] x, int n, int d, int k, SplittableRandom random,
      Parallel par, double[] mean, double[] pointNorms) {
    int trials = Seeding.trials(k);
    int chunks = ProductAssignment.chunks(n, d, trials, trials);
    return new ProductSeeding(x, n, d, trials, mean, pointNorms, chunks)
        .kMeansPlusPlus(k, chunks, random, par);
  }

  @Override
  void load(int i, int t) {
    System.arraycopy(x, i * d, candidates, t * d, d);
  }

  @Override
  int firstNewPoint(double[] centers, int c) {
    return Seeding.firstNewPoint(x, n, d, centers, c);
  }

  /** Centres the first {@code m} candidates. */
  @Override
  void prepare(int m) {
    radius = CentredProducts.centreRows(candidates, m, d, mean, centred, norms);
  }

  /**
   * {@code out[i * m + t]}: the squared distance from point {@code i} in {@code [from, to)} (of
   * chunk {@code ch}) to candidate {@code t < m}, in product form clamped at 0, or computed
   * directly when below the rounding bound of the product form.
   */
  @Override
  void distances(int ch, int from, int to, int m, double[] out) {
    if (blocks[ch] == null) {
      blocks[ch] = new double[ProductAssignment.BLOCK * d];
      dots[ch] = new double[ProductAssignment.BLOCK * norms.length];
    }
    double[] block = blocks[ch];
    double[] products = dots[ch];
    for (int start = from; start < to; start += ProductAssignment.BLOCK) {
      int count = Math.min(ProductAssignment.BLOCK, to - start);
      CentredProducts.centre(x, d, start, count, mean, block);
      CentredProducts.products(count, d, m, block, centred, products);
      for (int r = 0; r < count; r++) {
        int i = start + r;
        double pn = pointNorms[i];
        double bound = CentredProducts.bound(rounding, Math.sqrt(pn) + radius);
        for (int t = 0; t < m; t++) {
          double v = pn + (norms[t] - 2 * products[r * m + t]);
          out[i * m + t] = v > bound ? v : Rows.squaredDistanceWide(x, i, candidates, t, d);
        }
      }
    }
  }
}
