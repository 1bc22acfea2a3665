package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.CentredProducts;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * The exact k nearest neighbours of every point on wide data, for {@link NeighborGraph}: the
 * squared distances of a block of queries to all points first in product form, {@code |x'_i|^2
 * + |x'_j|^2 - 2 x'_i.x'_j} on rows centred by their mean, from one matrix product ({@link
 * CentredProducts}, as scikit-learn's brute-force search computes them), then, for the points
 * the product form cannot rule out, the distance from the differences ({@link
 * Rows#squaredDistance}, the sweep's own arithmetic), ranked with ties by index.
 *
 * <p><b>Why the result is the sweep's.</b> With {@code b} the bound of {@link CentredProducts}
 * for the query ({@code (|x'_i| + max_j |x'_j|)^2} times its coefficient), every product-form
 * value and every direct sum is within {@code b} of the true squared distance. So if {@code a}
 * is the {@code neighbors}-th smallest product-form value of a query, a point whose direct sum
 * ranks among the {@code neighbors} smallest has a product-form value of at most {@code a + 4b}:
 * the points above that threshold are skipped, all others are ranked exactly. The neighbours,
 * and so the graph, are bit-identical to the sweep's for any thread count.
 *
 * <p><b>Cost.</b> {@code n^2 d} multiply-adds in the blocked matrix product (vectorized), against
 * the sweep's {@code n^2 d} scalar differences on wide data where it cannot prune; memory {@code
 * n d} for the centred rows and {@code 8 n} {@value #BLOCK} bytes per running task for the block
 * of products (5 MB per task at n = 10,000).
 */
final class ProductNeighbors {

  /** Queries per matrix product and parallel task. */
  static final int BLOCK = 64;

  private ProductNeighbors() {}

  /**
   * The {@code neighbors} nearest points of every point (the point itself included), nearest
   * first (by squared distance, then index), {@code n x neighbors} row-major.
   */
  static int[] nearest(double[] x, int n, int d, int neighbors, Parallel par) {
    double[] mean = Chunks.columnMeans(x, n, d, par);
    double[] centred = new double[n * d];
    CentredProducts.centre(x, d, 0, n, mean, centred);
    double[] norms = Chunks.centredNorms(x, n, d, mean, par);
    double radius = 0;
    for (double s : norms) {
      radius = Math.max(radius, Math.sqrt(s));
    }
    double coefficient = CentredProducts.rounding(d);
    double widest = radius;
    int[] out = new int[n * neighbors];
    int blocks = (n + BLOCK - 1) / BLOCK;
    par.forEach(blocks, b -> {
      int first = b * BLOCK;
      int count = Math.min(BLOCK, n - first);
      double[] block = Arrays.copyOfRange(centred, first * d, (first + count) * d);
      double[] values = new double[count * n];
      CentredProducts.products(count, d, n, block, centred, values);
      double[] approximate = new double[neighbors];
      double[] bestDistance = new double[neighbors];
      int[] bestIndex = new int[neighbors];
      for (int t = 0; t < count; t++) {
        int i = first + t;
        int o = t * n;
        Arrays.fill(approximate, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) {
          double a = norms[i] + norms[j] - 2 * values[o + j];
          values[o + j] = a;
          if (a < approximate[neighbors - 1]) {
            int p = neighbors - 1;
            while (p > 0 && approximate[p - 1] > a) {
              approximate[p] = approximate[p - 1];
              p--;
            }
            approximate[p] = a;
          }
        }
        double threshold = approximate[neighbors - 1]
            + 4 * CentredProducts.bound(coefficient, Math.sqrt(norms[i]) + widest);
        Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
        Arrays.fill(bestIndex, Integer.MAX_VALUE);
        for (int j = 0; j < n; j++) {
          if (values[o + j] <= threshold) {
            NeighborGraph.insert(Rows.squaredDistance(x, i, x, j, d), j, neighbors,
                bestDistance, bestIndex);
          }
        }
        System.arraycopy(bestIndex, 0, out, i * neighbors, neighbors);
      }
    });
    return out;
  }
}
