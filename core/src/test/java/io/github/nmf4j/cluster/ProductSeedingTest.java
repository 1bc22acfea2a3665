package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.testing.Blobs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-means++ with distances in product form picks what the direct seeding picks. */
class ProductSeedingTest {

  @Test
  void picksTheSameCentresAsTheDirectSeeding() {
    // Continuous data: no two potentials within rounding of each other.
    for (int d : new int[] {16, 50, 200}) {
      double[] x = MatrixAccess.data(Blobs.generate(d, 5_000, d, 8, 3, 1.0).points());
      int n = x.length / d;
      double[] mean = Chunks.columnMeans(x, n, d, Parallel.serial());
      double[] norms = Chunks.centredNorms(x, n, d, mean, Parallel.serial());
      for (int k : new int[] {1, 5, 20}) {
        double[] direct = Seeding.kMeansPlusPlus(x, n, d, k, new SplittableRandom(k),
            Parallel.of(2));
        double[] product = ProductSeeding.kMeansPlusPlus(x, n, d, k, new SplittableRandom(k),
            Parallel.of(2), mean, norms);
        assertThat(product).as("d=%d k=%d", d, k).isEqualTo(direct);
      }
    }
  }

  @Test
  void sameCentresForAnyThreadCount() {
    int d = 30;
    double[] x = MatrixAccess.data(Blobs.generate(3, 40_000, d, 12, 2, 1.0).points());
    int n = x.length / d;
    double[] mean = Chunks.columnMeans(x, n, d, Parallel.serial());
    double[] norms = Chunks.centredNorms(x, n, d, mean, Parallel.serial());
    double[] one = ProductSeeding.kMeansPlusPlus(x, n, d, 12, new SplittableRandom(4),
        Parallel.serial(), mean, norms);
    for (int threads : new int[] {2, 3, 8}) {
      assertThat(ProductSeeding.kMeansPlusPlus(x, n, d, 12, new SplittableRandom(4),
          Parallel.of(threads), mean, norms)).as("threads=%d", threads).isEqualTo(one);
    }
  }

  @Test
  void neverDrawsAPointEqualToACentre() {
    // Exactly k distinct rows, each repeated: the product form of a distance between equal rows
    // is rounding noise, recomputed directly to exactly 0, so every centre is a new row.
    int d = 24;
    int k = 6;
    SplittableRandom random = new SplittableRandom(5);
    double[][] distinct = new double[k][d];
    for (double[] row : distinct) {
      for (int f = 0; f < d; f++) {
        row[f] = 1e3 + random.nextDouble() / 3; // an offset and irregular values
      }
    }
    int n = 600;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(distinct[random.nextInt(k)], 0, x, i * d, d);
    }
    double[] mean = Chunks.columnMeans(x, n, d, Parallel.serial());
    double[] norms = Chunks.centredNorms(x, n, d, mean, Parallel.serial());
    for (long seed = 0; seed < 20; seed++) {
      double[] centers = ProductSeeding.kMeansPlusPlus(x, n, d, k, new SplittableRandom(seed),
          Parallel.of(2), mean, norms);
      Set<List<Double>> rows = new HashSet<>();
      for (int j = 0; j < k; j++) {
        Double[] row = new Double[d];
        for (int f = 0; f < d; f++) {
          row[f] = centers[j * d + f];
        }
        rows.add(List.of(row));
      }
      assertThat(rows).as("seed %d", seed).hasSize(k);
    }
  }
}
