package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The product-form neighbour search finds exactly the neighbours of the sweep (same squared
 * distances in feature order, ties by index), whatever the rounding of the products: on random
 * wide data, on data with repeated rows and equidistant points, and far from the origin.
 */
class ProductNeighborsTest {

  @ParameterizedTest
  @CsvSource({
      "700, 16, 10, 0, 0",
      "700, 64, 10, 0, 0",
      "300, 20, 1, 0, 0",
      "500, 33, 7, 1, 0",
      "500, 24, 12, 2, 0",
      "400, 40, 10, 0, 1e6"})
  void sameNeighborsAsTheExactSweep(int n, int d, int neighbors, int kind, double offset) {
    double[] x = data(n, d, kind, offset);
    int[] sweep = NeighborGraph.sweep(x, n, d, neighbors, Parallel.serial());
    for (int threads : new int[] {1, 2, 3, 8}) {
      assertThat(ProductNeighbors.nearest(x, n, d, neighbors, Parallel.of(threads)))
          .as("%d threads", threads).isEqualTo(sweep);
    }
  }

  /**
   * kind 0: uniform; 1: every row repeated three times; 2: coordinates on a coarse grid (many
   * equal distances). Every coordinate shifted by {@code offset}.
   */
  private static double[] data(int n, int d, int kind, double offset) {
    SplittableRandom r = new SplittableRandom(n * 31L + d);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < d; f++) {
        double v = kind == 2 ? r.nextInt(3) : r.nextDouble();
        x[i * d + f] = kind == 1 && i % 3 != 0 ? x[(i - i % 3) * d + f] : v + offset;
      }
    }
    return x;
  }
}
